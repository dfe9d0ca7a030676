import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, countItems, outbox, recordingWorkflows, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import type { Instrument } from "../../shared/schemas/instrument";
import { InstrumentVersionSummary } from "../../shared/schemas/instrument-version";
import { latestVersion } from "../../shared/instruments";

const clock = virtualClock("2026-04-01T08:00:00Z");
let deps: TestDeps;
let drop: () => Promise<void>;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let counter: ApiSuite["counter"];

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const AREAS = [
  { sv: "Life science", en: "Life science" },
  { sv: "Batteriproduktion", en: "Battery production" },
];
const create = (b: unknown) => owner(apiEvent("POST /api/instruments/{id}/versions", { params: { id: "skills-needs" }, body: b }));
const replace = (version: number, b: unknown) => owner(apiEvent("PUT /api/instruments/{id}/versions/{version}", { params: { id: "skills-needs", version: String(version) }, body: b }));
const list = async (): Promise<InstrumentVersionSummary[]> => body(await owner(apiEvent("GET /api/instruments"))).items;
const storedCount = () => countItems(deps.table, "INSTRUMENT#skills-needs", "V#");
const areasOf = (i: Instrument) => i.blocks.flatMap((b) => b.questions).flatMap((q) => (q.type === "needMatrix" ? q.areas.map((a) => a.value) : []));
const ROUND = { name: "Regionens omgång", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00" };

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows() }));
  for (let i = 0; i < 3; i++) expect((await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i) }))).statusCode).toBe(201);
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

