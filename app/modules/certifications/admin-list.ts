/** The admin certificate list's query, shared by the server (parsing, admin-list.server.ts) and the page (links). */
import type { CertificationStatus } from "../catalogue/visibility.server";
import type { ISSUER_LEVELS } from "./forms";
import type { Stars } from "./rules";

export const CERTIFICATION_SORTS = ["newest", "validUntil", "decision"] as const;
export const EXPIRING_WITHIN_DAYS = [30, 90] as const;

export type CertificationListQuery = {
  q: string;
  status?: CertificationStatus;
  stars?: Stars;
  issuer?: (typeof ISSUER_LEVELS)[number];
  province?: string;
  within?: (typeof EXPIRING_WITHIN_DAYS)[number];
  product?: number;
  sort: (typeof CERTIFICATION_SORTS)[number];
  page: number;
};

/** The query as URL parameters, defaults left out, so links stay short. */
export function certificationListParams(query: Partial<CertificationListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.stars) params.set("stars", String(query.stars));
  if (query.issuer) params.set("issuer", query.issuer);
  if (query.province) params.set("province", query.province);
  if (query.within) params.set("within", String(query.within));
  if (query.product) params.set("product", String(query.product));
  if (query.sort && query.sort !== "newest") params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}
