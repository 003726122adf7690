/**
 * The public directory of producers (chủ thể OCOP): approved producers only,
 * filtered by type, province and folded text, with facet counts, sorted by
 * name, and each producer's certified products counted in one query per page.
 * The text match is the producers' trigram index on both databases; filters,
 * counts and order come from the catalogue's in-memory columns (decision 014).
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Database, ProducerType } from "../../db.server";
import { searchCatalogue, type ProductCard } from "../catalogue/search.server";
import { catalogueColumns, type CatalogueColumns } from "../catalogue/catalogue-columns.server";
import { provinceOptions, queryWords, type FacetOption, type ProvinceOption } from "../catalogue/search-sql.server";
import { matchingIds } from "../catalogue/text-match.server";
import { decimalInteger } from "../../lib/fields";
import { isSlug, readQueryParams, slugSchema } from "../../lib/query-params.server";
import { normalizeText } from "../../lib/fields";
import { PRODUCER_TYPES } from "./forms";
import { certifiedProductSql, isInForceStatus, publicProducerWhere } from "../catalogue/visibility.server";

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

/**
 * The directory's producers in name order (their indexes in the catalogue
 * columns' producer lists, which hold the public producers sorted by folded
 * key), with the type and province counts under the other filter: the text
 * match comes from the producers' trigram index, the rest is one pass over the
 * matches, so a page costs what it matches rather than the whole directory.
 */
function directoryMatches(columns: CatalogueColumns, matchedIds: Int32Array | null, filters: { type?: ProducerType; provinceId?: number }, page: number) {
  const { producers } = columns;
  // Indexes in name order: the matches' (sorted), or every producer's.
  let matched: Int32Array | null = null;
  if (matchedIds) {
    const found: number[] = [];
    for (const id of matchedIds) {
      const index = producers.indexOf.get(id);
      if (index !== undefined) found.push(index);
    }
    matched = Int32Array.from(found).sort();
  }
  const count = matched ? matched.length : producers.id.length;

  // Counted in arrays by type code and province id, named once at the end.
  const typeCounts = new Int32Array(producers.typeNames.length);
  const provinceCounts = new Int32Array(columns.provinces.reduce((largest, province) => Math.max(largest, province.id), 0) + 1);
  const anyType = filters.type === undefined;
  // -1 (a type no public producer has) matches nothing.
  const wantedType = filters.type === undefined ? -1 : producers.typeNames.indexOf(filters.type);
  const anyProvince = filters.provinceId === undefined;
  const first = (page - 1) * PRODUCER_PAGE_SIZE;
  const ids: number[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const index = matched ? matched[i]! : i;
    const type = producers.typeCode[index]!;
    const provinceId = producers.provinceId[index]!;
    const typeMatches = anyType || type === wantedType;
    const provinceMatches = anyProvince || provinceId === filters.provinceId;
    if (provinceMatches) typeCounts[type]!++;
    if (typeMatches) provinceCounts[provinceId]!++;
    if (!typeMatches || !provinceMatches) continue;
    if (total >= first && ids.length < PRODUCER_PAGE_SIZE) ids.push(producers.id[index]!);
    total++;
  }
  const byType = new Map(producers.typeNames.map((name, code) => [name, typeCounts[code]!]));
  const byProvince = new Map<number, number>();
  provinceCounts.forEach((n, provinceId) => n && byProvince.set(provinceId, n));
  return { total, byType, byProvince, ids };
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
  const words = queryWords(query.q);
  const [columns, matchedIds] = await Promise.all([catalogueColumns(db), words.length ? matchingIds(db, "Producer", words) : null]);
  const provinceId = query.province ? (columns.provinces.find((province) => province.slug === query.province)?.id ?? -1) : undefined;
  const matches = directoryMatches(columns, matchedIds, { type: query.type, provinceId }, query.page);
  const items = await loadEntries(db, matches.ids, today);
  return {
    total: matches.total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(matches.total / PRODUCER_PAGE_SIZE)),
    items,
    facets: {
      types: PRODUCER_TYPES.map((value) => ({ value, count: matches.byType.get(value) ?? 0, selected: query.type === value })),
      provinces: provinceOptions(columns.provinces, matches.byProvince, query.province),
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
