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
  /** Bitset of the rows whose key holds `word` (a word holds no space); undefined when none does. Read-only: it may be shared. */
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

/**
 * Collects keys one at a time, numbered in the order added, so that a caller
 * reading thousands of rows never holds every key at once (the catalogue's
 * keys are 15 MB at 100,000 products). Each key keeps only its distinct
 * tokens' ids, in blocks that are never copied to grow. `build` is called
 * once, after the last `add`.
 */
export function wordIndexBuilder() {
  const tokenIds = new Map<string, number>();
  // The last key that held each token, so a key lists a token once.
  const lastKeyOf: number[] = [];
  const blocks: Int32Array[] = [];
  let used = 0;
  let keyEnd = new Int32Array(1024);
  let keys = 0;
  return {
    add(key: string) {
      for (const token of key.split(" ")) {
        if (!token) continue;
        let id = tokenIds.get(token);
        if (id === undefined) tokenIds.set(token, (id = lastKeyOf.push(-1) - 1));
        if (lastKeyOf[id] === keys) continue;
        lastKeyOf[id] = keys;
        if (used === blocks.length * BLOCK) blocks.push(new Int32Array(BLOCK));
        blocks[used >>> BLOCK_BITS]![used & (BLOCK - 1)] = id;
        used++;
      }
      if (keys === keyEnd.length) {
        const longer = new Int32Array(keyEnd.length * 2);
        longer.set(keyEnd);
        keyEnd = longer;
      }
      keyEnd[keys++] = used;
    },
    /**
     * The index over the keys added, key k at row `rowOfKey[k]` (k when not given).
     * With `shortWords`, a bitset of each one- and two-character fragment is kept
     * too: such a word is in most keys, and its bitset is cheaper than the union of
     * its tokens' rows (about 700 fragments; 12.5 KB each at 100,000 rows).
     */
    build({ rowOfKey, shortWords = false }: { rowOfKey?: Int32Array; shortWords?: boolean } = {}): WordIndex {
      const start = new Int32Array(lastKeyOf.length + 1);
      for (let i = 0; i < used; i++) start[blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)]! + 1]!++;
      for (let id = 0; id < lastKeyOf.length; id++) start[id + 1]! += start[id]!;
      const rows = new Int32Array(used);
      const filled = start.slice(0, lastKeyOf.length);
      for (let key = 0, i = 0; key < keys; key++) {
        const row = rowOfKey ? rowOfKey[key]! : key;
        for (; i < keyEnd[key]!; i++) rows[filled[blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)]!]!++] = row;
      }
      blocks.length = 0;
      const tokens = [...tokenIds.keys()];
      const postings = { tokens: joinLines(tokens), start, rows, words: (keys + 31) >>> 5 };
      return searchablePostings(postings, shortWords ? shortWordBitsets(tokens, postings) : undefined);
    },
  };
}

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

export function buildWordIndex(keys: string[], options?: { shortWords?: boolean }): WordIndex {
  const builder = wordIndexBuilder();
  for (const key of keys) builder.add(key);
  return builder.build(options);
}

/**
 * Bitsets of the rows holding each one- and two-character fragment of a token.
 * A query word holds no space, so a key holds it exactly when one of its tokens does.
 */
function shortWordBitsets(tokens: string[], { start, rows, words }: Postings): Map<string, Uint32Array> {
  const bitsets = new Map<string, Uint32Array>();
  tokens.forEach((token, id) => {
    const fragments = new Set<string>();
    for (let i = 0; i < token.length; i++) fragments.add(token.slice(i, i + 1)).add(token.slice(i, i + 2));
    for (const fragment of fragments) {
      let bits = bitsets.get(fragment);
      if (!bits) bitsets.set(fragment, (bits = new Uint32Array(words)));
      for (let i = start[id]!; i < start[id + 1]!; i++) bits[rows[i]! >>> 5]! |= 1 << (rows[i]! & 31);
    }
  });
  return bitsets;
}

function searchablePostings({ tokens, start, rows, words }: Postings, shortWords?: Map<string, Uint32Array>): WordIndex {
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
      if (shortWords && word.length <= 2) return shortWords.get(word);
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
