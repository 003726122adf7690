/**
 * Cache-Control for anonymous responses, so pages of one kind agree. The page
 * cache in server.js keeps responses for their max-age (at most 60 s), and
 * every catalogue write clears it.
 */

/** Public pages: a minute fresh, then served stale for up to five while revalidating. */
export const PUBLIC_PAGE_HEADERS = { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } as const;

/** Open-data JSON: a minute fresh, readable from any origin. */
export const OPEN_DATA_HEADERS = { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } as const;
