import { imageSelect } from "~/modules/media/image-sources";
/**
 * The public catalogue's search: filters, facet counts, sorting and paging,
 * with the same SQL (and so the same results) on SQLite and PostgreSQL.
 * Text matching runs on the folded search key, so "buoi do" finds "Bưởi đỏ";
 * relevance puts matches with the query's own accents first.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { certificationStatus, inForceSql, type CertificationStatus } from "./visibility.server";
import { foldText } from "../text/vietnamese.server";
import { lowerWithAccents } from "./search-keys.server";
import { inByteOrder, likeContains, likePrefix, provinceOptions, queryWords, type FacetOption, type ProvinceOption } from "./search-sql.server";
import { PAGE_SIZE, type CatalogueQuery } from "./query";
import { cachedForDay } from "./read-cache.server";

const GROUP_IDS: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6 };
type Facet = "stars" | "group" | "province";

// One narrow row per listed product (see entries.server.ts): no joins to scan.
const FROM = Prisma.sql`FROM "CatalogueEntry" e`;

function whereClause(query: CatalogueQuery, today: Date, except: Facet[] = []): Prisma.Sql {
  // Every entry is a listed product; only its certificate's dates can rule it out.
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (query.status === "valid") {
    parts.push(inForceSql("e", today));
  }
  for (const word of queryWords(query.q)) parts.push(Prisma.sql`e."searchKey" LIKE ${likeContains(word)} ESCAPE '\\'`);
  if (query.set) parts.push(Prisma.sql`e."productSetId" = ${query.set}`);
  if (query.commune) parts.push(Prisma.sql`e."communeId" IN (SELECT "id" FROM "Commune" WHERE "slug" = ${query.commune})`);
  if (query.producer) parts.push(Prisma.sql`e."producerId" IN (SELECT "id" FROM "Producer" WHERE "slug" = ${query.producer})`);
  if (query.stars.length && !except.includes("stars")) parts.push(Prisma.sql`e."stars" IN (${Prisma.join(query.stars)})`);
  if (query.group && !except.includes("group")) parts.push(Prisma.sql`e."groupId" = ${GROUP_IDS[query.group]}`);
  if (query.province && !except.includes("province")) {
    parts.push(Prisma.sql`e."provinceId" IN (SELECT "id" FROM "Province" WHERE "slug" = ${query.province})`);
  }
  return Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
}

type FacetRow = { stars: number; groupId: number; provinceId: number; n: number | bigint };

export type CatalogueFacets = {
  stars: FacetOption<number>[];
  groups: Array<FacetOption<string> & { nameVi: string; nameEn: string }>;
  provinces: ProvinceOption[];
};

/**
 * Facet counts in one GROUP BY: each facet counts under every filter except
 * its own, so choosing 4★ still shows how many 3★ products there are.
 */
async function facetCounts(db: Database, query: CatalogueQuery, today: Date, selectedProvinceId: number | undefined) {
  const rows = await db.$queryRaw<FacetRow[]>`
    SELECT e."stars" AS "stars", e."groupId" AS "groupId", e."provinceId" AS "provinceId", COUNT(*) AS "n"
    ${FROM}
    ${whereClause(query, today, ["stars", "group", "province"])}
    GROUP BY e."stars", e."groupId", e."provinceId"`;
  const groupId = query.group ? GROUP_IDS[query.group] : undefined;
  const keep = (row: FacetRow, except: Facet) =>
    (except === "stars" || !query.stars.length || query.stars.includes(row.stars as 3 | 4 | 5)) &&
    (except === "group" || groupId === undefined || row.groupId === groupId) &&
    (except === "province" || !query.province || row.provinceId === selectedProvinceId);
  const tally = <K>(except: Facet | "none", key: (row: FacetRow) => K) => {
    const counts = new Map<K, number>();
    for (const row of rows) {
      if (except === "none" ? !(keep(row, "stars") && keep(row, "group") && keep(row, "province")) : !keep(row, except)) continue;
      counts.set(key(row), (counts.get(key(row)) ?? 0) + Number(row.n));
    }
    return counts;
  };
  const total = [...tally("none", () => "all").values()][0] ?? 0;
  return {
    total,
    stars: tally("stars", (row) => row.stars),
    groups: tally("group", (row) => row.groupId),
    provinces: tally("province", (row) => Number(row.provinceId)),
  };
}

/**
 * Relevance, best first: the name starts with or contains the query as typed
 * (accents and all), then the same on the folded name, then matches found only
 * on the producer, the product set or a place. Ties go to more stars, then
 * the newest certificate.
 */
function relevanceTier(q: string): Prisma.Sql {
  const typed = lowerWithAccents(q);
  const folded = foldText(q);
  return Prisma.sql`CASE
    WHEN e."nameLower" LIKE ${likePrefix(typed)} ESCAPE '\\' THEN 0
    WHEN e."nameLower" LIKE ${likeContains(typed)} ESCAPE '\\' THEN 1
    WHEN e."nameFolded" LIKE ${likePrefix(folded)} ESCAPE '\\' THEN 2
    WHEN e."nameFolded" LIKE ${likeContains(folded)} ESCAPE '\\' THEN 3
    ELSE 4 END`;
}

type Window = { offset: number; limit: number };

