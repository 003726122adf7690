import { describe, expect, it } from "vitest";
import { joinLines, lineAt } from "../../app/modules/catalogue/lines.server";
import { buildWordIndex, forEachSetBit, setBits, wordIndexBuilder } from "../../app/modules/catalogue/word-index.server";

// A fixed seed: the same keys and words on every run.
function randomFrom(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  "buoi", "do", "tan", "lac", "cao", "phong", "mat", "ong", "cam", "sanh", "muong", "dong", "hop", "tac", "xa",
  "che", "thai", "nguyen", "ca", "phe", "nuoc", "mam", "phu", "quoc", "ruou", "gao", "nep", "tho", "a", "o",
  "h2o", "3t", "100%", "2025", "x",
];
const JOINERS = ["", "", "-", "/", "."];

/** Folded keys like the catalogue's: tokens of one or more syllables, parts joined by " | ". */
function makeKeys(count: number, random: () => number): string[] {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const token = () => {
    let text = pick(SYLLABLES);
    while (random() < 0.3) text += pick(JOINERS) + pick(SYLLABLES);
    return text;
  };
  const part = () => Array.from({ length: 1 + Math.floor(random() * 4) }, token).join(" ");
  const keys = Array.from({ length: count }, (_, row) => {
    // Row 0 holds nothing, so a posting left at 0 shows.
    if (row % 97 === 0) return "";
    if (row % 89 === 7) return "|";
    return Array.from({ length: 1 + Math.floor(random() * 4) }, part).join(" | ");
  });
  // The last two tokens listed are held by different rows.
  return [...keys, "zqa", "zqb zqa"];
}

/** Query words: pieces of tokens (across syllables and joiners), whole tokens, prefixes and words found nowhere. */
function makeWords(keys: string[], random: () => number): string[] {
  const tokens = [...new Set(keys.flatMap((key) => key.split(" ").filter(Boolean)))];
  const words = new Set<string>(["|", "-", "/", ".", "%", "h2o", "3t", "100%", "0%", "o-", "-b", "/c", "h", "2", "zz", "zzz", "qqq", "buoiq", "xabuoi", "a|b"]);
  // Every token whole, the first and last listed in the index included.
  for (const token of tokens) words.add(token);
  for (let i = 0; i < 600; i++) {
    const token = tokens[Math.floor(random() * tokens.length)]!;
    const from = Math.floor(random() * token.length);
    const to = from + 1 + Math.floor(random() * (token.length - from));
    words.add(token.slice(from, to));
    if (i % 4 === 1) words.add(token.slice(0, to));
    if (i % 4 === 2) words.add(`${token}${SYLLABLES[i % SYLLABLES.length]}`);
  }
  return [...words];
}

const naiveRows = (keys: string[], word: string) => keys.flatMap((key, row) => (key.includes(word) ? [row] : []));

