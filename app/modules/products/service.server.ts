import { z } from "zod";
import { decimalInteger } from "../../lib/query-params.server";
import type { Database } from "../../db.server";
import { PublicationStatus } from "../../db.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { invalidateCatalogueReads } from "../catalogue/read-cache.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { productNameKeys, productSearchKey } from "../catalogue/search-keys.server";
import { normalizeText, uniqueSlug } from "../text/vietnamese.server";

const text = (max: number) => z.string().transform(normalizeText).pipe(z.string().max(max, "errors.tooLong"));
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((value) => value || null);

export const ProductInputSchema = z.object({
  nameVi: text(200).pipe(z.string().min(2, "errors.required")),
  nameEn: optionalText(200),
  descriptionVi: text(10000).default(""),
  descriptionEn: optionalText(10000),
  productSetId: decimalInteger("errors.unknownProductSet").pipe(z.number().min(1, "errors.unknownProductSet").max(26, "errors.unknownProductSet")),
  producerId: decimalInteger("errors.required").pipe(z.number().positive("errors.required")),
  packagingVi: optionalText(200),
  packagingEn: optionalText(200),
  unit: optionalText(40),
  status: z.enum(PublicationStatus).default("DRAFT"),
});

export type ProductInput = z.input<typeof ProductInputSchema>;

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
  invalidateCatalogueReads();
  return listed;
}

export async function createProduct(db: Database, rawInput: unknown, options: { isDemo?: boolean } = {}) {
  const input = parseOrThrow(ProductInputSchema, rawInput);
  const [producer, productSet] = await Promise.all([
    db.producer.findUnique({ where: { id: input.producerId }, select: searchKeySelect.producer.select }),
    db.productSet.findUnique({ where: { id: input.productSetId }, select: { nameVi: true } }),
  ]);
  if (!producer) throw new DomainError("Unknown producer", 400, { producerId: ["errors.unknownProducer"] });
  if (!productSet) throw new DomainError("Unknown product set", 400, { productSetId: ["errors.unknownProductSet"] });
  for (let attempt = 0; ; attempt++) {
    const slug = await uniqueSlug(input.nameVi, async (candidate) =>
      Boolean(await db.product.findUnique({ where: { slug: candidate }, select: { id: true } })),
    );
    try {
      return await writeCatalogue(db, (tx) =>
        tx.product.create({
          data: {
            ...input,
            slug,
            isDemo: options.isDemo ?? false,
            publishedAt: input.status === "PUBLISHED" ? new Date() : null,
            searchKey: searchKeyFor({ nameVi: input.nameVi, nameEn: input.nameEn, productSet, producer }),
            ...productNameKeys(input.nameVi),
          },
        }),
      );
    } catch (error) {
      // Another writer took the slug between the check and the insert: pick the next one.
      if (attempt < 3 && isUniqueViolation(error, "slug")) continue;
      throw error;
    }
  }
}

export async function updateProduct(db: Database, productId: number, rawInput: unknown) {
  const input = parseOrThrow(ProductInputSchema, rawInput);
  return writeCatalogue(db, async (tx) => {
    const existing = await tx.product.findUnique({ where: { id: productId }, select: { status: true, publishedAt: true } });
    if (!existing) throw new DomainError("Product not found", 404);
    const product = await tx.product.update({
      where: { id: productId },
      data: {
        ...input,
        publishedAt: input.status === "PUBLISHED" ? (existing.publishedAt ?? new Date()) : existing.publishedAt,
      },
      select: searchKeySelect,
    });
    await tx.product.update({
      where: { id: productId },
      data: { searchKey: searchKeyFor(product), ...productNameKeys(product.nameVi) },
    });
    await refreshCatalogueEntries(tx, { productIds: [productId] });
    return product;
  });
}
