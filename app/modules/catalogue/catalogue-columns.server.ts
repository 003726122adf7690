/**
 * The listed catalogue (its CatalogueEntry rows) held in memory as columns,
 * so that filters, facet counts and ordering cost a pass over the matches
 * rather than a query that grows with the catalogue (decision 014). The
 * search's text match comes from the database's index (text-match.server.ts);
 * type-ahead, which asks on every keystroke, matches here (word-index.server.ts).
 * The catalogue page's cards are built from them too (card-views.server.ts).
 *
 * Words of one or two letters, which the trigram index cannot answer, are
 * looked up in the word index's bitsets of the letters and letter pairs the
 * keys' words hold (about 700 pairs occur; 12.5 KB each at 100,000 products).
 * The keys themselves are never all held at once: each goes into the word
 * index as it is read, and their order comes from the database.
 *
 * About 570 bytes per product (names, the texts a suggestion shows, the
 * bitsets, the word index, name orders and what a card shows): 26.3 MiB of
 * heap and 24.3 MiB of typed arrays for 93,780 listed products (`npm run
 * bench:memory`). Every text column, the producers' included, is one packed
 * string, so a row's text costs its characters and not a string of its own;
 * the build packs one column at a time, since its peak sets how much memory
 * the process keeps afterwards (decision 014, revision 7). Rebuilt when the
 * catalogue's change counter moves, which every write bumps in its own
 * transaction (changes.server.ts), read at most every POLL_MS and at once
 * after a write in this process.
 */
import type { Database } from "../../db.server";
import type { StoredImage } from "../media/image-sources";
import { dateOf, dayNumber } from "../../lib/dates";
import { currentCatalogueVersion, POLL_MS } from "./changes.server";
import { onCatalogueInvalidated } from "./read-cache.server";
import { Prisma } from "../../generated/sqlite/client";
import { foldText } from "../text/vietnamese.server";
import { inByteOrder } from "./search-sql.server";
import { parseIdList } from "./text-match.server";
import { inForceDays, publicProducerSql } from "./visibility.server";
import { buildWordIndex, wordIndexBuilder, type WordIndex } from "./word-index.server";
import { pairSignatures } from "./pair-signatures.server";

/** Many short strings as one text and where each starts: a few bytes each instead of an object each. */
export type PackedText = { text: string; start: Int32Array };

function packText(values: string[]): PackedText {
  const start = new Int32Array(values.length + 1);
  values.forEach((value, index) => (start[index + 1] = start[index]! + value.length));
  return { text: values.join(""), start };
}

/** The `index`th string of a packed text. */
export function textAt({ text, start }: PackedText, index: number): string {
  return text.slice(start[index]!, start[index + 1]!);
}

