/** Deterministic randomness for seed data: the same seed always gives the same catalogue. */

/** `items[index]`, or an error instead of undefined. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

/** 32-bit string hash (FNV-1a), for deriving seeds and stable numbers from text. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; `weights[i]` belongs to `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  shuffle<T>(items: T[]): T[];
  /** A new generator whose stream depends on this one's seed and `label` only. */
  fork(label: string): Random;
};

/** mulberry32: tiny, fast, and good enough for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return at(items, Math.floor(next() * items.length));
    },
    weighted: (items, weights) => {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let roll = next() * total;
      for (let i = 0; i < items.length; i++) {
        roll -= at(weights, i);
        if (roll < 0) return at(items, i);
      }
      return at(items, items.length - 1);
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const swap = at(items, i);
        items[i] = at(items, j);
        items[j] = swap;
      }
      return items;
    },
    fork: (label) => createRandom(hashString(`${seed}:${label}`)),
  };
  return random;
}

/** Verification-code alphabet: no 0/O/1/I, so codes survive being read aloud. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_DIGITS = "23456789";
const CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * Hand-made demo codes start with a digit; generated (scale) codes start with a
 * letter, so the two sets can never overlap.
 */
export function demoVerificationCode(random: Random, length = 10): string {
  let code = random.pick([...CODE_DIGITS]);
  while (code.length < length) code += random.pick([...CODE_ALPHABET]);
  return code;
}

/** 20-bit Feistel round function. */
function round(half: number, key: number): number {
  let x = Math.imul(half ^ key, 0x45d9f3b);
  x ^= x >>> 16;
  x = Math.imul(x, 0x45d9f3b);
  x ^= x >>> 16;
  return x & 0xfffff;
}

/**
 * A 10-character code that is a bijection of `id` (below 2^40): a letter, 8
 * characters encoding a scrambled id, and a check character. Distinct ids give
 * distinct codes, so generated rows never clash with one another.
 */
export function scaleVerificationCode(id: number, key = 0x5eed): string {
  if (!Number.isInteger(id) || id < 0 || id >= 2 ** 40) throw new RangeError(`id out of range: ${id}`);
  let left = Math.floor(id / 2 ** 20);
  let right = id % 2 ** 20;
  for (let r = 0; r < 4; r++) {
    const next = left ^ round(right, key + r * 0x9e37);
    left = right;
    right = next;
  }
  let body = "";
  for (const half of [left, right]) {
    for (let shift = 15; shift >= 0; shift -= 5) body += CODE_ALPHABET[(half >>> shift) & 31];
  }
  let check = 0;
  for (const ch of body) check = (check * 7 + CODE_ALPHABET.indexOf(ch)) % 32;
  return CODE_LETTERS[(left ^ right) % CODE_LETTERS.length] + body + CODE_ALPHABET[check];
}
