/**
 * The admin list of certificates: search by decision number or product name
 * (with or without accents), filters (status today, stars, issuer level,
 * province, expiring within N days, one product), three sorts, 25 a page.
 * Staff see only what their scope allows (actor.server.ts), in the count as
 * in the rows. One SQL text on SQLite and PostgreSQL.
 *
 * A certificate's status is the visibility module's rule: its own dates, and
 * the signing day of the next newer decision for its product ("superseded").
 * The rows show `certificationHistory` itself; the status filter is the same
 * rule written as SQL below, one condition per status, so that a filtered
 * list and the statuses it shows cannot disagree.
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import { providerOfDatabase, ReviewStatus, type Database } from "../../db.server";
import { addDays } from "../../lib/dates";
import { decimalInteger, normalizeText } from "../../lib/fields";
import { readQueryParams, slugSchema } from "../../lib/query-params.server";
import { certificationScope, producerScope, type Actor } from "../accounts/actor.server";
import { inByteOrder, likeContains, likePrefix, queryWords } from "../catalogue/search-sql.server";
import {
  CERTIFICATION_STATUSES,
  certificationHistory,
  certificationStatusSql,
  type CertificationStatus,
} from "../catalogue/visibility.server";
import { foldText } from "../text/vietnamese.server";
import { CERTIFICATION_SORTS, EXPIRING_WITHIN_DAYS, type CertificationListQuery } from "./admin-list";
import { ISSUER_LEVELS } from "./forms";
import { CERTIFIED_STARS, type Stars } from "./rules";
import { MAX_IDS_PER_QUERY } from "../../lib/batches";

export type { CertificationListQuery };

export const CERTIFICATION_PAGE_SIZE = 25;

type IssuerLevel = (typeof ISSUER_LEVELS)[number];

/** One field of the list's query; an invalid value is dropped and named, never a 500. */
const fields = {
  q: z.string().max(200).transform(normalizeText),
  status: z.enum(CERTIFICATION_STATUSES),
  stars: z.enum(CERTIFIED_STARS.map(String) as ["3", "4", "5"]).transform((value) => Number(value) as Stars),
  issuer: z.enum(ISSUER_LEVELS),
  province: slugSchema,
  within: z.enum(EXPIRING_WITHIN_DAYS.map(String) as ["30", "90"]).transform((value) => Number(value) as 30 | 90),
  product: decimalInteger().pipe(z.number().int().positive()),
  sort: z.enum(CERTIFICATION_SORTS),
  page: decimalInteger().pipe(z.number().int().min(1).max(100_000)),
};

export function parseCertificationListQuery(params: URLSearchParams): { query: CertificationListQuery; ignored: string[] } {
  const { values, ignored } = readQueryParams(params, fields);
  return {
    query: {
      q: values.q ?? "",
      status: values.status,
      stars: values.stars,
      issuer: values.issuer,
      province: values.province,
      within: values.within,
      product: values.product,
      sort: values.sort ?? "newest",
      page: values.page ?? 1,
    },
    ignored,
  };
}

// ---------- SQL ----------

// Enum values as SQL literals: PostgreSQL compares an enum column with a literal, not a text parameter.
const ISSUER_SQL: Record<IssuerLevel, Prisma.Sql> = {
  DISTRICT: Prisma.sql`'DISTRICT'`,
  PROVINCE: Prisma.sql`'PROVINCE'`,
  CENTRAL: Prisma.sql`'CENTRAL'`,
};
const PRODUCER_STATUSES_SQL = Prisma.join(Object.values(ReviewStatus).map((status) => Prisma.raw(`'${status}'`)));

/**
 * The actor's scope as SQL: `productId` (a column naming a product) is one
 * of the products the actor may see. Read from the actor's Prisma scope, so
 * actor.server.ts stays the one rule: an editor's province, a producer's own
 * producer. A scope this cannot translate fails loudly rather than widening
 * the list.
 */
