/**
 * Acting users for write-side tests, built by hand (the services take an
 * Actor; the audit trail stores its id and email as plain values), and a few
 * readers of what a write left behind: audit rows and row counts.
 */
import type { Database } from "../../app/db.server";
import type { Actor } from "../../app/modules/accounts/actor.server";
import { DomainError } from "../../app/lib/errors.server";

let nextUserId = 9000;

function actor(role: Actor["role"], email: string, overrides: Partial<Actor> = {}): Actor {
  nextUserId += 1;
  return {
    userId: nextUserId,
    email,
    role,
    provinceId: null,
    producerId: null,
    ip: "198.51.100.7",
    requestId: `req-${nextUserId}`,
    ...overrides,
  };
}

export const adminActor = (overrides: Partial<Actor> = {}) => actor("ADMIN", "admin@test.example", overrides);

/** A national editor (provinceId null), or one scoped to `provinceId`. */
export const editorActor = (provinceId: number | null = null, overrides: Partial<Actor> = {}) =>
  actor("EDITOR", provinceId === null ? "editor@test.example" : `editor.${provinceId}@test.example`, { provinceId, ...overrides });

export const producerActor = (producerId: number | null, overrides: Partial<Actor> = {}) =>
  actor("PRODUCER", "producer@test.example", { producerId, ...overrides });

export type AuditRow = {
  id: number;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  entityLabel: string | null;
  provinceId: number | null;
  ip: string | null;
  requestId: string | null;
  changes: Record<string, [unknown, unknown]> | null;
};

/** Audit rows with an id above `afterId`, oldest first, with `changes` parsed. */
export async function auditRowsAfter(db: Database, afterId: number): Promise<AuditRow[]> {
  const rows = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" } });
  return rows.map(({ at: _at, changes, ...row }) => ({ ...row, changes: changes ? (JSON.parse(changes) as AuditRow["changes"]) : null }));
}

/** The id of the newest audit row (0 when there is none). */
export async function lastAuditId(db: Database): Promise<number> {
  const last = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0;
}

/** Row counts of everything a catalogue or account write can touch. */
export async function rowCounts(db: Database) {
  const [producers, products, certifications, users, passwords, sessions, auditEvents, catalogueVersion] = await Promise.all([
    db.producer.count(),
    db.product.count(),
    db.certification.count(),
    db.user.count(),
    db.password.count(),
    db.session.count(),
    db.auditEvent.count(),
    db.catalogueVersion.findUnique({ where: { id: 1 }, select: { version: true } }),
  ]);
  return { producers, products, certifications, users, passwords, sessions, auditEvents, catalogueVersion: catalogueVersion?.version ?? 0 };
}

/** Runs `write`, which must fail with a DomainError; returns that error. */
export async function refusal(write: () => Promise<unknown>): Promise<DomainError> {
  let outcome: unknown;
  try {
    await write();
  } catch (error) {
    outcome = error;
  }
  if (!(outcome instanceof DomainError)) {
    throw new Error(`expected a DomainError, got ${outcome === undefined ? "success" : String(outcome)}`);
  }
  return outcome;
}
