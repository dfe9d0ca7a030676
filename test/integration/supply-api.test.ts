import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, claimsOf, seedTestProject, TEST_PROJECT } from "../support/deps";
import { hidden, occupationTable, offeringRequest, shown } from "../support/supply-fixtures";
import type { ReleaseSummary, ResultDimension, ResultTable } from "../../shared/schemas";
import type { RoundGapView, RoundShortageView } from "../../shared/supply/schemas";

/**
 * The education-supply and shortage routes against DynamoDB Local: imports in every format
 * (good files, bad rows: 4xx and nothing written), the form's add and change, and the gap and
 * shortage views over a stored release.
 */
let suite: ApiSuite;
const file = (name: string) => readFileSync(new URL(`../../infra/local/data/supply/${name}`, import.meta.url), "utf8");
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const importOfferings = (text: string, query: Record<string, string> = {}, contentType = "text/csv") =>
  suite.owner(apiEvent("POST /api/education-offerings/import", { body: text, query, contentType }));
const offerings = async () => (await suite.deps.stores.educationOfferings.list()).length;

beforeAll(async () => {
  suite = await startApiSuite({});
});
afterAll(() => suite.drop());

describe("importing offerings", () => {
  it("previews a CSV file without writing anything", async () => {
    const res = await importOfferings(file("offerings.csv"), { dryRun: "true" });
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({ records: 3, imported: 3, errors: [], dryRun: true });
    expect(await offerings()).toBe(0);
  });

  it("imports a CSV file, and finds every row unchanged the second time", async () => {
    expect(body(await importOfferings(file("offerings.csv")))).toMatchObject({ imported: 3, unchanged: 0 });
    expect(body(await importOfferings(file("offerings.csv")))).toMatchObject({ imported: 0, unchanged: 3 });
    expect(await offerings()).toBe(3);
  });

  it("refuses a CSV file with a bad row whole, naming its line and field, and writes nothing", async () => {
    const bad = `${file("offerings.csv")}Ny skola,Ny utbildning,upperSecondary,999999,3,campus,0580,2026-08-19,10,\nAnnan,Annan,komvux,521,3,campus,0580,2026-13-40,5,\n`;
    const res = await importOfferings(bad);
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues).toEqual([
      { path: "sunField", message: "error.sun.field", line: 5 },
      { path: "startDate", message: "error.date", line: 6 },
    ]);
    expect(await offerings()).toBe(3);
  });

  it("shows the bad rows in a preview instead of refusing the file", async () => {
    const res = await importOfferings(`${file("offerings.csv")}X,Y,komvux,521,3,campus,9999,2026-08-19,10,\n`, { dryRun: "true" });
    expect(res.statusCode).toBe(200);
    expect(body(res).errors).toEqual([{ line: 5, field: "municipality", message: "error.municipality.unknown" }]);
  });

  it("refuses Skolverket's events without a SUN field for them, and writes nothing", async () => {
    const res = await importOfferings(file("skolverket-adult-education-v3.json"), { format: "skolverket", places: "20" }, "application/json");
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues.map((i: { path: string }) => i.path)).toEqual(["sunField", "sunField", "sunField", "sunField"]);
    expect(await offerings()).toBe(3);
  });

  it("imports Skolverket's events with the file's SUN field and places, and Susa-navet's export with its own", async () => {
    expect(body(await importOfferings(file("skolverket-adult-education-v3.json"), { format: "skolverket", sunField: "521", places: "20" }, "application/json"))).toMatchObject({ imported: 4 });
    expect(body(await importOfferings(file("susa-navet-export.json"), { format: "susa" }, "application/json"))).toMatchObject({ imported: 4 });
    expect(await offerings()).toBe(11);
  });

  it("refuses a file that is not in the format named", async () => {
    const res = await importOfferings(JSON.stringify({ hello: "world" }), { format: "susa" }, "application/json");
    expect(res.statusCode).toBe(400);
    expect(await offerings()).toBe(11);
  });
});

describe("an offering by hand", () => {
  it("adds one, changes it, and refuses a bad change without writing it", async () => {
    const created = await suite.owner(apiEvent("POST /api/education-offerings", { body: offeringRequest({ title: "Svetsare, kväll" }) }));
    expect(created.statusCode).toBe(201);
    const id = body(created).id;
    const changed = await suite.owner(apiEvent("PUT /api/education-offerings/{id}", { params: { id }, body: offeringRequest({ title: "Svetsare, kväll", places: 24 }) }));
    expect(body(changed)).toMatchObject({ id, places: 24 });
    const refused = await suite.owner(apiEvent("PUT /api/education-offerings/{id}", { params: { id }, body: offeringRequest({ places: 0 }) }));
    expect(refused.statusCode).toBe(400);
    expect((await suite.deps.stores.educationOfferings.get(id))!.places).toBe(24);
  });
});

