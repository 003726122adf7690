import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { publicOrigin } from "~/lib/origin.server";
import { buildSitemap } from "~/modules/catalogue/sitemap.server";

export async function loader(_: LoaderFunctionArgs) {
  return new Response(await buildSitemap(db, publicOrigin()), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
