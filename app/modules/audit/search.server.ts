/**
 * The audit trail's global view: filters (record type, action, who, record
 * id, days), newest first, 50 a page, and every matching event in order for
 * the CSV export. What each actor may read is decided in the WHERE:
 * - admins read everything;
 * - editors read catalogue events (producers, products, certificates), and of
 *   the account events only their own sign-ins and sign-outs;
 * - a province-scoped editor reads only the catalogue events of their province.
 * Nothing here writes: the trail is append-only (see trail.server.ts).
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { addDays, parseDate } from "../../lib/dates";
import { decimalInteger } from "../../lib/fields";
import { readQueryParams } from "../../lib/query-params.server";
import { canManageAccounts, isStaff, type Actor } from "../accounts/actor.server";
import { likeContains } from "../catalogue/search-sql.server";
import { toView, type AuditEventView } from "./history.server";
import type { AuditQuery } from "./search";
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "./trail.server";
import { MAX_IDS_PER_QUERY } from "../../lib/batches";

export type { AuditQuery };

export const AUDIT_PAGE_SIZE = 50;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    try {
      parseDate(value);
      return true;
    } catch {
      return false;
    }
  });

/** One field of the view's query; an invalid value is dropped and named, never a 500. */
const fields = {
  entity: z.enum(AUDIT_ENTITIES),
  action: z.enum(AUDIT_ACTIONS),
  who: z.string().trim().toLowerCase().min(1).max(200),
  record: decimalInteger().pipe(z.number().int().positive()),
  from: day,
  to: day,
  page: decimalInteger().pipe(z.number().int().min(1).max(100_000)),
};

export function parseAuditQuery(params: URLSearchParams): { query: AuditQuery; ignored: string[] } {
  const { values, ignored } = readQueryParams(params, fields);
  return { query: { ...values, page: values.page ?? 1 }, ignored };
}

// Accounts and mail (whose rows name recipients' addresses) are for admins.
const CATALOGUE_ENTITIES = Prisma.join(AUDIT_ENTITIES.filter((entity) => entity !== "user" && entity !== "mail"));
const SESSION_ACTIONS = Prisma.join(["sign_in", "sign_in_failed", "sign_out", "sign_out_everywhere"]);

/** What the actor may read of the trail, on the event row `a`. */
function scopeSql(actor: Actor): Prisma.Sql | null {
  if (canManageAccounts(actor)) return null;
  if (!isStaff(actor) || actor.userId === null) return Prisma.sql`1 = 0`;
  const catalogue =
    actor.provinceId === null
      ? Prisma.sql`a."entityType" IN (${CATALOGUE_ENTITIES})`
      : Prisma.sql`a."entityType" IN (${CATALOGUE_ENTITIES}) AND a."provinceId" = ${actor.provinceId}`;
  const ownSessions = Prisma.sql`a."entityType" = 'user' AND a."entityId" = ${actor.userId} AND a."action" IN (${SESSION_ACTIONS})`;
  return Prisma.sql`((${catalogue}) OR (${ownSessions}))`;
}

/** The first instant of a day in Vietnam (UTC+7). */
const vietnamDayStart = (value: string) => new Date(parseDate(value).getTime() - 7 * 60 * 60 * 1000);

function conditions(actor: Actor, query: AuditQuery): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  const scope = scopeSql(actor);
  if (scope) parts.push(scope);
  if (query.entity) parts.push(Prisma.sql`a."entityType" = ${query.entity}`);
  if (query.action) parts.push(Prisma.sql`a."action" = ${query.action}`);
  if (query.who) parts.push(Prisma.sql`a."actorEmail" LIKE ${likeContains(query.who)} ESCAPE '\\'`);
  if (query.record) parts.push(Prisma.sql`a."entityId" = ${query.record}`);
  if (query.from) parts.push(Prisma.sql`a."at" >= ${vietnamDayStart(query.from)}`);
  if (query.to) parts.push(Prisma.sql`a."at" < ${addDays(vietnamDayStart(query.to), 1)}`);
  return parts;
}

const whereSql = (parts: Prisma.Sql[]) => (parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty);

/** The events with these ids, in the order given. */
async function eventsById(db: Database, ids: number[]): Promise<AuditEventView[]> {
  if (!ids.length) return [];
  const events = await db.auditEvent.findMany({
    where: { id: { in: ids } },
    select: { id: true, at: true, actorEmail: true, action: true, entityType: true, entityId: true, entityLabel: true, ip: true, changes: true },
  });
  const byId = new Map(events.map((event) => [event.id, event]));
  return ids.flatMap((id) => {
    const event = byId.get(id);
    return event ? [toView(event)] : [];
  });
}

export type AuditPage = { total: number; page: number; pageCount: number; items: AuditEventView[] };

/** One page of the trail, newest first, within what the actor may read. */
export async function searchAudit(db: Database, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  const where = whereSql(conditions(actor, query));
  const [[counted], rows] = await Promise.all([
    db.$queryRaw<Array<{ total: number | bigint }>>`SELECT COUNT(*) AS "total" FROM "AuditEvent" a ${where}`,
    db.$queryRaw<Array<{ id: number }>>`
      SELECT a."id" AS "id" FROM "AuditEvent" a ${where}
      ORDER BY a."id" DESC LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(query.page - 1) * AUDIT_PAGE_SIZE}`,
  ]);
  const total = Number(counted?.total ?? 0);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    items: await eventsById(db, rows.map((row) => Number(row.id))),
  };
}


/**
 * Every matching event, newest first, a batch at a time (keyed on the id, so
 * a long trail is never held in memory whole, and rows written meanwhile
 * cannot shift the batches).
 */
export async function* exportAudit(db: Database, actor: Actor, query: AuditQuery): AsyncGenerator<AuditEventView[]> {
  const parts = conditions(actor, query);
  let before: number | null = null;
  for (;;) {
    const page: Prisma.Sql[] = before === null ? parts : [...parts, Prisma.sql`a."id" < ${before}`];
    const rows: Array<{ id: number }> = await db.$queryRaw<Array<{ id: number }>>`
      SELECT a."id" AS "id" FROM "AuditEvent" a ${whereSql(page)} ORDER BY a."id" DESC LIMIT ${MAX_IDS_PER_QUERY}`;
    if (!rows.length) return;
    const ids: number[] = rows.map((row) => Number(row.id));
    yield await eventsById(db, ids);
    if (ids.length < MAX_IDS_PER_QUERY) return;
    before = ids[ids.length - 1]!;
  }
}
