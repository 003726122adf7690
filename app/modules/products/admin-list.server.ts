/**
 * The admin list of products: every product the actor looks after, whatever
 * its publication status or certificate, searched on the folded key,
 * filtered, sorted and paged. Raw SQL picks the page's ids and counts (the
 * same SQL on SQLite and PostgreSQL); Prisma then reads the 25 rows with only
 * the columns the table shows. Both steps are limited to the actor's scope
 * (productScope: the producer's province for a province editor).
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Database, PublicationStatus } from "../../db.server";
import { addDays } from "../../lib/dates";
import { decimalInteger, normalizeText } from "../../lib/fields";
import { readQueryParams } from "../../lib/query-params.server";
import { productScope, type Actor } from "../accounts/actor.server";
import { GROUP_CODES, groupIdOf } from "../catalogue/query";
import { inByteOrder, likeContains, queryWords } from "../catalogue/search-sql.server";
import { certificationStatus, EXPIRING_SOON_DAYS, inForceSql, type CertificationStatus } from "../catalogue/visibility.server";
import { ADMIN_PAGE_SIZE, producerScopeSql } from "../producers/admin-list.server";
import { PUBLICATION_STATUSES } from "./forms";
import { MAX_IDS_PER_QUERY } from "../../lib/batches";

export const PRODUCT_SORTS = ["updated", "name", "stars"] as const;

/** `status` "ALL" includes archived products, which are left out otherwise. */
export type AdminProductQuery = {
  q: string;
  status?: PublicationStatus | "ALL";
  /** Stars of the standing certificate; "none": no certificate yet. */
  stars?: "3" | "4" | "5" | "none";
  group?: (typeof GROUP_CODES)[number];
  province?: number;
  producer?: number;
  /** The standing certificate is in force and ends within EXPIRING_SOON_DAYS. */
  expiring: boolean;
  /** Only products waiting for review (PENDING_REVIEW). */
  review: boolean;
  sort: (typeof PRODUCT_SORTS)[number];
  page: number;
};

const positiveId = decimalInteger().pipe(z.number().int().positive());

const fields = {
  q: z.string().max(200).transform(normalizeText),
  status: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum([...PUBLICATION_STATUSES, "ALL"] as const)),
  stars: z.enum(["3", "4", "5", "none"]),
  group: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(GROUP_CODES)),
  province: positiveId,
  producer: positiveId,
  expiring: z.literal("1"),
  review: z.literal("pending"),
  sort: z.enum(PRODUCT_SORTS),
  page: decimalInteger().pipe(z.number().int().min(1).max(100_000)),
};

/** Reads the list's query parameters; an invalid value is dropped (and named in `ignored`), never a 500. */
export function parseAdminProductQuery(params: URLSearchParams): { query: AdminProductQuery; ignored: string[] } {
  const { values, ignored } = readQueryParams(params, fields);
  return {
    query: {
      q: values.q ?? "",
      status: values.status,
      stars: values.stars,
      group: values.group,
      province: values.province,
      producer: values.producer,
      expiring: values.expiring === "1",
      review: values.review === "pending",
      sort: values.sort ?? "updated",
      page: values.page ?? 1,
    },
    ignored,
  };
}

// Enum values as SQL literals (PostgreSQL compares an enum column with a
// literal, not a text parameter). Values come from the enums above, never input.
const literal = (value: string) => Prisma.raw(`'${value}'`);

/** The standing certificate c: joined when a filter needs one (inner join), or only for the order (left join). */
function certificateJoin(query: AdminProductQuery): Prisma.Sql {
  if ((query.stars !== undefined && query.stars !== "none") || query.expiring) {
    return Prisma.sql`JOIN "Certification" c ON c."id" = p."standingCertificationId"`;
  }
  if (query.sort === "stars") return Prisma.sql`LEFT JOIN "Certification" c ON c."id" = p."standingCertificationId"`;
  return Prisma.empty;
}

