/**
 * Reading the audit trail: one record's history (the edit pages show it).
 * The global view with filters and its CSV export live beside this file.
 */
import type { Database } from "../../db.server";
import type { Actor } from "../accounts/actor.server";
import type { AuditEntity, Changes } from "./trail.server";

export type AuditEventView = {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  entityLabel: string | null;
  ip: string | null;
  changes: Changes;
};

export function toView(event: {
  id: number;
  at: Date;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  entityLabel: string | null;
  ip: string | null;
  changes: string | null;
}): AuditEventView {
  let changes: Changes = {};
  try {
    changes = event.changes ? (JSON.parse(event.changes) as Changes) : {};
  } catch {
    changes = {};
  }
  return { ...event, at: event.at.toISOString(), changes };
}

/**
 * The newest `limit` events of one record. Callers load the record within the
 * actor's scope first (a record they may not see is a 404 before this runs).
 */
export async function recordHistory(db: Database, _actor: Actor, entityType: AuditEntity, entityId: number, limit = 50): Promise<AuditEventView[]> {
  const events = await db.auditEvent.findMany({
    where: { entityType, entityId },
    orderBy: { id: "desc" },
    take: limit,
  });
  return events.map(toView);
}
