import { createInstance, type i18n as I18n } from "i18next";
import { en } from "./en";
import { vi, type Messages } from "./vi";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";

export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** A ready, synchronous i18next instance for one language (one per request on the server). */
export function createI18n(language: Language): I18n {
  const instance = createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}

/**
 * Vietnamese lives at the root, English under /en. `path` is the
 * language-neutral path, e.g. "/products?stars=4".
 */
export function localizedPath(language: Language, path: string): string {
  if (language === DEFAULT_LANGUAGE) return path;
  return path === "/" ? "/en" : `/en${path}`;
}

/** The language-neutral path of a URL pathname (drops a leading /en). */
export function neutralPath(pathname: string): string {
  const stripped = pathname.replace(/^\/en(?=\/|$)/, "");
  return stripped || "/";
}

/** Language of a route's `($lang)` param; undefined for an unknown prefix. */
export function languageFromParam(param: string | undefined): Language | undefined {
  if (param === undefined) return DEFAULT_LANGUAGE;
  return param === "en" ? "en" : undefined;
}