async function pageIds(
  db: Database,
  query: CatalogueQuery,
  today: Date,
  { offset, limit }: Window = { offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
): Promise<number[]> {
  const where = whereClause(query, today);
  const byName = inByteOrder(db, Prisma.sql`e."searchKey"`);
  const orderBy = {
    relevance: query.q
      ? Prisma.sql`${relevanceTier(query.q)}, e."stars" DESC, e."signedOn" DESC, e."productId" DESC`
      : Prisma.sql`e."signedOn" DESC, e."productId" DESC`,
    newest: Prisma.sql`e."signedOn" DESC, e."productId" DESC`,
    stars: Prisma.sql`e."stars" DESC, e."signedOn" DESC, e."productId" DESC`,
    name: Prisma.sql`${byName} ASC, e."productId" ASC`,
  }[query.sort];
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT e."productId" AS "id" ${FROM} ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((row) => row.id);
}

const cardSelect = {
  id: true,
  slug: true,
  nameVi: true,
  nameEn: true,
  packagingVi: true,
  packagingEn: true,
  productSet: { select: { id: true, nameVi: true, nameEn: true, group: { select: { code: true } } } },
  producer: {
    select: {
      slug: true,
      legalName: true,
      commune: { select: { nameVi: true } },
      province: { select: { nameVi: true, nameEn: true } },
    },
  },
  images: { select: imageSelect, orderBy: { position: "asc" as const }, take: 1 },
  standingCertification: {
    select: { id: true, stars: true, signedOn: true, validUntil: true, revokedOn: true, decisionNumber: true, verificationCode: true },
  },
} as const;

export type ProductCard = Awaited<ReturnType<typeof loadCards>>[number];

async function loadCards(db: Database, ids: number[], today: Date) {
  if (!ids.length) return [];
  const products = await db.product.findMany({ where: { id: { in: ids } }, select: cardSelect });
  const byId = new Map(products.map((product) => [product.id, product]));
  return ids.flatMap((id) => {
    const product = byId.get(id);
    if (!product?.standingCertification) return [];
    const cert = product.standingCertification;
    // A standing certificate is never superseded: its dates decide.
    const status: CertificationStatus = certificationStatus(cert, today);
    return [{ ...product, certification: { ...cert, status } }];
  });
}

export type CatalogueSearchResult = {
  total: number;
  page: number;
  pageCount: number;
  items: ProductCard[];
  facets: CatalogueFacets;
};

export async function searchCatalogue(db: Database, query: CatalogueQuery, today: Date): Promise<CatalogueSearchResult> {
  const [groups, provinces] = await Promise.all([
    db.productGroup.findMany({ orderBy: { id: "asc" } }),
    db.province.findMany({ select: { id: true, slug: true, nameVi: true, nameEn: true } }),
  ]);
  const selectedProvinceId = provinces.find((province) => province.slug === query.province)?.id;
  const [counts, ids] = await Promise.all([facetCounts(db, query, today, selectedProvinceId), pageIds(db, query, today)]);
  const items = await loadCards(db, ids, today);
  const pageCount = Math.max(1, Math.ceil(counts.total / PAGE_SIZE));
  return {
    total: counts.total,
    page: query.page,
    pageCount,
    items,
    facets: {
      stars: ([5, 4, 3] as const).map((value) => ({
        value,
        count: counts.stars.get(value) ?? 0,
        selected: query.stars.includes(value),
      })),
      groups: groups.map((group) => ({
        value: group.code,
        nameVi: group.nameVi,
        nameEn: group.nameEn,
        count: counts.groups.get(group.id) ?? 0,
        selected: query.group === group.code,
      })),
      provinces: provinceOptions(provinces, counts.provinces, query.province),
    },
  };
}

/** Upper bound of one CSV export; the national catalogue is about 17,000 products. */
export const EXPORT_LIMIT = 50_000;

/** Every product matching the query (all pages), in the query's order, for export. */
export async function exportCatalogue(db: Database, query: CatalogueQuery, today: Date): Promise<ProductCard[]> {
  const ids = await pageIds(db, query, today, { offset: 0, limit: EXPORT_LIMIT });
  const cards: ProductCard[] = [];
  for (let start = 0; start < ids.length; start += 1000) {
    cards.push(...(await loadCards(db, ids.slice(start, start + 1000), today)));
  }
  return cards;
}

/** The home page's "newest certified" strip. */
export async function newestCertifiedProducts(db: Database, today: Date, limit = 8): Promise<ProductCard[]> {
  const query: CatalogueQuery = { q: "", stars: [], status: "valid", sort: "newest", page: 1 };
  return loadCards(db, await pageIds(db, query, today, { offset: 0, limit }), today);
}

/** searchCatalogue through the read cache (pages and the API share entries). */
export function cachedSearch(db: Database, query: CatalogueQuery, today: Date): Promise<CatalogueSearchResult> {
  return cachedForDay(`search:${JSON.stringify(query)}`, today, () => searchCatalogue(db, query, today));
}

/** newestCertifiedProducts for the home page, through the read cache. */
export function cachedNewestCertifiedProducts(db: Database, today: Date, limit = 8): Promise<ProductCard[]> {
  return cachedForDay(`newest:${limit}`, today, () => newestCertifiedProducts(db, today, limit));
}
