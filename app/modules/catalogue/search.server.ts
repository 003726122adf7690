/**
 * The public catalogue's search: filters, facet counts, sorting and paging
 * (decision 014). The database's trigram index finds the products whose
 * folded search key holds every word, so "buoi do" finds "Bưởi đỏ"; filters,
 * facet counts and order then come from the in-memory columns in one pass
 * over those matches, the same code on SQLite and PostgreSQL. Relevance puts
 * matches with the query's own accents first.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { dateOf, dayNumber } from "../../lib/dates";
import { certificationStatus, type CertificationStatus } from "./visibility.server";
import { foldText } from "../text/vietnamese.server";
import { catalogueColumns, loadReferenceData, textAt, type CatalogueColumns, type ReferenceData } from "./catalogue-columns.server";
import { forEachSetBit, holds, setBits } from "./word-index.server";
import { mayContain, pairSignature } from "./pair-signatures.server";
import { lowerWithAccents } from "./search-keys.server";
import { provinceOptions, queryWords, type FacetOption, type ProvinceOption } from "./search-sql.server";
import { matchingIds, MIN_INDEXED_WORD_LENGTH } from "./text-match.server";
import type { StoredImage } from "../media/image-sources";
import { groupIdOf, PAGE_SIZE, type CatalogueQuery } from "./query";
import { cachedForDay } from "./read-cache.server";
import { chunks } from "../../lib/batches";
import type { Language } from "../../i18n/config";
import { productCardView, type ProductCardView } from "./card-view";
import { cardViewsFromColumns } from "./card-views.server";


/**
 * The query's filters resolved to ids. A slug that names nothing resolves to
 * an id no row has, so the filter matches nothing (as in SQL).
 */
type Filters = {
  today: number | null; // in force on this day number; null: every listed product (status=all)
  stars: number[];
  groupId?: number;
  productSetId?: number;
  provinceId?: number;
  communeIds?: Set<number>;
  producerId?: number;
};

async function resolveFilters(
  db: Database,
  query: CatalogueQuery,
  today: Date,
  provinces: Array<{ id: number; slug: string }>,
): Promise<Filters> {
  const [communes, producer] = await Promise.all([
    query.commune ? db.commune.findMany({ where: { slug: query.commune }, select: { id: true } }) : undefined,
    query.producer ? db.producer.findUnique({ where: { slug: query.producer }, select: { id: true } }) : undefined,
  ]);
  return {
    today: query.status === "valid" ? dayNumber(today) : null,
    stars: query.stars,
    groupId: query.group ? groupIdOf(query.group) : undefined,
    productSetId: query.set,
    provinceId: query.province ? (provinces.find((province) => province.slug === query.province)?.id ?? -1) : undefined,
    communeIds: communes ? new Set(communes.map((commune) => commune.id)) : undefined,
    producerId: query.producer ? (producer?.id ?? -1) : undefined,
  };
}

type Selection = {
  /** 1 for each row that passes every filter. */
  selected: Uint8Array;
  total: number;
  stars: Map<number, number>;
  groups: Map<number, number>;
  provinces: Map<number, number>;
};

/**
 * One pass over the candidate rows (the text matches, or every row): which
 * pass all filters, and the facet counts, each facet counted under every
 * filter but its own (choosing 4★ still shows how many 3★ products there are).
 */
