/**
 * Writing products: create, edit (with a version check), archive and restore,
 * delete. Every write takes the acting user, finds the record (and its
 * producer) within the actor's scope, and writes its audit row and the
 * catalogue change signal in the same transaction.
 */
import type { Database } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { canManageAccounts, producerScope, productScope, requireStaffActor, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit, removedFields, versionConflict } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { removeProductFiles } from "../media/service.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { invalidateCatalogueReads } from "../catalogue/read-cache.server";
import { compactSearchIndexes } from "../catalogue/text-match.server";
import { productNameKeys, productSearchKey } from "../catalogue/search-keys.server";
import { uniqueSlug } from "../text/vietnamese.server";
import { ProductEditSchema, ProductInputSchema } from "./forms";

/** The fields the product form (and a product import row) sets. */
export const PRODUCT_INPUT_FIELDS = [
  "nameVi",
  "nameEn",
  "descriptionVi",
  "descriptionEn",
  "productSetId",
  "producerId",
  "packagingVi",
  "packagingEn",
  "unit",
  "status",
] as const;
/** The fields the audit trail compares: the form's own. */
const AUDITED_FIELDS = PRODUCT_INPUT_FIELDS;

const auditSelect = {
  ...(Object.fromEntries(AUDITED_FIELDS.map((field) => [field, true])) as Record<(typeof AUDITED_FIELDS)[number], true>),
  id: true,
  version: true,
  publishedAt: true,
  producer: { select: { provinceId: true } },
} as const;

const searchKeySelect = {
  id: true,
  nameVi: true,
  nameEn: true,
  productSet: { select: { nameVi: true } },
  producer: {
    select: {
      legalName: true,
      formerDistrict: true,
      commune: { select: { nameVi: true } },
      province: { select: { nameVi: true } },
    },
  },
} as const;

type SearchKeySource = {
  nameVi: string;
  nameEn: string | null;
  productSet: { nameVi: string };
  producer: {
    legalName: string;
    formerDistrict: string | null;
    commune: { nameVi: string } | null;
    province: { nameVi: string };
  };
};

function searchKeyFor(product: SearchKeySource): string {
  return productSearchKey({
    nameVi: product.nameVi,
    nameEn: product.nameEn,
    producerName: product.producer.legalName,
    productSetNameVi: product.productSet.nameVi,
    communeName: product.producer.commune?.nameVi,
    provinceName: product.producer.province.nameVi,
    formerDistrict: product.producer.formerDistrict,
  });
}

/** Rewrites the search keys of the matching products (after a producer or product change). */
export async function refreshProductSearchKeys(db: Database, where: { producerId?: number; id?: number; nameFolded?: string }) {
  const products = await db.product.findMany({ where, select: searchKeySelect });
  for (const product of products) {
    await db.product.update({
      where: { id: product.id },
      data: { searchKey: searchKeyFor(product), ...productNameKeys(product.nameVi) },
    });
  }
  return products.length;
}

/** Products written before the name keys existed get theirs. */
export async function fillMissingNameKeys(db: Database): Promise<number> {
  return refreshProductSearchKeys(db, { nameFolded: "" });
}

/**
 * At server start: fills in what rows written by an older version lack (name
 * keys, catalogue entries), so an upgraded database needs no manual step.
 */
export async function catchUpCatalogueSearch(db: Database): Promise<number> {
  const filled = await fillMissingNameKeys(db);
  if (!filled && (await db.catalogueEntry.count()) > 0) return 0;
  const listed = await refreshCatalogueEntries(db, "all");
  await compactSearchIndexes(db);
  invalidateCatalogueReads();
  return listed;
}

const notFound = () => new DomainError("Product not found", 404);

/** The producer a product is (or is being) filed under, if the actor may write to it. */
async function producerForWrite(db: Database, actor: Actor, producerId: number) {
  const producer = await db.producer.findFirst({
    where: { id: producerId, ...producerScope(actor) },
    select: { ...searchKeySelect.producer.select, provinceId: true },
  });
  if (!producer) throw new DomainError("Unknown producer", 400, { producerId: ["forms.unknownProducer"] });
  return producer;
}

