import { describe, expect, it } from "vitest";
import { stateMachineAsl } from "../../infra/template/index";
import { DEFAULT_CYCLE_POLL_SECONDS, DEFAULT_MAX_WAIT_SECONDS } from "../../functions/config/environment";
import { DEFAULT_MAIL_PACE, mailsPerTask } from "../../functions/domain/mail-pace";
import { CreateProgrammeRequest, ScheduleCycleRequest } from "../../shared/schemas";
import { ostergotlandTemplate, resourcesOfType } from "./helpers";

/**
 * What keeps an execution of either state machine from hanging or dying of its history: every
 * Choice has a Default, and the worst-case history of the longest execution Step Functions allows
 * (a Standard execution ends after one year; the status-change rule then marks it, see
 * workflow-failures) stays under the 25,000-event limit, computed from the synthesized definitions.
 */
const HISTORY_LIMIT = 25_000;
const YEAR_SECONDS = 366 * 86_400;
const t = ostergotlandTemplate();
const machines = { round: stateMachineAsl(t, "survey-round").definition, cycle: stateMachineAsl(t, "learning-cycle").definition };

/** History events of passing once through a state; `retried` adds every retrier used to the end (3 events per extra attempt). */
function stateEvents(state: any, retried: boolean): number {
  // Each retrier counts its own attempts: a task may use all of every one.
  const retries = retried ? (state.Retry ?? []).reduce((sum: number, r: any) => sum + (r.MaxAttempts ?? 3), 0) * 3 : 0;
  switch (state.Type) {
    case "Task":
      // Entered, Scheduled, Started, (Submitted for a task token), Succeeded or TimedOut, Exited.
      return (String(state.Resource).endsWith(".waitForTaskToken") ? 6 : 5) + retries;
    case "Fail":
      return 2; // FailStateEntered, ExecutionFailed
    default:
      return 2; // Entered, Exited
  }
}

/** Events of one pass Plan -> Route -> branch -> ... back to Plan (or the end), following Next and the first Catch of a task token's timeout. */
function loopEvents(definition: any, branch: string, retried: boolean): number {
  const S = definition.States;
  let events = stateEvents(S.Plan, retried) + stateEvents(S.Route, retried);
  let name: string | undefined = branch;
  for (let steps = 0; name && name !== "Plan" && steps < 20; steps++) {
    const state: any = S[name];
    events += stateEvents(state, retried);
    const timeoutCatch: any = state.Catch?.find((c: any) => c.ErrorEquals.includes("States.Timeout"));
    name = timeoutCatch ? timeoutCatch.Next : state.Next;
  }
  return events;
}

const branch = (definition: any, next: string) => definition.States.Route.Choices.find((c: any) => c.StringEquals === next).Next as string;

/** Reminders a round and a cycle's stage may have, from the request schemas. */
function maxListLength(test: (n: number) => boolean): number {
  let n = 0;
  while (test(n + 1) && n < 100) n++;
  return n;
}
const at = (d: number) => new Date(Date.UTC(2030, 0, 1) + d * 86_400_000).toISOString();
const schedule = (reminders: number) => ({
  workshopAt: at(0), assignmentDeadline: at(30), lectureAt: at(31), reflectionDeadline: at(60),
  assignmentReminders: Array.from({ length: reminders }, (_, i) => at(1 + i)),
});
const STAGE_REMINDERS = maxListLength((n) => ScheduleCycleRequest.safeParse(schedule(n)).success);
const cohortOf = (n: number) => CreateProgrammeRequest.safeParse({ name: "P", organisationIds: ["5560000001"], personIds: Array.from({ length: n }, (_, i) => `p${i}`) }).success;
/** The largest cohort a programme may have (programme.ts); checked below. */
const COHORT = 1000;
/** The largest round the team plans for (a national survey); rounds have no recipient cap of their own. */
const ROUND_INVITATIONS = 100_000;
/** Each invite or remind task sends for its sending time at the rate, then hands on (functions/domain/mail-pace.ts). */
const PER_TASK = mailsPerTask(DEFAULT_MAIL_PACE);
const tasksFor = (mails: number) => Math.ceil(mails / PER_TASK) + 1;

