import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { ApiResult } from "../../functions/api/http";
import type { Cell, ResultTable } from "../../shared/schemas";

/** An XLSX answer of the API, checked as a download and read back with ExcelJS. */
export async function readXlsxAnswer(res: ApiResult): Promise<ExcelJS.Workbook> {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.isBase64Encoded).toBe(true);
  expect(res.headers?.["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(String(res.headers?.["content-disposition"])).toMatch(/^attachment; filename="[\w.-]+\.xlsx"$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(res.body ?? "", "base64") as unknown as ArrayBuffer);
  return wb;
}

/** A table sheet's rows from its header row ("Segment") on, without ExcelJS's empty first slot. */
export function tableRows(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => void rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows.slice(rows.findIndex((r) => r[0] === "Segment"));
}

/** What a sheet row must hold for a table row: its n, then each value with its n ("skyddad" for both when suppressed). */
export function expectedCells(n: number | null, cells: Cell[], word = "skyddad"): ExcelJS.CellValue[] {
  return [n ?? word, ...cells.flatMap((c) => ("suppressed" in c ? [word, word] : [c.value ?? "–", c.n]))];
}

/** The sheet's rows as the table's rows and total must read. */
export function expectSheetIsTable(ws: ExcelJS.Worksheet, table: Pick<ResultTable, "rows" | "total">, totalLabel = "Alla"): void {
  const rows = tableRows(ws).slice(1);
  expect(rows.map((r) => r.slice(2))).toEqual([...table.rows.map((r) => expectedCells(r.n, r.cells)), expectedCells(table.total.n, table.total.cells)]);
  expect(rows.map((r) => r[0])).toEqual([...table.rows.map((r) => r.segment), totalLabel]);
}
