import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, outbox, recordingWorkflows, seedTestProject, TEST_PROJECT, tokenFrom, virtualClock } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { TrendsView } from "../../shared/schemas/trends";
import type { Answers } from "../../shared/schemas";

/**
 * A project's rounds over time (GET /api/projects/{id}/trends) on DynamoDB Local: two closed
 * rounds with their final releases, the second with one more occupation reported, and an open
 * round with an interim release.
 */
const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const clock = virtualClock("2026-01-05T08:00:00Z");
let suite: ApiSuite;
const rounds: string[] = [];

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const trends = async () => {
  const res = await suite.owner(apiEvent("GET /api/projects/{id}/trends", { params: { id: TEST_PROJECT } }));
  expect(res.statusCode, res.body).toBe(200);
  return TrendsView.parse(body(res));
};
/** The answers of company i; in the later rounds some also recruit software developers (2512). */
const answersOf = (i: number, later: boolean): Answers => {
  const a = validAnswers(instrument, i);
  if (later && i % 2 === 0) a.occupations = [...(a.occupations as object[]), { ...(a.occupations as object[])[0], ssyk: "2512" }] as Answers["occupations"];
  return a;
};

/** A round of the test project from `opens` to `closes`; every organisation answers. */
async function runRound(name: string, opens: string, closes: string, later: boolean, close: boolean) {
  clock.set(opens);
  const created = body(await suite.owner(apiEvent("POST /api/rounds", { body: { name, opensAt: opens, closesAt: closes, reminders: [] } })));
  await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: created.id } }));
  await roundTasks.invite(suite.deps, { roundId: created.id });
  const tokens = (await outbox(suite.deps.table)).filter((m) => m.roundId === created.id).map((m) => tokenFrom(m.text));
  for (const [i, token] of tokens.entries())
    expect((await suite.participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers: answersOf(i, later) } }))).statusCode).toBe(201);
  await suite.counter.drain();
  if (close) {
    clock.set(closes);
    await roundTasks.close(suite.deps, { roundId: created.id });
    await roundTasks.aggregate(suite.deps, { roundId: created.id });
  } else {
    expect((await suite.owner(apiEvent("POST /api/rounds/{id}/releases", { params: { id: created.id }, body: { kind: "interim" } }))).statusCode).toBe(201);
  }
  rounds.push(created.id);
}

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows() });
  for (let i = 0; i < 8; i++) expect((await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(i % 2, { orgNumber: organisationRequest(i).orgNumber, contactEmail: `t${i}@example.se` }) }))).statusCode).toBe(201);
  await runRound("Vinter 2026", "2026-01-05T09:00:00Z", "2026-01-30T16:00:00Z", false, true);
  await runRound("Höst 2026", "2026-09-01T09:00:00Z", "2026-09-30T16:00:00Z", true, true);
  await runRound("Vinter 2027", "2027-01-05T09:00:00Z", "2027-01-30T16:00:00Z", true, false);
}, 120_000);
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

describe("trends", () => {
  it("lines up the project's closed rounds in the order they closed, each by its final release; an open round is not in it yet", async () => {
    const view = await trends();
    expect(view.rounds.map((r) => r.id)).toEqual(rounds.slice(0, 2));
    expect(view.rounds.map((r) => r.release.kind)).toEqual(["final", "final"]);
  });

  it("shows needs by area and horizon, planned hires and the balance, one point per round", async () => {
    const view = await trends();
    const ids = view.series.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["needShare.digitalisation.now", "hires12m", "hires1to3y", "balance"]));
    expect(ids.every((id) => /^(needShare\.|hires12m$|hires1to3y$|balance$)/.test(id))).toBe(true);
    for (const s of view.series) for (const c of s.columns) expect(c.points).toHaveLength(2);
  });

  it("takes every point from its round's release as published, the region's total, suppressed ones suppressed", async () => {
    const view = await trends();
    for (const [r, round] of view.rounds.entries()) {
      const tables = await suite.deps.stores.releases.tables(round.id, round.release.number, "industry");
      for (const s of view.series) {
        const table = tables.find((t) => t.id === s.id)!;
        for (const c of s.columns) expect(c.points[r]).toEqual(table.total.cells[table.columns.findIndex((x) => x.key === c.key)]);
      }
    }
  });

  it("leaves out an occupation that not every round reported, and says so", async () => {
    const view = await trends();
    expect(view.series.find((s) => s.id === "hires12m")!.columns.map((c) => c.key)).toEqual(["7212"]);
    expect(view.leftOut).toContainEqual(expect.objectContaining({ table: "hires12m", column: "2512" }));
  });

  it("answers a project with no closed round with an empty trend", async () => {
    await seedTestProject(suite.deps, "p-empty");
    const res = await suite.owner(apiEvent("GET /api/projects/{id}/trends", { params: { id: "p-empty" } }));
    expect(body(res)).toEqual({ projectId: "p-empty", rounds: [], series: [], leftOut: [] });
  });
});
