import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { storedReleases } from "../support/stored-release";
import { apiEvent, outbox, recordingWorkflows, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { contributions } from "../../shared/indicators/contributions";
import { auditRelease } from "../../shared/disclosure/release-protection";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { UNWEIGHTED_NOTE, type ResultTable } from "../../shared/schemas";
import { expectSheetIsTable, readXlsxAnswer } from "../support/xlsx";

const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const clock = virtualClock("2026-04-01T08:00:00Z");
let deps: TestDeps;
let drop: () => Promise<void>;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let counter: ApiSuite["counter"];
let roundId: string;
let tokens: string[];

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const results = (query: Record<string, string> = {}) => owner(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by: "industry", ...query } }));
const release = (b: unknown = { kind: "interim" }) => owner(apiEvent("POST /api/rounds/{id}/releases", { params: { id: roundId }, body: b }));
const submit = (i: number) => participant(apiEvent("POST /api/form/submit", { formToken: tokens[i], body: { answers: validAnswers(instrument, i) } }));

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows() }));
  // Ten organisations in SNI division 25 and two elsewhere.
  const specs = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 2, 4];
  for (const [i, spec] of specs.entries())
    expect((await owner(apiEvent("POST /api/organisations", { body: organisationRequest(spec, { orgNumber: organisationRequest(i).orgNumber, name: `Bolag ${i}`, contactEmail: `c${i}@example.se` }) }))).statusCode).toBe(201);
  const round = body(await owner(apiEvent("POST /api/rounds", { body: { name: "Vår", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00", reminders: [] } })));
  roundId = round.id;
  await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
  clock.set("2026-04-01T09:00:00+02:00");
  await roundTasks.invite(deps, { roundId });
  tokens = (await outbox(deps.table)).filter((m) => m.roundId === roundId).map((m) => tokenFrom(m.text));
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

/** The independent audit over every published release of the round, from what the store kept. */
async function auditStored() {
  const { units, families, published, releases } = await storedReleases(deps.stores, roundId, instrument);
  return (await auditRelease(families, units, releases, published, { ...DEFAULT_RULES, k: deps.k })).flatMap((a) => a.findings);
}

describe("releases", () => {
  it("has no results before the first release, only progress", async () => {
    for (let i = 0; i < 6; i++) expect((await submit(i)).statusCode).toBe(201);
    await counter.drain();
    const view = body(await results());
    expect(view).toMatchObject({ release: null, releases: [], tables: [], responses: 0 });
  });

  it("refuses a malformed release request with 400 and makes no release", async () => {
    const res = await release({ kind: "final" });
    expect(res.statusCode).toBe(400);
    expect(body(await owner(apiEvent("GET /api/rounds/{id}/releases", { params: { id: roundId } }))).items).toEqual([]);
  });

  it("makes an interim release that the results then read, with its n in organisations", async () => {
    const res = await release();
    expect(res.statusCode).toBe(201);
    expect(body(res)).toMatchObject({ number: 1, kind: "interim", status: "published", responses: 6, invited: 12, unit: "organisation", rules: { k: deps.k, p: 10 } });
    const view = body(await results());
    expect(view.release.number).toBe(1);
    expect(view.tables.find((t: { id: string }) => t.id === "responses").total.cells[0]).toEqual({ value: 6, n: 6 });
  });

  it("does not move when more answers come in: the results are the release, not live", async () => {
    expect((await submit(6)).statusCode).toBe(201);
    await counter.drain();
    const view = body(await results());
    expect(view.responses).toBe(6);
    expect(view.tables.find((t: { id: string }) => t.id === "responses").total.cells[0]).toEqual({ value: 6, n: 6 });
  });

  it("protects a second release together with the first, so the one late organisation cannot be read off their difference", async () => {
    clock.set("2026-04-10T09:00:00+02:00");
    expect((await release()).statusCode).toBe(201);
    const view = body(await results());
    expect(view.release.number).toBe(2);
    const first = body(await results({ release: "1" }));
    expect(first.release.number).toBe(1);
    expect(await auditStored()).toEqual([]);
    // The one late organisation is in division 25. A maturity cell of the division that both releases
    // show must hold the same organisations in both: any change in n would be that organisation alone.
    type Shown = { value: number; n: number };
    const row = (v: { tables: { id: string; rows: { segment: string; cells: (Shown | { suppressed: true })[] }[] }[] }) =>
      v.tables.find((t) => t.id === "maturity")!.rows.find((r) => r.segment === "25")!.cells;
    const both = row(first)
      .map((c, i) => [c, row(view)[i]])
      .filter((pair): pair is [Shown, Shown] => pair.every((c) => !("suppressed" in c)));
    expect(both.filter(([a, b]) => a.n !== b.n || a.value !== b.value)).toEqual([]);
  });

  it("answers an unknown release number with 404", async () => {
    expect((await results({ release: "9" })).statusCode).toBe(404);
  });

  it("exports a release's tables as CSV under the line that says what the figures are, with no suppressed value", async () => {
    const res = await owner(apiEvent("GET /api/rounds/{id}/results.csv", { params: { id: roundId }, query: { by: "municipality" } }));
    expect(res.statusCode).toBe(200);
    const lines = (res.body ?? "").split(/\r?\n/);
    expect(lines[0]).toContain(UNWEIGHTED_NOTE.sv);
    const suppressedRows = lines.filter((l) => l.endsWith(",ja"));
    expect(suppressedRows.length).toBeGreaterThan(0);
    for (const l of suppressedRows) expect(l).toMatch(/,,,ja$/);
  });

  it("exports the same release as XLSX: the explanation sheet, then a sheet per table with the view's values, their n and suppressed cells marked", async () => {
    const xlsx = (query: Record<string, string>) => owner(apiEvent("GET /api/rounds/{id}/results.xlsx", { params: { id: roundId }, query: { by: "municipality", ...query } }));
    const view = body(await results({ by: "municipality", release: "2" }));
    const wb = await readXlsxAnswer(await xlsx({ release: "2" }));
    expect(wb.worksheets.map((w) => w.name)[0]).toBe("Förklaringar");
    expect(wb.worksheets).toHaveLength(view.tables.length + 1);
    view.tables.forEach((t: ResultTable, i: number) => expectSheetIsTable(wb.worksheets[i + 1], t));
    expect(view.tables.some((t: ResultTable) => [t.total, ...t.rows].some((r) => r.cells.some((c) => "suppressed" in c)))).toBe(true);
    const english = await readXlsxAnswer(await xlsx({ release: "2", lang: "en" }));
    expect(english.worksheets[0].name).toBe("Explanations");
    expect((await xlsx({ lang: "fi" })).statusCode).toBe(400);
    expect((await xlsx({ release: "9" })).statusCode).toBe(404);
  });

  it("records each XLSX download in the audit log, as it does the CSV", async () => {
    const audit = body(await owner(apiEvent("GET /api/audit-log", { query: { month: "2026-04" } })));
    const downloads = audit.items.filter((e: { action: string }) => e.action === "GET /api/rounds/{id}/results.xlsx");
    expect(downloads.map((e: { status: number }) => e.status).sort()).toEqual([200, 200, 400, 404]);
  });

  it("makes the final release when the round closes, once, and refuses interim releases after it", async () => {
    for (let i = 7; i < 12; i++) expect((await submit(i)).statusCode).toBe(201);
    await counter.drain();
    clock.set("2026-05-01T09:00:00+02:00");
    await roundTasks.close(deps, { roundId });
    const first = await roundTasks.aggregate(deps, { roundId });
    const again = await roundTasks.aggregate(deps, { roundId });
    expect(first).toMatchObject({ responses: 12, release: 3, releaseStatus: "published" });
    expect(again).toMatchObject({ release: 3 });
    expect(body(await results()).release).toMatchObject({ number: 3, kind: "final", responses: 12 });
    expect((await release()).statusCode).toBe(409);
    expect(await auditStored()).toEqual([]);
  });
});