export function productInScopeSql(actor: Actor, productId: Prisma.Sql): Prisma.Sql | null {
  const parts = Object.entries(producerScope(actor)).map(([field, value]) => {
    if (typeof value === "number" && field === "provinceId") return productInProvinceSql(productId, value);
    if (typeof value === "number" && field === "id") return Prisma.sql`${productId} IN (SELECT p."id" FROM "Product" p WHERE p."producerId" = ${value})`;
    throw new Error(`No SQL for the scope ${field}`);
  });
  return parts.length ? Prisma.join(parts, " AND ") : null;
}

/**
 * `productId` is a product whose producer is in the province. Listing every
 * producer status lets the (status, provinceId) index find a province's
 * producers without reading each producer row.
 */
function productInProvinceSql(productId: Prisma.Sql, provinceId: number): Prisma.Sql {
  return Prisma.sql`${productId} IN (
    SELECT p."id" FROM "Product" p WHERE p."producerId" IN (
      SELECT pr."id" FROM "Producer" pr WHERE pr."status" IN (${PRODUCER_STATUSES_SQL}) AND pr."provinceId" = ${provinceId}))`;
}

const certificateProduct = Prisma.sql`c."productId"`;

/** Decision numbers folded like the query ("QĐ" → "qd"); they carry no other marks. */
const foldedDecisionSql = Prisma.sql`LOWER(REPLACE(REPLACE(c."decisionNumber", 'Đ', 'D'), 'đ', 'd'))`;

/**
 * Decision numbers that begin with the folded query ("2902/qd" finds
 * "2902/QĐ-UBND"). A decision number begins with its number, so a query
 * that does not begin with a digit names none, and a single digit is the
 * start of a quarter of them (it still searches product names). The range
 * on the leading digits (in byte order) lets the decisionNumber index find
 * the few candidates; the folded comparison then decides.
 */
function decisionPrefixSql(db: Database, folded: string): Prisma.Sql | null {
  const digits = /^\d+/.exec(folded)?.[0];
  if (!digits || folded.length < 2) return null;
  const after = digits.slice(0, -1) + String.fromCharCode(digits.charCodeAt(digits.length - 1) + 1);
  const column = inByteOrder(db, Prisma.sql`c."decisionNumber"`);
  return Prisma.sql`(${column} >= ${digits} AND ${column} < ${after} AND ${foldedDecisionSql} LIKE ${likePrefix(folded)} ESCAPE '\\')`;
}

/**
 * The stars column for a filter on `stars`. Under 0.5% of certificates are
 * 5★ (OCOP.md), so its index finds them; 3★ and 4★ are most of them, and
 * SQLite, which has no statistics here, would still walk that index and read
 * each row at random instead of using a narrower filter's index (a unary +
 * keeps it off). PostgreSQL plans with statistics.
 */
function starsColumn(db: Database, stars: Stars): Prisma.Sql {
  return stars === 5 || providerOfDatabase(db) === "postgresql" ? Prisma.sql`c."stars"` : Prisma.sql`+c."stars"`;
}

