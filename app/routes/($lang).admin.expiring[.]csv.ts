import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/db.server";
import { requireLanguage } from "~/i18n/language.server";
import { formatDate, vietnamToday } from "~/lib/dates";
import { readQueryParams } from "~/lib/query-params.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { EXPIRING_WINDOWS, expiringCsv, type ExpiringWindow } from "~/modules/dashboard/expiring.server";
import { csvDownload } from "~/modules/imports/export.server";

const fields = { days: z.enum(EXPIRING_WINDOWS.map(String) as ["30", "90"]).transform((value) => Number(value) as ExpiringWindow) };

/** The dashboard's certificates expiring within ?days=30|90 (90 when absent or invalid), within the actor's scope. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const days = readQueryParams(new URL(request.url).searchParams, fields).values.days ?? 90;
  const today = vietnamToday();
  return csvDownload(await expiringCsv(db, actor, today, days), `ocop-expiring-${days}d-${formatDate(today)}.csv`);
}
