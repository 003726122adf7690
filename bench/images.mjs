// The image pipeline's cost and what it serves (decision 011), run by hand:
//
//   npm run bench:images [-- --runs N]      (default 15 runs per file)
//
// 1. Time per upload: the median (and spread) of processUpload (content check,
//    decode, rotate, strip, three WebP variants) and of storing its files, for
//    a 3000 × 2000 camera-like JPEG and a 2000 × 1500 PNG, generated here.
// 2. Bytes per card: which variant a browser takes for a product card, given
//    the card's `sizes` and the screen (width and pixel density), and how many
//    bytes that is, for the photo and for the demo's generated illustrations.
// Writes docs/benchmarks-images.md.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { register } from "tsx/esm/api";

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1] || 0) || 15;
const TMP = "bench/.tmp/images";

process.env.DATABASE_URL ??= "file:./bench/.tmp/unused.db";
register();
const { processUpload, storeVariants, newStorageKey, MAX_UPLOAD_BYTES } = await import("../app/modules/media/pipeline.server.ts");
const { createFileStore } = await import("../app/modules/media/store.server.ts");
const { CARD_IMAGE_SIZES, GALLERY_MAIN_SIZES } = await import("../app/modules/media/image-sources.ts");
const { illustrationFile } = await import("../prisma/seed/illustrations.ts");

/** A camera-like picture: a scene with texture at several scales, so JPEG and WebP have a photo's entropy to code. */
async function cameraJpeg(width, height) {
  const scene = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><radialGradient id="g" cx="0.4" cy="0.4" r="0.8"><stop offset="0" stop-color="#f3d9a4"/><stop offset="1" stop-color="#3f5e2a"/></radialGradient></defs>
    <rect width="${width}" height="${height}" fill="url(#g)"/>
    <circle cx="${width * 0.45}" cy="${height * 0.55}" r="${height * 0.28}" fill="#c0392b"/>
    <circle cx="${width * 0.62}" cy="${height * 0.5}" r="${height * 0.22}" fill="#e67e22"/></svg>`);
  // Texture at several scales (as foliage, fabric or fruit skin has), so it survives downscaling.
  const grain = async (divisor, sigma) =>
    sharp({ create: { width: Math.round(width / divisor), height: Math.round(height / divisor), channels: 3, noise: { type: "gaussian", mean: 128, sigma } } })
      .resize(width, height, { kernel: "cubic" })
      .png()
      .toBuffer();
  const bytes = await sharp(scene)
    .composite([
      { input: await grain(12, 60), blend: "soft-light" },
      { input: await grain(4, 50), blend: "soft-light" },
      { input: await grain(1, 20), blend: "soft-light" },
    ])
    .jpeg({ quality: 88 })
    .withExif({ IFD0: { Make: "BenchCam", Model: "3000x2000" } })
    .toBuffer();
  return { bytes, name: "photo.jpg", type: "image/jpeg" };
}

async function productPng(width, height) {
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect x="${width * 0.2}" y="${height * 0.1}" width="${width * 0.6}" height="${height * 0.8}" rx="60" fill="#1f5f8b"/>
    <rect x="${width * 0.3}" y="${height * 0.35}" width="${width * 0.4}" height="${height * 0.3}" fill="#e8c547"/></svg>`);
  return { bytes: await sharp(svg).png().toBuffer(), name: "label.png", type: "image/png" };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(0)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function timeUploads(label, upload) {
  const store = createFileStore(TMP);
  const processTimes = [];
  const totalTimes = [];
  let image;
  // One warm-up run (libvips loads its codecs on first use).
  await processUpload(upload);
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    image = await processUpload(upload);
    const processed = performance.now();
    await storeVariants(store, newStorageKey(1), image);
    const stored = performance.now();
    processTimes.push(processed - started);
    totalTimes.push(stored - started);
  }
  return {
    label,
    inputBytes: upload.bytes.byteLength,
    process: { median: median(processTimes), min: Math.min(...processTimes), max: Math.max(...processTimes) },
    total: { median: median(totalTimes), min: Math.min(...totalTimes), max: Math.max(...totalTimes) },
    variants: image.variants.map((variant) => ({ width: variant.width, height: variant.height, bytes: variant.data.byteLength })),
  };
}

