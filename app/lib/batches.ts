/**
 * The most ids (or other bound values) one query takes: Prisma refuses more
 * than 999 bound values in a single SQLite query (P2029), so reads by id and
 * batched exports go 500 at a time on both databases.
 */
export const MAX_IDS_PER_QUERY = 500;

/** Splits `items` into arrays of at most `size`. */
export function chunks<T>(items: readonly T[], size = MAX_IDS_PER_QUERY): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
