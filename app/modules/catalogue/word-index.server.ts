/**
 * Which rows' folded keys hold a word, answered in memory for type-ahead
 * suggestions (decision 014). The keys are split at spaces into their
 * distinct tokens, each listed with the rows that hold it. A query word holds
 * no space, so it is in a key exactly when it is in one of the key's tokens:
 * the rows holding a word are those of the tokens that contain it. Folded
 * text has few distinct tokens (Vietnamese syllables, names, numbers), so
 * finding those tokens is a search of a short text.
 *
 * Memory: one 4-byte entry per distinct token of each key (about 26 a key;
 * 10 MB at 100,000 products) and the tokens once.
 */
import { LRUCache } from "lru-cache";
import { joinLines, lineAt } from "./lines.server";

export type WordIndex = {
  /** Bitset of the rows whose key holds `word` (three characters or more); undefined when none does. Read-only: it may be shared. */
  rowsHolding(word: string): Uint32Array | undefined;
};

/**
 * Bitsets kept per index, by word. Type-ahead asks for one word's prefixes and then for
 * that word with each prefix of the next ("ong", "ong h", "ong hu"), and a common word's
 * bitset is the union of thousands of rows (0.7 ms for "ong" at 100,000 products).
 * 64 bitsets are 0.8 MB at 100,000 rows.
 */
const KEPT_BITSETS = 64;

type Postings = {
  /** The distinct tokens, one a line; a token's id is its line number. */
  tokens: { text: string; lineStart: Int32Array };
  /** Rows of token `id`: rows[start[id]] up to rows[start[id + 1]]. */
  start: Int32Array;
  rows: Int32Array;
  /** Length of a bitset over all rows, in 32-bit words. */
  words: number;
};

export function buildWordIndex(keys: string[]): WordIndex {
  // Built in a function of its own, so the index keeps no build-time state (its token map).
  return searchablePostings(postingsOf(keys));
}

function postingsOf(keys: string[]): Postings {
  // Two passes, so the postings go straight into one typed array.
  const tokenIds = new Map<string, number>();
  const counts: number[] = [];
  const distinctTokens = (key: string) => new Set(key.split(" ").filter(Boolean));
  for (const key of keys) {
    for (const token of distinctTokens(key)) {
      let id = tokenIds.get(token);
      if (id === undefined) tokenIds.set(token, (id = counts.length));
      counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  const start = new Int32Array(counts.length + 1);
  counts.forEach((count, id) => (start[id + 1] = start[id]! + count));
  const rows = new Int32Array(start[counts.length]!);
  const filled = start.slice(0, counts.length);
  keys.forEach((key, row) => {
    for (const token of distinctTokens(key)) rows[filled[tokenIds.get(token)!]!++] = row;
  });
  const tokens = joinLines([...tokenIds.keys()]);
  return { tokens, start, rows, words: (keys.length + 31) >>> 5 };
}

function searchablePostings({ tokens, start, rows, words }: Postings): WordIndex {
  const unionOfTokensHolding = (word: string) => {
    let bits: Uint32Array | undefined;
    // Query words are never empty and never hold a line break (they are split at white space).
    if (!word || word.includes("\n")) return undefined;
    const { text, lineStart } = tokens;
    for (let at = text.indexOf(word), id = 0; at !== -1; at = text.indexOf(word, lineStart[++id]!)) {
      id = lineAt(lineStart, at, id);
      bits ??= new Uint32Array(words);
      for (let i = start[id]!; i < start[id + 1]!; i++) bits[rows[i]! >>> 5]! |= 1 << (rows[i]! & 31);
    }
    return bits;
  };
  const kept = new LRUCache<string, { bits: Uint32Array | undefined }>({ max: KEPT_BITSETS });
  return {
    rowsHolding(word) {
      let entry = kept.get(word);
      if (!entry) kept.set(word, (entry = { bits: unionOfTokensHolding(word) }));
      return entry.bits;
    },
  };
}

/** Is bit `bit` of the bitset set? */
export function holds(bits: Uint32Array, bit: number): boolean {
  return (bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}

/** Calls `visit` with the set bits of a bitset, in order, until it returns false (without a list of them). */
export function forEachSetBit(bits: Uint32Array, visit: (bit: number) => boolean): void {
  for (let word = 0; word < bits.length; word++) {
    for (let rest = bits[word]!; rest !== 0; rest &= rest - 1) if (!visit((word << 5) + 31 - Math.clz32(rest & -rest))) return;
  }
}

/** The set bits of a bitset, in order. */
export function setBits(bits: Uint32Array): number[] {
  const rows: number[] = [];
  forEachSetBit(bits, (row) => rows.push(row) > 0);
  return rows;
}
