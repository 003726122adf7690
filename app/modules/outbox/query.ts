/** The admin outbox list's query, shared by the server (parsing, admin.server.ts) and the page (filter and pager links). */
import type { OutboxStatus } from "../mail/outbox.server";

export type OutboxQuery = {
  status?: OutboxStatus;
  /** Part of the recipient's address, lower case. */
  to?: string;
  page: number;
};

/** The query as URL parameters, defaults left out. */
export function outboxSearchParams(query: Partial<OutboxQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.to) params.set("to", query.to);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}
