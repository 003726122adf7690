/**
 * Pictures for the demo: simple drawings made in code (no photographs, no
 * files in the repository), rasterised by sharp to a JPEG or PNG as a camera
 * or a designer would hand them over, then sent through the same pipeline and
 * service as an upload in the admin area. Their alt text says they are
 * generated, like the rest of the demo data.
 */
import sharp from "sharp";
import type { Database } from "../../app/db.server";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { certifiedProductWhere } from "../../app/modules/catalogue/visibility.server";
import { addProductImage } from "../../app/modules/media/service.server";
import type { MediaStore } from "../../app/modules/media/store.server";
import { demoTaxCodes } from "./hoa-binh";

/** How many demo products get pictures; every other one gets a second. */
export const DEMO_IMAGE_PRODUCTS = 8;

// Drawn at the largest variant's size: all four widths, and no more pixels to decode than needed.
const WIDTH = 1280;
const HEIGHT = 960;

const PALETTES: Record<string, { sky: string; ground: string; main: string; accent: string }> = {
  I: { sky: "#f6ecd2", ground: "#c9a66b", main: "#c0392b", accent: "#2f6b1f" },
  II: { sky: "#e3eef6", ground: "#8d6e4f", main: "#1f5f8b", accent: "#e8c547" },
  III: { sky: "#e8f3e3", ground: "#7a8f5a", main: "#2f6b1f", accent: "#a0522d" },
  IV: { sky: "#f4e6ee", ground: "#9b7b8f", main: "#7d2e68", accent: "#e8a33d" },
  V: { sky: "#efe9df", ground: "#a48a68", main: "#8a5a00", accent: "#3d6b5a" },
  VI: { sky: "#dcefff", ground: "#5f8f4f", main: "#2e5e3e", accent: "#d35400" },
};

/** The object in the middle of the picture, by product group. */
function subject(group: string, colours: (typeof PALETTES)[string], variant: number): string {
  const { main, accent } = colours;
  const cx = 800 + (variant ? 180 : 0);
  switch (group) {
    case "II": // a bottle and a glass
      return `<rect x="${cx - 90}" y="360" width="180" height="480" rx="40" fill="${main}"/><rect x="${cx - 35}" y="250" width="70" height="140" rx="12" fill="${main}"/>
        <rect x="${cx - 60}" y="520" width="120" height="160" rx="10" fill="${accent}"/><rect x="${cx + 170}" y="640" width="120" height="200" rx="14" fill="#ffffff" opacity="0.7"/>`;
    case "III": // leaves around a jar
      return `<ellipse cx="${cx - 220}" cy="560" rx="170" ry="60" transform="rotate(-35 ${cx - 220} 560)" fill="${main}"/>
        <ellipse cx="${cx + 220}" cy="560" rx="170" ry="60" transform="rotate(35 ${cx + 220} 560)" fill="${main}"/>
        <rect x="${cx - 120}" y="480" width="240" height="360" rx="30" fill="${accent}"/><rect x="${cx - 130}" y="450" width="260" height="50" rx="12" fill="#5a3d1e"/>`;
    case "IV": // folded cloth with stripes
      return [0, 1, 2, 3].map((i) => `<rect x="${cx - 300}" y="${520 + i * 80}" width="600" height="70" rx="8" fill="${i % 2 ? accent : main}"/>`).join("");
    case "V": // a woven basket
      return `<path d="M${cx - 280} 560 L${cx + 280} 560 L${cx + 200} 860 L${cx - 200} 860 Z" fill="${main}"/>
        ${[0, 1, 2, 3].map((i) => `<line x1="${cx - 260 + i * 10}" y1="${620 + i * 60}" x2="${cx + 260 - i * 10}" y2="${620 + i * 60}" stroke="${accent}" stroke-width="14"/>`).join("")}`;
    case "VI": // hills and a stilt house
      return `<path d="M0 760 L420 380 L760 760 Z" fill="${main}"/><path d="M600 760 L1050 300 L1600 760 Z" fill="${main}" opacity="0.8"/>
        <rect x="${cx - 160}" y="620" width="320" height="140" fill="${accent}"/><path d="M${cx - 200} 620 L${cx} 500 L${cx + 200} 620 Z" fill="#5a3d1e"/>`;
    default: // I, food: fruit in a bowl
      return `<circle cx="${cx - 130}" cy="600" r="130" fill="${main}"/><circle cx="${cx + 120}" cy="590" r="140" fill="${main}"/>
        <circle cx="${cx}" cy="520" r="120" fill="${accent}"/><path d="M${cx - 330} 660 Q${cx} 940 ${cx + 330} 660 Z" fill="#7a4b24"/>`;
  }
}

/** A drawing for one product: sky, ground, sun and the group's object; the second picture is framed otherwise. */
export function illustrationSvg(group: string, variant: number): string {
  const colours = PALETTES[group] ?? PALETTES.I!;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 1600 1200">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="${colours.sky}"/></linearGradient></defs>
    <rect width="1600" height="1200" fill="url(#sky)"/>
    <circle cx="${variant ? 260 : 1320}" cy="220" r="110" fill="${colours.accent}" opacity="0.55"/>
    <rect y="840" width="1600" height="360" fill="${colours.ground}"/>
    ${subject(group, colours, variant)}
  </svg>`;
}

/** The drawing as the file someone would upload: a JPEG for the first picture, a PNG for the second. */
export async function illustrationFile(group: string, variant: number) {
  const drawing = sharp(Buffer.from(illustrationSvg(group, variant)));
  return variant === 0
    ? { bytes: await drawing.jpeg({ quality: 85 }).toBuffer(), name: `minh-hoa-${group.toLowerCase()}.jpg`, type: "image/jpeg" }
    : { bytes: await drawing.png().toBuffer(), name: `minh-hoa-${group.toLowerCase()}-2.png`, type: "image/png" };
}

/**
 * Gives the most recently certified demo products (those the home page and the
 * list's first page show) their pictures, through the upload service.
 * Idempotent: nothing is added once any demo product has an image (staff may
 * have removed some on purpose).
 */
export async function seedDemoImages(db: Database, store: MediaStore, today: Date): Promise<number> {
  const demoProducts = { isDemo: true, producer: { is: { taxCode: { in: demoTaxCodes() } } } };
  if ((await db.productImage.count({ where: { product: { is: demoProducts } } })) > 0) return 0;
  const certified = certifiedProductWhere(today);
  const products = await db.product.findMany({
    where: { ...certified, producer: { is: { ...certified.producer.is, ...demoProducts.producer.is } }, isDemo: true },
    orderBy: [{ standingCertification: { signedOn: "desc" } }, { id: "desc" }],
    take: DEMO_IMAGE_PRODUCTS,
    select: { id: true, nameVi: true, nameEn: true, productSet: { select: { group: { select: { code: true } } } } },
  });
  let added = 0;
  for (const [index, product] of products.entries()) {
    const group = product.productSet.group.code;
    for (let variant = 0; variant < (index % 2 === 0 ? 2 : 1); variant++) {
      const view = variant === 0 ? ["", ""] : [" (góc khác)", " (another view)"];
      await addProductImage(
        db,
        SYSTEM_ACTOR,
        product.id,
        await illustrationFile(group, variant),
        {
          altVi: `Hình minh hoạ (tạo tự động) cho ${product.nameVi}${view[0]}`,
          altEn: `Generated illustration for ${product.nameEn ?? product.nameVi}${view[1]}`,
        },
        { store, isDemo: true },
      );
      added++;
    }
  }
  return added;
}
