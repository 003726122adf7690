import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireLanguage } from "~/i18n/language.server";
import { invariantResponse } from "~/lib/errors.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { documentDownload } from "~/modules/documents/service.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";

/** A producer's scan, for staff within their scope; anything else is 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseRecordId(params.id);
  const download = id === undefined ? null : await documentDownload(db, actor, id);
  invariantResponse(download, "Document not found", 404);
  return download;
}
