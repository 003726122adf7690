import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/cache-headers";
import { publicOrigin } from "~/lib/origin.server";
import { buildSitemap } from "~/modules/catalogue/sitemap.server";

export async function loader(_: LoaderFunctionArgs) {
  return new Response(await buildSitemap(db, publicOrigin()), {
    headers: { "Content-Type": "application/xml; charset=utf-8", ...PUBLIC_PAGE_HEADERS },
  });
}
