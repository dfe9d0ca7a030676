import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, claimsOf, seedTestProject, virtualClock } from "../support/deps";
import { runMigrations } from "../../functions/migrations";
import { PROJECT_BEFORE_PROJECTS } from "../../functions/stores/projects";

/**
 * Schema version 2 on a table written before projects: a round and a programme without a
 * project. They go into one project made for them, which nobody is a member of until a region
 * admin says who is.
 */
const clock = virtualClock("2026-12-02T08:00:00Z");
let suite: ApiSuite;
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");

const OLD_ROUND = {
  pk: "ROUND#old-round", sk: "#ROUND", gsi1pk: "ROUNDS", gsi1sk: "2025-10-01T08:00:00.000Z", type: "round",
  id: "old-round", name: "Kompetensbehov 2025", instrumentId: "skills-needs", instrumentVersion: 1,
  opensAt: "2025-10-01T08:00:00.000Z", closesAt: "2025-10-30T16:00:00.000Z", reminders: [], recipients: {},
  status: "closed", createdAt: "2025-10-01T08:00:00.000Z", createdBy: "agneta@region.se", invitedCount: 0, submittedCount: 0,
  remindersDone: [], launchCount: 1,
};
const OLD_PROGRAMME = {
  pk: "PROG#old-prog", sk: "#PROG", gsi1pk: "PROGRAMMES", gsi1sk: "2025-09-01T08:00:00.000Z", type: "programme",
  id: "old-prog", name: "Kompetenslyftet 2025", facilitator: { name: "Fia", email: "fia@region.se" }, cycles: 4,
  organisationIds: [], personIds: [], targets: [], createdAt: "2025-09-01T08:00:00.000Z", createdBy: "agneta@region.se",
};

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now });
  const { doc, name } = suite.deps.table;
  for (const item of [OLD_ROUND, OLD_PROGRAMME]) await doc.send(new PutCommand({ TableName: name, Item: item }));
  await suite.deps.stores.schema.advance(0, 1, "test: written before projects", clock.now().toISOString());
});
afterAll(() => suite.drop());

const stored = async (pk: string, sk: string) => (await suite.deps.table.doc.send(new GetCommand({ TableName: suite.deps.table.name, Key: { pk, sk } }))).Item;

describe("migration 2: rounds and programmes belong to projects", () => {
  it("puts what was stored before projects into one project made for it", async () => {
    const report = await runMigrations(suite.deps);
    expect(report.applied).toEqual([{ version: 2, name: "projects", result: { projectCreated: true, rounds: 1, programmes: 1 } }]);
    expect((await stored("ROUND#old-round", "#ROUND"))?.projectId).toBe(PROJECT_BEFORE_PROJECTS);
    expect((await stored("PROG#old-prog", "#PROG"))?.projectId).toBe(PROJECT_BEFORE_PROJECTS);
    expect(await suite.deps.stores.projects.get(PROJECT_BEFORE_PROJECTS)).toMatchObject({ kind: "region" });
  });

  it("shows them to nobody until a region admin makes someone a member", async () => {
    const agneta = claimsOf("agneta@region.se");
    const list = async () => body(await suite.owner(apiEvent("GET /api/rounds", { claims: agneta }))).items.map((r: { id: string }) => r.id);
    expect(await list()).toEqual([]);
    await seedTestProject(suite.deps, PROJECT_BEFORE_PROJECTS, { "agneta@region.se": "project-owner" });
    expect(await list()).toEqual(["old-round"]);
    expect(body(await suite.programme(apiEvent("GET /api/programmes", { claims: agneta }))).items.map((p: { id: string }) => p.id)).toEqual(["old-prog"]);
  });

  it("changes nothing when it runs again", async () => {
    const before = [await stored("ROUND#old-round", "#ROUND"), await stored("PROG#old-prog", "#PROG")];
    await suite.deps.stores.schema.advance(2, 1, "test: back to 1", clock.now().toISOString());
    expect((await runMigrations(suite.deps)).applied).toEqual([{ version: 2, name: "projects", result: { projectCreated: false, rounds: 0, programmes: 0 } }]);
    expect([await stored("ROUND#old-round", "#ROUND"), await stored("PROG#old-prog", "#PROG")]).toEqual(before);
  });
});