function select(columns: CatalogueColumns, candidates: Int32Array, filters: Filters): Selection {
  const selected = new Uint8Array(columns.size);
  const starCounts = new Int32Array(8);
  const groupCounts = new Int32Array(256);
  // By province id (a few dozen), not a Map: one array write a row instead of a lookup and a store.
  const provinceCounts = new Int32Array(columns.provinces.reduce((largest, province) => Math.max(largest, province.id), 0) + 1);
  const wantedStars = new Uint8Array(8).fill(filters.stars.length ? 0 : 1);
  for (const stars of filters.stars) wantedStars[stars] = 1;
  let total = 0;
  const { today, groupId, productSetId, provinceId, communeIds, producerId } = filters;
  const { inForceFrom, inForceUntil, stars, groupId: groups, provinceId: provinces } = columns;
  // An indexed loop over a typed array: at 100,000 products a common word has tens of thousands of rows.
  for (let i = 0; i < candidates.length; i++) {
    const row = candidates[i]!;
    if (today !== null && (inForceFrom[row]! > today || inForceUntil[row]! < today)) continue;
    if (productSetId !== undefined && columns.productSetId[row] !== productSetId) continue;
    if (producerId !== undefined && columns.producerId[row] !== producerId) continue;
    if (communeIds && !communeIds.has(columns.communeId[row]!)) continue;
    const starsOk = wantedStars[stars[row]!] === 1;
    const groupOk = groupId === undefined || groups[row] === groupId;
    const provinceOk = provinceId === undefined || provinces[row] === provinceId;
    if (groupOk && provinceOk) starCounts[stars[row]!]!++;
    if (starsOk && provinceOk) groupCounts[groups[row]!]!++;
    if (starsOk && groupOk) provinceCounts[provinces[row]!]!++;
    if (starsOk && groupOk && provinceOk) {
      selected[row] = 1;
      total++;
    }
  }
  const nonZero = (counts: Int32Array) => new Map([...counts.entries()].filter(([, count]) => count > 0));
  return { selected, total, stars: nonZero(starCounts), groups: nonZero(groupCounts), provinces: nonZero(provinceCounts) };
}

/**
 * Rows of `columns` to consider: those whose folded key holds every word of
 * the query, else all. Words of three letters or more come from the
 * database's trigram index, shorter ones from the columns' pair bitsets.
 */
async function candidateRows(db: Database, columns: CatalogueColumns, q: string): Promise<Int32Array> {
  const words = queryWords(q);
  if (!words.length) return columns.byNewest;
  const indexed = words.filter((word) => [...word].length >= MIN_INDEXED_WORD_LENGTH);
  // Words too short for trigrams come from the columns (exact for any length, emoji included).
  const shortWords = words.filter((word) => !indexed.includes(word));
  const short = shortWords.length ? columns.rowsHoldingAll(shortWords) : undefined;
  if (shortWords.length && !short) return new Int32Array(0);
  if (!indexed.length) return Int32Array.from(setBits(short!));
  const ids = await matchingIds(db, "CatalogueEntry", indexed);
  const rows = new Int32Array(ids.length);
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    const row = columns.rowOf(ids[i]!);
    if (row >= 0 && (!short || holds(short, row))) rows[count++] = row;
  }
  return rows.subarray(0, count);
}

/** A query as relevance compares it with names, with the pair signatures of both forms (pair-signatures.server.ts). */
type RankedQuery = { typed: string; folded: string; typedLow: number; typedHigh: number; foldedLow: number; foldedHigh: number };

function rankedQuery(q: string): RankedQuery {
  const typed = lowerWithAccents(q);
  const folded = foldText(q);
  const [typedLow, typedHigh] = pairSignature(typed);
  const [foldedLow, foldedHigh] = pairSignature(folded);
  return { typed, folded, typedLow, typedHigh, foldedLow, foldedHigh };
}

/**
 * Relevance, best first: the name starts with or contains the query as typed
 * (accents and all), then the same on the folded name, then matches found only
 * on the producer, the product set or a place. Ties go to more stars, then
 * the newest certificate. Only tiers under `below` are told apart (the rest
 * return `below`), so a caller with a full list checks less; a substring test
 * runs only on a name whose pair signature allows it.
 */
function relevanceTier(columns: CatalogueColumns, row: number, query: RankedQuery, below: number): number {
  // A name that holds the typed text holds it folded too: without the folded text's pairs, it is tier 4.
  if (!mayContain(columns.nameFoldedPairs, row, query.foldedLow, query.foldedHigh)) return Math.min(4, below);
  const name = textAt(columns.nameLower, row);
  if (below <= 1) return name.startsWith(query.typed) ? 0 : below;
  if (mayContain(columns.nameLowerPairs, row, query.typedLow, query.typedHigh) && name.includes(query.typed)) return name.startsWith(query.typed) ? 0 : 1;
  if (below <= 2) return below;
  const foldedName = textAt(columns.nameFolded, row);
  if (foldedName.startsWith(query.folded)) return 2;
  if (below <= 3) return below;
  return foldedName.includes(query.folded) ? 3 : 4;
}

