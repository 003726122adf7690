import { z } from "zod";
import { decimalInteger } from "../../lib/fields";
import { readQueryParams, slugSchema } from "../../lib/query-params.server";
import { normalizeText } from "../../lib/fields";
import { defaultSort, GROUP_CODES, SORTS, type CatalogueQuery } from "./query";

export type { CatalogueQuery };

/** One field of the catalogue query; an invalid value is dropped and reported, never a 500. */
const fields = {
  q: z.string().max(200).transform(normalizeText),
  group: z.string().transform((value) => value.toUpperCase()).pipe(z.enum(GROUP_CODES)),
  set: decimalInteger().pipe(z.number().min(1).max(26)),
  province: slugSchema,
  commune: slugSchema,
  producer: slugSchema,
  status: z.enum(["valid", "all"]),
  sort: z.enum(SORTS),
  page: decimalInteger().pipe(z.number().min(1).max(100_000)),
};
const repeatedFields = {
  stars: z.enum(["3", "4", "5"]).transform((value) => Number(value) as 3 | 4 | 5),
};

/**
 * Reads the catalogue's query parameters. Unknown parameters are ignored;
 * invalid values are dropped and named in `ignored` so the page can say so.
 */
export function parseCatalogueQuery(params: URLSearchParams): { query: CatalogueQuery; ignored: string[] } {
  const { values, ignored } = readQueryParams(params, fields, repeatedFields);
  const q = values.q ?? "";
  return {
    query: {
      q,
      stars: [...new Set(values.stars ?? [])].sort(),
      group: values.group,
      set: values.set,
      province: values.province,
      commune: values.commune,
      producer: values.producer,
      status: values.status ?? "valid",
      sort: values.sort ?? defaultSort(q),
      page: values.page ?? 1,
    },
    ignored,
  };
}
