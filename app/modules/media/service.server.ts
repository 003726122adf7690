/**
 * Writing product images: add (through the pipeline), alt text, order,
 * remove. Every write takes the acting user and finds the product within
 * their scope (an editor only in their province), and writes its audit row
 * and the catalogue change signal in the same transaction.
 *
 * Files and rows never disagree for long: the variants are written before the
 * row, and removed again if the transaction fails; a removed image's files
 * go after its row's transaction has committed. What a crash between the two
 * could leave is found by `sweepOrphanFiles`.
 */
import type { Database, Prisma } from "../../db.server";
import { DomainError, parseOrThrow } from "../../lib/errors.server";
import { productScope, type Actor } from "../accounts/actor.server";
import { recordAudit, type Changes } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { imageSelect, variantWidths } from "./image-sources";
import { ImageAltSchema, type MOVE_DIRECTIONS } from "./forms";
import { newStorageKey, processUpload, productFolder, storageKeyOf, storedColumns, storeVariants, variantKeys, type Upload } from "./pipeline.server";
import { mediaStore, type MediaStore } from "./store.server";

/** More than a gallery needs; keeps one product from filling the disk. */
export const MAX_IMAGES_PER_PRODUCT = 12;

type Transaction = Prisma.TransactionClient;
type Options = { store?: MediaStore };

const productNotFound = () => new DomainError("Product not found", 404, { form: ["forms.productNotFound"] });
const imageNotFound = () => new DomainError("Image not found", 404, { form: ["admin.media.errors.imageNotFound"] });

const productSelect = { id: true, nameVi: true, status: true, producer: { select: { provinceId: true } } } as const;
const imageWithProductSelect = {
  id: true,
  productId: true,
  position: true,
  storageKey: true,
  widths: true,
  altVi: true,
  altEn: true,
  product: { select: productSelect },
} as const;

/**
 * A published product's pictures are live: a producer account's change
 * would go public unreviewed, so the producer asks staff instead.
 */
function refuseLiveImagesForProducer(actor: Actor, product: { status: string }) {
  if (actor.role === "PRODUCER" && product.status === "PUBLISHED") {
    throw new DomainError("A published product's images are changed by staff", 403, { form: ["portal.errors.publishedImages"] });
  }
}

async function productInScope(db: Database | Transaction, actor: Actor, productId: number) {
  const product = await db.product.findFirst({ where: { id: productId, ...productScope(actor) }, select: productSelect });
  if (!product) throw productNotFound();
  refuseLiveImagesForProducer(actor, product);
  return product;
}

async function imageInScope(tx: Transaction, actor: Actor, imageId: number) {
  const image = await tx.productImage.findFirst({ where: { id: imageId, product: { is: productScope(actor) } }, select: imageWithProductSelect });
  if (!image) throw imageNotFound();
  refuseLiveImagesForProducer(actor, image.product);
  return image;
}

/** How an image reads in the audit trail. */
const described = (image: { id: number; altVi: string }) => `#${image.id} ${image.altVi}`;

async function auditImages(tx: Transaction, actor: Actor, product: { id: number; nameVi: string; producer: { provinceId: number } }, changes: Changes) {
  await recordAudit(tx, actor, {
    action: "update",
    entityType: "product",
    entityId: product.id,
    entityLabel: product.nameVi,
    provinceId: product.producer.provinceId,
    changes,
  });
}

async function removeFiles(store: MediaStore, image: { storageKey: string; widths: string }) {
  const results = await Promise.allSettled(variantKeys(image.storageKey, variantWidths(image)).map((key) => store.remove(key)));
  const failed = results.filter((result) => result.status === "rejected");
  // The row is gone; a file left behind is only disk space, which the sweep reclaims.
  if (failed.length) console.warn(`media: ${failed.length} file(s) of ${image.storageKey} could not be removed`);
}

/**
 * Checks and stores an uploaded picture as the product's last image. Refusals
 * (UploadRefused, a ValidationError for the alt text) carry field errors.
 */
export async function addProductImage(
  db: Database,
  actor: Actor,
  productId: number,
  upload: Upload,
  rawAlt: unknown,
  { store = mediaStore(), isDemo = false }: Options & { isDemo?: boolean } = {},
) {
  const alt = parseOrThrow(ImageAltSchema, rawAlt);
  await productInScope(db, actor, productId);
  if ((await db.productImage.count({ where: { productId } })) >= MAX_IMAGES_PER_PRODUCT) throw tooMany();
  const processed = await processUpload(upload);
  const storageKey = newStorageKey(productId);
  const columns = storedColumns(storageKey, processed);
  await storeVariants(store, storageKey, processed);
  try {
    return await writeCatalogue(db, async (tx) => {
      const product = await productInScope(tx, actor, productId);
      const { _count, _max } = await tx.productImage.aggregate({ where: { productId }, _count: { _all: true }, _max: { position: true } });
      if (_count._all >= MAX_IMAGES_PER_PRODUCT) throw tooMany();
      const image = await tx.productImage.create({
        data: { productId, position: (_max.position ?? -1) + 1, ...columns, altVi: alt.altVi, altEn: alt.altEn, isDemo },
      });
      await auditImages(tx, actor, product, { image: [null, described(image)] });
      return image;
    });
  } catch (error) {
    await removeFiles(store, columns);
    throw error;
  }
}

