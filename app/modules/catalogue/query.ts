/** The catalogue's query, shared by the server (parsing) and the page (links). */
export const PAGE_SIZE = 24;
export const SORTS = ["relevance", "newest", "name", "stars"] as const;
export type Sort = (typeof SORTS)[number];
export const GROUP_CODES = ["I", "II", "III", "IV", "V", "VI"] as const;

/** A product group's id is its Roman numeral's value (prisma/schema.prisma). */
export function groupIdOf(code: (typeof GROUP_CODES)[number]): number {
  return GROUP_CODES.indexOf(code) + 1;
}

/** Fewer folded characters than this get no type-ahead suggestions (one letter matches most of the catalogue). */
export const MIN_SUGGEST_LENGTH = 2;

/** With a search, the best matches first; without, the newest certificates. */
export function defaultSort(q: string): Sort {
  return q ? "relevance" : "newest";
}

export type CatalogueQuery = {
  q: string;
  stars: Array<3 | 4 | 5>;
  group?: (typeof GROUP_CODES)[number];
  set?: number;
  province?: string;
  commune?: string;
  producer?: string;
  status: "valid" | "all";
  sort: Sort;
  page: number;
};

/** The query as URL parameters, defaults left out, so links stay short and canonical. */
export function catalogueSearchParams(query: Partial<CatalogueQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const stars of query.stars ?? []) params.append("stars", String(stars));
  if (query.group) params.set("group", query.group);
  if (query.set) params.set("set", String(query.set));
  if (query.province) params.set("province", query.province);
  if (query.commune) params.set("commune", query.commune);
  if (query.producer) params.set("producer", query.producer);
  if (query.status && query.status !== "valid") params.set("status", query.status);
  if (query.sort && query.sort !== defaultSort(query.q ?? "")) params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}
