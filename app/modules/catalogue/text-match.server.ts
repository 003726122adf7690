/**
 * Text matching through the trigram indexes over the folded search keys
 * (decision 014): FTS5 tables on SQLite ("CatalogueSearch", "ProducerSearch",
 * kept in step by triggers), pg_trgm GIN indexes on PostgreSQL. A word of
 * three letters or more is answered from the index; shorter words (trigrams
 * need three) are checked on the rows the longer ones found, or on every row
 * when the query has no longer word.
 *
 * Semantics are those of `searchKey LIKE '%word%'` for every folded word.
 */
import { Prisma } from "../../generated/sqlite/client";
import { providerOfDatabase, type Database } from "../../db.server";
import { likeContains } from "./search-sql.server";

export const MIN_INDEXED_WORD_LENGTH = 3;

const INDEXED_TABLES = {
  CatalogueEntry: { search: "CatalogueSearch", id: "productId" },
  Producer: { search: "ProducerSearch", id: "id" },
} as const;
export type IndexedTable = keyof typeof INDEXED_TABLES;

/** An FTS5 query: each word a quoted phrase (with the trigram tokenizer, a substring), all required. */
function ftsQuery(words: string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" AND ");
}

const isIndexed = (word: string) => [...word].length >= MIN_INDEXED_WORD_LENGTH;

/**
 * SQL conditions on the row `alias` of `table`: its search key holds every
 * word. Add them to a WHERE with AND.
 */
export function textMatchSql(db: Database, table: IndexedTable, alias: string, words: string[]): Prisma.Sql[] {
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
 * id column). They come back as one comma-separated text: a common word
 * matches tens of thousands of rows, and one row is far cheaper to fetch
 * through the client than thousands.
 */
export async function matchingIds(db: Database, table: IndexedTable, words: string[]): Promise<Int32Array> {
  const { search, id } = INDEXED_TABLES[table];
  const sqlite = providerOfDatabase(db) === "sqlite";
  const indexed = words.filter(isIndexed);
  const [row] =
    sqlite && indexed.length && indexed.length === words.length
      ? // Straight from the index, without reading the table.
        await db.$queryRaw<Array<{ ids: string | null }>>`
          SELECT group_concat(rowid) AS "ids" FROM "${Prisma.raw(search)}" WHERE "${Prisma.raw(search)}" MATCH ${ftsQuery(indexed)}`
      : await db.$queryRaw<Array<{ ids: string | null }>>`
          SELECT ${sqlite ? Prisma.sql`group_concat(t."${Prisma.raw(id)}")` : Prisma.sql`string_agg(t."${Prisma.raw(id)}"::text, ',')`} AS "ids"
          FROM "${Prisma.raw(table)}" t
          WHERE ${Prisma.join(textMatchSql(db, table, "t", words), " AND ")}`;
  return parseIdList(row?.ids ?? "");
}

/** "12,7,301" → [12, 7, 301], without making a string per id. */
function parseIdList(text: string): Int32Array {
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