export type CatalogueColumns = {
  version: number;
  size: number;
  /** Reference data the search's facets and cards name (read with the rows, so it needs no query per search). */
  groups: Array<{ id: number; code: string; nameVi: string; nameEn: string }>;
  productSets: Array<{ id: number; groupId: number; nameVi: string; nameEn: string }>;
  provinces: Array<{ id: number; slug: string; nameVi: string; nameEn: string }>;
  /** The same reference data by id. */
  groupById: Map<number, CatalogueColumns["groups"][number]>;
  productSetById: Map<number, CatalogueColumns["productSets"][number]>;
  provinceById: Map<number, CatalogueColumns["provinces"][number]>;
  /** Public producers in the order of their folded keys, with their folded legal names (type-ahead suggestions). */
  producers: {
    id: Int32Array;
    slug: PackedText;
    legalName: PackedText;
    foldedName: PackedText;
    /** Signatures of the character pairs in each folded name (pair-signatures.server.ts). */
    foldedNamePairs: Uint32Array;
    /** The producers whose folded name starts with `prefix`, in name order: a range of one sorted list. */
    withNameStarting(prefix: string): Int32Array;
    provinceId: Int32Array;
    /** The producer's type, as its index in `typeNames`. */
    typeCode: Uint8Array;
    /** The producer types (ProducerType) that occur, in the order first read. */
    typeNames: string[];
    /** The producers whose folded name holds a word. */
    holding: WordIndex;
    /** Index of a public producer's id in these lists (undefined: not public). */
    indexOf: Map<number, number>;
  };
  productId: Int32Array;
  stars: Uint8Array;
  groupId: Uint8Array;
  productSetId: Uint8Array;
  provinceId: Int32Array;
  producerId: Int32Array;
  communeId: Int32Array; // 0: none
  inForceFrom: Int32Array; // day numbers (see inForceDays)
  inForceUntil: Int32Array;
  /** The standing certificate's days, as day numbers (revokedOn: NO_DAY when not revoked), for the cards' status; it was signed on inForceFrom. */
  validUntil: Int32Array;
  revokedOn: Int32Array;
  /** What a card shows beyond the names: the communes of listed producers, and each listed product's first image. */
  communeNameById: Map<number, string>;
  firstImageByProduct: Map<number, StoredImage>;
  /** What a suggestion shows of each row, packed (see `textAt`). */
  slug: PackedText;
  nameVi: PackedText;
  nameEn: PackedText; // "" for none
  nameLower: PackedText; // the name in lower case, accents kept
  nameFolded: PackedText;
  /** Signatures of the character pairs in each name, in both forms (see pair-signatures.server.ts). */
  nameLowerPairs: Uint32Array;
  nameFoldedPairs: Uint32Array;
  /**
   * Rows in two list orders: newest certificate first; by folded search key. The rows themselves
   * are in the third, the "stars" order (most stars, then the newest certificate).
   */
  byNewest: Int32Array;
  byName: Int32Array;
  /** Rows whose name (lower case, accents kept) starts with `prefix`, in name order: a range of one sorted list. */
  rowsWithNameStarting(prefix: string): Int32Array;
  /** The same for the folded names. */
  rowsWithFoldedNameStarting(prefix: string): Int32Array;
  /** Row of a product id (-1: not listed). */
  rowOf(productId: number): number;
  /** Rows whose folded key holds every word, as a bitset; undefined when none does. */
  rowsHoldingAll(words: string[]): Uint32Array | undefined;
};

const CHUNK = 5_000;

/** A day column's "no day" (a revocation that did not happen). */
export const NO_DAY = -0x80000000;

type EntryRow = {
  productId: number;
  stars: number;
  signedOn: Date | string;
  validUntil: Date | string;
  revokedOn: Date | string | null;
  groupId: number;
  productSetId: number;
  producerId: number;
  provinceId: number;
  communeId: number | null;
  searchKey: string;
  nameLower: string;
  nameFolded: string;
  slug: string;
  nameVi: string;
  nameEn: string | null;
};

/** Typed columns that grow by doubling while the rows are read. */
function growable<T extends Int32Array | Uint8Array>(make: (size: number) => T, initial: number) {
  let array = make(Math.max(16, initial));
  return {
    set(index: number, value: number) {
      if (index >= array.length) {
        const bigger = make(array.length * 2);
        bigger.set(array);
        array = bigger;
      }
      array[index] = value;
    },
    take: (size: number) => array.slice(0, size) as T,
  };
}

async function loadColumns(db: Database, version: number): Promise<CatalogueColumns> {
  // The listed products first and on their own: the strings of every row that their
  // read holds for a moment are gone before the producers' are read.
  const products = await readListedProducts(db);
  const [referenceData, producers, communeNameById, firstImageByProduct, idsByKey] = await Promise.all([
    loadReferenceData(db),
    loadPublicProducers(db),
    loadListedCommuneNames(db),
    loadFirstImages(db),
    productIdsByKey(db),
  ]);
  return {
    version,
    ...referenceData,
    producers,
    communeNameById,
    firstImageByProduct,
    ...products,
    byName: rowsOfIds(idsByKey, products.rowOf, products.size),
  };
}

