import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireLanguage } from "~/i18n/language.server";
import { formatDate, vietnamToday } from "~/lib/dates";
import { requireStaff } from "~/modules/accounts/guard.server";
import { exportCsvStream } from "~/modules/imports/export.server";
import { parseCertificationListQuery } from "~/modules/certifications/admin-list.server";

/** The certifications list's current filter as CSV (every page), in the import template's columns, within the actor's scope. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const { query } = parseCertificationListQuery(new URL(request.url).searchParams);
  const today = vietnamToday();
  return new Response(exportCsvStream(db, actor, "certifications", query, language, today), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ocop-certifications-${formatDate(today)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
