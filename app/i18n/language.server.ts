import type { Params } from "@remix-run/react";
import { languageFromParam, type Language } from "./config";

/** The language of a `($lang)` route; an unknown prefix is a 404. */
export function requireLanguage(params: Params): Language {
  const language = languageFromParam(params.lang);
  if (!language) throw new Response("Not found", { status: 404 });
  return language;
}
