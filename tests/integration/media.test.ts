/**
 * Product images end to end below the routes: the pipeline reads content, not
 * names (each refusal has its own reason), strips metadata and never
 * upscales; the services keep files and rows together (a failed database
 * write leaves no files, a failed file write leaves no row), scope by the
 * actor and write one audit row per change, on every provider.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, type Dirent } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { getProductPage } from "../../app/modules/catalogue/product-page.server";
import { parseDate } from "../../app/lib/dates";
import { imageSources, variantWidths } from "../../app/modules/media/image-sources";
import { MAX_UPLOAD_BYTES, processUpload, UploadRefused, variantKeys, type UploadErrorReason } from "../../app/modules/media/pipeline.server";
import {
  addProductImage,
  moveImage,
  removeProductFiles,
  removeProductImage,
  reorderImages,
  sweepOrphanFiles,
  updateImageAlt,
} from "../../app/modules/media/service.server";
import { createFileStore, type MediaStore } from "../../app/modules/media/store.server";
import { deleteProduct } from "../../app/modules/products/service.server";
import { adminActor, auditRowsAfter, editorActor, lastAuditId, refusal } from "../helpers/actors";
import { freshDatabase, testProviders, TMP_DIR, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";
import * as files from "../helpers/images";

const TODAY = parseDate("2026-06-15");

/** Every file under `root`, as sorted relative paths (temporary dot-files included: none may remain). */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

async function reasonOf(write: Promise<unknown>): Promise<UploadErrorReason> {
  const error = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof UploadRefused)) throw new Error(`expected an UploadRefused, got ${String(error)}`);
  return error.reason;
}

describe("the image pipeline", () => {
  it("turns a phone's JPEG upright, drops EXIF and GPS, and writes WebP variants no wider than the original", async () => {
    const upload = await files.phoneJpeg({ width: 1600, height: 1200, orientation: 6 });
    const before = await sharp(upload.bytes).metadata();
    expect(before).toMatchObject({ format: "jpeg", orientation: 6, width: 1600, height: 1200 });
    // The GPS IFD pointer (tag 0x8825, little-endian) and the camera's name.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(before.exif?.includes(Buffer.from("TestPhone"))).toBe(true);

    const image = await processUpload(upload);
    // Orientation 6 is a quarter turn: 1600 × 1200 stored sideways is 1200 × 1600 upright.
    expect(image).toMatchObject({ sourceType: "jpeg", width: 1200, height: 1600 });
    expect(image.variants.map((variant) => [variant.width, variant.height])).toEqual([
      [320, 427],
      [640, 853],
      [960, 1280],
      [1200, 1600],
    ]);
    for (const variant of image.variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta).toMatchObject({ format: "webp", width: variant.width, height: variant.height });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(variant.data.includes(Buffer.from("TestPhone"))).toBe(false);
    }
  });

  it.each([
    ["a PNG", () => files.plainPng({ width: 900, height: 600 }), "png", [320, 640, 900]],
    ["a WebP", () => files.plainWebp({ width: 700, height: 500 }), "webp", [320, 640, 700]],
    ["a large JPEG", () => files.phoneJpeg({ width: 3000, height: 2000, orientation: 1 }), "jpeg", [320, 640, 960, 1280]],
    ["a small PNG", () => files.plainPng({ width: 200, height: 150 }), "png", [200]],
  ] as const)("stores %s at the standard widths below its own width, and its own", async (_label, make, sourceType, widths) => {
    const image = await processUpload(await make());
    expect(image.sourceType).toBe(sourceType);
    expect(image.variants.map((variant) => variant.width)).toEqual(widths);
    for (const variant of image.variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif).toBeUndefined();
    }
  });

  it("refuses each bad file with its own reason", async () => {
    const oversized = await files.oversizedPng();
    expect(oversized.bytes.byteLength).toBeGreaterThan(MAX_UPLOAD_BYTES);
    const cases: Array<[string, files.TestFile, UploadErrorReason]> = [
      ["empty", { bytes: Buffer.alloc(0), name: "a.jpg", type: "image/jpeg" }, "missing"],
      ["over 5 MB", oversized, "tooLarge"],
      ["text named .jpg", files.textNamedJpg(), "notAnImage"],
      ["HTML named .png", files.htmlNamedPng(), "notAnImage"],
      ["SVG named .png", files.svgNamedPng(), "unsupportedType"],
      ["GIF named .webp", await files.gifNamedWebp(), "unsupportedType"],
      ["PNG named .jpg", await files.pngNamedJpg(), "mismatch"],
      ["PNG named .png but typed image/jpeg", { ...(await files.plainPng()), type: "image/jpeg" }, "mismatch"],
      ["JPEG without an extension", { ...(await files.phoneJpeg()), name: "photo" }, "mismatch"],
      ["truncated JPEG", await files.truncatedJpeg(), "corrupt"],
      ["900-megapixel PNG header", files.pixelBombPng(), "tooManyPixels"],
    ];
    const reasons = [];
    for (const [label, upload] of cases) reasons.push([label, await reasonOf(processUpload(upload))]);
    expect(reasons).toEqual(cases.map(([label, , reason]) => [label, reason]));
  });

  it("accepts a file whose browser claimed no type when its name and content agree", async () => {
    const upload = { ...(await files.plainPng({ width: 400, height: 300 })), type: "application/octet-stream" };
    expect((await processUpload(upload)).sourceType).toBe("png");
  });
});

