import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireLanguage } from "~/i18n/language.server";
import { vietnamToday } from "~/lib/dates";
import { requireStaff } from "~/modules/accounts/guard.server";
import { exportCsvResponse } from "~/modules/imports/export.server";
import { parseAdminProducerQuery } from "~/modules/producers/admin-list.server";

/** The producers list's current filter as CSV (every page), in the import template's columns, within the actor's scope. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const { query } = parseAdminProducerQuery(new URL(request.url).searchParams);
  return exportCsvResponse(db, actor, "producers", query, language, vietnamToday());
}