describe("a region's own competence areas: a new instrument version as data", () => {
  it("lists the shipped skills-needs versions, fixed, before any of the region's own", async () => {
    const items = await list();
    expect(items.map((i) => [i.version, i.shipped, i.used])).toEqual([
      [1, true, true],
      [2, true, true],
    ]);
    for (const i of items) expect(InstrumentVersionSummary.parse(i)).toEqual(i);
  });

  it("refuses bad input with 400 at the field and writes nothing", async () => {
    const cases: [unknown, string, string][] = [
      [{ areas: [] }, "areas", "error.required"],
      [{ areas: [{ sv: "Ny", en: "" }] }, "areas.0.en", "error.required"],
      [{ areas: [{ sv: "Ny", en: "–––" }] }, "areas.0.en", "error.area.name"],
      [{ areas: [{ sv: "Digitalisering", en: "Digitalisation" }] }, "areas.0.en", "error.duplicate"],
      [{ areas: [...AREAS, AREAS[0]] }, "areas.2.en", "error.duplicate"],
      [{ baseVersion: 7, areas: AREAS }, "baseVersion", "error.instrument.unknown"],
    ];
    for (const [b, path, message] of cases) {
      const res = await create(b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(body(res).error.issues).toContainEqual({ path, message });
    }
    expect(await storedCount()).toBe(0);
  });

  it("answers 404 for an instrument that cannot be extended", async () => {
    const res = await owner(apiEvent("POST /api/instruments/{id}/versions", { params: { id: "baseline" }, body: { areas: AREAS } }));
    expect(res.statusCode).toBe(404);
    expect(await storedCount()).toBe(0);
  });

  it("makes version 101 from the newest shipped version, with the region's areas after the shipped ones", async () => {
    const res = await create({ areas: AREAS });
    expect(res.statusCode).toBe(201);
    const made: Instrument = body(res);
    expect(made.version).toBe(101);
    expect(areasOf(made)).toEqual(["digitalisation", "greenTransition", "automation", "lifeScience", "batteryProduction"]);
    // Everything else is the base's: version 2's occupation fields are there.
    expect(JSON.stringify(made)).toContain("staffChange3y");
    expect((await list()).at(-1)).toMatchObject({ version: 101, shipped: false, used: false, baseVersion: 2 });
  });

  it("numbers the next version after the region's last one", async () => {
    const made: Instrument = body(await create({ baseVersion: 1, areas: [{ sv: "Batteriproduktion", en: "Battery production" }] }));
    expect(made.version).toBe(102);
    expect(JSON.stringify(made)).not.toContain("staffChange3y");
  });

  it("changes a version no round has used", async () => {
    const res = await replace(102, { baseVersion: 1, areas: [{ sv: "Batterier", en: "Battery production" }, { sv: "Vätgas", en: "Hydrogen" }] });
    expect(res.statusCode).toBe(200);
    expect(areasOf(body(res))).toEqual(["digitalisation", "greenTransition", "automation", "batteryProduction", "hydrogen"]);
    expect((await deps.stores.instrumentVersions.get("skills-needs", 102))?.areas.map((a) => a.sv)).toEqual(["Batterier", "Vätgas"]);
  });

  it("answers 409 for a shipped version and 404 for one that does not exist", async () => {
    expect((await replace(2, { areas: AREAS })).statusCode).toBe(409);
    expect((await replace(150, { areas: AREAS })).statusCode).toBe(404);
  });

  it("gives a round that names no version the newest shipped one, not a region's own", async () => {
    const res = await owner(apiEvent("POST /api/rounds", { body: ROUND }));
    expect(res.statusCode, res.body).toBe(201);
    expect(body(res).instrumentVersion).toBe(latestVersion("skills-needs"));
    expect(latestVersion("skills-needs")).toBeGreaterThan(1);
    expect((await owner(apiEvent("POST /api/rounds", { body: { ...ROUND, instrumentVersion: 1 } }))).statusCode).toBe(201);
  });

  describe("a round on the region's version", () => {
    let roundId: string;
    beforeAll(async () => {
      const res = await owner(apiEvent("POST /api/rounds", { body: { ...ROUND, instrumentVersion: 102 } }));
      expect(res.statusCode, res.body).toBe(201);
      roundId = body(res).id;
    });

    it("fixes the version: a change answers 409 and the stored version stays as it was", async () => {
      const before = await deps.stores.instrumentVersions.get("skills-needs", 102);
      const res = await replace(102, { baseVersion: 1, areas: AREAS });
      expect(res.statusCode).toBe(409);
      expect(body(res).error.code).toBe("instrument-version-used");
      const after = await deps.stores.instrumentVersions.get("skills-needs", 102);
      expect(after?.instrument).toEqual(before?.instrument);
      expect((await list()).find((v) => v.version === 102)?.used).toBe(true);
    });

    it("the store itself refuses to replace a used version, whatever the caller checked before", async () => {
      const before = (await deps.stores.instrumentVersions.get("skills-needs", 102))!;
      const changed = { ...before, areas: AREAS, updatedAt: clock.now().toISOString() };
      expect(await deps.stores.instrumentVersions.replace(changed)).toBe("used");
      expect(await deps.stores.instrumentVersions.replace({ ...changed, instrument: { ...changed.instrument, version: 199 } })).toBe("missing");
      expect((await deps.stores.instrumentVersions.get("skills-needs", 102))?.areas).toEqual(before.areas);
    });

    it("a round refused for bad input leaves an unused version unused", async () => {
      const made: Instrument = body(await create({ areas: [{ sv: "Vätgas", en: "Hydrogen" }] }));
      const res = await owner(apiEvent("POST /api/rounds", { body: { ...ROUND, closesAt: "2026-03-01T00:00:00Z", instrumentVersion: made.version } }));
      expect(res.statusCode).toBe(400);
      expect((await list()).find((v) => v.version === made.version)?.used).toBe(false);
    });

    it("refuses a round on a version that does not exist, and writes no round", async () => {
      const before = body(await owner(apiEvent("GET /api/rounds"))).items.length;
      const res = await owner(apiEvent("POST /api/rounds", { body: { ...ROUND, instrumentVersion: 150 } }));
      expect(res.statusCode).toBe(400);
      expect(body(res).error.issues).toContainEqual({ path: "instrumentId", message: "error.instrument.unknown" });
      expect(body(await owner(apiEvent("GET /api/rounds"))).items.length).toBe(before);
    });

    it("shows the region's areas in the form, takes answers for them and counts them", async () => {
      await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
      clock.set("2026-04-01T09:00:00+02:00");
      await roundTasks.invite(deps, { roundId });
      const mails = (await outbox(deps.table)).filter((m) => m.roundId === roundId);
      expect(mails).toHaveLength(3);
      const view = body(await participant(apiEvent("GET /api/form", { formToken: tokenFrom(mails[0]!.text) })));
      expect(view.instrument.version).toBe(102);
      expect(areasOf(view.instrument)).toContain("hydrogen");
      for (const [i, mail] of mails.entries()) {
        const res = await participant(apiEvent("POST /api/form/submit", { formToken: tokenFrom(mail.text), body: { answers: validAnswers(view.instrument, i) } }));
        expect(res.statusCode, res.body).toBe(201);
      }
      await counter.drain();
      const [all] = await deps.stores.aggregates.list(roundId, "all");
      const hydrogenNow = Object.entries(all!.counters).filter(([k]) => k.startsWith("need|needs|hydrogen|now|"));
      expect(hydrogenNow.reduce((s, [, v]) => s + Number(v), 0)).toBe(3);
    });
  });
});