type ListedProducts = Omit<CatalogueColumns, "version" | keyof ReferenceData | "producers" | "communeNameById" | "firstImageByProduct" | "byName">;

/** The listed products' columns, in the "stars" order, with their word index, name orders and pair signatures. */
async function readListedProducts(db: Database): Promise<ListedProducts> {
  // Sized from a count and filled chunk by chunk, so row objects never pile up.
  const [counted] = await db.$queryRaw<Array<{ n: number | bigint }>>`SELECT COUNT(*) AS "n" FROM "CatalogueEntry"`;
  const expected = Number(counted?.n ?? 0);
  const int32 = () => growable((size) => new Int32Array(size), expected);
  const uint8 = () => growable((size) => new Uint8Array(size), expected);
  const productId = int32();
  const stars = uint8();
  const groupId = uint8();
  const productSetId = uint8();
  const provinceId = int32();
  const producerId = int32();
  const communeId = int32();
  const inForceFrom = int32();
  const inForceUntil = int32();
  const validUntil = int32();
  const revokedOn = int32();
  const nameLower: string[] = [];
  const nameFolded: string[] = [];
  // The keys' tokens go straight into the word index: the keys themselves are never all held.
  const keyWords = wordIndexBuilder();
  const slugs: string[] = [];
  const namesVi: string[] = [];
  const namesEn: string[] = [];
  let size = 0;
  for (let after = 0; ; ) {
    const chunk = await db.$queryRaw<EntryRow[]>`
      SELECT e."productId", e."stars", e."signedOn", e."validUntil", e."revokedOn", e."groupId", e."productSetId", e."producerId",
        e."provinceId", e."communeId", e."searchKey", e."nameLower", e."nameFolded", p."slug", p."nameVi", p."nameEn"
      FROM "CatalogueEntry" e JOIN "Product" p ON p."id" = e."productId"
      WHERE e."productId" > ${after} ORDER BY e."productId" LIMIT ${CHUNK}`;
    for (const row of chunk) {
      const r = size++;
      productId.set(r, Number(row.productId));
      stars.set(r, Number(row.stars));
      groupId.set(r, Number(row.groupId));
      productSetId.set(r, Number(row.productSetId));
      provinceId.set(r, Number(row.provinceId));
      producerId.set(r, Number(row.producerId));
      communeId.set(r, row.communeId === null ? 0 : Number(row.communeId));
      const dates = { signedOn: dateOf(row.signedOn), validUntil: dateOf(row.validUntil), revokedOn: row.revokedOn === null ? null : dateOf(row.revokedOn) };
      const days = inForceDays(dates);
      inForceFrom.set(r, days.from);
      inForceUntil.set(r, days.until);
      validUntil.set(r, dayNumber(dates.validUntil));
      revokedOn.set(r, dates.revokedOn ? dayNumber(dates.revokedOn) : NO_DAY);
      nameLower.push(row.nameLower);
      nameFolded.push(row.nameFolded);
      keyWords.add(row.searchKey);
      slugs.push(row.slug);
      namesVi.push(row.nameVi);
      namesEn.push(row.nameEn ?? "");
    }
    if (chunk.length < CHUNK) break;
    after = Number(chunk.at(-1)!.productId);
  }
  // Rows are kept in the "stars" order (most stars, then the newest certificate), so a
  // bitset of rows lists them in that order too: relevance's order within a tier.
  // A certificate is in force from its signing day (inForceDays), so inForceFrom orders by it.
  const signedAll = inForceFrom.take(size);
  const idsAll = productId.take(size);
  const newestFirst = (a: number, b: number) => signedAll[b]! - signedAll[a]! || idsAll[b]! - idsAll[a]!;
  const starsAll = stars.take(size);
  const order = Int32Array.from({ length: size }, (_, r) => r).sort((a, b) => starsAll[b]! - starsAll[a]! || newestFirst(a, b));
  const ordered = <T extends Int32Array | Uint8Array>(column: T): T => column.map((_, row) => column[order[row]!]!) as T;
  const lower = nameColumn(nameLower, order);
  const folded = nameColumn(nameFolded, order);
  const columns = {
    size,
    productId: ordered(idsAll),
    stars: ordered(starsAll),
    groupId: ordered(groupId.take(size)),
    productSetId: ordered(productSetId.take(size)),
    provinceId: ordered(provinceId.take(size)),
    producerId: ordered(producerId.take(size)),
    communeId: ordered(communeId.take(size)),
    inForceFrom: ordered(signedAll),
    inForceUntil: ordered(inForceUntil.take(size)),
    validUntil: ordered(validUntil.take(size)),
    revokedOn: ordered(revokedOn.take(size)),
    slug: packInOrder(slugs, order),
    nameVi: packInOrder(namesVi, order),
    nameEn: packInOrder(namesEn, order),
    nameLower: lower.packed,
    nameFolded: folded.packed,
  };
  return {
    ...columns,
    byNewest: rowsInOrder(size, (a, b) => columns.inForceFrom[b]! - columns.inForceFrom[a]! || columns.productId[b]! - columns.productId[a]!),
    rowOf: rowLookup(columns.productId),
    rowsHoldingAll: rowsHoldingAll(keyWords.build({ rowOfKey: inverse(order), shortWords: true })),
    rowsWithNameStarting: lower.startingWith,
    rowsWithFoldedNameStarting: folded.startingWith,
    nameLowerPairs: lower.pairs,
    nameFoldedPairs: folded.pairs,
  };
}

