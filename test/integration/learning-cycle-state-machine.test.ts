import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StateMachine } from "aws-local-stepfunctions";
import { createTestTable, cachedTemplate } from "../support/dynamodb";
import { responseCounter } from "../support/streams";
import { apiEvent, outbox, recordingCycleWorkflows, testDeps, tokenFrom, virtualClock, seedTestProject, TEST_PROJECT } from "../support/deps";
import { orgNumber, organisationRequest, validAnswers } from "../support/fixtures";
import { stateMachineAsl } from "../../infra/template";
import { prepareDefinition } from "../../infra/local/asl-definition";
import { ownerApi } from "../../functions/api/owner-api";
import { participantApi } from "../../functions/api/participant-api";
import { programmeApi } from "../../functions/api/programme-api";
import { cycleTasks, type CycleTaskInput, type CycleTaskName } from "../../functions/workflow/cycle-tasks";
import { CYCLE_TASK_BY_HANDLER } from "../support/cycle-tasks";
import { getCycle, stageRoundId } from "../../functions/domain/programme-lookups";
import type { CyclePlan } from "../../functions/domain/cycle-workflow";
import { getInstrument } from "../../shared/instruments";
import type { CycleWorkflows, Deps, TableRef } from "../../functions/adapters/ports";
import type { ProgrammeReport, RoundStage } from "../../shared/schemas";

/**
 * The learning-cycle state machine, run from the ASL of the synthesized stack on the local ASL
 * engine, with the Lambda tasks bound to the real task code on DynamoDB Local. Time is compressed:
 * every Wait takes 0 ms and the clock jumps to the Wait's timestamp; the waitForTaskToken task
 * (AwaitRecord) registers its token through the real task, then the clock runs through the events
 * until the facilitator's record completes it (SendTaskSuccess through the cycle workflows port)
 * or its timeout passes (States.Timeout, as Step Functions raises it).
 */
const asl = stateMachineAsl(cachedTemplate(), "LearningCycle");
const taskHandlers = asl.taskHandlers;
/** As the local stack runs it (the interpreter reads TimeoutSecondsPath after Parameters; see prepareDefinition). */
const definition = prepareDefinition(asl.definition);
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Event = { time: string; act: () => Promise<void> };
type Scenario = {
  deps: Deps;
  clock: ReturnType<typeof virtualClock>;
  events: Event[];
  /** Called after every task; `abort` stops the execution there. */
  after?: (task: CycleTaskName, input: CycleTaskInput, abort: () => void) => void;
};

/** The waiting AwaitRecord task, completed by the port's sendTaskSuccess. */
let waiting: { token: string; resolve: (output: unknown) => void } | undefined;
let tokenSeq = 0;
const completingCycles = (): CycleWorkflows =>
  recordingCycleWorkflows((token, output) => {
    if (waiting?.token !== token) return false;
    waiting.resolve(output);
    waiting = undefined;
    return true;
  });

async function runDue(s: Scenario, until: number, stopWhen?: () => boolean) {
  for (;;) {
    const next = s.events.filter((e) => Date.parse(e.time) <= until).sort((a, b) => Date.parse(a.time) - Date.parse(b.time))[0];
    if (!next) return;
    s.events.splice(s.events.indexOf(next), 1);
    if (Date.parse(next.time) > s.clock.now().getTime()) s.clock.set(next.time);
    await next.act();
    if (stopWhen?.()) return;
  }
}

function execute(programmeId: string, cycle: number, s: Scenario) {
  let lastPlan: CyclePlan | undefined;
  let abort = () => {};
  const handlers: Record<string, (input: any) => Promise<any>> = Object.fromEntries(
    Object.entries(taskHandlers).map(([state, handler]) => [
      state,
      async (raw: any) => {
        const task = CYCLE_TASK_BY_HANDLER[handler];
        const input: CycleTaskInput = task === "awaitRecord" ? raw.Payload : raw;
        if (task === "plan" && lastPlan?.next === "wait") {
          s.clock.set(lastPlan.at!);
          await runDue(s, s.clock.now().getTime());
        }
        if (task === "awaitRecord") {
          const token = `token-${++tokenSeq}`;
          await cycleTasks.awaitRecord(s.deps, { ...input, token });
          const settled = new Promise((resolve) => (waiting = { token, resolve }));
          const timeoutAt = s.clock.now().getTime() + lastPlan!.timeoutSeconds! * 1000;
          let done = false;
          void settled.then(() => (done = true));
          await runDue(s, timeoutAt, () => waiting?.token !== token);
          if (waiting?.token === token) {
            waiting = undefined;
            s.clock.set(timeoutAt);
            throw Object.assign(new Error("Task timed out"), { name: "States.Timeout" });
          }
          void done;
          return await settled;
        }
        const result = await cycleTasks[task](s.deps, input);
        if (task === "plan") lastPlan = result as CyclePlan;
        s.after?.(task, input, abort);
        return result as never;
      },
    ]),
  );
  const execution = new StateMachine(definition as never).run({ programmeId, cycle } as never, {
    context: { Execution: { Name: `${programmeId}-c${cycle}-1` } },
    overrides: {
      taskResourceLocalHandlers: handlers,
      waitTimeOverrides: { WaitUntilNext: 0 },
      retryIntervalOverrides: Object.fromEntries(Object.keys(taskHandlers).map((n) => [n, 0])),
    },
  });
  abort = () => execution.abort();
  return execution.result;
}

