import { z } from "zod";
import { normalizeText } from "../text/vietnamese.server";
import { GROUP_CODES, SORTS, type CatalogueQuery } from "./query";

export type { CatalogueQuery };

const slug = z.string().regex(/^[a-z0-9-]{1,120}$/);

/** One field of the catalogue query; an invalid value is dropped and reported, never a 500. */
const fields = {
  q: z.string().max(200).transform(normalizeText),
  stars: z.array(z.coerce.number().pipe(z.union([z.literal(3), z.literal(4), z.literal(5)]))).max(3),
  group: z.string().transform((value) => value.toUpperCase()).pipe(z.enum(GROUP_CODES)),
  set: z.coerce.number().int().min(1).max(26),
  province: slug,
  commune: slug,
  producer: slug,
  status: z.enum(["valid", "all"]),
  sort: z.enum(SORTS),
  page: z.coerce.number().int().min(1).max(100_000),
};


/**
 * Reads the catalogue's query parameters. Unknown parameters are ignored;
 * invalid values are dropped and named in `ignored` so the page can say so.
 */
export function parseCatalogueQuery(params: URLSearchParams): { query: CatalogueQuery; ignored: string[] } {
  const ignored: string[] = [];
  function read<K extends keyof typeof fields>(key: K, raw: unknown): z.infer<(typeof fields)[K]> | undefined {
    if (raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0)) return undefined;
    const result = fields[key].safeParse(raw);
    if (result.success) return result.data as z.infer<(typeof fields)[K]>;
    ignored.push(key);
    return undefined;
  }
  const single = (key: string) => params.get(key) ?? undefined;
  const stars = [...new Set(read("stars", params.getAll("stars").filter(Boolean)) ?? [])].sort() as Array<3 | 4 | 5>;
  const q = read("q", single("q")) ?? "";
  return {
    query: {
      q,
      stars,
      group: read("group", single("group")),
      set: read("set", single("set")),
      province: read("province", single("province")),
      commune: read("commune", single("commune")),
      producer: read("producer", single("producer")),
      status: read("status", single("status")) ?? "valid",
      sort: read("sort", single("sort")) ?? (q ? "relevance" : "newest"),
      page: read("page", single("page")) ?? 1,
    },
    ignored,
  };
}

