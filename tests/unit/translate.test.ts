import { describe, expect, it } from "vitest";
import { createI18n, LANGUAGES } from "../../app/i18n/config";
import { formatDay } from "../../app/i18n/format";
import { translatorFor } from "../../app/i18n/translate";

// translatorFor remembers texts; each call must still say what i18next itself says.
const calls: Array<[string, Record<string, unknown>?]> = [
  ["catalogue.title"],
  ["catalogue.results", { count: 1 }],
  ["catalogue.results", { count: 24 }],
  ["catalogue.results", { count: 1 }],
  ["home.starsLabel", { count: 4 }],
  ["catalogue.page", { page: 3, pageCount: 7 }],
  ["catalogue.page", { page: 4, pageCount: 7 }],
  ["catalogue.titleWithQuery", { q: "bưởi <đỏ>" }],
  ["catalogue.titleWithQuery", { q: "cam" }],
  ["catalogue.pastEnd", { page: 1000, count: 1 }],
  ["catalogue.pastEnd", { page: 1000, count: 7 }],
  ["catalogue.ignored", { names: "stars=9" }],
  ["no.such.key"],
];

describe.each(LANGUAGES)("remembered translations (%s)", (language) => {
  const plain = createI18n(language).getFixedT(language) as (key: string, options?: Record<string, unknown>) => unknown;
  const t = translatorFor(language) as unknown as (key: string, options?: Record<string, unknown>) => unknown;

  it("gives what i18next gives, on the first call and on repeated ones", () => {
    for (let round = 0; round < 3; round++) {
      for (const [key, options] of calls) expect(t(key, options), `${key} ${JSON.stringify(options)}`).toBe(plain(key, options));
    }
  });

  it("tells calls apart by every option, not only by key", () => {
    expect(t("catalogue.page", { page: 3, pageCount: 7 })).not.toBe(t("catalogue.page", { page: 4, pageCount: 7 }));
    expect(t("catalogue.results", { count: 24 })).toContain("24");
  });

  it("passes options that are not plain values straight through", () => {
    const options = { q: { toString: () => "mật ong" } };
    expect(t("catalogue.titleWithQuery", options)).toBe(plain("catalogue.titleWithQuery", options));
  });
});

describe("formatDay", () => {
  it("says each day as Intl does, in both languages and from both kinds of value, each time it is asked", () => {
    const days = ["2026-11-23T00:00:00.000Z", "2024-02-29T00:00:00.000Z", "2026-11-23T00:00:00.000Z"];
    for (let round = 0; round < 2; round++) {
      for (const day of days) {
        expect(formatDay("vi", day)).toBe(new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(new Date(day)));
        expect(formatDay("en", new Date(day))).toBe(new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(day)));
      }
    }
    expect(formatDay("vi", "2026-11-23T00:00:00.000Z")).toBe("23/11/2026");
    expect(formatDay("en", "2024-02-29T00:00:00.000Z")).toBe("29 Feb 2024");
    expect(() => formatDay("vi", "not a day")).toThrow(RangeError);
  });
});