type Window = { offset: number; limit: number };

/** The candidates among `rows`, in row order (for the catalogue: the stars order, the tie-break within a tier). */
export function candidatesIn(rows: Int32Array, candidate: (row: number) => boolean): number[] {
  const found: number[] = [];
  for (const row of rows) if (candidate(row)) found.push(row);
  return found.sort((a, b) => a - b);
}

/**
 * The first `end` rows by relevance, as tiers. Tiers 0 and 2 (the name starts
 * with the query, as typed or folded) come whole from the name orders: the
 * candidates in one range of each. `visit` then hands over the candidates in
 * the rows' own order until it is told to stop, for tiers 1, 3 and 4. A later
 * row goes to the end of its tier, so it enters the first `end` only in a tier
 * below the first one whose tiers up to it already hold `end` rows. Once that
 * is tier 3 or below, only tier 1 can still gain rows: a check of the name's
 * pair signature rules out most rows without reading the name. Once it is
 * tier 1, no row can. (Walking every candidate to rule out a late tier-0 row,
 * reading each name, made a broad type-ahead prefix cost 6–9 ms at 100,000
 * products.)
 */
function firstByRelevance(
  columns: CatalogueColumns,
  q: string,
  end: number,
  candidate: (row: number) => boolean,
  visit: (take: (row: number) => boolean) => void,
): number[] {
  const query = rankedQuery(q);
  const startingAsTyped = candidatesIn(columns.rowsWithNameStarting(query.typed), candidate);
  if (startingAsTyped.length >= end) return startingAsTyped.slice(0, end);
  const startingFolded = candidatesIn(columns.rowsWithFoldedNameStarting(query.folded), candidate).filter(
    (row) => relevanceTier(columns, row, query, 5) === 2,
  );
  const tiers: number[][] = [startingAsTyped, [], startingFolded, [], []];
  const firstTierUnder = (limit: number) => {
    for (let t = 0, listed = 0; t < limit; t++) if ((listed += tiers[t]!.length) >= end) return t;
    return limit;
  };
  let entering = firstTierUnder(5);
  if (entering <= 1) return tiers.flat().slice(0, end);
  visit((row) => {
    let tier: number;
    if (entering <= 3) {
      // Only tier 1 can still gain rows: the name holds the query as typed, not at its start.
      if (!mayContain(columns.nameLowerPairs, row, query.typedLow, query.typedHigh)) return true;
      const name = textAt(columns.nameLower, row);
      if (!name.includes(query.typed) || name.startsWith(query.typed)) return true;
      tier = 1;
    } else {
      tier = relevanceTier(columns, row, query, entering);
      if (tier === 0 || tier === 2 || tier >= entering) return true;
    }
    tiers[tier]!.push(row);
    entering = firstTierUnder(entering);
    return entering > 1;
  });
  return tiers.flat().slice(0, end);
}

/** The selected rows' product ids in the query's order, within `window`. */
function orderedPage(columns: CatalogueColumns, selection: Selection, query: CatalogueQuery, { offset, limit }: Window): number[] {
  const { selected } = selection;
  const end = offset + limit;
  if (query.sort === "relevance" && query.q) {
    const best = firstByRelevance(columns, query.q, end, (row) => selected[row] === 1, (take) => {
      for (let row = 0; row < columns.size; row++) if (selected[row] && !take(row)) return;
    });
    return best.slice(offset).map((row) => columns.productId[row]!);
  }
  // The rows are in the "stars" order themselves.
  const order = query.sort === "name" ? columns.byName : query.sort === "stars" ? undefined : columns.byNewest;
  const ids: number[] = [];
  let seen = 0;
  for (let i = 0; i < columns.size; i++) {
    const row = order ? order[i]! : i;
    if (!selected[row]) continue;
    if (seen++ >= offset) ids.push(columns.productId[row]!);
    if (seen >= end) break;
  }
  return ids;
}

