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

/**
 * `lines[order[0]]`, `lines[order[1]]`, … as one text, one per line; each
 * `lines[row]` is replaced by its slice of that text (V8 shares the
 * characters of a slice with its parent, so the names are held once).
 */
export function joinLines(order: Int32Array, lines: string[]): { text: string; lineStart: Int32Array } {
  const lineStart = new Int32Array(order.length + 1);
  let at = 0;
  order.forEach((row, line) => {
    lineStart[line] = at;
    at += lines[row]!.length + 1;
  });
  lineStart[order.length] = at;
  const text = order.length ? `${Array.from(order, (row) => lines[row]!).join("\n")}\n` : "";
  order.forEach((row, line) => (lines[row] = text.slice(lineStart[line]!, lineStart[line + 1]! - 1)));
  return { text, lineStart };
}