describe("word index", () => {
  it("marks exactly the rows whose key holds each word", () => {
    const random = randomFrom(20261130);
    const keys = makeKeys(331, random);
    const words = makeWords(keys, random);
    const index = buildWordIndex([...keys]);
    let found = 0;
    let missing = 0;
    for (const word of words) {
      const expected = naiveRows(keys, word);
      const bits = index.rowsHolding(word);
      expect(setBits(bits ?? new Uint32Array(keys.length)), word).toEqual(expected);
      // Undefined exactly when no row holds the word.
      expect(bits === undefined, word).toBe(expected.length === 0);
      if (bits) expect(bits.length).toBe(Math.ceil(keys.length / 32));
      if (expected.length) found++;
      else missing++;
    }
    // The words cover both cases, and some words are held by many rows.
    expect(found).toBeGreaterThan(300);
    expect(missing).toBeGreaterThan(20);
    expect(Math.max(...words.map((word) => naiveRows(keys, word).length))).toBeGreaterThan(200);
  });

  it("places each key at the row it is given, and answers one- and two-character words from their own bitsets", () => {
    const random = randomFrom(7);
    const keys = makeKeys(1_500, random);
    const words = makeWords(keys, random);
    // Rows in another order than the keys were added: key k goes to row rowOfKey[k].
    const rowOfKey = Int32Array.from(keys.keys()).sort((a, b) => ((a * 7919) % keys.length) - ((b * 7919) % keys.length) || a - b);
    const builder = wordIndexBuilder();
    for (const key of keys) builder.add(key);
    const index = builder.build({ rowOfKey, shortWords: true });
    const placed = (rows: number[]) => rows.map((key) => rowOfKey[key]!).sort((a, b) => a - b);
    const short = words.filter((word) => word.length <= 2);
    expect(short.length).toBeGreaterThan(20);
    for (const word of words) {
      const expected = placed(naiveRows(keys, word));
      const bits = index.rowsHolding(word);
      expect(setBits(bits ?? new Uint32Array(1)), word).toEqual(expected);
      expect(bits === undefined, word).toBe(expected.length === 0);
    }
    // A short word's bitset is kept from the build: asked twice, the same one.
    expect(index.rowsHolding("a")).toBe(index.rowsHolding("a"));
    // Words that only a space would join are in no row (a word holds no space).
    expect(index.rowsHolding("a ")).toBeUndefined();
    expect(index.rowsHolding(" ")).toBeUndefined();
  });

  it("counts a token once per row, however often the key repeats it", () => {
    const keys = ["cam cam | cam", "", "cam-cao phong", "cao", "phong cam", "caocam"];
    const index = buildWordIndex(keys);
    expect(setBits(index.rowsHolding("cam")!)).toEqual([0, 2, 4, 5]);
    expect(setBits(index.rowsHolding("ocam")!)).toEqual([5]);
    expect(setBits(index.rowsHolding("cao")!)).toEqual([2, 3, 5]);
    expect(setBits(index.rowsHolding("|")!)).toEqual([0]);
    expect(index.rowsHolding("camcao")).toBeUndefined();
    expect(buildWordIndex([]).rowsHolding("cam")).toBeUndefined();
  });

  it("answers a word asked again from its kept bitset, and after 64 other words pushed it out, with the same rows", () => {
    const random = randomFrom(11);
    const keys = makeKeys(200, random);
    const words = makeWords(keys, random).filter((word) => naiveRows(keys, word).length > 0);
    const index = buildWordIndex(keys);
    const first = index.rowsHolding(words[0]!);
    // The same word again: the kept bitset, not a new one.
    expect(index.rowsHolding(words[0]!)).toBe(first);
    for (const word of words.slice(1, 80)) expect(setBits(index.rowsHolding(word)!), word).toEqual(naiveRows(keys, word));
    const again = index.rowsHolding(words[0]!);
    expect(again).not.toBe(first);
    expect(setBits(again!)).toEqual(naiveRows(keys, words[0]!));
    // A word no row holds is kept as such too.
    expect(index.rowsHolding("qqqq")).toBeUndefined();
    expect(index.rowsHolding("qqqq")).toBeUndefined();
  });

  it("visits the set bits in order until told to stop", () => {
    const bits = new Uint32Array(4);
    for (const row of [3, 31, 32, 90, 127]) bits[row >>> 5]! |= 1 << (row & 31);
    const seen: number[] = [];
    forEachSetBit(bits, (row) => seen.push(row) < 3);
    expect(seen).toEqual([3, 31, 32]);
  });

  it("lists the set bits of a bitset in order, the top bit of each word included", () => {
    const bits = new Uint32Array(4);
    for (const row of [0, 5, 31, 32, 63, 64, 100, 127]) bits[row >>> 5]! |= 1 << (row & 31);
    expect(setBits(bits)).toEqual([0, 5, 31, 32, 63, 64, 100, 127]);
    expect(setBits(new Uint32Array(3))).toEqual([]);
    expect(setBits(Uint32Array.of(0xffffffff))).toEqual(Array.from({ length: 32 }, (_, row) => row));
  });
});

describe("lines", () => {
  it("joins lines in the given order, empty and last lines included, and finds the line of each offset", () => {
    const lines = ["ab", "", "cde", ""];
    const { text, lineStart } = joinLines([2, 0, 1, 3].map((row) => lines[row]!));
    expect(text).toBe("cde\nab\n\n\n");
    expect([...lineStart]).toEqual([0, 4, 7, 8, 9]);
    // The lines keep their text.
    expect(lines).toEqual(["ab", "", "cde", ""]);
    // Each offset's line, its "\n" included.
    expect(Array.from(text, (_, offset) => lineAt(lineStart, offset))).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 3]);
    // Searching on from a later line gives the same line.
    expect(lineAt(lineStart, 5, 1)).toBe(1);
    expect(lineAt(lineStart, 7, 2)).toBe(2);
    expect(lineAt(lineStart, 8, 2)).toBe(3);
    expect(lineAt(lineStart, 8, 3)).toBe(3);
    expect(joinLines([])).toEqual({ text: "", lineStart: Int32Array.of(0) });
  });

  it("finds the line of every offset of many lines, some empty", () => {
    const random = randomFrom(7);
    const lines = Array.from({ length: 200 }, () => "x".repeat(Math.floor(random() * 4)));
    const order = Int32Array.from(lines.keys()).reverse();
    const original = [...lines];
    const { text, lineStart } = joinLines([...order].map((row) => lines[row]!));
    expect(text).toBe(`${[...order].map((row) => original[row]).join("\n")}\n`);
    for (let line = 0; line < order.length; line++) {
      expect(text.slice(lineStart[line]!, lineStart[line + 1]! - 1)).toBe(original[order[line]!]);
    }
    let line = 0;
    for (let offset = 0; offset < text.length; offset++) {
      expect(lineAt(lineStart, offset)).toBe(line);
      expect(lineAt(lineStart, offset, Math.floor(line / 2))).toBe(line);
      if (text[offset] === "\n") line++;
    }
  });
});
