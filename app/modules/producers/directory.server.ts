/**
 * The public directory of producers (chủ thể OCOP): approved producers only,
 * filtered by type, province and folded text, with facet counts, sorted by
 * name, and each producer's certified products counted in one query per page.
 * The same SQL, and so the same results, on SQLite and PostgreSQL.
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Database, ProducerType } from "../../db.server";
import { searchCatalogue, type ProductCard } from "../catalogue/search.server";
import { inByteOrder, provinceOptions, queryWords, type FacetOption, type ProvinceOption } from "../catalogue/search-sql.server";
import { textMatchSql } from "../catalogue/text-match.server";
import { decimalInteger } from "../../lib/fields";
import { isSlug, readQueryParams, slugSchema } from "../../lib/query-params.server";
import { normalizeText } from "../../lib/fields";
import { PRODUCER_TYPES } from "./forms";
import { certifiedProductSql, isInForceStatus, publicProducerSql, publicProducerWhere } from "../catalogue/visibility.server";

export const PRODUCER_PAGE_SIZE = 24;

export type ProducerDirectoryQuery = {
  q: string;
  province?: string;
  type?: ProducerType;
  page: number;
};

/** One field of the directory query; an invalid value is dropped and reported, never a 500. */
const fields = {
  q: z.string().max(200).transform(normalizeText),
  province: slugSchema,
  type: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(PRODUCER_TYPES)),
  page: decimalInteger().pipe(z.number().min(1).max(100_000)),
};

/**
 * Reads the directory's query parameters. Unknown parameters are ignored;
 * invalid values are dropped and named in `ignored` so the page can say so.
 */
export function parseProducerDirectoryQuery(params: URLSearchParams): { query: ProducerDirectoryQuery; ignored: string[] } {
  const { values, ignored } = readQueryParams(params, fields);
  return { query: { q: values.q ?? "", province: values.province, type: values.type, page: values.page ?? 1 }, ignored };
}

// Enum values as SQL literals: PostgreSQL compares an enum column with a
// literal, where a text parameter would need a cast.
const TYPE_SQL: Record<ProducerType, Prisma.Sql> = {
  COOPERATIVE: Prisma.sql`'COOPERATIVE'`,
  COOPERATIVE_GROUP: Prisma.sql`'COOPERATIVE_GROUP'`,
  ENTERPRISE: Prisma.sql`'ENTERPRISE'`,
  HOUSEHOLD_BUSINESS: Prisma.sql`'HOUSEHOLD_BUSINESS'`,
};

type Facet = "type" | "province";

/**
 * The filters as SQL on "Producer" alone. The province arrives resolved to
 * its id (-1 for an unknown slug), so the (status, provinceId) index applies.
 */
type Filters = { words: string[]; type?: ProducerType; provinceId?: number };

function whereClause(db: Database, filters: Filters, except: Facet[] = []): Prisma.Sql {
  const parts: Prisma.Sql[] = [publicProducerSql("pr"), ...textMatchSql(db, "Producer", "pr", filters.words)];
  if (filters.type && !except.includes("type")) parts.push(Prisma.sql`pr."type" = ${TYPE_SQL[filters.type]}`);
  if (filters.provinceId !== undefined && !except.includes("province")) parts.push(Prisma.sql`pr."provinceId" = ${filters.provinceId}`);
  return Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
}

type FacetRow = { type: ProducerType; provinceId: number; n: number | bigint };

/** Counts by type and by province in one GROUP BY; each facet counts under the other filters. */
async function facetCounts(db: Database, filters: Filters) {
  const rows = await db.$queryRaw<FacetRow[]>`
    SELECT pr."type" AS "type", pr."provinceId" AS "provinceId", COUNT(*) AS "n"
    FROM "Producer" pr
    ${whereClause(db, filters, ["type", "province"])}
    GROUP BY pr."type", pr."provinceId"`;
  const byType = new Map<string, number>();
  const byProvince = new Map<number, number>();
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    const provinceId = Number(row.provinceId);
    const typeMatches = !filters.type || row.type === filters.type;
    const provinceMatches = filters.provinceId === undefined || provinceId === filters.provinceId;
    if (provinceMatches) byType.set(row.type, (byType.get(row.type) ?? 0) + n);
    if (typeMatches) byProvince.set(provinceId, (byProvince.get(provinceId) ?? 0) + n);
    if (typeMatches && provinceMatches) total += n;
  }
  return { total, byType, byProvince };
}

