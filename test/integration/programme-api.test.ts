import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createTestTable } from "../support/dynamodb";
import { responseCounter } from "../support/streams";
import { apiEvent, outbox, recordingCycleWorkflows, testDeps, tokenFrom, virtualClock, type TestDeps, seedTestProject } from "../support/deps";
import { orgNumber, organisationRequest } from "../support/fixtures";
import { ownerApi } from "../../functions/api/owner-api";
import { participantApi } from "../../functions/api/participant-api";
import { programmeApi } from "../../functions/api/programme-api";
import { roundTasks } from "../../functions/workflow/tasks";
import { cycleTasks } from "../../functions/workflow/cycle-tasks";
import type { Programme, ProgrammeReport } from "../../shared/schemas";
import { targetTables } from "../../functions/domain/programme-report-xlsx";
import { expectSheetIsTable, readXlsxAnswer, tableRows } from "../support/xlsx";

let deps: TestDeps;
let cycles: ReturnType<typeof recordingCycleWorkflows>;
let drop: () => Promise<void>;
const clock = virtualClock("2026-08-20T09:00:00Z");

let counter: ReturnType<typeof responseCounter>;

beforeAll(async () => {
  const t = await createTestTable();
  drop = t.drop;
  cycles = recordingCycleWorkflows();
  deps = testDeps({ doc: t.docClient, name: t.tableName }, { clock: clock.now, cycles });
  await seedTestProject(deps);
  counter = responseCounter(t, () => deps);
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

const api = () => programmeApi(() => deps);
const call = async (routeKey: string, opts: Parameters<typeof apiEvent>[1] = {}) => {
  const res = await api()(apiEvent(routeKey, opts));
  return { status: res.statusCode!, body: res.body && String(res.headers?.["content-type"] ?? "").startsWith("application/json") ? JSON.parse(res.body) : res.body };
};

let seq = 0;
/** Organisations with one contact each, plus a person per organisation with gender and age band. */
async function cohort(size: number, genders: string[] = []) {
  const owner = ownerApi(() => deps);
  const base = 2000 + 20 * ++seq;
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const id = orgNumber(base + i);
    const res = await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: id, contactEmail: undefined }) }));
    expect(res.statusCode).toBe(201);
    const person = await owner(
      apiEvent("POST /api/persons", {
        body: { organisationId: id, name: `Person ${base + i}`, email: `person${base + i}@example.se`, gender: genders[i], ageBand: i % 2 ? "30-44" : "45-59" },
      }),
    );
    expect(person.statusCode).toBe(201);
    ids.push(id);
  }
  return ids;
}

