import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { OPEN_DATA_HEADERS } from "~/lib/cache-headers";
import { suggestAnswer } from "~/modules/catalogue/suggest-api.server";

/** Type-ahead suggestions. The production server answers this path before Remix, with the same function (server/app.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  return Response.json(await suggestAnswer(db, new URL(request.url).searchParams), { headers: OPEN_DATA_HEADERS });
}
