import { PassThrough, type Writable } from "node:stream";
import type ExcelJS from "exceljs";
import WorkbookWriter from "exceljs/lib/stream/xlsx/workbook-writer.js";
import type { Cell, ResultTable } from "../../shared/schemas/api";
import { neutraliseFormula } from "../../shared/csv";
import { ValidationError } from "../../shared/errors";
import { Language } from "../../shared/schemas/common";
import { XLSX_WORDS, indicatorLines, releaseLine, sourceLine, suppressionLines, unitLine, type Local, type ReportLanguage } from "./xlsx-report-texts";

export type { Local, ReportLanguage } from "./xlsx-report-texts";

/** A table of the report: a release's ResultTable, or anything built in its shape, with an optional line under its title. */
export type XlsxTable = Pick<ResultTable, "id" | "title" | "unit" | "columns" | "rows" | "total"> & { note?: Local };

/**
 * Everything one XLSX report holds: the release it reads (every figure in it is a published
 * release cell; suppressed cells stay suppressed), its tables, and lines for the explanation
 * sheet beside the standard ones on indicators and suppression.
 */
export type XlsxReport = {
  language: ReportLanguage;
  /** Put before each table's own title, e.g. "Omgång Vår 2026, per kommun". */
  title: Local;
  /** What the figures come from, after "Källa: Kompetensbehov, ", e.g. "omgång Vår 2026". */
  source: Local;
  release: {
    number: number;
    kind: "interim" | "final";
    cutoff: string;
    createdAt: string;
    responding: number;
    invited?: number;
    unit: "organisation" | "person";
    rules: { k: number; p: number };
  };
  /** A line on every sheet, e.g. UNWEIGHTED_NOTE. */
  note?: Local;
  tables: XlsxTable[];
  explanations?: Local[];
  /** The file's creation time (the deps' clock); also the "date" of the header rows. */
  created: Date;
};

const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
// XML 1.0 cannot hold these; tab, LF and CR stay (and a leading tab or CR is neutralised).
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const SUPPRESSED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
const NUMBER_FORMAT: Record<ResultTable["unit"], string> = { share: "0.0%", rate: "0.0%", count: "0", mean: "0.00", balance: "+0;-0;0" };

/**
 * Every text the file holds goes through here: a string a spreadsheet would run as a formula gets
 * the apostrophe shared/csv.ts gives it, and characters XML cannot carry are dropped. The writer
 * never hands ExcelJS anything but strings, numbers and empty cells, so no cell is a formula.
 */
export function safeText(value: string): string {
  return neutraliseFormula(value.replace(XML_INVALID, ""));
}

/**
 * Sheet names for these titles as Excel accepts them: at most 31 characters, none of []:*?/\,
 * no apostrophe first or last, not "History", and unique without regard to case (a suffix " (2)",
 * " (3)" ... where two would be the same). `taken` are names already used in the workbook.
 */
