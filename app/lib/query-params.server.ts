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

/**
 * `repeated` fields are schemas for one value, read from every occurrence of
 * their parameter (`stars=4&stars=5`): each valid value is kept once, in
 * order, and each invalid one is named (`stars=9`) without dropping the rest.
 */
export function readQueryParams<F extends Fields, R extends Fields = Record<never, z.ZodType>>(
  params: URLSearchParams,
  fields: F,
  repeated: R = {} as R,
) {
  const values: { [K in keyof F]?: z.infer<F[K]> } & { [K in keyof R]?: Array<z.infer<R[K]>> } = {};
  const ignored: string[] = [];
  for (const key of Object.keys(fields) as Array<keyof F & string>) {
    const raw = params.get(key);
    if (raw === null || raw === "") continue;
    const result = fields[key]!.safeParse(raw);
    if (result.success) (values as Record<string, unknown>)[key] = result.data;
    else ignored.push(key);
  }
  for (const key of Object.keys(repeated) as Array<keyof R & string>) {
    const kept: unknown[] = [];
    for (const raw of new Set(params.getAll(key).filter(Boolean))) {
      const result = repeated[key]!.safeParse(raw);
      if (!result.success) ignored.push(`${key}=${raw.slice(0, 20)}`);
      else if (!kept.includes(result.data)) kept.push(result.data);
    }
    if (kept.length) (values as Record<string, unknown>)[key] = kept;
  }
  return { values, ignored };
}