// A column's texts are packed one column after the other, each list emptied once
// packed, so that no column's strings are held both one by one and packed while
// the next is read: the build's peak sets how much memory the process keeps.

/** A column of texts packed in the rows' order; `texts` (in the order read) is emptied. */
function packInOrder(texts: string[], order: Int32Array): PackedText {
  const packed = packText(Array.from(order, (row) => texts[row]!));
  texts.length = 0;
  return packed;
}

/** A name column packed in the rows' order, with its name order and pair signatures; `texts` is emptied. */
function nameColumn(texts: string[], order: Int32Array) {
  const names = Array.from(order, (row) => texts[row]!);
  texts.length = 0;
  const packed = packText(names);
  return { packed, startingWith: namePrefixRanges(names, packed), pairs: pairSignatures(names) };
}

export type ReferenceData = Pick<CatalogueColumns, "groups" | "productSets" | "provinces" | "groupById" | "productSetById" | "provinceById">;

/** The product groups, product sets and provinces, as lists and by id. */
export async function loadReferenceData(db: Database): Promise<ReferenceData> {
  const [groups, productSets, provinces] = await Promise.all([
    db.productGroup.findMany({ select: { id: true, code: true, nameVi: true, nameEn: true }, orderBy: { id: "asc" } }),
    db.productSet.findMany({ select: { id: true, groupId: true, nameVi: true, nameEn: true }, orderBy: { id: "asc" } }),
    db.province.findMany({ select: { id: true, slug: true, nameVi: true, nameEn: true }, orderBy: { id: "asc" } }),
  ]);
  return { groups, productSets, provinces, groupById: byId(groups), productSetById: byId(productSets), provinceById: byId(provinces) };
}

// The snapshot's functions are made outside the loaders on purpose: a closure made
// inside one would keep its whole context alive (V8 shares one context per
// scope), with the arrays the build reads every row into.

function byId<T extends { id: number }>(records: T[]): Map<number, T> {
  return new Map(records.map((record) => [record.id, record]));
}

function rowsInOrder(size: number, compare: (a: number, b: number) => number): Int32Array {
  return Int32Array.from({ length: size }, (_, r) => r).sort(compare);
}

