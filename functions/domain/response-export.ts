import type { Writable } from "node:stream";
import { stringify } from "csv-stringify";
import WorkbookWriter from "exceljs/lib/stream/xlsx/workbook-writer.js";
import { neutraliseFormula, type CsvCell } from "../../shared/csv";
import { safeText } from "./xlsx-report";

export type ExportKind = "csv" | "xlsx";

/** A round's submitted responses (those that count), page by page as the store reads them. */
export type ResponseRow = { orgNumber?: string; orgName?: string; sni?: string; municipality?: string; sizeClass?: string; submittedAt?: string; answers: unknown };
export type ResponsePages = () => AsyncIterable<ResponseRow[]>;

/**
 * Where the first pass keeps the rows until the columns are known: a temporary file in the worker
 * (functions/adapters/row-spool.ts), so the table is read once and memory holds one page.
 */
export interface RowSpool {
  write(line: string): Promise<void>;
  /** The lines written, in order (after the last write). */
  lines(): AsyncIterable<string>;
  /** Removes what the spool holds. */
  close(): Promise<void>;
}

/** A spool in memory: for tests and small rounds. */
export function memoryRowSpool(): RowSpool {
  const held: string[] = [];
  return {
    async write(line) {
      held.push(line);
    },
    async *lines() {
      yield* held;
    },
    async close() {
      held.length = 0;
    },
  };
}

export type ExportPorts = {
  pages: ResponsePages;
  /** Called after every page written: rows written so far and the total. */
  progress?: (written: number, total: number) => Promise<void> | void;
  /** @default memoryRowSpool() */
  spool?: RowSpool;
  /** Progress is reported after every this many rows written, and at the end. @default 1000 */
  progressEvery?: number;
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
 * Writes a round's raw export to `out`. The pages are read once: each response's fixed columns and
 * flattened answers go to the spool while the answer columns (their union, sorted) and the total
 * are gathered; then the spooled rows are written under the header, so memory holds one page and
 * the column names. An anonymous round's rows are ordered by the answers themselves, which needs
 * them all: they are held and sorted before writing (anonymous rounds are reflection rounds of a
 * group). Same columns and formula safety as exportCsv.
 */
export async function writeResponseExport(ports: ExportPorts, kind: ExportKind, anonymous: boolean, out: Writable): Promise<{ rows: number }> {
  const spool = ports.spool ?? memoryRowSpool();
  try {
    const columns = new Set<string>();
    let total = 0;
    for await (const page of ports.pages()) {
      total += page.length;
      for (const r of page) {
        const a = flattenAnswers(r.answers);
        for (const c of Object.keys(a)) columns.add(c);
        await spool.write(JSON.stringify([FIXED.map((c) => r[c] ?? null), a]));
      }
    }
    const answerColumns = [...columns].sort();
    const fixed = anonymous ? [] : FIXED;
    const toRow = (line: string): CsvCell[] => {
      const [values, a] = JSON.parse(line) as [(string | null)[], Record<string, string | number>];
      return [...(anonymous ? [] : values.map((v) => v ?? undefined)), ...answerColumns.map((c) => a[c])];
    };
    const sink = kind === "csv" ? csvSink(out) : xlsxSink(out);
    await sink.row([...fixed, ...answerColumns]);
    let written = 0;
    if (anonymous) {
      const rows: CsvCell[][] = [];
      for await (const line of spool.lines()) rows.push(toRow(line));
      rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b), "sv"));
      for (const row of rows) await sink.row(row);
      written = rows.length;
    } else {
      for await (const line of spool.lines()) {
        await sink.row(toRow(line));
        if (++written % (ports.progressEvery ?? 1000) === 0) await ports.progress?.(written, total);
      }
    }
    await ports.progress?.(written, total);
    await sink.end();
    return { rows: written };
  } finally {
    await spool.close();
  }
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