describe.each(testProviders())("product images on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let mediaRoot: string;
  let store: MediaStore;
  let phuTho: number;
  let haNoi: number;
  let productId: number;

  beforeAll(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    const { province } = await loadMinimalReference(db);
    phuTho = province.id;
    haNoi = (await db.province.create({ data: { slug: "ha-noi", nameVi: "Hà Nội", nameEn: "Hanoi", formedFromVi: "Hà Nội", searchKey: "ha noi" } })).id;
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  beforeEach(async () => {
    mediaRoot = mkdtempSync(path.join(TMP_DIR, `media-${provider}-`));
    store = createFileStore(mediaRoot);
    const producer = await makeProducer(db, phuTho);
    productId = (await makeProduct(db, producer.id)).id;
    await certifierFor(TODAY)(db, productId, 4, "2026-01-10");
  });

  afterEach(() => {
    rmSync(mediaRoot, { recursive: true, force: true });
  });

  const imagesOf = (id: number) => db.productImage.findMany({ where: { productId: id }, orderBy: { position: "asc" } });

  it("stores two uploads in order, with their files, alt texts and one audit row each", async () => {
    const editor = editorActor(phuTho);
    const auditBefore = await lastAuditId(db);
    const first = await addProductImage(db, editor, productId, await files.phoneJpeg(), { altVi: "Quả bưởi đỏ", altEn: "A red pomelo" }, { store });
    const second = await addProductImage(db, editor, productId, await files.plainPng(), { altVi: "Hũ mật ong", altEn: "" }, { store });

    const rows = await imagesOf(productId);
    expect(rows.map((row) => [row.id, row.position, row.altVi, row.altEn, row.sourceType, row.widths, row.isDemo])).toEqual([
      [first.id, 0, "Quả bưởi đỏ", "A red pomelo", "jpeg", "320,640,960,1200", false],
      [second.id, 1, "Hũ mật ong", null, "png", "320,640,900", false],
    ]);
    expect(rows[0]!.storageKey).toMatch(new RegExp(`^products/${productId}/[0-9a-f]{24}$`));
    const expectedFiles = rows.flatMap((row) => variantKeys(row.storageKey, variantWidths(row))).sort();
    expect(filesUnder(mediaRoot)).toEqual(expectedFiles);
    // `bytes` is what the variants take on disk.
    for (const row of rows) {
      const sizes = (await store.list(row.storageKey)).reduce((sum, file) => sum + file.bytes, 0);
      expect(row.bytes).toBe(sizes);
    }

    const audit = await auditRowsAfter(db, auditBefore);
    expect(audit.map((row) => [row.action, row.entityType, row.entityId, row.actorEmail, row.provinceId, row.changes])).toEqual([
      ["update", "product", productId, editor.email, phuTho, { image: [null, `#${first.id} Quả bưởi đỏ`] }],
      ["update", "product", productId, editor.email, phuTho, { image: [null, `#${second.id} Hũ mật ong`] }],
    ]);

    // The public page lists them in order, with every variant in srcset.
    const page = await getProductPage(db, (await db.product.findUniqueOrThrow({ where: { id: productId } })).slug, TODAY);
    expect(page?.product.images.map((image) => image.altVi)).toEqual(["Quả bưởi đỏ", "Hũ mật ong"]);
    const sources = imageSources(page!.product.images[0]!);
    expect(sources.srcSet).toBe(
      [320, 640, 960, 1200].map((width) => `/media/${rows[0]!.storageKey}-${width}.webp ${width}w`).join(", "),
    );
  });

  it("reorders, edits alt text and removes, each audited; removal closes ranks and deletes the files", async () => {
    const editor = editorActor(phuTho);
    const a = await addProductImage(db, editor, productId, await files.plainPng(), { altVi: "Ảnh A" }, { store });
    const b = await addProductImage(db, editor, productId, await files.plainWebp(), { altVi: "Ảnh B" }, { store });
    const c = await addProductImage(db, editor, productId, await files.phoneJpeg(), { altVi: "Ảnh C" }, { store });
    const auditBefore = await lastAuditId(db);

    await moveImage(db, editor, c.id, "up");
    expect((await imagesOf(productId)).map((row) => row.id)).toEqual([a.id, c.id, b.id]);
    // Moving the first image earlier changes nothing and writes no audit row.
    await moveImage(db, editor, a.id, "up");
    await reorderImages(db, editor, productId, [b.id, a.id, c.id]);
    expect((await imagesOf(productId)).map((row) => [row.id, row.position])).toEqual([
      [b.id, 0],
      [a.id, 1],
      [c.id, 2],
    ]);
    const stale = await refusal(() => reorderImages(db, editor, productId, [a.id, b.id]));
    expect(stale.fieldErrors).toEqual({ form: ["admin.media.errors.orderStale"] });

    await updateImageAlt(db, editor, a.id, { altVi: "  Ảnh   A mới ", altEn: "New picture A" });
    const tooLong = await refusal(() => updateImageAlt(db, editor, a.id, { altVi: "x".repeat(251) }));
    expect(tooLong.fieldErrors).toEqual({ altVi: ["forms.tooLong"] });
    const missing = await refusal(() => updateImageAlt(db, editor, a.id, { altVi: "   " }));
    expect(Object.keys(missing.fieldErrors)).toEqual(["altVi"]);

    const filesOfA = variantKeys(a.storageKey, variantWidths(a));
    expect(filesOfA.every((key) => existsSync(store.path(key)))).toBe(true);
    await removeProductImage(db, editor, a.id, { store });
    expect(filesOfA.some((key) => existsSync(store.path(key)))).toBe(false);
    expect((await imagesOf(productId)).map((row) => [row.id, row.position, row.altVi])).toEqual([
      [b.id, 0, "Ảnh B"],
      [c.id, 1, "Ảnh C"],
    ]);

    const audit = await auditRowsAfter(db, auditBefore);
    expect(audit.map((row) => row.changes)).toEqual([
      { imageOrder: [[a.id, b.id, c.id], [a.id, c.id, b.id]] },
      { imageOrder: [[a.id, c.id, b.id], [b.id, a.id, c.id]] },
      { imageAltVi: ["Ảnh A", "Ảnh A mới"], imageAltEn: [null, "New picture A"], image: [`#${a.id} Ảnh A`, `#${a.id} Ảnh A mới`] },
      { image: [`#${a.id} Ảnh A mới`, null] },
    ]);
    expect(audit.every((row) => row.action === "update" && row.entityId === productId && row.actorEmail === editor.email)).toBe(true);
  });

  it("keeps a province's editor to their province's products", async () => {
    const outsider = editorActor(haNoi);
    const image = await addProductImage(db, editorActor(phuTho), productId, await files.plainPng(), { altVi: "Ảnh" }, { store });
    const filesBefore = filesUnder(mediaRoot);
    const auditBefore = await lastAuditId(db);

    const attempts = [
      () => addProductImage(db, outsider, productId, files.textNamedJpg(), { altVi: "Ảnh lạ" }, { store }),
      () => updateImageAlt(db, outsider, image.id, { altVi: "Đổi" }),
      () => moveImage(db, outsider, image.id, "down"),
      () => reorderImages(db, outsider, productId, [image.id]),
      () => removeProductImage(db, outsider, image.id, { store }),
    ];
    for (const attempt of attempts) expect((await refusal(attempt)).status).toBe(404);

    expect(await imagesOf(productId)).toEqual([expect.objectContaining({ id: image.id, altVi: "Ảnh" })]);
    expect(filesUnder(mediaRoot)).toEqual(filesBefore);
    expect(await lastAuditId(db)).toBe(auditBefore);
    // A national editor and an admin may.
    await updateImageAlt(db, editorActor(null), image.id, { altVi: "Ảnh (sửa)" });
    await updateImageAlt(db, adminActor(), image.id, { altVi: "Ảnh (sửa lại)" });
    expect((await imagesOf(productId))[0]!.altVi).toBe("Ảnh (sửa lại)");
  });

  it("leaves no file and no row when a file is refused", async () => {
    const auditBefore = await lastAuditId(db);
    for (const bad of [await files.truncatedJpeg(), await files.oversizedPng(), await files.pngNamedJpg(), files.pixelBombPng()]) {
      await expect(addProductImage(db, SYSTEM_ACTOR, productId, bad, { altVi: "Ảnh" }, { store })).rejects.toBeInstanceOf(UploadRefused);
    }
    expect(await imagesOf(productId)).toEqual([]);
    expect(filesUnder(mediaRoot)).toEqual([]);
    expect(await lastAuditId(db)).toBe(auditBefore);
  });

  it("removes the files it wrote when the database refuses the row", async () => {
    const refuse =
      provider === "postgresql"
        ? [
            `CREATE FUNCTION refuse_image() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER refuse_image BEFORE INSERT ON "ProductImage" FOR EACH ROW EXECUTE FUNCTION refuse_image()`,
          ]
        : [`CREATE TRIGGER refuse_image BEFORE INSERT ON "ProductImage" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`];
    const allow =
      provider === "postgresql" ? [`DROP TRIGGER refuse_image ON "ProductImage"`, `DROP FUNCTION refuse_image()`] : [`DROP TRIGGER refuse_image`];
    const versionBefore = (await db.catalogueVersion.findUnique({ where: { id: 1 } }))?.version;
    const auditBefore = await lastAuditId(db);
    for (const sql of refuse) await db.$executeRawUnsafe(sql);
    try {
      await expect(addProductImage(db, SYSTEM_ACTOR, productId, await files.phoneJpeg(), { altVi: "Ảnh" }, { store })).rejects.toThrow(/refused by the test|productImage\.create/);
    } finally {
      for (const sql of allow) await db.$executeRawUnsafe(sql);
    }
    expect(filesUnder(mediaRoot)).toEqual([]);
    expect(await imagesOf(productId)).toEqual([]);
    expect(await lastAuditId(db)).toBe(auditBefore);
    expect((await db.catalogueVersion.findUnique({ where: { id: 1 } }))?.version).toBe(versionBefore);
  });

  it("writes no row when a file cannot be written, and removes the variants already written", async () => {
    let puts = 0;
    const failingStore: MediaStore = {
      ...store,
      async put(key, bytes) {
        if (++puts === 2) throw new Error("disk full (test)");
        await store.put(key, bytes);
      },
    };
    await expect(addProductImage(db, SYSTEM_ACTOR, productId, await files.phoneJpeg(), { altVi: "Ảnh" }, { store: failingStore })).rejects.toThrow(/disk full/);
    expect(puts).toBe(2);
    expect(filesUnder(mediaRoot)).toEqual([]);
    expect(await imagesOf(productId)).toEqual([]);
  });

  it("removes a deleted product's files, and sweeps files no row refers to", async () => {
    const image = await addProductImage(db, SYSTEM_ACTOR, productId, await files.plainPng(), { altVi: "Ảnh" }, { store });
    const other = await makeProduct(db, (await makeProducer(db, phuTho)).id, { nameVi: "Mật ong bạc hà" });
    const kept = await addProductImage(db, SYSTEM_ACTOR, other.id, await files.plainWebp(), { altVi: "Ảnh giữ lại" }, { store });
    await db.certification.deleteMany({ where: { productId } });
    await deleteProduct(db, adminActor(), productId);
    expect(await db.productImage.count({ where: { id: image.id } })).toBe(0);
    expect(await removeProductFiles(productId, { store })).toBe(3); // a 900-wide PNG: 320, 640 and 900
    expect(filesUnder(mediaRoot)).toEqual(variantKeys(kept.storageKey, variantWidths(kept)).sort());

    // A file left by a crash: swept once older than the grace period, never a stored image's.
    await store.put(`products/${other.id}/${"ab".repeat(12)}-320.webp`, Buffer.from("orphan"));
    expect(await sweepOrphanFiles(db, { store })).toEqual([]);
    const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
    expect(await sweepOrphanFiles(db, { store, now: later })).toEqual([`products/${other.id}/${"ab".repeat(12)}-320.webp`]);
    expect(filesUnder(mediaRoot)).toEqual(variantKeys(kept.storageKey, variantWidths(kept)).sort());
  });

  it("refuses a thirteenth image", async () => {
    const small = await files.plainPng({ width: 120, height: 90 });
    for (let i = 0; i < 12; i++) await addProductImage(db, SYSTEM_ACTOR, productId, small, { altVi: `Ảnh ${i + 1}` }, { store });
    const refused = await refusal(() => addProductImage(db, SYSTEM_ACTOR, productId, small, { altVi: "Ảnh 13" }, { store }));
    expect(refused.fieldErrors).toEqual({ file: ["admin.media.errors.tooMany"] });
    expect(filesUnder(mediaRoot)).toHaveLength(12);
  });
});

describe("the media store", () => {
  it("refuses keys that could leave its folder and lists only finished files", async () => {
    const root = mkdtempSync(path.join(TMP_DIR, "store-"));
    try {
      const store = createFileStore(root);
      for (const key of ["../x.webp", "/etc/passwd", "products/../../x", "products/.hidden", "", "Products/1/a.webp"]) {
        await expect(store.put(key, Buffer.from("x"))).rejects.toThrow(/Invalid media key/);
      }
      await store.put("products/1/a-320.webp", Buffer.from("one"));
      await store.put("products/1/a-320.webp", Buffer.from("two"));
      expect(filesUnder(root)).toEqual(["products/1/a-320.webp"]);
      expect((await store.list("products/1/")).map((file) => [file.key, file.bytes])).toEqual([["products/1/a-320.webp", 3]]);
      expect(await store.list("products/2/")).toEqual([]);
      await store.remove("products/1/a-320.webp");
      await store.remove("products/1/a-320.webp");
      expect(filesUnder(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
