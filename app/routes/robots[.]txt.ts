import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/origin.server";

export function loader(_: LoaderFunctionArgs) {
  // Verification pages answer one QR scan each; they are not worth indexing.
  const body = ["User-agent: *", "Allow: /", "Disallow: /verify/", "Disallow: /en/verify/", "Disallow: /api/", `Sitemap: ${publicOrigin()}/sitemap.xml`, ""].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