async function pageIds(db: Database, filters: Filters, page: number): Promise<number[]> {
  const byName = inByteOrder(db, Prisma.sql`pr."searchKey"`);
  const offset = (page - 1) * PRODUCER_PAGE_SIZE;
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT pr."id" AS "id" FROM "Producer" pr ${whereClause(db, filters)}
    ORDER BY ${byName} ASC, pr."id" ASC
    LIMIT ${PRODUCER_PAGE_SIZE} OFFSET ${offset}`;
  return rows.map((row) => Number(row.id));
}

type CertifiedRow = { producerId: number; n: number | bigint; bestStars: number | bigint | null };

/**
 * Certified products (as `certifiedProductSql` defines them) and their best
 * current stars, for a set of approved producers, in one GROUP BY.
 */
export async function certifiedProductTotals(db: Database, producerIds: number[], today: Date) {
  const totals = new Map<number, { certifiedProducts: number; bestStars: number | null }>();
  if (!producerIds.length) return totals;
  const rows = await db.$queryRaw<CertifiedRow[]>`
    SELECT p."producerId" AS "producerId", COUNT(*) AS "n", MAX(c."stars") AS "bestStars"
    FROM "Product" p
    JOIN "Producer" pr ON pr."id" = p."producerId"
    JOIN "Certification" c ON c."id" = p."standingCertificationId"
    WHERE p."producerId" IN (${Prisma.join(producerIds)})
      AND ${certifiedProductSql({ product: "p", producer: "pr", cert: "c" }, today)}
    GROUP BY p."producerId"`;
  for (const row of rows) {
    totals.set(Number(row.producerId), {
      certifiedProducts: Number(row.n),
      bestStars: row.bestStars === null ? null : Number(row.bestStars),
    });
  }
  return totals;
}

const entrySelect = {
  id: true,
  slug: true,
  legalName: true,
  type: true,
  formerDistrict: true,
  formerProvince: true,
  commune: { select: { nameVi: true, slug: true } },
  province: { select: { slug: true, nameVi: true, nameEn: true } },
} as const;

async function loadEntries(db: Database, ids: number[], today: Date) {
  if (!ids.length) return [];
  const [producers, totals] = await Promise.all([
    db.producer.findMany({ where: { id: { in: ids } }, select: entrySelect }),
    certifiedProductTotals(db, ids, today),
  ]);
  const byId = new Map(producers.map((producer) => [producer.id, producer]));
  return ids.flatMap((id) => {
    const producer = byId.get(id);
    if (!producer) return [];
    return [{ ...producer, ...(totals.get(id) ?? { certifiedProducts: 0, bestStars: null }) }];
  });
}

export type ProducerEntry = Awaited<ReturnType<typeof loadEntries>>[number];


export type ProducerDirectoryResult = {
  total: number;
  page: number;
  pageCount: number;
  items: ProducerEntry[];
  facets: {
    types: FacetOption<ProducerType>[];
    provinces: ProvinceOption[];
  };
};

export async function searchProducers(db: Database, query: ProducerDirectoryQuery, today: Date): Promise<ProducerDirectoryResult> {
  const provinces = await db.province.findMany({ select: { id: true, slug: true, nameVi: true, nameEn: true } });
  const filters: Filters = {
    words: queryWords(query.q),
    type: query.type,
    provinceId: query.province ? (provinces.find((province) => province.slug === query.province)?.id ?? -1) : undefined,
  };
  const [counts, ids] = await Promise.all([facetCounts(db, filters), pageIds(db, filters, query.page)]);
  const items = await loadEntries(db, ids, today);
  return {
    total: counts.total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(counts.total / PRODUCER_PAGE_SIZE)),
    items,
    facets: {
      types: PRODUCER_TYPES.map((value) => ({ value, count: counts.byType.get(value) ?? 0, selected: query.type === value })),
      provinces: provinceOptions(provinces, counts.byProvince, query.province),
    },
  };
}

const profileSelect = {
  id: true,
  slug: true,
  type: true,
  legalName: true,
  registrationNumber: true,
  registrationDate: true,
  registrationOffice: true,
  legalRepName: true,
  legalRepTitle: true,
  phone: true,
  zalo: true,
  email: true,
  website: true,
  street: true,
  formerDistrict: true,
  formerProvince: true,
  descriptionVi: true,
  descriptionEn: true,
  commune: { select: { nameVi: true, slug: true } },
  province: { select: { slug: true, nameVi: true, nameEn: true } },
} as const;

/**
 * Everything a public producer profile shows; null unless the producer is
 * approved. Products are the catalogue's cards, lapsed ones included (their
 * badge says so), the ones in force first.
 */
export async function getProducerProfile(db: Database, slug: string, today: Date) {
  if (!isSlug(slug)) return null;
  const producer = await db.producer.findFirst({ where: { slug, ...publicProducerWhere }, select: profileSelect });
  if (!producer) return null;
  const [products, totals] = await Promise.all([
    searchCatalogue(db, { q: "", stars: [], producer: slug, status: "all", sort: "stars", page: 1 }, today),
    certifiedProductTotals(db, [producer.id], today),
  ]);
  const inForce = (card: ProductCard) => isInForceStatus(card.certification.status);
  return {
    producer,
    products: [...products.items.filter(inForce), ...products.items.filter((card) => !inForce(card))],
    productTotal: products.total,
    ...(totals.get(producer.id) ?? { certifiedProducts: 0, bestStars: null }),
  };
}

export type ProducerProfile = NonNullable<Awaited<ReturnType<typeof getProducerProfile>>>;
