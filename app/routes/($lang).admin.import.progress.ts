import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLanguage } from "~/i18n/language.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { importState } from "~/modules/imports/progress.server";

/** A running import's progress (rows written of rows to write), polled by the import page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = new URL(request.url).searchParams.get("id") ?? "";
  const entry = importState(id, actor.userId);
  const headers = { "Cache-Control": "private, no-store" };
  // An id this process does not know (another server, a restart, or none): the page says so and stops polling.
  if (!entry) return Response.json({ state: "unknown", done: 0, total: 0 }, { headers });
  return Response.json({ state: entry.state, done: entry.done, total: entry.total }, { headers });
}