describe("Yrkesbarometer", () => {
  it("imports its assessments, and refuses a file with an unreadable record whole", async () => {
    const records = JSON.parse(file("yrkesbarometer.json"));
    const bad = await suite.owner(apiEvent("POST /api/yrkesbarometer/import", { body: JSON.stringify([...records, { ...records[0], lan: "Atlantis" }]) }));
    expect(bad.statusCode).toBe(400);
    expect(await suite.deps.stores.yrkesbarometer.list()).toEqual([]);
    expect(body(await suite.owner(apiEvent("POST /api/yrkesbarometer/import", { body: file("yrkesbarometer.json") })))).toMatchObject({ imported: 10 });
  });
});

describe("the gap and shortage views of a release", () => {
  let roundId: string;
  const codes = ["7212", "2512", "7411"];
  // Linköping and Norrköping published; the welders' need of Motala suppressed.
  const byMunicipality: ResultTable[] = [
    occupationTable("hires12m", codes, [
      { segment: "0580", cells: [shown(12), shown(30), shown(3)] },
      { segment: "0583", cells: [hidden, shown(2), hidden] },
    ], [shown(40), shown(35), hidden]),
    occupationTable("education", codes, [], [shown(0.1), shown(0.9), hidden]),
  ];
  const byCounty: ResultTable[] = [
    occupationTable("failedRecruitment", codes, [{ segment: "05", cells: [shown(0.5), shown(0.05), hidden] }], [shown(0.5), shown(0.05), hidden]),
    occupationTable("difficulty", codes, [{ segment: "05", cells: [shown(0.7), shown(0.1), hidden] }], [shown(0.7), shown(0.1), hidden]),
  ];

  beforeAll(async () => {
    const round = await suite.owner(apiEvent("POST /api/rounds", { body: { name: "Utbud", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00", reminders: [] } }));
    roundId = body(round).id;
    const summary: ReleaseSummary = {
      roundId, number: 1, kind: "final", status: "published", cutoff: "2026-04-30T14:00:00.000Z", createdAt: "2026-04-30T14:00:00.000Z",
      responses: 30, invited: 40, unit: "organisation", rules: { k: 5, p: 10, frequencyShare: 0.9 },
      stats: { cells: 10, suppressedCells: 3, sensitiveCells: 2, solves: 1, largestModelColumns: 1, largestModelRows: 1, millis: 1 },
    };
    const tables = new Map<ResultDimension, ResultTable[]>([["municipality", byMunicipality], ["county", byCounty]]);
    await suite.deps.stores.releases.put(summary, tables, { included: [], suppressed: [] });
  });

  it("lists the largest unmet needs from published cells, and never a number for a suppressed one", async () => {
    const res = await suite.owner(apiEvent("GET /api/rounds/{id}/supply-gap", { params: { id: roundId } }));
    expect(res.statusCode).toBe(200);
    const view: RoundGapView = body(res);
    const total = view.gap!.occupations.filter((o) => o.scope.kind === "total");
    expect(total.find((o) => o.ssyk === "7411")!.unmet12m).toBe("suppressed");
    expect(view.gap!.occupations.find((o) => o.scope.segment === "0583" && o.ssyk === "7212")!.unmet12m).toBe("suppressed");
    expect(view.gap!.largestUnmet.map((u) => u.code)).not.toContain("7411");
    // The welders' published need less the places of the region's upper-secondary metalwork offerings.
    const welders = total.find((o) => o.ssyk === "7212")!;
    expect(welders.places.county).toBeGreaterThan(0);
    expect(welders.unmet12m).toBe(Math.max(0, 40 - (welders.places.county + welders.places.distance)));
  });

  it("puts the companies' shortage beside Yrkesbarometern's and lists where they disagree", async () => {
    const res = await suite.owner(apiEvent("GET /api/rounds/{id}/shortage", { params: { id: roundId } }));
    const view: RoundShortageView = body(res);
    expect(view.shortage!.counties).toEqual(["05"]);
    expect(view.shortage!.nationalOnly).toEqual([]);
    expect(view.shortage!.rows.find((r) => r.ssyk === "7411")).toMatchObject({ companies: "unknown", assessment: "shortage" });
    expect(view.shortage!.companiesOnly).toEqual([]);
    expect(view.shortage!.rows.find((r) => r.ssyk === "2512")).toMatchObject({ companies: "none", assessment: "none" });
  });

  it("lets an analyst of the round's project read both views", async () => {
    await seedTestProject(suite.deps, TEST_PROJECT, { "ana@example.se": "analyst" });
    const res = await suite.owner(apiEvent("GET /api/rounds/{id}/supply-gap", { params: { id: roundId }, claims: claimsOf("ana@example.se") }));
    expect(res.statusCode).toBe(200);
  });
});
