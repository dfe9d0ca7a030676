import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, outbox, recordingCycleWorkflows, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { orgNumber, organisationRequest } from "../support/fixtures";
import { programmeApi } from "../../functions/api/programme-api";
import { cycleTasks } from "../../functions/workflow/cycle-tasks";
import { roundTasks } from "../../functions/workflow/tasks";

/**
 * A reflection round is anonymous, as its participants are told: whatever an owner reads of it —
 * the round, its invitation list, its responses, its exports, its releases, the programme's
 * views — holds no organisation, person or submit time beside the answers.
 */
const clock = virtualClock("2026-08-20T09:00:00Z");
let deps: TestDeps;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let counter: ApiSuite["counter"];
let drop: () => Promise<void>;
const programme = () => programmeApi(() => deps);
let programmeId = "";
let roundId = "";
const identifying: string[] = [];
const submitTimes: string[] = [];

const ok = async (call: Promise<{ statusCode?: number; body?: string }>) => {
  const res = await call;
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.body ?? "";
};

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now, cycles: recordingCycleWorkflows() }));
  const organisationIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = orgNumber(7100 + i);
    const request = organisationRequest(i, { orgNumber: id, name: `Reflektionsbolaget ${i} AB`, contactName: `Kontakt Person${i}`, contactEmail: `reflekt${i}@example.se` });
    await ok(owner(apiEvent("POST /api/organisations", { body: request })));
    organisationIds.push(id);
    identifying.push(id, request.name, request.contactName, request.contactEmail);
  }
  const created = JSON.parse(await ok(programme()(apiEvent("POST /api/programmes", { body: { name: "Anonym", organisationIds, cycles: 1 } }))));
  programmeId = created.id;
  await ok(
    programme()(
      apiEvent("POST /api/programmes/{id}/cycles/{n}/schedule", {
        params: { id: programmeId, n: "1" },
        body: { workshopAt: "2026-09-01T08:00:00Z", assignmentDeadline: "2026-09-07T16:00:00Z", lectureAt: "2026-09-08T08:00:00Z", reflectionDeadline: "2026-09-13T16:00:00Z" },
      }),
    ),
  );
  clock.set("2026-09-08T10:00:00Z");
  await cycleTasks.openStage(deps, { programmeId, cycle: 1, stage: "reflection" });
  roundId = `${programmeId}-c1-reflection`;
  const mails = (await outbox(deps.table)).filter((m) => m.roundId === roundId && m.kind === "invitation");
  expect(mails).toHaveLength(4);
  // Three answer, a minute apart.
  for (const [i, mail] of mails.slice(0, 3).entries()) {
    clock.set(`2026-09-09T1${i}:0${i}:00Z`);
    submitTimes.push(clock.now().toISOString());
    await ok(participant(apiEvent("POST /api/form/submit", { formToken: tokenFrom(mail.text), body: { answers: { learned: `Lärdom ${3 - i}`, change: `Ändring ${"BCA"[i]}` } } })));
  }
  await counter.drain();
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

/** What a body must not hold: the organisations' and contacts' names, numbers and e-mails, and the submit times (to the minute). */
function expectNothingIdentifying(body: string, where: string) {
  for (const s of identifying) expect(body, `${where} holds ${s}`).not.toContain(s);
  for (const t of submitTimes) expect(body, `${where} holds a submit time`).not.toContain(t.slice(0, 16));
}

describe("an anonymous round", () => {
  it("lists nobody in its invitation list, only the counts", async () => {
    for (const status of ["all", "pending", "submitted"]) {
      const body = await ok(owner(apiEvent("GET /api/rounds/{id}/invitations", { params: { id: roundId }, query: { status } })));
      expect(JSON.parse(body)).toEqual({ anonymous: true, counts: { invited: 4, submitted: 3 }, items: [] });
    }
  });

  it("shows its responses and exports its answers with nothing that ties them to an organisation, a person or a time", async () => {
    const responses = await ok(owner(apiEvent("GET /api/rounds/{id}/responses", { params: { id: roundId } })));
    expect(JSON.parse(responses).items.map((r: { answers: { learned: string } }) => r.answers.learned)).toEqual(["Lärdom 1", "Lärdom 2", "Lärdom 3"]);
    expectNothingIdentifying(responses, "responses");
    const csv = await ok(owner(apiEvent("GET /api/rounds/{id}/export.csv", { params: { id: roundId } })));
    const lines = csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("change,learned");
    // Ordered by the answers: neither the order they came in nor its reverse.
    expect(lines.slice(1)).toEqual(["Ändring A,Lärdom 1", "Ändring B,Lärdom 3", "Ändring C,Lärdom 2"]);
    expectNothingIdentifying(csv, "export.csv");
  });

  it("gives its response rate for the whole round only, and releases it for the whole round only", async () => {
    const status = JSON.parse(await ok(owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } }))));
    expect(status.rates.total).toMatchObject({ invited: 4, submitted: 3 });
    expect([status.rates.byIndustry, status.rates.byMunicipality, status.rates.bySize]).toEqual([[], [], []]);
    clock.set("2026-09-13T16:00:00Z");
    await roundTasks.close(deps, { roundId });
    await roundTasks.aggregate(deps, { roundId });
    for (const by of ["industry", "section", "municipality", "county", "size"]) {
      const view = JSON.parse(await ok(owner(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by } }))));
      expect(view.release).toMatchObject({ status: "published" });
      for (const table of view.tables) expect(table.rows, `${by} ${table.id}`).toEqual([]);
    }
  });

  it("holds nothing identifying in any other view an owner reads of it", async () => {
    // The round names its recipients, the cohort, as every round does: the frame, beside no answer.
    const { recipients: _frame, ...round } = JSON.parse(await ok(owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } }))));
    const bodies = {
      round: JSON.stringify(round),
      reflectionStage: JSON.stringify(JSON.parse(await ok(programme()(apiEvent("GET /api/programmes/{id}", { params: { id: programmeId } })))).cycleViews[0].reflection),
      releases: await ok(owner(apiEvent("GET /api/rounds/{id}/releases", { params: { id: roundId } }))),
      results: await ok(owner(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by: "municipality" } }))),
      resultsCsv: await ok(owner(apiEvent("GET /api/rounds/{id}/results.csv", { params: { id: roundId }, query: { by: "municipality" } }))),
    };
    for (const [where, body] of Object.entries(bodies)) expectNothingIdentifying(body, where);
  });
});
