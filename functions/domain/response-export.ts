import type { Writable } from "node:stream";
import { stringify } from "csv-stringify";
import WorkbookWriter from "exceljs/lib/stream/xlsx/workbook-writer.js";
import { neutraliseFormula, type CsvCell } from "../../shared/csv";
import { safeText } from "./xlsx-report";

export type ExportKind = "csv" | "xlsx";

/** A round's submitted responses (those that count), page by page as the store reads them. */
export type ResponseRow = { orgNumber?: string; orgName?: string; sni?: string; municipality?: string; sizeClass?: string; submittedAt?: string; answers: unknown };
export type ResponsePages = () => AsyncIterable<ResponseRow[]>;

export type ExportPorts = {
  pages: ResponsePages;
  /** Called after every page written: rows written so far and the total. */
  progress?: (written: number, total: number) => Promise<void> | void;
};

const FIXED = ["orgNumber", "orgName", "sni", "municipality", "sizeClass", "submittedAt"] as const;

/** Flattens nested answers into dotted columns, as the synchronous export (results.ts) does. */
export function flattenAnswers(value: unknown, prefix = "", out: Record<string, string | number> = {}): Record<string, string | number> {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) out[prefix] = value.join("; ");
  else if (typeof value === "object") for (const [k, v] of Object.entries(value as object)) flattenAnswers(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = value as string | number;
  return out;
}

/**
 * Writes a round's raw export to `out` in two passes over the pages: the first finds the answer
 * columns (their union, sorted) and the total, the second writes one row per response, so only
 * one page and the column names are held at a time. An anonymous round's rows are ordered by the
 * answers themselves, which needs them all: they are held and sorted before writing (anonymous
 * rounds are reflection rounds of a group). Same columns and formula safety as exportCsv.
 */
export async function writeResponseExport(ports: ExportPorts, kind: ExportKind, anonymous: boolean, out: Writable): Promise<{ rows: number }> {
  const columns = new Set<string>();
  let total = 0;
  for await (const page of ports.pages()) {
    total += page.length;
    for (const r of page) for (const c of Object.keys(flattenAnswers(r.answers))) columns.add(c);
  }
  const answerColumns = [...columns].sort();
  const fixed = anonymous ? [] : FIXED;
  const header = [...fixed, ...answerColumns];
  const toRow = (r: ResponseRow): CsvCell[] => {
    const a = flattenAnswers(r.answers);
    return [...fixed.map((c) => r[c]), ...answerColumns.map((c) => a[c])];
  };
  const sink = kind === "csv" ? csvSink(out) : xlsxSink(out);
  sink.row(header);
  let written = 0;
  if (anonymous) {
    const rows: CsvCell[][] = [];
    for await (const page of ports.pages()) rows.push(...page.map(toRow));
    rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b), "sv"));
    for (const row of rows) await sink.row(row);
    written = rows.length;
    await ports.progress?.(written, total);
  } else {
    for await (const page of ports.pages()) {
      for (const r of page) await sink.row(toRow(r));
      written += page.length;
      await ports.progress?.(written, total);
    }
  }
  await sink.end();
  return { rows: written };
}

type Sink = { row(cells: CsvCell[]): Promise<void> | void; end(): Promise<void> };

/** csv-stringify's stream with toCsv's options: CRLF rows, ";" and line breaks quoted, formulas neutralised. */
function csvSink(out: Writable): Sink {
  const s = stringify({ record_delimiter: "\r\n", quoted_match: /[;\r\n]/ });
  s.pipe(out);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    s.on("error", reject);
  });
  return {
    async row(cells) {
      if (!s.write(cells.map((v) => (typeof v === "string" ? neutraliseFormula(v) : v)))) await new Promise((r) => s.once("drain", r));
    },
    async end() {
      s.end();
      await done;
    },
  };
}

/** ExcelJS's streaming writer, one sheet, each row committed as written; texts through safeText. */
function xlsxSink(out: Writable): Sink {
  const wb = new WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("Svar");
  return {
    row(cells) {
      ws.addRow(cells.map((v) => (typeof v === "string" ? safeText(v) : (v ?? null)))).commit();
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}
