/**
 * The audit trail as CSV (UTF-8 with a BOM, like the catalogue's export, so
 * spreadsheet apps read Vietnamese correctly), streamed batch by batch.
 */
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../db.server";
import type { Actor } from "../accounts/actor.server";
import type { AuditEventView } from "./history.server";
import { exportAudit, type AuditQuery } from "./search.server";

export const AUDIT_CSV_COLUMNS = ["at", "actor", "ip", "action", "entity_type", "entity_id", "entity_label", "changes"] as const;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, return first)
 * gets a leading apostrophe: labels are typed by staff and producers
 * (OWASP "CSV injection").
 */
export function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvRows(events: AuditEventView[]): string {
  return stringify(
    events.map((event) => [
      event.at,
      inert(event.actorEmail ?? ""),
      event.ip ?? "",
      event.action,
      event.entityType,
      event.entityId ?? "",
      inert(event.entityLabel ?? ""),
      Object.keys(event.changes).length ? JSON.stringify(event.changes) : "",
    ]),
  );
}

/** The CSV of every event matching `query` that the actor may read, newest first. */
export function auditCsvStream(db: Database, actor: Actor, query: AuditQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = exportAudit(db, actor, query);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("\uFEFF" + stringify([[...AUDIT_CSV_COLUMNS]])));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvRows(next.value)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
