/**
 * Reading an uploaded CSV file into rows keyed by column, with what
 * spreadsheet programs do to files: a byte order mark or none, `;` or `,`
 * (or tab) separators, a `sep=;` first line, CRLF, quoted cells with line
 * breaks, trailing empty columns and rows, `="0123"` and leading apostrophes
 * that force text, cells padded with spaces. Bytes that are not UTF-8
 * (Excel's "CSV" in a Vietnamese or Western locale) are refused: guessing a
 * legacy code page would silently garble Vietnamese names. Pure: no database.
 */
import { parse } from "csv-parse/sync";
import { COLUMNS, foldHeader, type ImportKind } from "./columns";

/** Biggest CSV file an import accepts (17,000 national rows fit several times over). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
/** Rows one file may hold. */
export const MAX_CSV_ROWS = 50_000;

export type ParsedRow = {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  /** Cell text by column key, cleaned; columns the file lacks are absent. */
  cells: Record<string, string>;
};

export type ParsedFile = {
  kind: ImportKind;
  delimiter: string;
  /** Column keys in file order (null: a column this kind does not know, ignored). */
  columns: Array<string | null>;
  /** Header cells the kind does not know (ignored, reported). */
  unknownHeaders: string[];
  rows: ParsedRow[];
};

/** A whole-file problem: i18n key under admin.imports and its values. */
export class CsvFileError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(values)}`);
    this.name = "CsvFileError";
  }
}

const BOM = "\uFEFF";

/** The file's text, or a CsvFileError when its bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return text.startsWith(BOM) ? text.slice(1) : text;
  } catch {
    throw new CsvFileError("notUtf8");
  }
}

/** `;`, `,` or tab: whichever occurs most in the header line outside quotes (`,` on a tie). */
export function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char]! += 1;
  }
  return [";", "\t"].reduce((best, candidate) => (counts[candidate]! > counts[best]! ? candidate : best), ",");
}

/** One cell as typed: Excel's text-forcing removed, spaces trimmed. */
export function cleanCell(value: string): string {
  let cell = value.trim();
  const forced = /^="(.*)"$/s.exec(cell);
  if (forced) cell = forced[1]!.replace(/""/g, '"');
  else if (cell.startsWith("'")) cell = cell.slice(1);
  return cell.trim();
}

function columnIndex(kind: ImportKind): Map<string, string> {
  const byName = new Map<string, string>();
  for (const column of COLUMNS[kind]) {
    for (const name of [column.key, column.vi, column.en]) byName.set(foldHeader(name), column.key);
  }
  return byName;
}

/** Which kind a header row belongs to: the one whose columns it names most (null when none). */
export function guessKind(headers: string[]): ImportKind | null {
  let best: { kind: ImportKind; score: number } | null = null;
  for (const kind of Object.keys(COLUMNS) as ImportKind[]) {
    const index = columnIndex(kind);
    const required = COLUMNS[kind].filter((column) => column.required).map((column) => column.key);
    const found = new Set(headers.map((header) => index.get(foldHeader(header))).filter(Boolean));
    if (!required.every((key) => found.has(key))) continue;
    if (!best || found.size > best.score) best = { kind, score: found.size };
  }
  return best?.kind ?? null;
}

/**
 * Parses `bytes` as a file of `kind`. Throws a CsvFileError for what makes
 * the whole file unreadable (not UTF-8, broken quoting, a missing required
 * column, a repeated column, too many rows).
 */
export function parseCsv(bytes: Uint8Array, kind: ImportKind): ParsedFile {
  if (bytes.byteLength > MAX_CSV_BYTES) throw new CsvFileError("tooLarge", { megabytes: MAX_CSV_BYTES / 1024 / 1024 });
  let text = decodeUtf8(bytes);
  // Excel's hint line, "sep=;", names the separator and is not a row.
  let delimiter: string | null = null;
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint) {
    delimiter = hint[1]!;
    text = text.slice(hint[0].length);
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  if (!firstLine.trim()) throw new CsvFileError("empty");
  delimiter ??= detectDelimiter(firstLine);

  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CsvFileError("badCsv", { line: line ?? "?" });
  }

  const header = (records[0] ?? []).map((cell) => cleanCell(cell));
  const index = columnIndex(kind);
  const columns = header.map((cell) => (cell ? (index.get(foldHeader(cell)) ?? null) : null));
  const unknownHeaders = header.filter((cell, position) => cell && columns[position] === null);
  const seen = new Set<string>();
  for (const key of columns) {
    if (!key) continue;
    if (seen.has(key)) throw new CsvFileError("repeatedColumn", { column: key });
    seen.add(key);
  }
  const missing = COLUMNS[kind].filter((column) => column.required && !seen.has(column.key));
  if (missing.length) {
    const other = guessKind(header);
    if (other && other !== kind) throw new CsvFileError("wrongKind", { kind: other });
    throw new CsvFileError("missingColumns", { columns: missing.map((column) => column.key).join(", ") });
  }

  const rows: ParsedRow[] = [];
  records.slice(1).forEach((record, position) => {
    const cells: Record<string, string> = {};
    columns.forEach((key, column) => {
      if (key) cells[key] = cleanCell(record[column] ?? "");
    });
    // A row with nothing in it (Excel's trailing rows, a spacer) is not a record.
    if (Object.values(cells).every((cell) => cell === "")) return;
    rows.push({ row: position + 2, cells });
  });
  if (rows.length > MAX_CSV_ROWS) throw new CsvFileError("tooManyRows", { max: MAX_CSV_ROWS });
  return { kind, delimiter, columns, unknownHeaders, rows };
}
