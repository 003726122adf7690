import { describe, expect, it } from "vitest";
import { createI18n, LANGUAGES } from "../../app/i18n/config";
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
