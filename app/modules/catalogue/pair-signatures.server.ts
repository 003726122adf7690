/**
 * A 64-bit signature of the character pairs in each row's folded name: a
 * name can contain a text only if its signature has every bit of the text's.
 * Ranking tests each candidate's name for the whole query; the signature
 * rules most of them out with two integer reads, where the substring test
 * reads a string elsewhere in memory (decision 014, revision). Eight bytes a
 * row: 0.8 MB at 100,000 products.
 */

/** Bit (0–63) of the pair of UTF-16 code units `a`, `b`. */
function pairBit(a: number, b: number): number {
  return Math.imul((a << 16) ^ b, 0x9e3779b1) >>> 26;
}

/** The signature of `text` as two 32-bit halves: [bits 0–31, bits 32–63]. Texts shorter than two code units have none. */
export function pairSignature(text: string): [number, number] {
  let low = 0;
  let high = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const bit = pairBit(text.charCodeAt(i), text.charCodeAt(i + 1));
    if (bit < 32) low |= 1 << bit;
    else high |= 1 << (bit - 32);
  }
  return [low, high];
}

/** The signature a text must have to hold every one of `texts`, in any order: theirs combined. */
export function pairSignatureOfEvery(texts: string[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const text of texts) {
    const [textLow, textHigh] = pairSignature(text);
    low |= textLow;
    high |= textHigh;
  }
  return [low, high];
}

/** The signatures of `texts`, two 32-bit words a row. */
export function pairSignatures(texts: string[]): Uint32Array {
  const signatures = new Uint32Array(texts.length * 2);
  texts.forEach((text, row) => {
    const [low, high] = pairSignature(text);
    signatures[row * 2] = low;
    signatures[row * 2 + 1] = high;
  });
  return signatures;
}

/** Whether row `row` may contain a text of signature `low`, `high` (from pairSignature): false means it cannot. */
export function mayContain(signatures: Uint32Array, row: number, low: number, high: number): boolean {
  return (signatures[row * 2]! & low) === (low | 0) && (signatures[row * 2 + 1]! & high) === (high | 0);
}
