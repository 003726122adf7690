/**
 * Cache-Control for responses, so pages of one kind agree. Anything that
 * shows a certificate's status is revalidated by browsers on every visit
 * (`no-cache` with the ETag the server's page cache gives it), so a repeat
 * visit costs a 304 and a revocation is never hidden by a browser's copy. The
 * server's page cache keeps `public` pages for up to 60 s and drops them on
 * every catalogue change, on every server process.
 */

/** Public pages. */
export const PUBLIC_PAGE_HEADERS = { "Cache-Control": "public, no-cache" } as const;

/** Open-data JSON and CSV, readable from any origin. */
export const OPEN_DATA_HEADERS = { "Cache-Control": "public, no-cache", "Access-Control-Allow-Origin": "*" } as const;

/** Anything answered to a signed-in request: never shared, never kept by a proxy. */
export const PRIVATE_CACHE_CONTROL = "private, no-cache";

/** The cookie that holds a session id (the sessions module sets it). */
export const SESSION_COOKIE_NAME = "__session";

/** Does the request carry a session? Its answers are then personal. */
export function hasSessionCookie(request: Request): boolean {
  const cookie = request.headers.get("Cookie") ?? "";
  return cookie.split(";").some((part) => part.trim().startsWith(`${SESSION_COOKIE_NAME}=`));
}
