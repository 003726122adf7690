import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLanguage } from "~/i18n/language.server";
import { invariantResponse } from "~/lib/errors.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { EXAMPLE_ROWS, isImportKind } from "~/modules/imports/columns";
import { csvDownload, templateCsv } from "~/modules/imports/export.server";

/** `?kind=producers|products|certifications`: the header row and one example row, in the page's language (UTF-8 with a BOM for Excel). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  await requireStaff(request, context);
  // Producers come first in an import, so they are the template without a kind.
  const kind = new URL(request.url).searchParams.get("kind") ?? "producers";
  invariantResponse(isImportKind(kind), "Unknown kind: use ?kind=producers, products or certifications", 400);
  return csvDownload(templateCsv(kind, EXAMPLE_ROWS[kind], language), `ocop-${kind}-template.csv`);
}
