/**
 * Public pages' query parameters, read field by field with zod: an absent or
 * empty parameter is left out; an invalid one is dropped and named in
 * `ignored`, so the page can say so and never answers 500. Parameters not
 * listed are ignored.
 */
import { z } from "zod";

/** A URL slug as the app writes them: lowercase ASCII letters, digits and hyphens. */
export const slugSchema = z.string().regex(/^[a-z0-9-]{1,120}$/);

/** Is `value` shaped like one of our slugs? (Anything else cannot name a record.) */
export function isSlug(value: string | undefined): value is string {
  return slugSchema.safeParse(value).success;
}

type Fields = Record<string, z.ZodType>;

/** `repeated` fields read every value of their parameter (`stars=4&stars=5`). */
export function readQueryParams<F extends Fields>(params: URLSearchParams, fields: F, repeated: ReadonlyArray<keyof F> = []) {
  const values: { [K in keyof F]?: z.infer<F[K]> } = {};
  const ignored: string[] = [];
  for (const key of Object.keys(fields) as Array<keyof F & string>) {
    const raw = repeated.includes(key) ? params.getAll(key).filter(Boolean) : params.get(key);
    if (raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0)) continue;
    const result = fields[key]!.safeParse(raw);
    if (result.success) values[key] = result.data as z.infer<F[typeof key]>;
    else ignored.push(key);
  }
  return { values, ignored };
}

