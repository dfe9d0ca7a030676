import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, claimsOf, seedTestProject, TEST_PROJECT, virtualClock, type TestDeps } from "../support/deps";
import { storeGeneratedResponses } from "../support/generated-responses";
import { backgroundExportRunner } from "../../functions/adapters/export-runner";
import { folderExportFiles, openFolderExport } from "../../functions/adapters/export-files";
import { fileRowSpool } from "../../functions/adapters/row-spool";
import { EXPORT_URL_SECONDS, runExport } from "../../functions/domain/export-jobs";
import { flattenAnswers } from "../../functions/domain/response-export";
import { ExportJobView } from "../../shared/schemas/export-job";
import { parseCsv } from "../../shared/csv";

/**
 * Exports of raw responses through the job routes, the worker and the folder stand-in of the
 * bucket on DynamoDB Local: what the file holds, who may ask for it, and how long its link works.
 */
const clock = virtualClock("2026-05-01T08:00:00Z");
const secret = new TextEncoder().encode("test-secret-of-the-export-links");
const dir = mkdtempSync(path.join(tmpdir(), "kb-exports-"));
const files = folderExportFiles({ dir, baseUrl: "http://localhost:3000", secret, now: clock.now });
// Several pages of the worker's read (a small page here), so the export is written page by page.
const PAGE_SIZE = 100;
const RESPONSES = PAGE_SIZE * 3 + 37;
let suite: ApiSuite;
let deps: TestDeps;
let runner: ReturnType<typeof backgroundExportRunner>;
let roundId: string;
const failures: unknown[] = [];
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const ask = (format: unknown, claims?: Record<string, unknown>) => suite.owner(apiEvent("POST /api/rounds/{id}/exports", { params: { id: roundId }, body: { format }, claims }));
const status = (exportId: string, claims?: Record<string, unknown>, id = roundId) => suite.owner(apiEvent("GET /api/rounds/{id}/exports/{exportId}", { params: { id, exportId }, claims }));

async function prepared(format: "csv" | "xlsx") {
  const res = await ask(format);
  expect(res.statusCode, res.body).toBe(202);
  await runner.idle();
  const view = ExportJobView.parse(body(await status(body(res).id)));
  const download = openFolderExport(dir, secret, new URL(view.url!), clock.now());
  if (download.status !== 200) throw new Error(download.message);
  return { view, bytes: readFileSync(path.join(dir, "exports", roundId, `${view.id}.${format}`)) };
}