let table: TableRef;
let drop: () => Promise<void>;
let counter: ReturnType<typeof responseCounter>;
let countingDeps: Deps;
beforeAll(async () => {
  const t = await createTestTable();
  drop = t.drop;
  table = { doc: t.docClient, name: t.tableName };
  // The stream consumer marks invitations submitted and counts, as it does beside the machine on AWS.
  counter = responseCounter(t, () => countingDeps);
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

/** Cycle n (1..4): workshop on a Tuesday, assignment a week, lecture, reflection five days. */
function scheduleOf(n: number) {
  const workshop = Date.parse("2026-09-01T08:00:00Z") + (n - 1) * 14 * DAY;
  return {
    workshopAt: new Date(workshop).toISOString(),
    assignmentDeadline: new Date(workshop + 6 * DAY).toISOString(),
    lectureAt: new Date(workshop + 7 * DAY).toISOString(),
    reflectionDeadline: new Date(workshop + 12 * DAY).toISOString(),
  };
}

let seq = 0;
type Setup = { programmeId: string; emails: string[]; personIds: string[]; api: ReturnType<typeof programmeApi> };

async function programmeWithCohort(deps: Deps, cycles = 4): Promise<Setup> {
  const owner = ownerApi(() => deps);
  const base = 1000 + 10 * ++seq;
  const orgIds: string[] = [];
  const emails: string[] = [];
  for (let i = 0; i < 3; i++) {
    const email = `deltagare${base + i}@example.se`;
    const req = organisationRequest(i, { orgNumber: orgNumber(base + i), contactEmail: email, contactName: `Deltagare ${i + 1}` });
    expect((await owner(apiEvent("POST /api/organisations", { body: req }))).statusCode).toBe(201);
    orgIds.push(orgNumber(base + i));
    emails.push(email);
  }
  const api = programmeApi(() => deps);
  const res = await api(apiEvent("POST /api/programmes", { body: { name: "Lärande nätverk", organisationIds: orgIds, cycles, facilitator: { name: "Fia", email: "fia@example.se" } } }));
  expect(res.statusCode).toBe(201);
  const programme = JSON.parse(res.body!);
  for (let n = 1; n <= cycles; n++) {
    const r = await api(apiEvent("POST /api/programmes/{id}/cycles/{n}/schedule", { params: { id: programme.id, n: String(n) }, body: scheduleOf(n) }));
    expect(r.statusCode, r.body).toBe(200);
  }
  return { programmeId: programme.id, emails, personIds: programme.personIds, api };
}

async function start(p: Setup, n: number) {
  const res = await p.api(apiEvent("POST /api/programmes/{id}/cycles/{n}/start", { params: { id: p.programmeId, n: String(n) } }));
  expect(res.statusCode, res.body).toBe(202);
}

const record = (p: Setup, n: number, stage: "workshop" | "lecture", attendance = p.personIds) => async () => {
  const body = stage === "lecture" ? { attendance, materialUrl: "https://example.se/material.pdf" } : { attendance, notes: "Bra diskussion." };
  const res = await p.api(apiEvent(`POST /api/programmes/{id}/cycles/{n}/${stage}`, { params: { id: p.programmeId, n: String(n) }, body }));
  expect(res.statusCode, res.body).toBe(200);
};

const mails = async (p: Setup, kind?: string) =>
  (await outbox(table)).filter((m: any) => (m.programmeId === p.programmeId || m.roundId?.startsWith(p.programmeId)) && (!kind || m.kind === kind));

const submit = (deps: Deps, p: Setup, n: number, stage: RoundStage, email: string) => async () => {
  const roundId = stageRoundId(p.programmeId, n, stage);
  const mail = (await outbox(table)).find((m) => m.roundId === roundId && m.kind === "invitation" && m.to === email);
  expect(mail, `invitation of ${email} to ${roundId}`).toBeDefined();
  const instrument = getInstrument(stage === "assignment" ? "home-assignment" : "reflection", 1)!;
  const form = JSON.parse(
    (await participantApi(() => deps)(apiEvent("GET /api/form", { formToken: tokenFrom(mail!.text) }))).body!,
  );
  // The participant sees the facilitator's assignment on the form itself, not only in the mail.
  if (stage === "assignment") expect(form.round.brief?.sv).toBeTruthy();
  else expect(form.round.brief).toBeUndefined();
  const res = await participantApi(() => deps)(
    apiEvent("POST /api/form/submit", { formToken: tokenFrom(mail!.text), body: { answers: validAnswers(instrument, 0) } }),
  );
  expect(res.statusCode, res.body).toBe(201);
  countingDeps = deps;
  await counter.drain();
};

/**
 * The facilitator records the workshop `workshopRecordedAfter` after it (2 hours unless said) and
 * the lecture on time; the first two participants submit, the third never does.
 */
function usualCycle(deps: Deps, p: Setup, n: number, workshopRecordedAfter = 2 * HOUR): Event[] {
  const s = scheduleOf(n);
  const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
  return [
    { time: at(s.workshopAt, workshopRecordedAfter), act: record(p, n, "workshop", p.personIds.slice(0, 2)) },
    { time: at(s.workshopAt, workshopRecordedAfter + 1 * DAY), act: submit(deps, p, n, "assignment", p.emails[0]) },
    { time: at(s.workshopAt, workshopRecordedAfter + 2 * DAY), act: submit(deps, p, n, "assignment", p.emails[1]) },
    { time: at(s.lectureAt, 3 * HOUR), act: record(p, n, "lecture") },
    { time: at(s.lectureAt, 1 * DAY), act: submit(deps, p, n, "reflection", p.emails[0]) },
    { time: at(s.lectureAt, 2 * DAY), act: submit(deps, p, n, "reflection", p.emails[1]) },
  ];
}

describe("learning-cycle state machine (synthesized ASL on the local engine)", () => {
  let clock: ReturnType<typeof virtualClock>;
  let deps: Deps;
  beforeEach(async () => {
    clock = virtualClock("2026-08-20T09:00:00Z");
    deps = testDeps(table, { clock: clock.now, cycles: completingCycles(), maxWaitSeconds: 7 * 86400, cyclePollSeconds: 6 * 3600 });
    await seedTestProject(deps, TEST_PROJECT, { "owner@example.se": "project-owner", "fia@example.se": "facilitator" });
    waiting = undefined;
  });

  it("runs a whole programme of four cycles: notices, records, home assignments, lectures, reflections and a summary each", async () => {
    const p = await programmeWithCohort(deps);
    for (let n = 1; n <= 4; n++) {
      await start(p, n);
      await execute(p.programmeId, n, { deps, clock, events: usualCycle(deps, p, n) });
      const cycle = await getCycle(deps, p.programmeId, n);
      expect(cycle.status).toBe("done");
      expect(cycle.workshopAttendance).toEqual(p.personIds.slice(0, 2));
      expect(cycle.lectureMaterialUrl).toBe("https://example.se/material.pdf");
    }
    // Each person: a notice before each workshop and lecture, an invitation to each assignment and reflection.
    expect(await mails(p, "cohort-notice")).toHaveLength(3 * 2 * 4);
    expect(await mails(p, "invitation")).toHaveLength(3 * 2 * 4);
    const summaries = (await mails(p, "facilitator-notice")).filter((m) => m.subject.startsWith("Sammanfattning"));
    expect(summaries.map((m) => m.to)).toEqual(Array(4).fill("fia@example.se"));
    expect(summaries.find((m) => m.subject.includes("cykel 1"))!.text).toMatch(/Hemuppgift: 2 av 3 lämnade in/);
    expect(summaries.find((m) => m.subject.includes("cykel 4"))!.text).toMatch(/sista cykel/);

    const report: ProgrammeReport = JSON.parse((await p.api(apiEvent("GET /api/programmes/{id}/report", { params: { id: p.programmeId } }))).body!);
    expect(report.cycles.map((c) => [c.status, c.workshopAttendance?.attended, c.assignmentSubmission?.submitted, c.lectureAttendance?.attended])).toEqual(
      Array(4).fill(["done", 2, 2, 3]),
    );
  });

  it("reminds only the participant who never submits the assignment, and ends the stage at its deadline", async () => {
    const p = await programmeWithCohort(deps, 1);
    await start(p, 1);
    await execute(p.programmeId, 1, { deps, clock, events: usualCycle(deps, p, 1) });
    const roundId = stageRoundId(p.programmeId, 1, "assignment");
    const reminders = (await outbox(table)).filter((m) => m.roundId === roundId && m.kind === "reminder");
    expect(reminders.map((m) => m.to)).toEqual([p.emails[2]]);
    const cycle = await getCycle(deps, p.programmeId, 1);
    expect(cycle.assignmentClosedAt).toBe(scheduleOf(1).assignmentDeadline);
  });

  it("ends a stage early when everyone has submitted", async () => {
    const p = await programmeWithCohort(deps, 1);
    await start(p, 1);
    const s = scheduleOf(1);
    // The two others submit two hours and one and two days after the workshop; the third comes last.
    const lastSubmission = new Date(Date.parse(s.workshopAt) + 3 * DAY).toISOString();
    const events = usualCycle(deps, p, 1).concat({ time: lastSubmission, act: submit(deps, p, 1, "assignment", p.emails[2]) });
    await execute(p.programmeId, 1, { deps, clock, events });
    const cycle = await getCycle(deps, p.programmeId, 1);
    const closedAt = Date.parse(cycle.assignmentClosedAt as string);
    expect(closedAt).toBeLessThan(Date.parse(s.assignmentDeadline));
    expect(closedAt - Date.parse(lastSubmission)).toBeLessThanOrEqual(deps.cyclePollSeconds! * 1000);
    expect((await outbox(table)).filter((m) => m.roundId === stageRoundId(p.programmeId, 1, "assignment") && m.kind === "reminder")).toEqual([]);
  });

  it("reminds a facilitator who records late, and carries on when the record comes before it is overdue", async () => {
    const p = await programmeWithCohort(deps, 1);
    await start(p, 1);
    const s = scheduleOf(1);
    const late = new Date(Date.parse(s.workshopAt) + 58 * HOUR).toISOString();
    await execute(p.programmeId, 1, { deps, clock, events: usualCycle(deps, p, 1, 58 * HOUR) });
    const cycle = await getCycle(deps, p.programmeId, 1);
    expect(cycle.status).toBe("done");
    expect(cycle.workshopRecordedAt).toBe(late);
    expect(cycle.workshopFacilitatorRemindedAt).toBe(new Date(Date.parse(s.workshopAt) + 48 * HOUR).toISOString());
    const reminders = (await mails(p, "facilitator-notice")).filter((m) => m.subject.startsWith("Påminnelse"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toMatch(/registrera|Registrera/);
  });

  it("puts the cycle in a visible error state when the facilitator never records the workshop", async () => {
    const p = await programmeWithCohort(deps, 1);
    await start(p, 1);
    await expect(execute(p.programmeId, 1, { deps, clock, events: [] })).rejects.toThrow(/learning cycle failed/);
    const cycle = await getCycle(deps, p.programmeId, 1);
    expect(cycle.status).toBe("error");
    expect(cycle.error).toMatch(/workshop of cycle 1 was not recorded in time/);
    const s = scheduleOf(1);
    expect(clock.now().toISOString()).toBe(new Date(Date.parse(s.workshopAt) + (48 + 72) * HOUR).toISOString());
    expect((await mails(p, "facilitator-notice")).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(1);
    expect(await mails(p, "invitation")).toHaveLength(0);
    const view = JSON.parse((await p.api(apiEvent("GET /api/programmes/{id}", { params: { id: p.programmeId } }))).body!);
    expect(view.cycleViews[0]).toMatchObject({ status: "error", stage: "workshop", error: expect.stringMatching(/not recorded/) });
  });

  it("sends nothing twice when the execution is stopped half-way or started again from the top", async () => {
    const p = await programmeWithCohort(deps, 1);
    await start(p, 1);
    const events = usualCycle(deps, p, 1);
    const first = execute(p.programmeId, 1, {
      deps,
      clock,
      events,
      after: (task, input, abort) => {
        if (task === "remind" && input.stage === "assignment") abort();
      },
    });
    await expect(first).rejects.toThrow();
    const before = (await mails(p)).length;
    expect(before).toBeGreaterThan(0);

    await execute(p.programmeId, 1, { deps, clock, events });
    const afterRun = await mails(p);
    expect(afterRun.filter((m) => m.kind === "cohort-notice")).toHaveLength(6);
    expect(afterRun.filter((m) => m.kind === "invitation")).toHaveLength(6);
    expect(afterRun.filter((m) => m.kind === "reminder" && m.roundId === stageRoundId(p.programmeId, 1, "assignment"))).toHaveLength(1);
    expect((await getCycle(deps, p.programmeId, 1)).status).toBe("done");

    await execute(p.programmeId, 1, { deps, clock, events: [] });
    expect((await mails(p)).length).toBe(afterRun.length);
  });
});
