/**
 * The admin list of producers: what staff look after, searched on the folded
 * key, filtered, sorted and paged. Raw SQL picks the page's ids and counts
 * (the same SQL on SQLite and PostgreSQL, like the public directory); Prisma
 * then reads the 25 rows with only the columns the table shows. Both steps
 * are limited to the actor's scope (producerScope), so an editor of one
 * province never sees another's producers.
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Database, ProducerType, ReviewStatus } from "../../db.server";
import { decimalInteger, normalizeText } from "../../lib/fields";
import { readQueryParams } from "../../lib/query-params.server";
import { producerScope, type Actor } from "../accounts/actor.server";
import { inByteOrder, likeContains, queryWords } from "../catalogue/search-sql.server";
import { PRODUCER_STATUSES, PRODUCER_TYPES } from "./forms";
import { MAX_IDS_PER_QUERY } from "../../lib/batches";

export const ADMIN_PAGE_SIZE = 25;

// Name first: the folded key's index serves it; "updated" reads every row (no index on Producer.updatedAt).
export const PRODUCER_SORTS = ["name", "updated"] as const;

/** `status` "ALL" includes archived producers, which are left out otherwise. */
export type AdminProducerQuery = {
  q: string;
  status?: ReviewStatus | "ALL";
  type?: ProducerType;
  province?: number;
  /** Only producers waiting for review (PENDING). */
  review: boolean;
  sort: (typeof PRODUCER_SORTS)[number];
  page: number;
  /** The list is open to choose a producer for a new product. */
  pick?: "product";
};

const upperEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(values));

const fields = {
  q: z.string().max(200).transform(normalizeText),
  status: upperEnum([...PRODUCER_STATUSES, "ALL"] as const),
  type: upperEnum(PRODUCER_TYPES),
  province: decimalInteger().pipe(z.number().int().positive()),
  review: z.literal("pending"),
  sort: z.enum(PRODUCER_SORTS),
  page: decimalInteger().pipe(z.number().int().min(1).max(100_000)),
  pick: z.literal("product"),
};

/** Reads the list's query parameters; an invalid value is dropped (and named in `ignored`), never a 500. */
export function parseAdminProducerQuery(params: URLSearchParams): { query: AdminProducerQuery; ignored: string[] } {
  const { values, ignored } = readQueryParams(params, fields);
  return {
    query: {
      q: values.q ?? "",
      status: values.status,
      type: values.type,
      province: values.province,
      review: values.review === "pending",
      sort: values.sort ?? "name",
      page: values.page ?? 1,
      pick: values.pick,
    },
    ignored,
  };
}

// Enum values as SQL literals: PostgreSQL compares an enum column with a
// literal, where a text parameter would need a cast. Values come from the
// enums above, never from input.
const literal = (value: string) => Prisma.raw(`'${value}'`);

/**
 * producerScope(actor) as SQL conditions on the producer row `alias` (none
 * for national staff). The scope is all producers, one province, or one
 * producer; any other shape is refused here rather than silently widened.
 */
export function producerScopeSql(actor: Actor, alias: string): Prisma.Sql[] {
  const { id, provinceId, ...rest } = producerScope(actor);
  if (Object.keys(rest).length || !(id === undefined || typeof id === "number") || !(provinceId === undefined || typeof provinceId === "number")) {
    throw new Error("producerScope has a shape the admin lists cannot express in SQL");
  }
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return [
    ...(id === undefined ? [] : [Prisma.sql`${column("id")} = ${id}`]),
    ...(provinceId === undefined ? [] : [Prisma.sql`${column("provinceId")} = ${provinceId}`]),
  ];
}

