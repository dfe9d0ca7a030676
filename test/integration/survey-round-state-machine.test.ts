import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StateMachine } from "aws-local-stepfunctions";
import { createTestTable, cachedTemplate } from "../support/dynamodb";
import { apiEvent, outbox, testDeps, tokenFrom, virtualClock, seedTestProject } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { responseCounter } from "../support/streams";
import { stateMachineAsl } from "../../infra/template";
import { ownerApi } from "../../functions/api/owner-api";
import { participantApi } from "../../functions/api/participant-api";
import { roundTasks, type RoundTaskInput, type RoundTaskName } from "../../functions/workflow/tasks";
import { getRound } from "../../functions/domain/rounds";
import { getInstrument, latestVersion } from "../../shared/instruments";
import type { Deps, Mailer, TableRef } from "../../functions/adapters/ports";
import type { PlanResult } from "../../functions/domain/round-workflow";

/**
 * The survey round's state machine, run from the ASL of the synthesized stack on the local ASL
 * engine, with the Lambda tasks bound to the real task code on DynamoDB Local. Time is
 * compressed: every Wait takes 0 ms and the clock jumps to the timestamp the Wait was given.
 */
const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const { definition, taskHandlers } = stateMachineAsl(cachedTemplate(), "SurveyRound");
const TASK_BY_HANDLER: Record<string, RoundTaskName> = {
  "workflow/plan": "plan",
  "workflow/invite": "invite",
  "workflow/remind": "remind",
  "workflow/close": "close",
  "workflow/aggregate": "aggregate",
  "workflow/notify": "notify",
  "workflow/mark-failed": "markFailed",
};

type Scenario = {
  deps: Deps;
  clock: ReturnType<typeof virtualClock>;
  /** Things participants do at a given time, run when the clock passes it. */
  at: { time: string; act: () => Promise<void> }[];
  onPlan?: (plan: PlanResult, abort: () => void) => void;
};

function execute(roundId: string, s: Scenario) {
  let lastPlan: PlanResult | undefined;
  let abort = () => {};
  const handlers = Object.fromEntries(
    Object.entries(taskHandlers).map(([state, handler]) => [
      state,
      async (input: unknown) => {
        const task = TASK_BY_HANDLER[handler];
        if (task === "plan" && lastPlan?.next === "wait") {
          s.clock.set(lastPlan.at!);
          for (const e of s.at.filter((e) => Date.parse(e.time) <= s.clock.now().getTime())) {
            s.at.splice(s.at.indexOf(e), 1);
            await e.act();
          }
        }
        const result = await roundTasks[task](s.deps, input as RoundTaskInput);
        if (task === "plan") {
          lastPlan = result as PlanResult;
          s.onPlan?.(lastPlan, abort);
        }
        return result as never;
      },
    ]),
  );
  const machine = new StateMachine(definition as never);
  const execution = machine.run(
    { roundId },
    {
      context: { Execution: { Name: `${roundId}-1` } },
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: { WaitUntilNext: 0 },
        retryIntervalOverrides: Object.fromEntries(Object.keys(taskHandlers).map((s) => [s, 0])),
      },
    },
  );
  abort = () => execution.abort();
  return execution.result;
}

let table: TableRef;
let drop: () => Promise<void>;
let counter: ReturnType<typeof responseCounter>;
let currentDeps: Deps;

