import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireLanguage } from "~/i18n/language.server";
import { formatDate, vietnamToday } from "~/lib/dates";
import { requireStaff } from "~/modules/accounts/guard.server";
import { auditCsvStream } from "~/modules/audit/csv.server";
import { parseAuditQuery } from "~/modules/audit/search.server";

/** The audit trail's current filter as CSV (every page), within what the actor may read. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const { query } = parseAuditQuery(new URL(request.url).searchParams);
  return new Response(auditCsvStream(db, actor, query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ocop-audit-${formatDate(vietnamToday())}.csv"`,
      // Personal and sensitive: never kept by a shared cache, nor left in the browser's.
      "Cache-Control": "private, no-store",
    },
  });
}