/** The conditions of the list's WHERE on the certificate `c` (none: every certificate). */
function conditions(db: Database, actor: Actor, query: CertificationListQuery, provinceId: number | null | undefined, today: Date): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  const scope = productInScopeSql(actor, certificateProduct);
  if (scope) parts.push(scope);
  const words = queryWords(query.q);
  if (words.length) {
    // Product names through the products' folded key (one narrow index).
    const byProduct = Prisma.sql`c."productId" IN (SELECT p."id" FROM "Product" p WHERE ${Prisma.join(
      words.map((word) => Prisma.sql`p."searchKey" LIKE ${likeContains(word)} ESCAPE '\\'`),
      " AND ",
    )})`;
    const byDecision = decisionPrefixSql(db, foldText(query.q));
    parts.push(byDecision ? Prisma.sql`(${byProduct} OR ${byDecision})` : byProduct);
  }
  if (query.status) parts.push(certificationStatusSql(db, query.status, today));
  if (query.within) {
    // In force today and at its last valid day within N days: the ones to remind.
    parts.push(Prisma.sql`${certificationStatusSql(db, "expiring", today)} AND c."validUntil" <= ${addDays(today, query.within)}`);
  }
  if (query.stars) parts.push(Prisma.sql`${starsColumn(db, query.stars)} = ${query.stars}`);
  if (query.issuer) parts.push(Prisma.sql`c."issuerLevel" = ${ISSUER_SQL[query.issuer]}`);
  if (query.product) parts.push(Prisma.sql`c."productId" = ${query.product}`);
  // An unknown province slug matches nothing (-1), it does not drop the filter.
  if (provinceId !== undefined) parts.push(productInProvinceSql(certificateProduct, provinceId ?? -1));
  return parts;
}

const SORT_COLUMNS = {
  newest: { column: "signedOn", direction: "DESC" },
  validUntil: { column: "validUntil", direction: "ASC" },
  decision: { column: "decisionNumber", direction: "ASC" },
} as const;

/** ORDER BY the sort's column `key` of row `alias`, then its id the same way (decision numbers in byte order on both databases). */
function orderBy(db: Database, sort: CertificationListQuery["sort"], alias: string, key: string): Prisma.Sql {
  const { column, direction } = SORT_COLUMNS[sort];
  const value = Prisma.raw(`${alias}."${key}"`);
  const ordered = column === "decisionNumber" ? inByteOrder(db, value) : value;
  return Prisma.sql`${ordered} ${Prisma.raw(direction)}, ${Prisma.raw(`${alias}."id"`)} ${Prisma.raw(direction)}`;
}

/**
 * The total and one page of ids. Unfiltered, both come from indexes. With
 * filters, the matching rows are found once (some conditions cost a lookup
 * per certificate) and both the count and the page are read from that set.
 */
async function pageOfIds(db: Database, where: Prisma.Sql[], sort: CertificationListQuery["sort"], offset: number) {
  const limit = CERTIFICATION_PAGE_SIZE;
  if (!where.length) {
    const [[counted], rows] = await Promise.all([
      db.$queryRaw<Array<{ total: number | bigint }>>`SELECT COUNT(*) AS "total" FROM "Certification" c`,
      db.$queryRaw<Array<{ id: number }>>`
        SELECT c."id" AS "id" FROM "Certification" c ORDER BY ${orderBy(db, sort, "c", SORT_COLUMNS[sort].column)} LIMIT ${limit} OFFSET ${offset}`,
    ]);
    return { total: Number(counted?.total ?? 0), ids: rows.map((row) => Number(row.id)) };
  }
  const sortColumn = Prisma.raw(`c."${SORT_COLUMNS[sort].column}"`);
  const rows = await db.$queryRaw<Array<{ total: number | bigint; id: number | null }>>`
    WITH m AS MATERIALIZED (
      SELECT c."id" AS "id", ${sortColumn} AS "k" FROM "Certification" c WHERE ${Prisma.join(where, " AND ")}
    )
    SELECT t."total" AS "total", p."id" AS "id"
    FROM (SELECT COUNT(*) AS "total" FROM m) t
    LEFT JOIN (SELECT m."id", m."k" FROM m ORDER BY ${orderBy(db, sort, "m", "k")} LIMIT ${limit} OFFSET ${offset}) p ON 1 = 1
    ORDER BY ${orderBy(db, sort, "p", "k")}`;
  return {
    total: Number(rows[0]?.total ?? 0),
    ids: rows.flatMap((row) => (row.id === null ? [] : [Number(row.id)])),
  };
}