beforeAll(async () => {
  const t = await createTestTable();
  drop = t.drop;
  table = { doc: t.docClient, name: t.tableName };
  // The stream consumer runs beside the state machine, as it does on AWS.
  counter = responseCounter(t, () => currentDeps);
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

const ROUND = {
  name: "Kompetensbehov 2026",
  opensAt: "2026-05-04T07:00:00Z",
  closesAt: "2026-05-25T15:00:00Z",
  reminders: ["2026-05-11T07:00:00Z", "2026-05-18T07:00:00Z"],
};

let seq = 0;
async function launchedRound(deps: Deps) {
  const owner = ownerApi(() => deps);
  const base = 100 * ++seq;
  for (let i = 0; i < 6; i++) {
    const req = organisationRequest(i, { orgNumber: organisationRequest(base + i).orgNumber, contactEmail: `p${base + i}@example.se` });
    expect((await owner(apiEvent("POST /api/organisations", { body: req }))).statusCode).toBe(201);
  }
  const ids = Array.from({ length: 6 }, (_, i) => organisationRequest(base + i).orgNumber);
  const created = await owner(apiEvent("POST /api/rounds", { body: { ...ROUND, recipients: { organisationIds: ids } } }));
  const roundId = JSON.parse(created.body!).id as string;
  expect((await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
  return roundId;
}

const mails = async (roundId: string, kind?: string) => (await outbox(table)).filter((m) => m.roundId === roundId && (!kind || m.kind === kind));

async function submitAs(deps: Deps, roundId: string, email: string) {
  const mail = (await mails(roundId, "invitation")).find((m) => m.to === email)!;
  const res = await participantApi(() => deps)(
    apiEvent("POST /api/form/submit", { formToken: tokenFrom(mail.text), body: { answers: validAnswers(instrument, 1) } }),
  );
  expect(res.statusCode).toBe(201);
  await counter.drain();
}

describe("survey-round state machine (synthesized ASL on the local engine)", () => {
  let clock: ReturnType<typeof virtualClock>;
  let deps: Deps;
  beforeEach(async () => {
    clock = virtualClock("2026-05-01T12:00:00Z");
    deps = testDeps(table, { clock: clock.now });
    await seedTestProject(deps);
    currentDeps = deps;
  });

  it("waits for the opening, invites everyone, reminds only non-responders, closes, aggregates and notifies", async () => {
    const roundId = await launchedRound(deps);
    const emails = Array.from({ length: 6 }, (_, i) => `p${100 * seq + i}@example.se`);
    const result = await execute(roundId, {
      deps,
      clock,
      at: [
        { time: "2026-05-06T10:00:00Z", act: () => submitAs(deps, roundId, emails[0]) },
        { time: "2026-05-06T11:00:00Z", act: () => submitAs(deps, roundId, emails[1]) },
        { time: "2026-05-15T09:00:00Z", act: () => submitAs(deps, roundId, emails[2]) },
      ],
    });
    expect(result).toBeTruthy();
    expect((await mails(roundId, "invitation")).map((m) => m.to).sort()).toEqual([...emails].sort());
    const reminders = await mails(roundId, "reminder");
    expect(reminders.filter((m) => m.text).length).toBe(4 + 3);
    expect(reminders.map((m) => m.to)).not.toContain(emails[0]);
    expect(reminders.filter((m) => m.to === emails[2])).toHaveLength(1);
    const round = await getRound(deps, roundId);
    expect(round.status).toBe("closed");
    expect(round.aggregatedAt).toBeDefined();
    expect(round.submittedCount).toBe(3);
    expect(await mails(roundId, "owner-notice")).toHaveLength(1);
    // The clock never ran past the closing time: the close came at it, not a day later.
    expect(Date.parse(round.closedAt!)).toBe(Date.parse(ROUND.closesAt));
  });

  it("sends nothing twice when a finished execution is started again from the top", async () => {
    const roundId = await launchedRound(deps);
    await execute(roundId, { deps, clock, at: [] });
    const before = (await mails(roundId)).length;
    await execute(roundId, { deps, clock, at: [] });
    expect((await mails(roundId)).length).toBe(before);
    expect((await getRound(deps, roundId)).status).toBe("closed");
  });

  it("resumes an execution stopped half-way without a second invitation or reminder", async () => {
    const roundId = await launchedRound(deps);
    const first = execute(roundId, {
      deps,
      clock,
      at: [],
      onPlan: (plan, abort) => {
        if (plan.next === "remind" && Date.parse(plan.reminderAt!) === Date.parse(ROUND.reminders[1])) abort();
      },
    });
    await expect(first).rejects.toThrow();
    expect(await mails(roundId, "invitation")).toHaveLength(6);
    expect(await mails(roundId, "reminder")).toHaveLength(6);

    await execute(roundId, { deps, clock, at: [] });
    expect(await mails(roundId, "invitation")).toHaveLength(6);
    const reminders = await mails(roundId, "reminder");
    expect(reminders).toHaveLength(12);
    for (const email of new Set(reminders.map((m) => m.to))) expect(reminders.filter((m) => m.to === email)).toHaveLength(2);
    expect((await getRound(deps, roundId)).status).toBe("closed");
  });

  it("leaves the round in a visible error state when a task keeps failing", async () => {
    const roundId = await launchedRound(deps);
    const failingMailer: Mailer = {
      async send(message) {
        if (message.kind === "owner-notice") throw new Error("SES said: MessageRejected arn:aws:ses:secret");
        return deps.mailer.send(message);
      },
    };
    await expect(execute(roundId, { deps: { ...deps, mailer: failingMailer }, clock, at: [] })).rejects.toThrow();
    const round = await getRound(deps, roundId);
    expect(round.status).toBe("error");
    expect(round.error).toMatch(/stopped/);
    expect(round.error).not.toMatch(/arn:aws|secret/);
  });

  it("goes straight to closing when an early close was requested", async () => {
    const roundId = await launchedRound(deps);
    clock.set("2026-05-05T12:00:00Z");
    await roundTasks.invite(deps, { roundId });
    await ownerApi(() => deps)(apiEvent("POST /api/rounds/{id}/close", { params: { id: roundId } }));
    await execute(roundId, { deps, clock, at: [] });
    const round = await getRound(deps, roundId);
    expect(round.status).toBe("closed");
    expect(Date.parse(round.closedAt!)).toBe(Date.parse("2026-05-05T12:00:00Z"));
    expect(await mails(roundId, "reminder")).toHaveLength(0);
  });
});