function tooMany() {
  return new DomainError("Too many images", 409, { file: ["admin.media.errors.tooMany"] });
}

export async function updateImageAlt(db: Database, actor: Actor, imageId: number, rawAlt: unknown) {
  const alt = parseOrThrow(ImageAltSchema, rawAlt);
  return writeCatalogue(db, async (tx) => {
    const before = await imageInScope(tx, actor, imageId);
    const image = await tx.productImage.update({ where: { id: imageId }, data: { altVi: alt.altVi, altEn: alt.altEn } });
    const changes: Changes = {};
    if (before.altVi !== alt.altVi) changes.imageAltVi = [before.altVi, alt.altVi];
    if (before.altEn !== alt.altEn) changes.imageAltEn = [before.altEn, alt.altEn];
    if (Object.keys(changes).length) await auditImages(tx, actor, before.product, { ...changes, image: [described(before), described(image)] });
    return image;
  });
}

/** Numbers the given images 0..n-1 in that order. */
async function writePositions(tx: Transaction, orderedIds: number[]) {
  for (const [position, id] of orderedIds.entries()) await tx.productImage.update({ where: { id }, data: { position } });
}

/** Writes positions 0..n-1 in the given order and audits the change of order. */
async function writeOrder(tx: Transaction, actor: Actor, product: Parameters<typeof auditImages>[2], before: number[], after: number[]) {
  if (before.join() === after.join()) return;
  await writePositions(tx, after);
  await auditImages(tx, actor, product, { imageOrder: [before, after] });
}

const currentOrder = async (tx: Transaction, productId: number) =>
  (await tx.productImage.findMany({ where: { productId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true } })).map(
    (image) => image.id,
  );

/** Moves an image one place earlier or later (the first image is the card's). */
export async function moveImage(db: Database, actor: Actor, imageId: number, direction: (typeof MOVE_DIRECTIONS)[number]) {
  return writeCatalogue(db, async (tx) => {
    const image = await imageInScope(tx, actor, imageId);
    const before = await currentOrder(tx, image.productId);
    const from = before.indexOf(imageId);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= before.length) return before;
    const after = [...before];
    [after[from], after[to]] = [after[to]!, after[from]!];
    await writeOrder(tx, actor, image.product, before, after);
    return after;
  });
}

/** Puts the product's images in the given order; the ids must be exactly the product's images. */
export async function reorderImages(db: Database, actor: Actor, productId: number, orderedIds: number[]) {
  return writeCatalogue(db, async (tx) => {
    const product = await productInScope(tx, actor, productId);
    const before = await currentOrder(tx, productId);
    const same = orderedIds.length === before.length && new Set(orderedIds).size === before.length && orderedIds.every((id) => before.includes(id));
    if (!same) throw new DomainError("The images changed since the page was opened", 409, { form: ["admin.media.errors.orderStale"] });
    await writeOrder(tx, actor, product, before, orderedIds);
    return orderedIds;
  });
}

/** Removes an image's row (the others close ranks), then its files once that has committed. */
export async function removeProductImage(db: Database, actor: Actor, imageId: number, { store = mediaStore() }: Options = {}) {
  const removed = await writeCatalogue(db, async (tx) => {
    const image = await imageInScope(tx, actor, imageId);
    await tx.productImage.delete({ where: { id: imageId } });
    await writePositions(tx, await currentOrder(tx, image.productId));
    await auditImages(tx, actor, image.product, { image: [described(image), null] });
    return image;
  });
  await removeFiles(store, removed);
  return removed;
}

/** After a product was deleted (its rows cascade): its image files go too. */
export async function removeProductFiles(productId: number, { store = mediaStore() }: Options = {}) {
  const files = await store.list(productFolder(productId));
  await Promise.allSettled(files.map((file) => store.remove(file.key)));
  return files.length;
}

/**
 * Removes files no image row refers to (left by a crash between writing the
 * files and committing the row, or by a reset). Files younger than `graceMs`
 * are kept: they may belong to an upload still in flight.
 */
export async function sweepOrphanFiles(db: Database, { store = mediaStore(), graceMs = 60 * 60 * 1000, now = new Date() }: Options & { graceMs?: number; now?: Date } = {}) {
  const files = await store.list("products/");
  const keys = new Set((await db.productImage.findMany({ select: { storageKey: true } })).map((image) => image.storageKey));
  const orphans = files.filter((file) => {
    return !keys.has(storageKeyOf(file.key)) && now.getTime() - file.modifiedAt.getTime() >= graceMs;
  });
  await Promise.allSettled(orphans.map((file) => store.remove(file.key)));
  return orphans.map((file) => file.key);
}

/** The images page's list (admin and portal): every image of a product the actor may see, in order. */
export async function productImagesForEdit(db: Database, actor: Actor, productId: number) {
  return db.product.findFirst({
    where: { id: productId, ...productScope(actor) },
    select: {
      id: true,
      nameVi: true,
      slug: true,
      status: true,
      images: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true, position: true, bytes: true, sourceType: true, ...imageSelect },
      },
    },
  });
}
