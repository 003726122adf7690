/**
 * Many short texts kept as one text, one per line ("\n" between): a single
 * string searched with indexOf in one pass, instead of thousands of strings
 * searched one by one (type-ahead suggestions).
 */

/** The line of `text` that holds `offset`, given where its lines start (`joinLines`), searching from line `from` on. */
export function lineAt(lineStart: Int32Array, offset: number, from = 0): number {
  let low = from;
  let high = lineStart.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (lineStart[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** `lines` as one text, one per line, and where each line starts (one entry more: the text's length). */
export function joinLines(lines: string[]): { text: string; lineStart: Int32Array } {
  const lineStart = new Int32Array(lines.length + 1);
  lines.forEach((line, index) => (lineStart[index + 1] = lineStart[index]! + line.length + 1));
  return { text: lines.length ? `${lines.join("\n")}\n` : "", lineStart };
}
