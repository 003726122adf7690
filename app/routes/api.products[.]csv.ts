import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { OPEN_DATA_HEADERS } from "~/lib/cache-headers";
import { publicOrigin } from "~/lib/origin.server";
import { catalogueCsv } from "~/modules/catalogue/csv.server";
import { parseCatalogueQuery } from "~/modules/catalogue/query.server";
import { exportCatalogue } from "~/modules/catalogue/search.server";
import { formatDate, vietnamToday } from "~/lib/dates";

/** The current /products filter as CSV (all pages). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query } = parseCatalogueQuery(new URL(request.url).searchParams);
  const today = vietnamToday();
  const items = await exportCatalogue(db, query, today);
  return new Response(catalogueCsv(items, publicOrigin()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ocop-products-${formatDate(today)}.csv"`,
      ...OPEN_DATA_HEADERS,
    },
  });
}