/**
 * The rows in code-unit order of their names, where the names starting with a prefix are one
 * range, found by binary search. It sorts `names` and then reads the same names, packed.
 */
function namePrefixRanges(names: string[], packed: PackedText): (prefix: string) => Int32Array {
  const sorted = rowsInOrder(names.length, (a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : a - b));
  return prefixRangesOf(packed, sorted);
}

/** Made apart from namePrefixRanges, so that it keeps the packed names and not the list it sorted. */
function prefixRangesOf(names: PackedText, sorted: Int32Array): (prefix: string) => Int32Array {
  // The first position in `sorted` whose name is not below `text`.
  const lowerBound = (text: string) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (textAt(names, sorted[middle]!) < text) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  // Every name that starts with the prefix sorts below the prefix followed by the highest code unit.
  return (prefix) => sorted.subarray(lowerBound(prefix), lowerBound(`${prefix}\uffff`));
}

function rowLookup(productIds: Int32Array): (productId: number) => number {
  const maxId = productIds.reduce((max, id) => Math.max(max, id), 0);
  const rowById = new Int32Array(maxId + 1).fill(-1);
  productIds.forEach((id, r) => (rowById[id] = r));
  return (productId) => (productId >= 0 && productId < rowById.length ? rowById[productId]! : -1);
}

/** Position of each row in `order`: where a row read as the nth went. */
function inverse(order: Int32Array): Int32Array {
  const position = new Int32Array(order.length);
  order.forEach((row, at) => (position[row] = at));
  return position;
}

/**
 * Listed product ids in the byte order of their folded keys, then by id: what
 * "name" sorts by in SQL. Sorted by the database, so the build never holds
 * every key (15 MB at 100,000 products).
 */
async function productIdsByKey(db: Database): Promise<Int32Array> {
  // One text of ids rather than a row each: 100,000 rows through the client cost tens of MB at once.
  const [listed] = await db.$queryRaw<Array<{ ids: string | null }>>`
    SELECT string_agg(CAST(e."productId" AS TEXT), ',' ORDER BY ${inByteOrder(db, Prisma.sql`e."searchKey"`)}, e."productId") AS "ids"
    FROM "CatalogueEntry" e`;
  return parseIdList(listed?.ids ?? "");
}

/**
 * The rows of `ids`, in their order. A row the ids lack (listed by a write between
 * the two reads, whose change counter makes the next search rebuild) goes last.
 */
function rowsOfIds(ids: Int32Array, rowOf: (productId: number) => number, size: number): Int32Array {
  const rows = new Int32Array(size);
  const placed = new Uint8Array(size);
  let count = 0;
  for (const id of ids) {
    const row = rowOf(id);
    if (row < 0 || placed[row]) continue;
    placed[row] = 1;
    rows[count++] = row;
  }
  for (let row = 0; row < size; row++) if (!placed[row]) rows[count++] = row;
  return rows;
}

/** Rows holding every word, from the word index. */
function rowsHoldingAll(index: WordIndex) {
  return (words: string[]) => {
    let all: Uint32Array | undefined;
    for (const word of words) {
      const rows = index.rowsHolding(word);
      if (!rows) return undefined;
      if (!all) all = Uint32Array.from(rows);
      else for (let i = 0; i < all.length; i++) all[i]! &= rows[i]!;
    }
    return all?.some((bits) => bits !== 0) ? all : undefined;
  };
}

/** The names of the communes listed producers are in. */
async function loadListedCommuneNames(db: Database): Promise<Map<number, string>> {
  const rows = await db.$queryRaw<Array<{ id: number; nameVi: string }>>`
    SELECT cm."id", cm."nameVi" FROM "Commune" cm WHERE cm."id" IN (SELECT e."communeId" FROM "CatalogueEntry" e)`;
  return new Map(rows.map((row) => [Number(row.id), row.nameVi]));
}

