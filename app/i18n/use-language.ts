import { useLocation } from "@remix-run/react";
import { DEFAULT_LANGUAGE, localizedPath, type Language } from "./config";

/** The page's language, read from the URL so error pages know it too. */
export function useLanguage(): Language {
  const { pathname } = useLocation();
  return /^\/en(\/|$)/.test(pathname) ? "en" : DEFAULT_LANGUAGE;
}

/** Builds links in the current page's language. */
export function useLocalizedPath(): (path: string) => string {
  const language = useLanguage();
  return (path: string) => localizedPath(language, path);
}