const rowSelect = {
  id: true,
  decisionNumber: true,
  stars: true,
  issuerLevel: true,
  issuerName: true,
  signedOn: true,
  validUntil: true,
  revokedOn: true,
  product: {
    select: {
      id: true,
      nameVi: true,
      producer: { select: { legalName: true, province: { select: { nameVi: true, nameEn: true } } } },
      // Its decisions' dates: the status of each row is the visibility rule over its product's history.
      certifications: { select: { id: true, signedOn: true, validUntil: true, revokedOn: true, reviewStatus: true } },
    },
  },
} as const;

export type CertificationListRow = {
  id: number;
  decisionNumber: string;
  stars: number;
  issuerLevel: IssuerLevel;
  issuerName: string;
  signedOn: Date;
  validUntil: Date;
  status: CertificationStatus;
  product: { id: number; nameVi: string; producer: string; province: { nameVi: string; nameEn: string } };
};

export type CertificationList = { total: number; page: number; pageCount: number; items: CertificationListRow[] };

/** One page of the list, within the actor's scope. */
export async function listCertifications(db: Database, actor: Actor, query: CertificationListQuery, today: Date): Promise<CertificationList> {
  const provinceId = query.province
    ? ((await db.province.findUnique({ where: { slug: query.province }, select: { id: true } }))?.id ?? null)
    : undefined;
  const where = conditions(db, actor, query, provinceId, today);
  const { total, ids: pageIds } = await pageOfIds(db, where, query.sort, (query.page - 1) * CERTIFICATION_PAGE_SIZE);
  // The rows themselves through Prisma, scoped in their where as well.
  const rows = pageIds.length
    ? await db.certification.findMany({ where: { id: { in: pageIds }, ...certificationScope(actor) }, select: rowSelect })
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = pageIds.flatMap((id): CertificationListRow[] => {
    const row = byId.get(id);
    if (!row) return [];
    const { certifications, producer, ...product } = row.product;
    const status = certificationHistory(certifications, today).find((cert) => cert.id === id)!.status;
    return [
      {
        id: row.id,
        decisionNumber: row.decisionNumber,
        stars: row.stars,
        issuerLevel: row.issuerLevel,
        issuerName: row.issuerName,
        signedOn: row.signedOn,
        validUntil: row.validUntil,
        status,
        product: { ...product, producer: producer.legalName, province: producer.province },
      },
    ];
  });
  return { total, page: query.page, pageCount: Math.max(1, Math.ceil(total / CERTIFICATION_PAGE_SIZE)), items };
}

// Under the 999 bound values Prisma allows in one SQLite query (the rows are read by these ids).

/** Every certificate matching the list's filters (all pages), a batch of ids at a time in id order, for the CSV export. */
export async function* certificationIdsForExport(db: Database, actor: Actor, query: CertificationListQuery, today: Date): AsyncGenerator<number[]> {
  const provinceId = query.province
    ? ((await db.province.findUnique({ where: { slug: query.province }, select: { id: true } }))?.id ?? null)
    : undefined;
  const where = conditions(db, actor, query, provinceId, today);
  for (let after = 0; ; ) {
    const rows = await db.$queryRaw<Array<{ id: number }>>`
      SELECT c."id" AS "id" FROM "Certification" c WHERE ${Prisma.join([...where, Prisma.sql`c."id" > ${after}`], " AND ")}
      ORDER BY c."id" LIMIT ${MAX_IDS_PER_QUERY}`;
    if (!rows.length) return;
    const ids = rows.map((row) => Number(row.id));
    yield ids;
    if (ids.length < MAX_IDS_PER_QUERY) return;
    after = ids[ids.length - 1]!;
  }
}

/** Provinces to filter by: every province for national staff, none for a province-scoped editor (their scope already is one). */
export async function provinceChoices(db: Database, actor: Actor) {
  if (Object.keys(producerScope(actor)).length) return [];
  const provinces = await db.province.findMany({ select: { slug: true, nameVi: true, nameEn: true } });
  return provinces.sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));
}