function worstCase(retried: boolean) {
  const round = machines.round;
  const roundWaitPerSecond = loopEvents(round, branch(round, "wait"), retried) / DEFAULT_MAX_WAIT_SECONDS;
  const roundTotal =
    2 + // ExecutionStarted, ExecutionSucceeded
    YEAR_SECONDS * roundWaitPerSecond +
    (1 + 5 + 1) * loopEvents(round, branch(round, "wait"), retried) + // waits cut short by the opening, 5 reminders, the close
    tasksFor(ROUND_INVITATIONS) * loopEvents(round, branch(round, "invite"), retried) +
    5 * tasksFor(ROUND_INVITATIONS) * loopEvents(round, branch(round, "remind"), retried) +
    loopEvents(round, branch(round, "close"), retried);

  const cycle = machines.cycle;
  // Open stages poll every CYCLE_POLL_SECONDS; a session's record is awaited at most MAX_WAIT_SECONDS per task, then
  // RemindFacilitator runs; other waits are at most MAX_WAIT_SECONDS. The costliest of these per second, for a whole year:
  const cyclePerSecond = Math.max(
    loopEvents(cycle, branch(cycle, "wait"), retried) / Math.min(DEFAULT_CYCLE_POLL_SECONDS, DEFAULT_MAX_WAIT_SECONDS),
    loopEvents(cycle, branch(cycle, "await"), retried) / DEFAULT_MAX_WAIT_SECONDS,
  );
  const batchesPerStage = tasksFor(COHORT);
  const cycleTotal =
    2 +
    YEAR_SECONDS * cyclePerSecond +
    2 * (loopEvents(cycle, branch(cycle, "notify"), retried) + loopEvents(cycle, branch(cycle, "remind-facilitator"), retried) + 2 * loopEvents(cycle, branch(cycle, "await"), retried)) +
    2 * (batchesPerStage * loopEvents(cycle, branch(cycle, "open"), retried) + STAGE_REMINDERS * tasksFor(COHORT) * loopEvents(cycle, branch(cycle, "remind"), retried) + loopEvents(cycle, branch(cycle, "close"), retried)) +
    8 * loopEvents(cycle, branch(cycle, "wait"), retried) + // waits cut short by notice times, reminders and deadlines
    loopEvents(cycle, branch(cycle, "complete"), retried);
  return { round: Math.ceil(roundTotal), cycle: Math.ceil(cycleTotal) };
}

describe("workflow limits of the synthesized state machines", () => {
  it("gives every Choice state a Default, in both machines", () => {
    for (const [machine, definition] of Object.entries(machines)) {
      const choices = Object.entries(definition.States).filter(([, s]: [string, any]) => s.Type === "Choice");
      expect(choices.length, machine).toBeGreaterThan(0);
      for (const [name, s] of choices as [string, any][]) expect(definition.States[s.Default], `${machine}.${name}`).toBeDefined();
    }
  });

  it("keeps a year-long execution of either machine under 40 % of the history limit, and under the limit even if every task used all its retries", () => {
    expect(STAGE_REMINDERS).toBe(3);
    expect([cohortOf(COHORT), cohortOf(COHORT + 1)]).toEqual([true, false]);
    const usual = worstCase(false);
    const retried = worstCase(true);
    expect(usual.round).toBeLessThan(0.4 * HISTORY_LIMIT);
    expect(usual.cycle).toBeLessThan(0.4 * HISTORY_LIMIT);
    expect(retried.round).toBeLessThan(HISTORY_LIMIT);
    expect(retried.cycle).toBeLessThan(HISTORY_LIMIT);
  });

  it("turns each failed, timed-out or aborted execution of both machines into a queued event with retries and a dead-letter queue", () => {
    const [[, rule]] = resourcesOfType(t, "AWS::Events::Rule").filter(([, r]) => r.Properties.EventPattern.source?.includes("aws.states"));
    expect(rule.Properties.EventPattern.detail.status).toEqual(["FAILED", "TIMED_OUT", "ABORTED"]);
    expect(rule.Properties.EventPattern.detail.stateMachineArn).toHaveLength(2);
    const target = rule.Properties.Targets[0];
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    const queueId = target.Arn["Fn::GetAtt"][0];
    const queue = t.Resources[queueId].Properties!;
    expect(queue.RedrivePolicy.deadLetterTargetArn["Fn::GetAtt"][0]).toBe(target.DeadLetterConfig.Arn["Fn::GetAtt"][0]);
    // The queue offers a failed record again for at least a day before it is a dead letter.
    expect(queue.VisibilityTimeout * queue.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(86_400);
    const [[, mapping]] = resourcesOfType(t, "AWS::Lambda::EventSourceMapping").filter(([, m]) => m.Properties.EventSourceArn["Fn::GetAtt"]?.[0] === queueId);
    expect(mapping.Properties.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
    const fn = t.Resources[mapping.Properties.FunctionName.Ref];
    expect(fn.Metadata?.["kompetensbehov:handler"]).toBe("workflow/execution-status");
  });
});