/** Each listed product's first image (by position, then id), as its card shows it. */
async function loadFirstImages(db: Database): Promise<Map<number, StoredImage>> {
  const rows = await db.$queryRaw<Array<StoredImage & { productId: number }>>`
    SELECT i."productId", i."storageKey", i."widths", i."width", i."height", i."altVi", i."altEn"
    FROM "ProductImage" i
    WHERE i."productId" IN (SELECT e."productId" FROM "CatalogueEntry" e)
    ORDER BY i."productId", i."position", i."id"`;
  const first = new Map<number, StoredImage>();
  for (const { productId, ...image } of rows) {
    if (!first.has(Number(productId))) first.set(Number(productId), { ...image, width: Number(image.width), height: Number(image.height) });
  }
  return first;
}

async function loadPublicProducers(db: Database): Promise<CatalogueColumns["producers"]> {
  const rows = await db.$queryRaw<Array<{ id: number; slug: string; legalName: string; provinceId: number; type: string }>>`
    SELECT pr."id", pr."slug", pr."legalName", pr."provinceId", pr."type" FROM "Producer" pr
    WHERE ${publicProducerSql("pr")}
    ORDER BY ${inByteOrder(db, Prisma.sql`pr."searchKey"`)}, pr."id"`;
  const foldedName = rows.map((row) => foldText(row.legalName));
  const packedFoldedName = packText(foldedName);
  const typeNames: string[] = [];
  const typeCode = (type: string) => (typeNames.includes(type) ? typeNames.indexOf(type) : typeNames.push(type) - 1);
  return {
    id: Int32Array.from(rows, (row) => Number(row.id)),
    indexOf: new Map(rows.map((row, index) => [Number(row.id), index])),
    holding: buildWordIndex(foldedName),
    slug: packText(rows.map((row) => row.slug)),
    legalName: packText(rows.map((row) => row.legalName)),
    foldedName: packedFoldedName,
    foldedNamePairs: pairSignatures(foldedName),
    withNameStarting: namePrefixRanges(foldedName, packedFoldedName),
    provinceId: Int32Array.from(rows, (row) => Number(row.provinceId)),
    typeCode: Uint8Array.from(rows, (row) => typeCode(row.type)),
    typeNames,
  };
}

const snapshots = new WeakMap<Database, Promise<CatalogueColumns>>();

/**
 * The change counter as last read, reused for up to POLL_MS and never after
 * a write in this process: the guarantee the page and read caches give
 * (a write shows at once here, within a poll interval on other servers),
 * without a query on every search and keystroke.
 */
const versionsRead = new WeakMap<Database, { version: number; at: number; invalidations: number }>();
let invalidations = 0;
onCatalogueInvalidated(() => invalidations++);

async function knownCatalogueVersion(db: Database): Promise<number> {
  const known = versionsRead.get(db);
  if (known && known.invalidations === invalidations && performance.now() - known.at < POLL_MS) return known.version;
  const reading = { at: performance.now(), invalidations };
  const version = await currentCatalogueVersion(db);
  versionsRead.set(db, { version, ...reading });
  return version;
}

/** The current columns of `db`'s catalogue, rebuilt (once, for all waiting searches) after a change. */
export async function catalogueColumns(db: Database): Promise<CatalogueColumns> {
  const version = await knownCatalogueVersion(db);
  const held = snapshots.get(db);
  if (held) {
    const columns = await held.catch(() => undefined);
    if (columns && columns.version === version) return columns;
    // Another search may have started the rebuild meanwhile.
    const latest = snapshots.get(db);
    if (latest && latest !== held) {
      const rebuilt = await latest.catch(() => undefined);
      if (rebuilt && rebuilt.version === version) return rebuilt;
    }
  }
  const loading = loadColumns(db, version);
  snapshots.set(db, loading);
  loading.catch(() => snapshots.delete(db));
  return loading;
}
