import { env } from "../env.server";

/**
 * The public origin for absolute links (canonical and hreflang links, the
 * sitemap, QR codes, JSON URLs): from configuration only, never from a
 * request's Host or X-Forwarded-* headers, which any client can set.
 * Production requires PUBLIC_URL (env.server.ts); development falls back to
 * the local address.
 */
export function publicOrigin(): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