type Matches = { columns: CatalogueColumns; selection: Selection };

/**
 * Where one search's time goes, in milliseconds (for `bench/search-breakdown.ts`):
 * `reference` is getting the in-memory columns (a version check, or a rebuild after a change).
 */
export type SearchTimings = { reference: number; match: number; facets: number; page: number; cards: number };

const since = (start: number) => performance.now() - start;

async function findMatches(db: Database, query: CatalogueQuery, today: Date, timings?: SearchTimings): Promise<Matches> {
  let start = performance.now();
  const columns = await catalogueColumns(db);
  if (timings) timings.reference = since(start);
  start = performance.now();
  const [candidates, filters] = await Promise.all([candidateRows(db, columns, query.q), resolveFilters(db, query, today, columns.provinces)]);
  if (timings) timings.match = since(start);
  start = performance.now();
  const selection = select(columns, candidates, filters);
  if (timings) timings.facets = since(start);
  return { columns, selection };
}

export type CatalogueFacets = {
  stars: FacetOption<number>[];
  groups: Array<FacetOption<string> & { nameVi: string; nameEn: string }>;
  provinces: ProvinceOption[];
};

type CardRow = {
  id: number;
  slug: string;
  nameVi: string;
  nameEn: string | null;
  packagingVi: string | null;
  packagingEn: string | null;
  setId: number;
  producerSlug: string;
  legalName: string;
  communeNameVi: string | null;
  provinceId: number;
  certificationId: number;
  stars: number;
  signedOn: Date | string;
  validUntil: Date | string;
  revokedOn: Date | string | null;
  decisionNumber: string;
  verificationCode: string;
  storageKey: string | null;
  widths: string | null;
  width: number | null;
  height: number | null;
  altVi: string | null;
  altEn: string | null;
};

export type ProductCard = {
  id: number;
  slug: string;
  nameVi: string;
  nameEn: string | null;
  packagingVi: string | null;
  packagingEn: string | null;
  productSet: { id: number; nameVi: string; nameEn: string; group: { code: string } };
  producer: { slug: string; legalName: string; commune: { nameVi: string } | null; province: { nameVi: string; nameEn: string } };
  /** The first image, if any. */
  images: StoredImage[];
  certification: {
    id: number;
    stars: number;
    signedOn: Date;
    validUntil: Date;
    revokedOn: Date | null;
    decisionNumber: string;
    verificationCode: string;
    status: CertificationStatus;
  };
};

/**
 * The cards of listed products, in the order of `ids`: one query with joins
 * (a raw query: the client's query compiler cost more than the query itself).
 * Product sets, groups and provinces are named from the columns' reference
 * data: joined too, they made PostgreSQL plan an eight-table join for each
 * page, 3.5–4 ms against 0.4 ms to run it.
 */
