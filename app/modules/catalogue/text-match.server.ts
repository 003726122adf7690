/**
 * Text matching through the trigram indexes over the folded search keys
 * (decision 014): FTS5 tables on SQLite ("CatalogueSearch", "ProducerSearch",
 * kept in step by triggers), pg_trgm GIN indexes on PostgreSQL. A word of
 * three letters or more is answered from the index; shorter words (trigrams
 * need three) are checked on the rows the longer ones found, or on every row
 * when the query has no longer word. On PostgreSQL the catalogue's ids come
 * from "CatalogueToken", the keys' distinct words with their products, whose
 * trigram index finds the few words that hold a query word.
 *
 * Semantics are those of `searchKey LIKE '%word%'` for every folded word.
 */
import { Prisma } from "../../generated/sqlite/client";
import { providerOfDatabase, type Database } from "../../db.server";
import { likeContains } from "./search-sql.server";
import { setBits } from "./word-index.server";

export const MIN_INDEXED_WORD_LENGTH = 3;

// search: the SQLite FTS5 table; words: the PostgreSQL table of the keys' words, where there is one.
const INDEXED_TABLES: Record<"CatalogueEntry" | "Producer", { search: string; id: string; words?: "CatalogueToken" }> = {
  CatalogueEntry: { search: "CatalogueSearch", id: "productId", words: "CatalogueToken" },
  Producer: { search: "ProducerSearch", id: "id" },
};
export type IndexedTable = keyof typeof INDEXED_TABLES;

/**
 * Merges each SQLite FTS5 index into one segment, after a bulk write (seed,
 * rebuild of every catalogue row). A trigger-fed index grows a segment per
 * batch, and a query reads every segment: at 20,000 products six segments
 * made a common word's ids take half again as long (0.50 ms against 0.33).
 * PostgreSQL's GIN indexes need no such step.
 */
export async function compactSearchIndexes(db: Database): Promise<void> {
  if (providerOfDatabase(db) !== "sqlite") return;
  for (const { search } of Object.values(INDEXED_TABLES)) {
    await db.$executeRawUnsafe(`INSERT INTO "${search}"("${search}") VALUES ('optimize')`);
  }
}

/** An FTS5 query: each word a quoted phrase (with the trigram tokenizer, a substring), all required. */
function ftsQuery(words: string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" AND ");
}

const isIndexed = (word: string) => [...word].length >= MIN_INDEXED_WORD_LENGTH;

/**
 * SQL conditions on the row `alias` of `table`: its search key holds every
 * word. Add them to a WHERE with AND (matchingIds, where a query has short words).
 */
function textMatchSql(db: Database, table: IndexedTable, alias: string, words: string[]): Prisma.Sql[] {
  const key = Prisma.raw(`${alias}."searchKey"`);
  if (providerOfDatabase(db) === "postgresql") {
    // PostgreSQL's LIKE escapes with a backslash by default; the planner takes the GIN index for a pattern it can use.
    return words.map((word) => Prisma.sql`${key} LIKE ${likeContains(word)}`);
  }
  const { search, id } = INDEXED_TABLES[table];
  const indexed = words.filter(isIndexed);
  const conditions = indexed.length
    ? [Prisma.sql`${Prisma.raw(`${alias}."${id}"`)} IN (SELECT rowid FROM "${Prisma.raw(search)}" WHERE "${Prisma.raw(search)}" MATCH ${ftsQuery(indexed)})`]
    : [];
  for (const word of words.filter((word) => !isIndexed(word))) conditions.push(Prisma.sql`${key} LIKE ${likeContains(word)} ESCAPE '\\'`);
  return conditions;
}

/**
 * Ids of the rows of `table` whose search key holds every word (the table's
 * id column), each once. They come back as comma-separated text: a common
 * word matches tens of thousands of rows, and one row is far cheaper to fetch
 * through the client than thousands.
 */
export async function matchingIds(db: Database, table: IndexedTable, words: string[]): Promise<Int32Array> {
  const { search, id, words: wordTable } = INDEXED_TABLES[table];
  const sqlite = providerOfDatabase(db) === "sqlite";
  const allIndexed = words.length > 0 && words.every(isIndexed);
  if (!sqlite && wordTable && allIndexed) return idsInEvery(await idsPerWord(db, wordTable, words));
  const [row] =
    sqlite && allIndexed
      ? // Straight from the index, without reading the table.
        await db.$queryRaw<Array<{ ids: string | null }>>`
          SELECT group_concat(rowid) AS "ids" FROM "${Prisma.raw(search)}" WHERE "${Prisma.raw(search)}" MATCH ${ftsQuery(words)}`
      : await db.$queryRaw<Array<{ ids: string | null }>>`
          SELECT ${sqlite ? Prisma.sql`group_concat(t."${Prisma.raw(id)}")` : Prisma.sql`string_agg(t."${Prisma.raw(id)}"::text, ',')`} AS "ids"
          FROM "${Prisma.raw(table)}" t
          WHERE ${Prisma.join(textMatchSql(db, table, "t", words), " AND ")}`;
  return parseIdList(row?.ids ?? "");
}

/**
 * For each word (three characters or more), the products of every token that
 * holds it, in one round trip. A product comes once per token that holds the
 * word ("hoa" is in "hoa" and "hoang").
 */
async function idsPerWord(db: Database, wordTable: string, words: string[]): Promise<Int32Array[]> {
  const perWord = words.map(
    (word, index) => Prisma.sql`
      SELECT ${index}::int AS "word",
        (SELECT string_agg(array_to_string("productIds", ','), ',') FROM "${Prisma.raw(wordTable)}" WHERE "token" LIKE ${likeContains(word)}) AS "ids"`,
  );
  const rows = await db.$queryRaw<Array<{ word: number; ids: string | null }>>`${Prisma.join(perWord, " UNION ALL ")}`;
  const lists: Int32Array[] = words.map(() => new Int32Array(0));
  for (const row of rows) lists[Number(row.word)] = parseIdList(row.ids ?? "");
  return lists;
}

/** The ids found in every list, each once, in ascending order (ids are positive: autoincrement keys). */
export function idsInEvery(lists: Int32Array[]): Int32Array {
  const [first, ...rest] = lists;
  if (!first?.length) return new Int32Array(0);
  let largest = 0;
  for (const id of first) largest = Math.max(largest, id);
  let bits = new Uint32Array((largest >>> 5) + 1);
  for (const id of first) bits[id >>> 5]! |= 1 << (id & 31);
  for (const list of rest) {
    const both = new Uint32Array(bits.length);
    for (const id of list) {
      const word = id >>> 5;
      if (word < bits.length && bits[word]! & (1 << (id & 31))) both[word]! |= 1 << (id & 31);
    }
    bits = both;
  }
  return Int32Array.from(setBits(bits));
}

/** "12,7,301" → [12, 7, 301], without making a string per id. */
export function parseIdList(text: string): Int32Array {
  if (!text) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const ids = new Int32Array(count);
  let n = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      ids[n++] = value;
      value = 0;
    } else value = value * 10 + (code - 48);
  }
  ids[n] = value;
  return ids;
}
