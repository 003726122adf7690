/**
 * The outbox as admins read it: every message the app queued, newest first,
 * filtered by status and by part of the recipient's address, and one
 * message whole. In development (no SMTP) this is where confirmation links
 * are read. Admins only: mail holds people's addresses and one-time links.
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { DomainError } from "../../lib/errors.server";
import { decimalInteger } from "../../lib/fields";
import { readQueryParams } from "../../lib/query-params.server";
import { canManageAccounts, type Actor } from "../accounts/actor.server";
import { likeContains } from "../catalogue/search-sql.server";
import { recordAudit } from "../audit/trail.server";
import { OUTBOX_STATUSES, type OutboxStatus } from "../mail/outbox.server";
import type { OutboxQuery } from "./query";

export type { OutboxQuery };

export const OUTBOX_PAGE_SIZE = 50;

const fields = {
  status: z.enum(OUTBOX_STATUSES),
  to: z.string().trim().toLowerCase().min(1).max(200),
  page: decimalInteger().pipe(z.number().int().min(1).max(100_000)),
};

/** The list's query from the URL; an invalid parameter is dropped and named, never a 500. */
export function parseOutboxQuery(params: URLSearchParams): { query: OutboxQuery; ignored: string[] } {
  const { values, ignored } = readQueryParams(params, fields);
  return { query: { ...values, page: values.page ?? 1 }, ignored };
}

/** A mail id from a route parameter (undefined when it cannot be one). */
export function parseMailId(value: string | undefined): number | undefined {
  const parsed = decimalInteger().pipe(z.number().int().positive().max(2_147_483_647)).safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function requireAdminActor(actor: Actor): void {
  if (!canManageAccounts(actor)) throw new DomainError("Only admins may read the outbox", 403);
}

const listFields = {
  id: true,
  createdAt: true,
  toAddress: true,
  language: true,
  subject: true,
  kind: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  sentAt: true,
  lastError: true,
} as const;

/** One page of the outbox, newest first, and how many messages each status holds overall. */
export async function listOutbox(db: Database, actor: Actor, query: OutboxQuery) {
  requireAdminActor(actor);
  const conditions: Prisma.Sql[] = [];
  if (query.status) conditions.push(Prisma.sql`m."status" = ${query.status}`);
  // LIKE with escaped wildcards: "_" is common in addresses (Prisma's `contains` would treat it as one).
  if (query.to) conditions.push(Prisma.sql`LOWER(m."toAddress") LIKE ${likeContains(query.to)} ESCAPE '\\'`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const [[counted], rows, byStatus] = await Promise.all([
    db.$queryRaw<Array<{ total: number | bigint }>>`SELECT COUNT(*) AS "total" FROM "OutboxMessage" m ${where}`,
    db.$queryRaw<Array<{ id: number }>>`
      SELECT m."id" AS "id" FROM "OutboxMessage" m ${where}
      ORDER BY m."createdAt" DESC, m."id" DESC LIMIT ${OUTBOX_PAGE_SIZE} OFFSET ${(query.page - 1) * OUTBOX_PAGE_SIZE}`,
    db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const ids = rows.map((row) => Number(row.id));
  const found = ids.length ? await db.outboxMessage.findMany({ where: { id: { in: ids } }, select: listFields }) : [];
  const byId = new Map(found.map((message) => [message.id, message]));
  const total = Number(counted?.total ?? 0);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as Record<OutboxStatus, number>;
  for (const row of byStatus) if (row.status in counts) counts[row.status as OutboxStatus] = row._count._all;
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    items: ids.flatMap((id) => byId.get(id) ?? []),
    counts,
  };
}

/** One message whole, or null. */
export async function outboxMessage(db: Database, actor: Actor, id: number) {
  requireAdminActor(actor);
  return db.outboxMessage.findUnique({ where: { id } });
}

/** Statuses an admin may put back in the queue. */
export const RETRYABLE_STATUSES = ["FAILED", "KEPT"] as const satisfies readonly OutboxStatus[];

/**
 * Puts a FAILED or KEPT message back in the queue, due now, with a fresh
 * count of attempts (the last error stays until a send succeeds). Admins only.
 */
export async function retryMail(db: Database, actor: Actor, id: number, now: Date = new Date()): Promise<void> {
  if (!canManageAccounts(actor)) throw new DomainError("Only admins may retry mail", 403);
  await db.$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({ where: { id }, select: { status: true, toAddress: true } });
    if (!message) throw new DomainError("Mail not found", 404);
    const requeued = await tx.outboxMessage.updateMany({
      where: { id, status: { in: [...RETRYABLE_STATUSES] } },
      data: { status: "QUEUED", attempts: 0, nextAttemptAt: now, claimedUntil: null },
    });
    if (requeued.count !== 1) throw new DomainError("admin.outbox.notRetryable", 409);
    await recordAudit(tx, actor, {
      action: "mail_retry",
      entityType: "mail",
      entityId: id,
      entityLabel: message.toAddress,
      changes: { status: [message.status, "QUEUED"] },
    });
  });
}
