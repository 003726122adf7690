/** The audit trail view's query, shared by the server (parsing, search.server.ts) and the page (links, the CSV of the same filter). */
import type { AuditAction, AuditEntity } from "./trail.server";

export type AuditQuery = {
  entity?: AuditEntity;
  action?: AuditAction;
  /** Part of the acting user's email, lower case. */
  who?: string;
  record?: number;
  /** Days in Vietnam, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  page: number;
};

/** The query as URL parameters, defaults left out. */
export function auditSearchParams(query: Partial<AuditQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.entity) params.set("entity", query.entity);
  if (query.action) params.set("action", query.action);
  if (query.who) params.set("who", query.who);
  if (query.record) params.set("record", String(query.record));
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}

/** Where a record of the trail is edited; null for a kind without a page. */
export function auditRecordPath(entityType: string, entityId: number | null): string | null {
  if (entityId === null) return null;
  const section = {
    producer: "producers",
    product: "products",
    certification: "certifications",
    user: "accounts",
    revision: "reviews/revisions",
    mail: "outbox",
  }[entityType];
  return section ? `/admin/${section}/${entityId}` : null;
}