// ----- what a browser picks from srcset: asked of Chromium itself -----
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/**
 * Writes the variants beside two pages (cards, and a product page's first picture), and asks
 * Chromium which variant it loads, per screen, in a fresh context each time: a browser may
 * reuse a larger variant it already holds, which would hide what a first visit costs.
 */
async function browserChoices(sets, screens) {
  const folder = path.resolve(TMP, "page");
  mkdirSync(folder, { recursive: true });
  const pages = { card: [], page: [] };
  for (const [name, variants] of Object.entries(sets)) {
    for (const variant of variants) writeFileSync(path.join(folder, `${name}-${variant.width}.webp`), variant.data);
    const srcset = variants.map((variant) => `${name}-${variant.width}.webp ${variant.width}w`).join(", ");
    pages.card.push(`<img data-set="${name}" srcset="${srcset}" sizes="${CARD_IMAGE_SIZES}" alt="">`);
    pages.page.push(`<img data-set="${name}" srcset="${srcset}" sizes="${GALLERY_MAIN_SIZES}" alt="">`);
  }
  for (const [kind, images] of Object.entries(pages)) {
    writeFileSync(path.join(folder, `${kind}.html`), `<!doctype html><meta name="viewport" content="width=device-width"><body>${images.join("")}</body>`);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const choices = [];
  try {
    for (const screen of screens) {
      for (const kind of Object.keys(pages)) {
        const context = await browser.newContext({ viewport: { width: screen.width, height: 800 }, deviceScaleFactor: screen.dpr, isMobile: screen.width < 800 });
        const page = await context.newPage();
        await page.goto(pathToFileURL(path.join(folder, `${kind}.html`)).href);
        await page.waitForFunction(() => [...document.images].every((img) => img.complete));
        const picked = await page.$$eval("img", (elements) => elements.map((img) => ({ set: img.dataset.set, src: img.currentSrc })));
        for (const item of picked) {
          const width = Number(/-(\d+)\.webp$/.exec(item.src)?.[1]);
          const variant = sets[item.set].find((candidate) => candidate.width === width);
          choices.push({ screen: screen.name, set: item.set, kind, width, bytes: variant.data.byteLength });
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return choices;
}

const REM = 16;
/** A length in CSS px for a viewport width: \`16.25rem\`, \`100vw\`, \`calc(50vw - 1.5rem)\`. */
function length(text, viewport) {
  const value = text.trim().replace(/^calc\((.*)\)$/, "$1");
  return value.split(/\s+(?=[-+]\s)/).reduce((sum, term) => {
    const match = /^([-+])?\s*([\d.]+)(rem|vw|px)$/.exec(term.trim());
    if (!match) throw new Error(`cannot read ${term} in ${text}`);
    const amount = Number(match[2]) * (match[3] === "rem" ? REM : match[3] === "vw" ? viewport / 100 : 1);
    return sum + (match[1] === "-" ? -amount : amount);
  }, 0);
}
/** The width \`sizes\` gives at this viewport width (min-width conditions only, as ours are). */
function slotWidth(sizes, viewport) {
  for (const entry of sizes.split(/,(?![^(]*\))/)) {
    const match = /^\s*\(min-width:\s*([\d.]+)rem\)\s*(.*)$/.exec(entry);
    if (!match) return length(entry, viewport);
    if (viewport >= Number(match[1]) * REM) return length(match[2], viewport);
  }
  throw new Error(`no default in ${sizes}`);
}

const SCREENS = [
  { name: "phone, 1 column (Pixel 7: 412 px, DPR 2.625)", width: 412, dpr: 2.625 },
  { name: "phone, 1 column (360 px, DPR 2)", width: 360, dpr: 2 },
  { name: "small tablet, 2 columns (600 px, DPR 2)", width: 600, dpr: 2 },
  { name: "tablet, 2 columns (768 px, DPR 2)", width: 768, dpr: 2 },
  { name: "desktop, 4 columns (1280 px, DPR 1)", width: 1280, dpr: 1 },
  { name: "desktop, 4 columns (1440 px, DPR 2)", width: 1440, dpr: 2 },
];

rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
console.log(`Image pipeline: ${RUNS} runs per file on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`);

const photo = await cameraJpeg(3000, 2000);
const png = await productPng(2000, 1500);
if (photo.bytes.byteLength > MAX_UPLOAD_BYTES) throw new Error("the bench photo is over the upload limit");
const results = [await timeUploads("JPEG 3000 × 2000 (camera-like, with EXIF)", photo), await timeUploads("PNG 2000 × 1500 (flat product label)", png)];
for (const result of results) {
  console.log(`${result.label}, ${kb(result.inputBytes)}: process ${ms(result.process.median)} (min ${ms(result.process.min)}, max ${ms(result.process.max)}), with storing ${ms(result.total.median)}`);
}

const photoImage = await processUpload(photo);
const illustrationImages = {};
const illustrations = [];
for (const group of ["I", "II", "VI"]) {
  const image = await processUpload(await illustrationFile(group, 0));
  illustrationImages[`illustration${group}`] = image.variants;
  illustrations.push({ group, variants: image.variants.map((variant) => ({ width: variant.width, bytes: variant.data.byteLength })) });
}
const choices = await browserChoices({ photo: photoImage.variants, ...illustrationImages }, SCREENS);
const choiceOf = (screen, set, kind) => choices.find((choice) => choice.screen === screen && choice.set === set && choice.kind === kind);
const rows = SCREENS.map((screen) => {
  const card = choiceOf(screen.name, "photo", "card");
  const illustrationBytes = ["I", "II", "VI"].map((group) => choiceOf(screen.name, `illustration${group}`, "card").bytes);
  return {
    ...screen,
    slot: slotWidth(CARD_IMAGE_SIZES, screen.width),
    card,
    illustration: illustrationBytes.reduce((sum, bytes) => sum + bytes, 0) / illustrationBytes.length,
    page: choiceOf(screen.name, "photo", "page"),
  };
});
for (const row of rows) console.log(`${row.name}: card ${row.slot.toFixed(0)} px → ${row.card.width} w, photo ${kb(row.card.bytes)}, illustration ${kb(row.illustration)}; product page ${row.page.width} w`);
rmSync(TMP, { recursive: true, force: true });

const report = `# Image pipeline benchmark

Measured by \`npm run bench:images\` (bench/images.mjs) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}). ${RUNS} runs per file after one warm-up; the inputs are generated by the script (no photographs in the repository), so the photo is camera-like (a scene with texture at several scales, about the entropy of a product photo), not a real photograph. Times are CPU-bound and vary with what else the machine runs (two cores; load average ${os.loadavg()[0].toFixed(1)} when the run ended); take the median.

## Time per upload

What \`processUpload\` does (read the header, check the content against the name and type, decode once, turn upright, convert to sRGB, resize, encode four WebP variants at quality 78), and the same plus writing the variants to the media folder (temporary file + rename each).

| input | size | process (median) | min – max | with storing (median) | variants written |
|---|---:|---:|---:|---:|---|
${results
  .map(
    (result) =>
      `| ${result.label} | ${kb(result.inputBytes)} | ${ms(result.process.median)} | ${ms(result.process.min)} – ${ms(result.process.max)} | ${ms(result.total.median)} | ${result.variants.map((variant) => `${variant.width} w: ${kb(variant.bytes)}`).join(", ")} |`,
  )
  .join("\n")}

The demo's generated illustrations (drawn at 1280 × 960, flat colours) come to ${illustrations.map((item) => `${item.group}: ${item.variants.map((v) => kb(v.bytes)).join(" / ")}`).join("; ")} (320 / 640 / 960 / 1280 w).

## Bytes per card

The variant Chromium (${chromiumPath ?? "Playwright's"}) actually loads for a product card's \`<img srcset sizes>\` (\`sizes\`: \`${CARD_IMAGE_SIZES}\`), asked on a page with the real variants at each screen's width and pixel density; "card drawn at" is the width \`sizes\` gives. The product page's first picture is shown for comparison (\`sizes\`: \`${GALLERY_MAIN_SIZES}\`).

| screen | card drawn at | variant taken | bytes: camera-like photo | bytes: demo illustration | product page's first picture |
|---|---:|---:|---:|---:|---:|
${rows
  .map(
    (row) =>
      `| ${row.name} | ${row.slot.toFixed(0)} px | ${row.card.width} w | ${kb(row.card.bytes)} | ${kb(row.illustration)} | ${row.page.width} w, ${kb(row.page.bytes)} |`,
  )
  .join("\n")}

Without variants, every card would load the ${results[0].variants.at(-1).width} w file (${kb(results[0].variants.at(-1).bytes)} for the photo) or the original upload (${kb(results[0].inputBytes)}).
`;
writeFileSync("docs/benchmarks-images.md", report);
console.log("Wrote docs/benchmarks-images.md");
