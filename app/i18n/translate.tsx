import type { TFunction } from "i18next";
import { createContext, useContext, type ReactNode } from "react";
import { createI18n, type Language } from "./config";

/** The message function of one language: `t("catalogue.results", { count })`. */
export type Translate = TFunction<"translation", undefined>;

// One instance per language for the process: the resources are static and a
// fixed-language `t` holds no per-request state.
const translators = new Map<Language, Translate>();

export function translatorFor(language: Language): Translate {
  let t = translators.get(language);
  if (!t) translators.set(language, (t = createI18n(language).getFixedT(language)));
  return t;
}

const TranslateContext = createContext<Translate | null>(null);

/** Gives the page's components the messages of `language` (set once, in the root layout). */
export function TranslateProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <TranslateContext.Provider value={translatorFor(language)}>{children}</TranslateContext.Provider>;
}

/**
 * The page's message function. A context read, so a list of 24 cards does not
 * pay react-i18next's per-call wrapper (measured at about 2 ms a page).
 */
export function useT(): Translate {
  const t = useContext(TranslateContext);
  if (!t) throw new Error("useT() needs a TranslateProvider above it (app/root.tsx)");
  return t;
}