async function programmeItems() {
  const res = await deps.table.doc.send(
    new QueryCommand({ TableName: deps.table.name, IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :p", ExpressionAttributeValues: { ":p": "PROGRAMMES" } }),
  );
  return res.Count ?? 0;
}

const SCHEDULE = {
  workshopAt: "2026-09-01T08:00:00Z",
  assignmentDeadline: "2026-09-07T16:00:00Z",
  lectureAt: "2026-09-08T08:00:00Z",
  reflectionDeadline: "2026-09-13T16:00:00Z",
};

describe("programme API", () => {
  it("creates a programme of four cycles with the cohort's persons and the default targets", async () => {
    const orgs = await cohort(3);
    const res = await call("POST /api/programmes", { body: { name: "Kompetenslyftet", organisationIds: orgs } });
    expect(res.status).toBe(201);
    const p: Programme = res.body;
    expect(p).toMatchObject({ cycles: 4, organisationIds: orgs, facilitator: { email: "owner@example.se" } });
    expect(p.personIds).toHaveLength(3);
    expect(p.targets.map((t) => t.id)).toEqual(["strategic-work", "skills-up-to-date"]);
    const view = (await call("GET /api/programmes/{id}", { params: { id: p.id } })).body;
    expect(view.cycleViews.map((c: { cycle: number; status: string }) => [c.cycle, c.status])).toEqual([
      [1, "planned"],
      [2, "planned"],
      [3, "planned"],
      [4, "planned"],
    ]);
    expect((await call("GET /api/programmes")).body.items.map((i: Programme) => i.id)).toContain(p.id);
  });

  it("refuses a facilitator who could not open the programme's pages with 400, and creates nothing", async () => {
    const orgs = await cohort(1);
    const before = await programmeItems();
    const res = await call("POST /api/programmes", { body: { name: "Utan kursledare", organisationIds: orgs, facilitator: { name: "Utomstående", email: "stranger@example.se" } } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "facilitator.email", message: "error.facilitator.notMember" }]);
    expect(await programmeItems()).toBe(before);
  });

  it("refuses unknown organisations, persons outside them and targets on questions the follow-up lacks, and writes nothing", async () => {
    const orgs = await cohort(1);
    const before = await programmeItems();
    const res = await call("POST /api/programmes", {
      body: {
        name: "Fel",
        organisationIds: [...orgs, orgNumber(99_999)],
        personIds: ["nobody"],
        targets: [{ id: "x", label: { sv: "x", en: "x" }, questionId: "noSuchQuestion", values: ["1"], share: 0.7, population: "professionals" }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string; message: string }) => `${i.path} ${i.message}`).sort()).toEqual([
      "organisationIds.1 error.orgNumber.unknown",
      "personIds.0 error.person.notInOrganisations",
      "targets.0.questionId error.target.question",
    ]);
    expect((await call("POST /api/programmes", { body: { name: "", organisationIds: [] } })).status).toBe(400);
    expect(await programmeItems()).toBe(before);
  });

  it("schedules a cycle with a default reminder two days before each deadline, and refuses dates out of order", async () => {
    const p: Programme = (await call("POST /api/programmes", { body: { name: "Schema", organisationIds: await cohort(1) } })).body;
    const bad = await call("POST /api/programmes/{id}/cycles/{n}/schedule", { params: { id: p.id, n: "1" }, body: { ...SCHEDULE, lectureAt: "2026-09-02T08:00:00Z" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: "lectureAt", message: "error.lectureBeforeDeadline" }]);
    expect((await call("GET /api/programmes/{id}", { params: { id: p.id } })).body.cycleViews[0].schedule).toBeUndefined();
    expect((await call("POST /api/programmes/{id}/cycles/{n}/schedule", { params: { id: p.id, n: "5" }, body: SCHEDULE })).status).toBe(404);

    const ok = await call("POST /api/programmes/{id}/cycles/{n}/schedule", { params: { id: p.id, n: "1" }, body: SCHEDULE });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: "scheduled",
      schedule: {
        assignmentReminders: ["2026-09-05T16:00:00.000Z"],
        reflectionReminders: ["2026-09-11T16:00:00.000Z"],
        noticeDaysBefore: 7,
        recordWithinHours: 48,
        facilitatorGraceHours: 72,
      },
    });
  });

  it("starts cycles in order only", async () => {
    const p: Programme = (await call("POST /api/programmes", { body: { name: "Ordning", organisationIds: await cohort(1), cycles: 2 } })).body;
    const params = (n: string) => ({ params: { id: p.id, n } });
    expect((await call("POST /api/programmes/{id}/cycles/{n}/start", params("1"))).body.error.code).toBe("cycle-not-scheduled");
    await call("POST /api/programmes/{id}/cycles/{n}/schedule", { ...params("1"), body: SCHEDULE });
    await call("POST /api/programmes/{id}/cycles/{n}/schedule", { ...params("2"), body: SCHEDULE });
    const early = await call("POST /api/programmes/{id}/cycles/{n}/start", params("2"));
    expect([early.status, early.body.error.code]).toEqual([409, "previous-cycle-not-done"]);
    const started = await call("POST /api/programmes/{id}/cycles/{n}/start", params("1"));
    expect(started.status).toBe(202);
    expect(started.body.status).toBe("running");
    expect(cycles.calls.filter((c) => c.op === "start" && c.programmeId === p.id)).toEqual([{ op: "start", programmeId: p.id, cycle: 1, attempt: 1 }]);
    expect((await call("POST /api/programmes/{id}/cycles/{n}/start", params("1"))).status).toBe(409);
  });

  it("records a workshop with attendance and completes the task waiting for it, once", async () => {
    const p: Programme = (await call("POST /api/programmes", { body: { name: "Workshop", organisationIds: await cohort(2) } })).body;
    const params = { params: { id: p.id, n: "1" } };
    await call("POST /api/programmes/{id}/cycles/{n}/schedule", { ...params, body: SCHEDULE });
    expect((await call("POST /api/programmes/{id}/cycles/{n}/workshop", { ...params, body: { attendance: [] } })).body.error.code).toBe("cycle-not-started");
    await call("POST /api/programmes/{id}/cycles/{n}/start", params);
    await cycleTasks.awaitRecord(deps, { programmeId: p.id, cycle: 1, stage: "workshop", token: "the-task-token" });

    const outsider = await call("POST /api/programmes/{id}/cycles/{n}/workshop", { ...params, body: { attendance: [p.personIds[0], "stranger"] } });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.issues).toEqual([{ path: "attendance.1", message: "error.person.notInCohort" }]);
    expect(cycles.calls.filter((c) => c.op === "success")).toHaveLength(0);

    const res = await call("POST /api/programmes/{id}/cycles/{n}/workshop", { ...params, body: { attendance: [p.personIds[0]], notes: "Tolv idéer" } });
    expect(res.status).toBe(200);
    expect(res.body.workshop).toMatchObject({ attendance: [p.personIds[0]], notes: "Tolv idéer", heldAt: "2026-09-01T08:00:00.000Z", awaitingRecord: false });
    expect(cycles.calls.filter((c) => c.op === "success").map((c) => c.taskToken)).toEqual(["the-task-token"]);

    const corrected = await call("POST /api/programmes/{id}/cycles/{n}/workshop", { ...params, body: { attendance: p.personIds } });
    expect(corrected.body.workshop.attendance).toEqual(p.personIds);
    expect(cycles.calls.filter((c) => c.op === "success")).toHaveLength(1);

    const lecture = await call("POST /api/programmes/{id}/cycles/{n}/lecture", { ...params, body: { attendance: [] } });
    expect(lecture.body.error.issues).toEqual([{ path: "materialUrl", message: "error.url" }]);
  });

  it("refuses callers who are not owners of the region", async () => {
    const res = await api()(apiEvent("GET /api/programmes", { claims: { sub: "x", "cognito:groups": "[owners]", "custom:region": "halland" } }));
    expect(res.statusCode).toBe(403);
  });

  it("reports the targets from baseline and follow-up by gender with small groups suppressed, and exports them as CSV", async () => {
    // Six women, four men and two non-binary persons: with k = 3 (the tests' k) the two are hidden.
    const genders = [...Array(6).fill("woman"), ...Array(4).fill("man"), "non-binary", "non-binary"];
    const p: Programme = (await call("POST /api/programmes", { body: { name: "Rapport", organisationIds: await cohort(12, genders), cycles: 1 } })).body;
    const owner = ownerApi(() => deps);
    const participant = participantApi(() => deps);
    for (const [kind, opensAt, closesAt] of [
      ["baseline", "2026-08-21T08:00:00Z", "2026-08-28T16:00:00Z"],
      ["follow-up", "2026-10-01T08:00:00Z", "2026-10-10T16:00:00Z"],
    ] as const) {
      const created = await call("POST /api/programmes/{id}/measurements/{kind}", { params: { id: p.id, kind }, body: { opensAt, closesAt } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: "draft", programmeId: p.id, purpose: kind, recipients: { personIds: p.personIds } });
      expect((await call("POST /api/programmes/{id}/measurements/{kind}", { params: { id: p.id, kind }, body: { opensAt, closesAt } })).status).toBe(409);
      const roundId = created.body.id;
      clock.set(opensAt);
      expect((await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
      expect((await roundTasks.invite(deps, { roundId })).invited).toBe(12);
      const invitations = (await outbox(deps.table)).filter((m) => m.roundId === roundId && m.kind === "invitation");
      for (const [i, mail] of invitations.entries()) {
        // Before, four of twelve are up to date; after, nine; eight say they work more strategically.
        const upToDate = kind === "baseline" ? (i % 3 === 0 ? 4 : 2) : i % 4 === 3 ? 3 : 5;
        const answers: Record<string, unknown> = {
          strategicWork: 3,
          competencePlan: 3,
          skillsDigitalisation: 3,
          skillsGreenTransition: 3,
          skillsAutomation: 3,
          skillsUpToDate: upToDate,
          ...(kind === "follow-up" ? { workMoreStrategically: i % 3 === 1 ? "same" : "more" } : {}),
        };
        const res = await participant(apiEvent("POST /api/form/submit", { formToken: tokenFrom(mail.text), body: { answers } }));
        expect(res.statusCode, res.body).toBe(201);
      }
    }
    await counter.drain();
    const before: ProgrammeReport = (await call("GET /api/programmes/{id}/report", { params: { id: p.id } })).body;
    expect(before).toMatchObject({ release: null, releases: [], targets: [] });
    expect(before.baseline).toMatchObject({ invited: 12, submitted: 12 });

    // An interim report waits for the baseline to close.
    const interim = () => call("POST /api/programmes/{id}/releases", { params: { id: p.id }, body: { kind: "interim" } });
    expect((await interim()).body.error.code).toBe("baseline-not-closed");
    const baselineId = `${p.id}-baseline`;
    await roundTasks.close(deps, { roundId: baselineId });
    expect(await roundTasks.aggregate(deps, { roundId: baselineId })).not.toHaveProperty("reportRelease");
    const first = await interim();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: 1, kind: "interim", status: "published", respondents: { professionals: 12, organisations: 12 } });

    const report: ProgrammeReport = (await call("GET /api/programmes/{id}/report", { params: { id: p.id } })).body;
    expect(report.release).toMatchObject({ number: 1 });
    const skills = report.targets.find((t) => t.id === "skills-up-to-date")!;
    expect(skills.total).toMatchObject({ n: 12, share: { value: 0.75, n: 12 }, met: true, matched: 12, baselineShare: { value: 0.3333, n: 12 }, change: { value: 0.4167, n: 12 } });
    const byGender = Object.fromEntries(skills.breakdowns.find((b) => b.dimension === "gender")!.rows.map((r) => [r.segment, r]));
    expect(byGender["non-binary"].share).toEqual({ suppressed: true });
    expect(byGender.man.share).toEqual({ suppressed: true });
    // Published, it is 8 of 12; the protection may hide it (with the gender groups it could single out a person), never show another value.
    const strategic = report.targets.find((t) => t.id === "strategic-work")!.total;
    if ("suppressed" in strategic.share) expect(strategic.met).toBeNull();
    else expect(strategic).toMatchObject({ share: { value: 0.6667, n: 12 }, met: false });

    const exported = await api()(apiEvent("GET /api/programmes/{id}/export.csv", { params: { id: p.id } }));
    expect(exported.headers?.["content-type"]).toMatch(/^text\/csv/);
    const lines = exported.body!.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("table,item,segment,measure,value,n,note");
    expect(lines).toContain("target,skills-up-to-date,all,share,0.75,12,");
    expect(lines).toContain("target,skills-up-to-date,all,met,yes,12,");
    expect(lines).toContain("target,skills-up-to-date,gender:man,share,,,suppressed");
    expect(lines).toContain("measurement,baseline,all,responseRate,1,12,");
    // The XLSX: a sheet per target and breakdown whose rows are the report's, suppressed cells marked.
    const wb = await readXlsxAnswer(await api()(apiEvent("GET /api/programmes/{id}/report.xlsx", { params: { id: p.id } })));
    const sheets = report.targets.flatMap((t) => targetTables(t, "sv"));
    expect(wb.worksheets).toHaveLength(sheets.length + 1);
    sheets.forEach((t, i) => expectSheetIsTable(wb.worksheets[i + 1], t));
    expect(tableRows(wb.worksheets[1 + sheets.findIndex((t) => t.id === "skills-up-to-date")]).find((r) => r[0] === "man")?.slice(2, 5)).toEqual(["skyddad", "skyddad", "skyddad"]);

    // The follow-up closing makes the final report, once; no interim one after it.
    const followUpId = `${p.id}-follow-up`;
    clock.set("2026-10-10T16:00:00Z");
    await roundTasks.close(deps, { roundId: followUpId });
    expect(await roundTasks.aggregate(deps, { roundId: followUpId })).toMatchObject({ reportRelease: 2 });
    expect(await roundTasks.aggregate(deps, { roundId: followUpId })).toMatchObject({ reportRelease: 2 });
    const final: ProgrammeReport = (await call("GET /api/programmes/{id}/report", { params: { id: p.id } })).body;
    expect(final.release).toMatchObject({ number: 2, kind: "final" });
    expect(final.releases.map((r) => r.number)).toEqual([1, 2]);
    expect((await interim()).status).toBe(409);
    expect((await call("GET /api/programmes/{id}/report", { params: { id: p.id }, query: { release: "1" } })).body.release.number).toBe(1);
    expect((await call("GET /api/programmes/{id}/report", { params: { id: p.id }, query: { release: "7" } })).status).toBe(404);
  });
});
