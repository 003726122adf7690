/**
 * The audit trail: who did what to which record, when, from where, and which
 * fields changed from what to what. Rows are written by the same transaction
 * as the change they describe, and nothing in the app updates or deletes
 * them (the database refuses it too: triggers in the migrations).
 */
import type { Database, Prisma } from "../../db.server";
import { ConflictError } from "../../lib/errors.server";
import type { Actor } from "../accounts/actor.server";

export const AUDIT_ACTIONS = [
  "create",
  "update",
  "archive",
  "restore",
  "delete",
  "status",
  "revoke",
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "sign_out_everywhere",
  "password_change",
  "role_change",
  "disable",
  "enable",
  "import",
  "register",
  "confirm_email",
  "password_reset",
  "submit",
  "withdraw",
  "review",
  "mail_retry",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = ["producer", "product", "certification", "user", "document", "revision", "mail"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** Changed fields only: { field: [before, after] }. */
export type Changes = Record<string, [unknown, unknown]>;

type Writer = Prisma.TransactionClient | Database;

export type AuditRecord = {
  action: AuditAction;
  entityType: AuditEntity;
  entityId?: number | null;
  entityLabel?: string | null;
  provinceId?: number | null;
  changes?: Changes | null;
};

export async function recordAudit(tx: Writer, actor: Actor, record: AuditRecord): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.userId,
      actorEmail: actor.email,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      entityLabel: record.entityLabel ?? null,
      provinceId: record.provinceId ?? null,
      changes: record.changes && Object.keys(record.changes).length ? JSON.stringify(record.changes) : null,
      ip: actor.ip,
      requestId: actor.requestId,
    },
  });
}

const comparable = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : (value ?? null));

type Row = Record<string, unknown>;

/** The fields of `after` whose value differs from `before`, as [before, after] (dates as ISO strings). */
export function changedFields(before: object | null, after: object, fields: readonly string[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const was = comparable((before as Row | null)?.[field]);
    const now = comparable((after as Row)[field]);
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[field] = [was, now];
  }
  return changes;
}

/**
 * The refusal for a save made from an old version: which fields now differ
 * from what was submitted, and who saved last (from this trail).
 */
export async function versionConflict(
  tx: Writer,
  entityType: AuditEntity,
  current: { id: number; version: number },
  submitted: object,
  fields: readonly string[],
): Promise<ConflictError> {
  const last = await tx.auditEvent.findFirst({
    where: { entityType, entityId: current.id },
    orderBy: { id: "desc" },
    select: { actorEmail: true, at: true },
  });
  const differ = changedFields(current, submitted, fields);
  return new ConflictError({
    changedBy: last?.actorEmail ?? null,
    changedAt: last?.at.toISOString() ?? null,
    fields: Object.entries(differ).map(([field, [currentValue, yours]]) => ({ field, current: currentValue, yours })),
    version: current.version,
  });
}

/** A deleted record's last values, as changes to null. */
export function removedFields(before: object, fields: readonly string[]): Changes {
  return changedFields(before, Object.fromEntries(fields.map((field) => [field, null])), fields);
}