/** FROM and WHERE over "Product" p (and its standing certificate c, when needed). */
function fromWhere(actor: Actor, query: AdminProductQuery, today: Date): Prisma.Sql {
  // The words first: SQLite tests conditions in the order written, and the
  // folded-key match is what rules most rows out.
  const parts: Prisma.Sql[] = queryWords(query.q).map((word) => Prisma.sql`p."searchKey" LIKE ${likeContains(word)} ESCAPE '\\'`);
  const scope = producerScopeSql(actor, "pr");
  if (scope.length) parts.push(Prisma.sql`p."producerId" IN (SELECT pr."id" FROM "Producer" pr WHERE ${Prisma.join(scope, " AND ")})`);
  // Archived products are left out by id (few rows, read from the status
  // index), so a text search can still run on the narrow search-key index.
  if (query.status === undefined) parts.push(Prisma.sql`p."id" NOT IN (SELECT pa."id" FROM "Product" pa WHERE pa."status" = 'ARCHIVED')`);
  else if (query.status !== "ALL") parts.push(Prisma.sql`p."status" = ${literal(query.status)}`);
  if (query.review) parts.push(Prisma.sql`p."status" = 'PENDING_REVIEW'`);
  if (query.producer !== undefined) parts.push(Prisma.sql`p."producerId" = ${query.producer}`);
  if (query.province !== undefined) {
    parts.push(Prisma.sql`p."producerId" IN (SELECT pv."id" FROM "Producer" pv WHERE pv."provinceId" = ${query.province})`);
  }
  if (query.group) {
    parts.push(Prisma.sql`p."productSetId" IN (SELECT ps."id" FROM "ProductSet" ps WHERE ps."groupId" = ${groupIdOf(query.group)})`);
  }
  if (query.stars === "none") parts.push(Prisma.sql`p."standingCertificationId" IS NULL`);
  else if (query.stars) parts.push(Prisma.sql`c."stars" = ${Number(query.stars)}`);
  if (query.expiring) parts.push(Prisma.sql`${inForceSql("c", today)} AND c."validUntil" <= ${addDays(today, EXPIRING_SOON_DAYS)}`);
  return Prisma.sql`FROM "Product" p ${certificateJoin(query)} WHERE ${parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`}`;
}

function orderBy(db: Database, sort: AdminProductQuery["sort"]): Prisma.Sql {
  if (sort === "name") return Prisma.sql`${inByteOrder(db, Prisma.sql`p."searchKey"`)} ASC, p."id" ASC`;
  // Uncertified products last on both databases (they sort NULLs differently);
  // newest first within the same stars, by id: the index scan stays covering.
  if (sort === "stars") return Prisma.sql`COALESCE(c."stars", 0) DESC, p."id" DESC`;
  return Prisma.sql`p."updatedAt" DESC, p."id" DESC`;
}

const rowSelect = {
  id: true,
  nameVi: true,
  status: true,
  updatedAt: true,
  productSet: { select: { id: true, nameVi: true, nameEn: true, group: { select: { code: true } } } },
  producer: { select: { id: true, legalName: true, province: { select: { nameVi: true, nameEn: true } } } },
  standingCertification: { select: { stars: true, signedOn: true, validUntil: true, revokedOn: true } },
} as const;

type Row = Prisma.ProductGetPayload<{ select: typeof rowSelect }>;

export type AdminProductRow = Omit<Row, "standingCertification"> & {
  certificate: { stars: number; validUntil: Date; status: CertificationStatus } | null;
};

export type AdminProductList = { total: number; page: number; pageCount: number; items: AdminProductRow[] };

export async function listProductsForAdmin(db: Database, actor: Actor, query: AdminProductQuery, today: Date): Promise<AdminProductList> {
  const from = fromWhere(actor, query, today);
  const [count] = await db.$queryRaw<Array<{ n: number | bigint }>>`SELECT COUNT(*) AS "n" ${from}`;
  const total = Number(count?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  // A page past the end shows the last one (a bookmark outlives deletions).
  const page = Math.min(query.page, pageCount);
  const ids = total
    ? (
        await db.$queryRaw<Array<{ id: number }>>`
          SELECT p."id" AS "id" ${from}
          ORDER BY ${orderBy(db, query.sort)}
          LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${(page - 1) * ADMIN_PAGE_SIZE}`
      ).map((row) => Number(row.id))
    : [];
  const rows = ids.length ? await db.product.findMany({ where: { id: { in: ids }, ...productScope(actor) }, select: rowSelect }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { standingCertification: cert, ...rest } = row;
    // A standing certificate is never superseded: its dates decide its status.
    const certificate = cert ? { stars: cert.stars, validUntil: cert.validUntil, status: certificationStatus(cert, today) } : null;
    return [{ ...rest, certificate }];
  });
  return { total, page, pageCount, items };
}

/** Every product matching the list's filters (all pages), a batch of ids at a time in id order, for the CSV export. */
export async function* productIdsForExport(db: Database, actor: Actor, query: AdminProductQuery, today: Date): AsyncGenerator<number[]> {
  const from = fromWhere(actor, query, today);
  for (let after = 0; ; ) {
    const rows = await db.$queryRaw<Array<{ id: number }>>`
      SELECT p."id" AS "id" ${from} AND p."id" > ${after} ORDER BY p."id" LIMIT ${MAX_IDS_PER_QUERY}`;
    if (!rows.length) return;
    const ids = rows.map((row) => Number(row.id));
    yield ids;
    if (ids.length < MAX_IDS_PER_QUERY) return;
    after = ids[ids.length - 1]!;
  }
}
