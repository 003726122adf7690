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
  if (!t) translators.set(language, (t = remembered(createI18n(language).getFixedT(language))));
  return t;
}

// Messages are static, so a call's text depends only on its key and options; a page
// makes a few hundred calls, mostly the same ones, and i18next resolves each anew.
const REMEMBERED_TEXTS = 5_000;

/** `t`, remembering the text of each call whose options are plain values (counts, names). */
function remembered(typed: Translate): Translate {
  // The typed signature is for callers; here any key and options pass through.
  const t = typed as unknown as (key: unknown, options?: unknown) => unknown;
  const texts = new Map<string, string>();
  const call = (key: unknown, options?: unknown) => {
    const plain = options === undefined || (typeof options === "object" && options !== null && Object.values(options).every(isPlainValue));
    if (typeof key !== "string" || !plain) return t(key, options);
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    let text = texts.get(id);
    if (text === undefined) {
      const translated = t(key, options);
      if (typeof translated !== "string") return translated;
      if (texts.size >= REMEMBERED_TEXTS) texts.clear();
      texts.set(id, (text = translated));
    }
    return text;
  };
  return call as unknown as Translate;
}

const isPlainValue = (value: unknown) => value === null || ["string", "number", "boolean", "undefined"].includes(typeof value);

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
