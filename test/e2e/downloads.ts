/**
 * Downloads in the browser tests: a chart's SVG and PNG from its buttons, a results XLSX from the
 * page's button, each read back from the file Chromium saved.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { CHART_TEXTS } from "../../web/src/pages/owner/charts/chart-texts";
import type { Lang } from "./support";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/**
 * The chart's two files: an SVG document with the chart's title and source line written into it
 * (and the suppressed mark where the chart shows one), and a PNG of non-zero size.
 */
export async function checkChartFiles(page: Page, figure: Locator, lang: Lang): Promise<void> {
  const words = CHART_TEXTS[lang];
  const title = (await figure.locator(".chart-title").innerText()).trim();
  const suppressedShown = (await figure.locator(".chart-value-suppressed").count()) > 0;
  const svg = await download(page, figure.getByRole("button", { name: words["chartx.downloadSvg"] }));
  expect(svg.name).toMatch(/^diagram-[\w-]+\.svg$/);
  const text = svg.bytes.toString("utf8");
  expect(text.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
  expect(text.trimEnd().endsWith("</svg>")).toBe(true);
  expect(text).toContain(title.replace(/&/g, "&amp;"));
  expect(text).toContain(words["chartx.source"].split(",")[0]);
  if (suppressedShown) expect(text).toContain("url(#hatch)");
  const png = await download(page, figure.getByRole("button", { name: words["chartx.downloadPng"] }));
  expect(png.name).toMatch(/^diagram-[\w-]+\.png$/);
  expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.bytes.length).toBeGreaterThan(1000);
  // The IHDR chunk: width and height, drawn at twice the SVG's size.
  expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(0);
  expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(0);
}

/** The XLSX the button downloads, read back with ExcelJS. */
export async function downloadXlsx(page: Page, button: Locator): Promise<{ name: string; workbook: ExcelJS.Workbook }> {
  const file = await download(page, button);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  return { name: file.name, workbook };
}