/** The rows export.csv would hold for the stored responses, as strings, sorted. */
async function storedRows(): Promise<string[]> {
  const stored = await deps.stores.responses.list(roundId);
  return stored.map((r) => [r.orgNumber, r.orgName, r.submittedAt, JSON.stringify(flattenAnswers(r.answers)["needs.digitalisation.now.level"] ?? "")].join("|")).sort();
}

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, exportFiles: files, exportSpool: () => fileRowSpool(dir) });
  deps = suite.deps;
  runner = backgroundExportRunner((r, e) => runExport(deps, r, e, { pageSize: PAGE_SIZE }), (error) => failures.push(error));
  deps.exportRunner = runner;
  await seedTestProject(deps, TEST_PROJECT, { "analyst@region.se": "analyst" });
  const round = await suite.owner(apiEvent("POST /api/rounds", { body: { projectId: TEST_PROJECT, name: "Nationell omgång", opensAt: "2026-05-02T08:00:00Z", closesAt: "2026-05-30T16:00:00Z" } }));
  expect(round.statusCode, round.body).toBe(201);
  roundId = body(round).id;
  await storeGeneratedResponses(deps.stores, roundId, RESPONSES);
}, 120_000);
afterAll(async () => {
  await suite.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("exports of raw responses, prepared in the background", () => {
  it("writes one CSV row per stored response, with the stored values and formulas neutralised", async () => {
    const { view, bytes } = await prepared("csv");
    expect(view).toMatchObject({ status: "done", written: RESPONSES, total: RESPONSES, bytes: bytes.length });
    const text = bytes.toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1), { delimiter: "," }).map((r) => r.fields);
    expect(rows).toHaveLength(RESPONSES);
    const col = (name: string) => header!.indexOf(name);
    const level = col("needs.digitalisation.now.level");
    const fromFile = rows.map((r) => [r[col("orgNumber")], r[col("orgName")]!.replace(/^'(?==)/, ""), r[col("submittedAt")], JSON.stringify(level >= 0 ? (r[level] ?? "") : "")].join("|")).sort();
    expect(fromFile).toEqual(await storedRows());
    expect(rows.some((r) => r[col("orgName")]!.startsWith("'="))).toBe(true);
    expect(rows.every((r) => !r[col("orgName")]!.startsWith("="))).toBe(true);
    expect(failures).toEqual([]);
  });

  it("writes the same rows as XLSX, no cell a formula", async () => {
    const { view, bytes } = await prepared("xlsx");
    expect(view.written).toBe(RESPONSES);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(RESPONSES + 1);
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
  });

  it("reports progress while running: rows written of the total, never more than the total", async () => {
    const seen: [number, number][] = [];
    const progress = deps.stores.exportJobs.progress;
    deps.stores.exportJobs.progress = async (r, e, written, total, now) => {
      seen.push([written, total]);
      return progress(r, e, written, total, now);
    };
    try {
      await prepared("csv");
    } finally {
      deps.stores.exportJobs.progress = progress;
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(([w, t]) => w <= t && t === RESPONSES)).toBe(true);
    expect(seen.map(([w]) => w)).toEqual([...seen.map(([w]) => w)].sort((a, b) => a - b));
  });

  it("hands out a link that stops working when its time is up, and one whose signature was changed never", async () => {
    const { view } = await prepared("csv");
    const url = new URL(view.url!);
    expect(openFolderExport(dir, secret, url, new Date(clock.now().getTime() + (EXPORT_URL_SECONDS - 1) * 1000)).status).toBe(200);
    expect(openFolderExport(dir, secret, url, new Date(clock.now().getTime() + (EXPORT_URL_SECONDS + 1) * 1000)).status).toBe(403);
    const later = new URL(url);
    later.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 86_400));
    expect(openFolderExport(dir, secret, later, clock.now()).status).toBe(403);
    const other = new URL(url);
    other.pathname = other.pathname.replace(view.id, "someone-elses");
    expect(openFolderExport(dir, secret, other, clock.now()).status).toBe(403);
  });

  it("refuses an unknown format with 400 and records no job", async () => {
    const jobs = async () =>
      (await deps.table.doc.send(new QueryCommand({ TableName: deps.table.name, KeyConditionExpression: "pk = :p AND begins_with(sk, :s)", ExpressionAttributeValues: { ":p": `ROUND#${roundId}`, ":s": "EXPORT#" }, ConsistentRead: true }))).Count;
    const before = await jobs();
    for (const bad of ["pdf", 1, null]) {
      const res = await ask(bad);
      expect(res.statusCode).toBe(400);
      expect(body(res).error.code).toBe("validation");
    }
    const extra = await suite.owner(apiEvent("POST /api/rounds/{id}/exports", { params: { id: roundId }, body: { format: "csv", bucket: "x" } }));
    expect(extra.statusCode).toBe(400);
    expect(await jobs()).toBe(before);
    await runner.idle();
    expect(failures).toEqual([]);
  });

  it("answers a caller whose role does not work the round with 403, on asking and on reading", async () => {
    const analyst = claimsOf("analyst@region.se");
    expect((await ask("csv", analyst)).statusCode).toBe(403);
    const own = body(await ask("csv"));
    await runner.idle();
    const res = await status(own.id, analyst);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain("_local/exports");
    expect((await status(own.id, claimsOf("owner@example.se", [], "halland"))).statusCode).toBe(403);
  });

  it("leaves a done job as it is when the worker is invoked for it again (Lambda retries an async invoke)", async () => {
    const { view } = await prepared("csv");
    const before = await deps.stores.exportJobs.get(roundId, view.id);
    clock.advance(60_000);
    await runExport(deps, roundId, view.id, { pageSize: PAGE_SIZE });
    expect(await deps.stores.exportJobs.get(roundId, view.id)).toEqual(before);
  });

  it("marks the job failed, with a cause in words and no link, when the file cannot be written", async () => {
    const put = files.put;
    files.put = async () => {
      throw new Error("disk full at /secret/path");
    };
    try {
      const res = await ask("xlsx");
      await runner.idle();
      const view = body(await status(body(res).id));
      expect(view).toMatchObject({ status: "failed", error: expect.any(String) });
      expect(view.url).toBeUndefined();
      expect(JSON.stringify(view)).not.toContain("/secret/path");
    } finally {
      files.put = put;
      failures.length = 0;
    }
  });

  it("answers an unknown export and an unknown round with 404", async () => {
    expect((await status("no-such-export")).statusCode).toBe(404);
    expect((await status("no-such-export", undefined, "no-such-round")).statusCode).toBe(404);
  });

  it("records every request and every read of an export in the audit log", async () => {
    const { view } = await prepared("csv");
    const log = await deps.stores.auditLog.month(clock.now().toISOString().slice(0, 7), 1000);
    const actions = log.filter((e) => e.target.id === roundId).map((e) => e.action);
    expect(actions).toContain("POST /api/rounds/{id}/exports");
    expect(log.some((e) => e.action === "GET /api/rounds/{id}/exports/{exportId}" && e.target.exportId === view.id)).toBe(true);
  });
});
