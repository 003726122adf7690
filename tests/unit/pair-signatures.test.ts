import { describe, expect, it } from "vitest";
import { mayContain, pairSignature, pairSignatureOfEvery, pairSignatures } from "../../app/modules/catalogue/pair-signatures.server";

// Folded product names, as the columns hold them.
const names = [
  "buoi do tan lac",
  "mat ong hoa buoi cao phong",
  "tra shan tuyet co thu",
  "che o long",
  "nuoc mam phu quoc 40 do dam",
  "gao st25",
  "ruou nep cam 100%",
  "mien dong dinh lap",
  "a",
  "",
];

/** A small seeded generator, so a failure names the same case again. */
function* randomTexts(seed: number, count: number) {
  const letters = "aabcdeeghiklmnnoopqrsttuvxy 0123456789đ%-";
  let state = seed;
  for (let n = 0; n < count; n++) {
    let text = "";
    const length = 1 + (n % 40);
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      text += letters[state % letters.length];
    }
    yield text;
  }
}

describe("pair signatures of folded names", () => {
  it("never rule out a name that contains the text (every substring of every name, and of random texts)", () => {
    const texts = [...names, ...randomTexts(20251130, 400)];
    const signatures = pairSignatures(texts);
    let checked = 0;
    texts.forEach((text, row) => {
      for (let start = 0; start < text.length; start++) {
        for (let end = start + 1; end <= text.length; end++) {
          const [low, high] = pairSignature(text.slice(start, end));
          expect(mayContain(signatures, row, low, high), `${JSON.stringify(text.slice(start, end))} in ${JSON.stringify(text)}`).toBe(true);
          checked++;
        }
      }
    });
    expect(checked).toBeGreaterThan(100_000);
  });

  it("rule out most names that do not contain a query of a few words", () => {
    const texts = [...randomTexts(7, 2_000)];
    const signatures = pairSignatures(texts);
    const [low, high] = pairSignature("ong ha");
    const possible = texts.filter((_, row) => mayContain(signatures, row, low, high));
    const containing = texts.filter((text) => text.includes("ong ha"));
    expect(possible).toEqual(expect.arrayContaining(containing));
    expect(possible.length).toBeLessThan(texts.length / 10);
  });

  it("let every name through for a text of one character (it has no pairs)", () => {
    const signatures = pairSignatures(names);
    const [low, high] = pairSignature("z");
    expect([low, high]).toEqual([0, 0]);
    expect(names.every((_, row) => mayContain(signatures, row, low, high))).toBe(true);
  });

  it("set bits in both halves, sign bits included (mayContain compares them as signed integers)", () => {
    const bits = new Set<number>();
    for (const text of randomTexts(3, 500)) {
      const [low, high] = pairSignature(text);
      if (low) bits.add(0);
      if (high) bits.add(1);
      if (low < 0 || high < 0) bits.add(31);
    }
    expect([...bits].sort((a, b) => a - b)).toEqual([0, 1, 31]);
  });

  it("combine the signatures of several words, so a name holding all of them in any order passes and one missing a word mostly does not", () => {
    const signatures = pairSignatures(names);
    const [low, high] = pairSignatureOfEvery(["ong", "mat"]);
    expect(mayContain(signatures, names.indexOf("mat ong hoa buoi cao phong"), low, high)).toBe(true);
    expect(pairSignatureOfEvery([])).toEqual([0, 0]);
    expect(pairSignatureOfEvery(["buoi"])).toEqual(pairSignature("buoi"));
    const texts = [...randomTexts(5, 2_000)];
    const many = pairSignatures(texts);
    const [bothLow, bothHigh] = pairSignatureOfEvery(["ong", "hat"]);
    texts.forEach((text, row) => {
      if (text.includes("ong") && text.includes("hat")) expect(mayContain(many, row, bothLow, bothHigh), text).toBe(true);
    });
  });
});
