import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { requireLanguage } from "~/i18n/language.server";
import { invariantResponse } from "~/lib/errors.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { documentDownload } from "~/modules/documents/service.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";

// One of the producer's own documents, as a download; anyone else's is 404.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  const download = id === undefined ? null : await documentDownload(db, actor, id);
  invariantResponse(download, "Document not found", 404);
  return download;
}
