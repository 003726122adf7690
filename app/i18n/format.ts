import type { Language } from "./config";

/** A calendar date (stored at midnight UTC) as people read it: 23/11/2026 or 23 Nov 2026. */
export function formatDay(language: Language, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(language === "vi" ? "vi-VN" : "en-GB", {
    day: "2-digit",
    month: language === "vi" ? "2-digit" : "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** A field with an English twin: the English text, or the Vietnamese one marked as a fallback. */
export function localized(language: Language, vi: string, en: string | null | undefined) {
  if (language === "en" && en) return { text: en, fallback: false };
  return { text: vi, fallback: language === "en" };
}
