import type { Language } from "./config";

// Building an Intl formatter costs far more than using one: one per language.
const dayFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" }),
};

/** A calendar date (stored at midnight UTC) as people read it: 23/11/2026 or 23 Nov 2026. */
export function formatDay(language: Language, value: Date | string): string {
  const time = typeof value === "string" ? Date.parse(value) : value.getTime();
  const key = `${language}${time}`;
  let text = formattedDays.get(key);
  if (text === undefined) {
    if (formattedDays.size >= REMEMBERED_DAYS) formattedDays.clear();
    formattedDays.set(key, (text = dayFormats[language].format(time)));
  }
  return text;
}
// A page of cards repeats a few hundred days, and formatting one costs far more than a lookup.
const REMEMBERED_DAYS = 5_000;
const formattedDays = new Map<string, string>();

/** A field with an English twin: the English text, or the Vietnamese one marked as a fallback. */
export function localized(language: Language, vi: string, en: string | null | undefined) {
  if (language === "en" && en) return { text: en, fallback: false };
  return { text: vi, fallback: language === "en" };
}