async function loadCards(db: Database, columns: CatalogueColumns, ids: number[], today: Date): Promise<ProductCard[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<CardRow[]>`
    SELECT p."id", p."slug", p."nameVi", p."nameEn", p."packagingVi", p."packagingEn", p."productSetId" AS "setId",
      pr."slug" AS "producerSlug", pr."legalName", pr."provinceId", cm."nameVi" AS "communeNameVi",
      c."id" AS "certificationId", c."stars", c."signedOn", c."validUntil", c."revokedOn", c."decisionNumber", c."verificationCode",
      i."storageKey", i."widths", i."width", i."height", i."altVi", i."altEn"
    FROM "Product" p
    JOIN "Producer" pr ON pr."id" = p."producerId"
    LEFT JOIN "Commune" cm ON cm."id" = pr."communeId"
    JOIN "Certification" c ON c."id" = p."standingCertificationId"
    LEFT JOIN "ProductImage" i ON i."id" = (
      SELECT first."id" FROM "ProductImage" first WHERE first."productId" = p."id" ORDER BY first."position", first."id" LIMIT 1
    )
    WHERE p."id" IN (${Prisma.join(ids)})`;
  // Reference data changes only with the seed, which records a catalogue change (so new columns).
  // Until this process has read that change (a poll interval), a card may name what its columns
  // lack: it is then read from the database.
  const knownToColumns = rows.every((row) => {
    const set = columns.productSetById.get(Number(row.setId));
    return set && columns.groupById.has(set.groupId) && columns.provinceById.has(Number(row.provinceId));
  });
  const reference: ReferenceData = knownToColumns ? columns : await loadReferenceData(db);
  const named = <T>(found: T | undefined, what: string): T => {
    if (!found) throw new Error(`catalogue card: ${what} is not in the reference data`);
    return found;
  };
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const dates = { signedOn: dateOf(row.signedOn), validUntil: dateOf(row.validUntil), revokedOn: row.revokedOn === null ? null : dateOf(row.revokedOn) };
    const set = named(reference.productSetById.get(Number(row.setId)), `product set ${row.setId}`);
    const group = named(reference.groupById.get(set.groupId), `product group ${set.groupId}`);
    const province = named(reference.provinceById.get(Number(row.provinceId)), `province ${row.provinceId}`);
    return [
      {
        id,
        slug: row.slug,
        nameVi: row.nameVi,
        nameEn: row.nameEn,
        packagingVi: row.packagingVi,
        packagingEn: row.packagingEn,
        productSet: { id: set.id, nameVi: set.nameVi, nameEn: set.nameEn, group: { code: group.code } },
        producer: {
          slug: row.producerSlug,
          legalName: row.legalName,
          commune: row.communeNameVi === null ? null : { nameVi: row.communeNameVi },
          province: { nameVi: province.nameVi, nameEn: province.nameEn },
        },
        images:
          row.storageKey === null
            ? []
            : [{ storageKey: row.storageKey, widths: row.widths!, width: Number(row.width), height: Number(row.height), altVi: row.altVi!, altEn: row.altEn }],
        certification: {
          id: Number(row.certificationId),
          stars: Number(row.stars),
          ...dates,
          decisionNumber: row.decisionNumber,
          verificationCode: row.verificationCode,
          // A standing certificate is never superseded: its dates decide.
          status: certificationStatus(dates, today),
        },
      },
    ];
  });
}

export type CatalogueSearchResult = {
  total: number;
  page: number;
  pageCount: number;
  items: ProductCard[];
  facets: CatalogueFacets;
};

export async function searchCatalogue(db: Database, query: CatalogueQuery, today: Date, timings?: SearchTimings): Promise<CatalogueSearchResult> {
  const { columns, selection } = await findMatches(db, query, today, timings);
  let start = performance.now();
  const ids = pageIds(columns, selection, query);
  if (timings) timings.page = since(start);
  start = performance.now();
  const items = await loadCards(db, columns, ids, today);
  if (timings) timings.cards = since(start);
  return { ...resultWithoutCards(columns, selection, query), items };
}

/** The catalogue page's search: as searchCatalogue, each card as the page shows it, from the columns (card-views.server.ts). */
export async function searchCataloguePage(db: Database, query: CatalogueQuery, today: Date, language: Language): Promise<CataloguePage> {
  const { columns, selection } = await findMatches(db, query, today);
  const ids = pageIds(columns, selection, query);
  const items = cardViewsFromColumns(columns, ids, language, today) ?? (await loadCards(db, columns, ids, today)).map((card) => productCardView(card, language));
  return { ...resultWithoutCards(columns, selection, query), items };
}

export type CataloguePage = Omit<CatalogueSearchResult, "items"> & { items: ProductCardView[] };

const pageIds = (columns: CatalogueColumns, selection: Selection, query: CatalogueQuery) =>
  orderedPage(columns, selection, query, { offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE });

