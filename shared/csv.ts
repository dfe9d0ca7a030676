/**
 * The repo's one CSV reader and writer, on csv-parse and csv-stringify. Used by the organisation
 * import and the exports (functions/) and by the code-list generator; the site does not import it.
 */
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { ValidationError } from "./errors";
import type { CsvEncoding } from "./schemas/api";

export type { CsvEncoding } from "./schemas/api";

/** Bytes 0x80-0x9F that Windows-1252 leaves undefined: only ISO-8859-1 reads them (as C1 controls). */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * A file's bytes as text. Valid UTF-8 (with or without a BOM) is read as UTF-8. Anything else is a
 * single-byte file, as Swedish Excel saves "CSV": Windows-1252 when it uses that code page's
 * characters in 0x80-0x9F (–, €, ’, …) and none it leaves undefined, else ISO-8859-1, which reads
 * every byte (both agree on all of 0xA0-0xFF, where å, ä and ö lie).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding; bom: boolean } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes), encoding: "utf-8", bom };
  } catch {
    // not UTF-8: a single-byte code page
  }
  let c1 = false;
  let undefinedIn1252 = false;
  for (const b of bytes) {
    if (b >= 0x80 && b <= 0x9f) {
      c1 = true;
      if (UNDEFINED_IN_1252.has(b)) undefinedIn1252 = true;
    }
  }
  if (c1 && !undefinedIn1252) return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252", bom: false };
  // The WHATWG decoder treats the label "iso-8859-1" as Windows-1252; Node's latin1 is the real one.
  return { text: Buffer.from(bytes).toString("latin1"), encoding: "iso-8859-1", bom: false };
}

/** ";" when the first line has a ";" and no "," (how a Swedish Excel saves CSV), else ",". */
export function detectDelimiter(text: string): "," | ";" {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.slice(0, src.search(/\r?\n|\r|$/));
  return firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
}

export type CsvRow = { /** 1-based line on which the row starts. */ line: number; fields: string[] };

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, CRLF, LF or CR between
 * rows; a leading BOM is dropped and rows whose fields are all blank are left out. With the
 * default delimiter "auto" the file is read with ";" when its first line has a ";" and no ","
 * (how a Swedish Excel saves CSV), else with ",".
 */
export function parseCsv(text: string, options: { delimiter?: "," | ";" | "auto" } = {}): CsvRow[] {
  const src = text.replace(/^\uFEFF/, "");
  const wanted = options.delimiter ?? "auto";
  const delimiter = wanted !== "auto" ? wanted : detectDelimiter(src);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } per row; its typings know only string[][].
    records = parse(src, {
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      // A quote inside an unquoted field is kept as a character.
      relax_quotes: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw new ValidationError(`The file is not valid CSV: ${error.message}`, [{ path: "file", message: "error.csv.format" }]);
    throw error;
  }
  // Rows are numbered as an editor shows them: csv-parse gives the byte offset where each record
  // ends, and the line breaks before a record's start (CRLF counted once) give its line.
  const bytes = new TextEncoder().encode(src);
  const decoder = new TextDecoder();
  const rows: CsvRow[] = [];
  let start = 0;
  let line = 1;
  for (const { record, info } of records) {
    rows.push({ line, fields: record });
    line += decoder.decode(bytes.subarray(start, info.bytes)).match(LINE_BREAK)?.length ?? 0;
    start = info.bytes;
  }
  return rows.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

/**
 * A cell that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading
 * apostrophe, so an export opened in Excel never executes what a participant typed.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null | undefined;

/**
 * Comma-separated, CRLF after every row (also the last); a cell with a comma, semicolon, quote or
 * line break is quoted, so the file also opens in a spreadsheet that splits on ";". Every text
 * cell is neutralised against formulas; null and undefined are empty cells.
 */
export function toCsv(rows: CsvCell[][]): string {
  if (rows.length === 0) return "\r\n";
  const cells = rows.map((row) => row.map((v) => (typeof v === "string" ? neutraliseFormula(v) : v)));
  return stringify(cells, { record_delimiter: "\r\n", quoted_match: /[;\r\n]/ });
}