export function sheetNames(titles: string[], taken: string[] = []): string[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return titles.map((title) => {
    let base = title.replace(SHEET_NAME_FORBIDDEN, " ").replace(XML_INVALID, "").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "").trim();
    if (!base) base = "Tabell";
    if (base.toLowerCase() === "history") base = `${base} 1`;
    let name = base.slice(0, SHEET_NAME_MAX).trim();
    for (let i = 2; used.has(name.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      name = `${base.slice(0, SHEET_NAME_MAX - suffix.length).trim()}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

const stockholm = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
const when = (iso: string) => stockholm.format(new Date(iso));

type Value = string | number | null;
type Styled = { value: Value; suppressed?: boolean; format?: string };

function addRow(ws: ExcelJS.Worksheet, cells: (Value | Styled)[], bold = false): void {
  const row = ws.addRow(cells.map((c) => (c !== null && typeof c === "object" ? c.value : c)).map((v) => (typeof v === "string" ? safeText(v) : v)));
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (bold) cell.font = { bold: true };
    if (c === null || typeof c !== "object") return;
    if (c.suppressed) cell.fill = SUPPRESSED_FILL;
    if (c.format) cell.numFmt = c.format;
  });
  row.commit();
}

/** A value and its n: the number and its n, "–" and its n when there is nothing to compute, "skyddad" twice when suppressed. */
function valueCells(cell: Cell | undefined, unit: ResultTable["unit"], lang: ReportLanguage): Styled[] {
  if (!cell || "suppressed" in cell) return [0, 1].map(() => ({ value: XLSX_WORDS.suppressed[lang], suppressed: true }));
  return [cell.value === null ? { value: XLSX_WORDS.empty[lang] } : { value: cell.value, format: NUMBER_FORMAT[unit] }, { value: cell.n, format: "0" }];
}

const rowN = (n: number | null, lang: ReportLanguage): Styled => (n === null ? { value: XLSX_WORDS.suppressed[lang], suppressed: true } : { value: n, format: "0" });

function headerRows(ws: ExcelJS.Worksheet, report: XlsxReport, title: string, extra: Local[]): void {
  const lang = report.language;
  addRow(ws, [title], true);
  addRow(ws, [sourceLine(report.source, report.release)[lang]]);
  addRow(ws, [releaseLine(report.release, when)[lang]]);
  addRow(ws, [lang === "sv" ? `Filen skapad ${when(report.created.toISOString())}` : `File created ${when(report.created.toISOString())}`]);
  for (const line of [...(report.note ? [report.note] : []), ...extra]) addRow(ws, [line[lang]]);
  addRow(ws, []);
}

function tableSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, report: XlsxReport, table: XlsxTable): void {
  const lang = report.language;
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 14 }, { width: 36 }, { width: 8 }, ...table.columns.flatMap(() => [{ width: 16 }, { width: 8 }])];
  headerRows(ws, report, `${report.title[lang]}: ${table.title[lang]}`, [unitLine(table.unit), ...(table.note ? [table.note] : [])]);
  addRow(ws, [XLSX_WORDS.segment[lang], XLSX_WORDS.label[lang], XLSX_WORDS.n[lang], ...table.columns.flatMap((c) => [c.label[lang], XLSX_WORDS.n[lang]])], true);
  for (const r of table.rows) addRow(ws, [r.segment, r.label, rowN(r.n, lang), ...table.columns.flatMap((_, i) => valueCells(r.cells[i], table.unit, lang))]);
  addRow(ws, [XLSX_WORDS.all[lang], "", rowN(table.total.n, lang), ...table.columns.flatMap((_, i) => valueCells(table.total.cells[i], table.unit, lang))], true);
  ws.commit();
}

function explanationSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, report: XlsxReport, tableSheets: string[]): void {
  const lang = report.language;
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 34 }, { width: 90 }, { width: 90 }];
  headerRows(ws, report, `${report.title[lang]}: ${XLSX_WORDS.explanationSheet[lang]}`, []);
  addRow(ws, [XLSX_WORDS.contents[lang]], true);
  report.tables.forEach((t, i) => addRow(ws, [tableSheets[i], t.title[lang]]));
  addRow(ws, []);
  addRow(ws, ["", "Svenska", "English"], true);
  const lines = [...indicatorLines(report.tables.map((t) => t.unit)), ...(report.explanations ?? []), ...suppressionLines(report.release.rules)];
  for (const line of lines) addRow(ws, ["", line.sv, line.en]);
  ws.commit();
}

/**
 * Writes the report as XLSX to `out` with ExcelJS's streaming writer, sheet by sheet (so a caller
 * may hand it an S3 upload stream): first the explanation sheet (what is in which sheet, what the
 * units of its tables mean, the report's own lines, suppression with the release's k and p, in
 * Swedish and English), then one sheet per table. Resolves when `out` has finished.
 */
export async function writeReportXlsx(report: XlsxReport, out: Writable): Promise<void> {
  const wb = new WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = wb.lastModifiedBy = "Kompetensbehov";
  wb.created = wb.modified = report.created;
  const explanation = XLSX_WORDS.explanationSheet[report.language];
  const names = sheetNames(
    report.tables.map((t) => t.title[report.language]),
    [explanation],
  );
  explanationSheet(wb, explanation, report, names);
  report.tables.forEach((t, i) => tableSheet(wb, names[i], report, t));
  await wb.commit();
}

/** The `lang` query of a report route: Swedish unless English is asked for. */
export function parseReportLanguage(value: string | undefined): ReportLanguage {
  const parsed = Language.safeParse(value ?? "sv");
  if (!parsed.success) throw new ValidationError("Choose lang=sv or lang=en.", [{ path: "lang", message: "error.option" }]);
  return parsed.data;
}

/** The report as bytes (for an HTTP answer); the file is built in memory through the same streaming writer. */
export async function reportXlsxBytes(report: XlsxReport): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await writeReportXlsx(report, out);
  return Buffer.concat(chunks);
}