function resultWithoutCards(columns: CatalogueColumns, selection: Selection, query: CatalogueQuery): Omit<CatalogueSearchResult, "items"> {
  const { groups, provinces } = columns;
  const pageCount = Math.max(1, Math.ceil(selection.total / PAGE_SIZE));
  return {
    total: selection.total,
    page: query.page,
    pageCount,
    facets: {
      stars: ([5, 4, 3] as const).map((value) => ({
        value,
        count: selection.stars.get(value) ?? 0,
        selected: query.stars.includes(value),
      })),
      groups: groups.map((group) => ({
        value: group.code,
        nameVi: group.nameVi,
        nameEn: group.nameEn,
        count: selection.groups.get(group.id) ?? 0,
        selected: query.group === group.code,
      })),
      provinces: provinceOptions(provinces, selection.provinces, query.province),
    },
  };
}

/** Upper bound of one CSV export; the national catalogue is about 17,000 products. */
export const EXPORT_LIMIT = 50_000;

/** Every product matching the query (all pages), in the query's order, for export. */
export async function exportCatalogue(db: Database, query: CatalogueQuery, today: Date): Promise<ProductCard[]> {
  const { columns, selection } = await findMatches(db, query, today);
  const ids = orderedPage(columns, selection, query, { offset: 0, limit: EXPORT_LIMIT });
  const cards: ProductCard[] = [];
  for (const batch of chunks(ids)) cards.push(...(await loadCards(db, columns, batch, today)));
  return cards;
}

/** The home page's "newest certified" strip. */
export async function newestCertifiedProducts(db: Database, today: Date, limit = 8): Promise<ProductCard[]> {
  const query: CatalogueQuery = { q: "", stars: [], status: "valid", sort: "newest", page: 1 };
  const { columns, selection } = await findMatches(db, query, today);
  return loadCards(db, columns, orderedPage(columns, selection, query, { offset: 0, limit }), today);
}

/**
 * The best `limit` products in force for `q`, by the search's relevance,
 * from the columns alone: type-ahead asks on every keystroke, and a query to
 * the index cost more than the rest of the answer. The rows that hold every
 * word come from the columns' word index; among them, those whose folded name
 * holds the query are tiers 0–3 and the others tier 4, best stars first
 * within a tier.
 */
function bestInForce(columns: CatalogueColumns, q: string, day: number, limit: number): number[] {
  const words = queryWords(q);
  const matches = foldText(q) && words.length ? columns.rowsHoldingAll(words) : undefined;
  if (!matches) return [];
  const inForce = (row: number) => columns.inForceFrom[row]! <= day && columns.inForceUntil[row]! >= day;
  const best = firstByRelevance(
    columns,
    q,
    limit,
    (row) => holds(matches, row) && inForce(row),
    (take) => forEachSetBit(matches, (row) => !inForce(row) || take(row)),
  );
  return best.map((row) => columns.productId[row]!);
}

/** The best `limit` products in force for `q`, by relevance (type-ahead suggestions), and the columns they came from. */
export async function bestMatchingProductIds(db: Database, q: string, today: Date, limit: number): Promise<{ ids: number[]; columns: CatalogueColumns }> {
  const columns = await catalogueColumns(db);
  return { ids: bestInForce(columns, q, dayNumber(today), limit), columns };
}

/** searchCatalogue through the read cache (the JSON API). */
export function cachedSearch(db: Database, query: CatalogueQuery, today: Date): Promise<CatalogueSearchResult> {
  return cachedForDay(`search:${JSON.stringify(query)}`, today, () => searchCatalogue(db, query, today));
}

/** searchCataloguePage through the read cache (the catalogue page, per language). */
export function cachedSearchPage(db: Database, query: CatalogueQuery, today: Date, language: Language): Promise<CataloguePage> {
  return cachedForDay(`search-page:${language}:${JSON.stringify(query)}`, today, () => searchCataloguePage(db, query, today, language));
}

/** newestCertifiedProducts for the home page, through the read cache. */
export function cachedNewestCertifiedProducts(db: Database, today: Date, limit = 8): Promise<ProductCard[]> {
  return cachedForDay(`newest:${limit}`, today, () => newestCertifiedProducts(db, today, limit));
}