export async function createProduct(db: Database, actor: Actor, rawInput: unknown, options: { isDemo?: boolean } = {}) {
  requireStaffActor(actor);
  const input = parseOrThrow(ProductInputSchema, rawInput);
  const [producer, productSet] = await Promise.all([
    producerForWrite(db, actor, input.producerId),
    db.productSet.findUnique({ where: { id: input.productSetId }, select: { nameVi: true } }),
  ]);
  if (!productSet) throw new DomainError("Unknown product set", 400, { productSetId: ["forms.unknownProductSet"] });
  for (let attempt = 0; ; attempt++) {
    const slug = await uniqueSlug(input.nameVi, async (candidate) =>
      Boolean(await db.product.findUnique({ where: { slug: candidate }, select: { id: true } })),
    );
    try {
      return await writeCatalogue(db, async (tx) => {
        const product = await tx.product.create({
          data: {
            ...input,
            slug,
            isDemo: options.isDemo ?? false,
            publishedAt: input.status === "PUBLISHED" ? new Date() : null,
            searchKey: searchKeyFor({ nameVi: input.nameVi, nameEn: input.nameEn, productSet, producer }),
            ...productNameKeys(input.nameVi),
          },
        });
        await recordAudit(tx, actor, {
          action: "create",
          entityType: "product",
          entityId: product.id,
          entityLabel: product.nameVi,
          provinceId: producer.provinceId,
          changes: changedFields(null, product, AUDITED_FIELDS),
        });
        return product;
      });
    } catch (error) {
      // Another writer took the slug between the check and the insert: pick the next one.
      if (attempt < 3 && isUniqueViolation(error, "slug")) continue;
      throw error;
    }
  }
}

/** Saves an edit made from `version` of the record; an older version is refused with what changed. */
export async function updateProduct(db: Database, actor: Actor, productId: number, rawInput: unknown) {
  requireStaffActor(actor);
  const { version, ...input } = parseOrThrow(ProductEditSchema, rawInput);
  const producer = await producerForWrite(db, actor, input.producerId);
  return writeCatalogue(db, async (tx) => {
    const before = await tx.product.findFirst({ where: { id: productId, ...productScope(actor) }, select: auditSelect });
    if (!before) throw notFound();
    const { count } = await tx.product.updateMany({
      where: { id: productId, version },
      data: {
        ...input,
        publishedAt: input.status === "PUBLISHED" ? (before.publishedAt ?? new Date()) : before.publishedAt,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw await versionConflict(tx, "product", before, input, AUDITED_FIELDS);
    const product = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: searchKeySelect });
    await tx.product.update({
      where: { id: productId },
      data: { searchKey: searchKeyFor(product), ...productNameKeys(product.nameVi) },
    });
    await refreshCatalogueEntries(tx, { productIds: [productId] });
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "product",
      entityId: productId,
      entityLabel: input.nameVi,
      provinceId: producer.provinceId,
      changes: changedFields(before, input, AUDITED_FIELDS),
    });
    return { ...product, version: version + 1 };
  });
}

/** Archives a product (it leaves the public catalogue) or restores it as a draft for staff to publish again. */
export async function setProductArchived(db: Database, actor: Actor, productId: number, archived: boolean) {
  requireStaffActor(actor);
  return writeCatalogue(db, async (tx) => {
    const before = await tx.product.findFirst({ where: { id: productId, ...productScope(actor) }, select: auditSelect });
    if (!before) throw notFound();
    const status = archived ? "ARCHIVED" : "DRAFT";
    await tx.product.update({ where: { id: productId }, data: { status, version: { increment: 1 } } });
    await refreshCatalogueEntries(tx, { productIds: [productId] });
    await recordAudit(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: "product",
      entityId: productId,
      entityLabel: before.nameVi,
      provinceId: before.producer.provinceId,
      changes: changedFields(before, { status }, ["status"]),
    });
  });
}

/** Admins only, and only a product without certificates (a certified product is archived instead). */
export async function deleteProduct(db: Database, actor: Actor, productId: number) {
  if (!canManageAccounts(actor)) throw new DomainError("Only admins delete records", 403);
  await writeCatalogue(db, async (tx) => {
    const before = await tx.product.findFirst({
      where: { id: productId, ...productScope(actor) },
      select: { ...auditSelect, _count: { select: { certifications: true } } },
    });
    if (!before) throw notFound();
    if (before._count.certifications) throw new DomainError("Records depend on this product", 409, { form: ["forms.hasDependents"] });
    await tx.product.delete({ where: { id: productId } });
    await recordAudit(tx, actor, {
      action: "delete",
      entityType: "product",
      entityId: productId,
      entityLabel: before.nameVi,
      provinceId: before.producer.provinceId,
      changes: removedFields(before, AUDITED_FIELDS),
    });
  });
  // The image rows went with the product; their files go once that has committed.
  await removeProductFiles(productId);
}
