import type { Language } from "./config";

// Building an Intl formatter costs far more than using one: one per language.
const dayFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" }),
};

/** A calendar date (stored at midnight UTC) as people read it: 23/11/2026 or 23 Nov 2026. */
export function formatDay(language: Language, value: Date | string): string {
  return dayFormats[language].format(typeof value === "string" ? new Date(value) : value);
}

/** A field with an English twin: the English text, or the Vietnamese one marked as a fallback. */
export function localized(language: Language, vi: string, en: string | null | undefined) {
  if (language === "en" && en) return { text: en, fallback: false };
  return { text: vi, fallback: language === "en" };
}
