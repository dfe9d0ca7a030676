import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { flattenAnswers, writeResponseExport, type ExportKind, type ResponseRow } from "../../functions/domain/response-export";
import { parseCsv, toCsv } from "../../shared/csv";

const HOSTILE = ['=HYPERLINK("http://evil.example/")', "+46 70", "@SUM(A1)", "a;b\r\nc"];

function responses(n: number): ResponseRow[] {
  return Array.from({ length: n }, (_, i) => ({
    orgNumber: `55${String(i).padStart(8, "0")}`,
    orgName: HOSTILE[i % HOSTILE.length]!,
    sni: "62010",
    municipality: "0580",
    sizeClass: "10-49",
    submittedAt: `2026-04-0${1 + (i % 9)}T08:00:00Z`,
    answers: i % 3 === 0 ? { needs: { digital: { level: i % 4 } }, tags: ["a", "b"] } : { comment: HOSTILE[i % HOSTILE.length], extra: i },
  }));
}

function pages(rows: ResponseRow[], size: number) {
  return async function* () {
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
  };
}

async function run(rows: ResponseRow[], kind: ExportKind, anonymous = false) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const progress: [number, number][] = [];
  const result = await writeResponseExport({ pages: pages(rows, 7), progress: (w, t) => void progress.push([w, t]), progressEvery: 7 }, kind, anonymous, out);
  return { bytes: Buffer.concat(chunks), progress, result };
}

/** The export as the synchronous route built it: one string through toCsv. */
function inMemoryCsv(rows: ResponseRow[]): string {
  const flat = rows.map((r) => ({ r, a: flattenAnswers(r.answers) }));
  const cols = [...new Set(flat.flatMap((f) => Object.keys(f.a)))].sort();
  const fixed = ["orgNumber", "orgName", "sni", "municipality", "sizeClass", "submittedAt"] as const;
  return toCsv([[...fixed, ...cols], ...flat.map(({ r, a }) => [...fixed.map((c) => r[c]), ...cols.map((c) => a[c])])]);
}

describe("streamed response export", () => {
  it("writes the same CSV as the in-memory export, page by page", async () => {
    const rows = responses(30);
    const { bytes } = await run(rows, "csv");
    expect(bytes.toString("utf8")).toBe(inMemoryCsv(rows));
  });

  it("reports progress as rows are written until it reaches the total", async () => {
    const { progress, result } = await run(responses(30), "csv");
    expect(result.rows).toBe(30);
    expect(progress.at(-1)).toEqual([30, 30]);
    expect(progress.map(([w]) => w)).toEqual([...progress.map(([w]) => w)].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(1);
  });

  it("writes an XLSX holding the CSV's rows, with no cell a formula", async () => {
    const rows = responses(30);
    const { bytes } = await run(rows, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula));
      sheet.push(Array.from({ length: values.length }, (_, i) => (values[i] === undefined || values[i] === null ? "" : String(values[i]))));
    });
    const csv = parseCsv(inMemoryCsv(rows), { delimiter: "," }).map((r) => r.fields);
    // XML stores a line break inside a cell as LF alone, so CRLF is compared as LF.
    const line = (r: string[]) => r.join("|").replace(/\r\n/g, "\n").replace(/\|+$/, "");
    expect(sheet.map(line)).toEqual(csv.map(line));
  });

  it("leaves out the identifying columns of an anonymous round ", async () => {
    const { bytes } = await run(responses(12), "csv", true);
    const [header, ...body] = parseCsv(bytes.toString("utf8"), { delimiter: "," }).map((r) => r.fields);
    expect(header).not.toContain("orgNumber");
    expect(header).not.toContain("submittedAt");
    expect(body).toHaveLength(12);
  });
});

describe("the worker's file spool", () => {
  it("gives back the lines written, in order, and leaves no file once closed", async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { fileRowSpool } = await import("../../functions/adapters/row-spool");
    const dir = mkdtempSync(path.join(tmpdir(), "kb-spool-"));
    try {
      const spool = fileRowSpool(dir);
      const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify([`${i}`, { text: "å;ä\u2028ö" }]));
      for (const line of lines) await spool.write(line);
      const back: string[] = [];
      for await (const line of spool.lines()) back.push(line);
      expect(back).toEqual(lines);
      await spool.close();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
