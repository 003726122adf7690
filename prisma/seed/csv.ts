/**
 * A small RFC 4180 CSV parser: comma-separated fields, optional double quotes
 * around a field, "" for a quote inside a quoted field, CRLF or LF line ends,
 * line breaks allowed inside quoted fields. A leading BOM is dropped.
 */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let atFieldStart = true;
  let i = 0;

  const endField = () => {
    row.push(field);
    field = "";
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === ",") {
      endField();
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRow();
      i += ch === "\r" && input[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (quoted) throw new SyntaxError("CSV: unterminated quoted field");
  // A final line without a line break still counts; a trailing line break adds no empty row.
  if (!atFieldStart || row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the header line; blank lines are skipped. */
export function parseCsvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ""));
  if (!header) return [];
  const names = header.map((name) => name.trim());
  return rows.map((cells, index) => {
    if (cells.length !== names.length) {
      throw new SyntaxError(`CSV: line ${index + 2} has ${cells.length} fields, expected ${names.length}`);
    }
    return Object.fromEntries(names.map((name, column) => [name, cells[column] ?? ""]));
  });
}