function whereClause(actor: Actor, query: AdminProducerQuery): Prisma.Sql {
  // The words first: SQLite tests conditions in the order written, and the
  // folded-key match is what rules most rows out.
  const parts: Prisma.Sql[] = queryWords(query.q).map((word) => Prisma.sql`pr."searchKey" LIKE ${likeContains(word)} ESCAPE '\\'`);
  parts.push(...producerScopeSql(actor, "pr"));
  // Archived producers are left out by id (few rows, read from the status
  // index), so a text search can still run on the narrow search-key index.
  if (query.status === undefined) parts.push(Prisma.sql`pr."id" NOT IN (SELECT pa."id" FROM "Producer" pa WHERE pa."status" = 'ARCHIVED')`);
  else if (query.status !== "ALL") parts.push(Prisma.sql`pr."status" = ${literal(query.status)}`);
  if (query.review) parts.push(Prisma.sql`pr."status" = 'PENDING'`);
  if (query.type) parts.push(Prisma.sql`pr."type" = ${literal(query.type)}`);
  if (query.province !== undefined) parts.push(Prisma.sql`pr."provinceId" = ${query.province}`);
  return Prisma.sql`WHERE ${parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`}`;
}

function orderBy(db: Database, sort: AdminProducerQuery["sort"]): Prisma.Sql {
  // The folded key starts with the folded name: byte order sorts by name on both databases.
  if (sort === "name") return Prisma.sql`${inByteOrder(db, Prisma.sql`pr."searchKey"`)} ASC, pr."id" ASC`;
  return Prisma.sql`pr."updatedAt" DESC, pr."id" DESC`;
}

const rowSelect = {
  id: true,
  legalName: true,
  taxCode: true,
  type: true,
  status: true,
  updatedAt: true,
  commune: { select: { nameVi: true } },
  province: { select: { nameVi: true, nameEn: true } },
  _count: { select: { products: true } },
} as const;

export type AdminProducerRow = Prisma.ProducerGetPayload<{ select: typeof rowSelect }>;

export type AdminProducerList = { total: number; page: number; pageCount: number; items: AdminProducerRow[] };

export async function listProducersForAdmin(db: Database, actor: Actor, query: AdminProducerQuery): Promise<AdminProducerList> {
  const where = whereClause(actor, query);
  const [count] = await db.$queryRaw<Array<{ n: number | bigint }>>`SELECT COUNT(*) AS "n" FROM "Producer" pr ${where}`;
  const total = Number(count?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  // A page past the end shows the last one (a bookmark outlives deletions).
  const page = Math.min(query.page, pageCount);
  const ids = total
    ? (
        await db.$queryRaw<Array<{ id: number }>>`
          SELECT pr."id" AS "id" FROM "Producer" pr ${where}
          ORDER BY ${orderBy(db, query.sort)}
          LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${(page - 1) * ADMIN_PAGE_SIZE}`
      ).map((row) => Number(row.id))
    : [];
  const rows = ids.length ? await db.producer.findMany({ where: { id: { in: ids }, ...producerScope(actor) }, select: rowSelect }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { total, page, pageCount, items: ids.flatMap((id) => byId.get(id) ?? []) };
}

// Prisma refuses more than 999 bound values in one query on SQLite: the rows are then read by id in batches of this size.

/**
 * Every producer matching the list's filters (all pages), a batch of ids at
 * a time in id order, for the CSV export: keyed on the id, so a long list is
 * never held whole.
 */
export async function* producerIdsForExport(db: Database, actor: Actor, query: AdminProducerQuery): AsyncGenerator<number[]> {
  const where = whereClause(actor, query);
  for (let after = 0; ; ) {
    const rows = await db.$queryRaw<Array<{ id: number }>>`
      SELECT pr."id" AS "id" FROM "Producer" pr ${where} AND pr."id" > ${after} ORDER BY pr."id" LIMIT ${MAX_IDS_PER_QUERY}`;
    if (!rows.length) return;
    const ids = rows.map((row) => Number(row.id));
    yield ids;
    if (ids.length < MAX_IDS_PER_QUERY) return;
    after = ids[ids.length - 1]!;
  }
}
