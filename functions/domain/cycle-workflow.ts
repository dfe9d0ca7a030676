import { CYCLE_STAGES, type CycleStage } from "../../shared/schemas";
import { DEFAULT_CYCLE_POLL_SECONDS } from "../config/environment";
import type { Deps } from "../adapters/ports";
import { get, type StoredCycle } from "../stores/cycles";
import { getRound } from "./rounds";
import { currentStage, getCycle, isRecordedStage, sessionTimes, stageDeadline } from "./programme-lookups";

/**
 * The learning cycle's workflow tasks (infra/constructs/learning-cycle-state-machine.ts). Like the
 * survey round's, each is idempotent and reads the time from the clock, and every wait is an
 * absolute time, so an execution can be started again from the top at any moment and reach the
 * same state: no second notice, reminder, invitation or summary.
 *
 * plan() walks the four stages in order and returns the first thing to do:
 *   workshop / lecture   wait until the notice time (noticeDaysBefore ahead) -> notify the cohort
 *                        -> await the facilitator's record until it is due (recordWithinHours after
 *                        the session) -> remind the facilitator -> await until overdue
 *                        (facilitatorGraceHours later) -> overdue (the cycle fails visibly)
 *   assignment /         open (create the stage's round, invite the cohort) -> remind those who
 *   reflection           have not submitted at each reminder time -> close at the deadline or as
 *                        soon as everyone has submitted (the reflection's close mails the
 *                        facilitator a summary); a stage whose deadline passed before it could
 *                        open is closed as skipped, nobody invited
 *   then                 complete
 * A session recorded before its stage comes is not announced any more.
 */
export type CyclePlan = {
  next: "wait" | "notify" | "await" | "remind-facilitator" | "overdue" | "open" | "remind" | "close" | "complete";
  stage?: CycleStage;
  /** For wait: the absolute time to wake up. */
  at?: string;
  /** For await: seconds until the record is due (or overdue), at most MAX_WAIT_SECONDS. */
  timeoutSeconds?: number;
  /** For remind: the reminder's scheduled time. */
  reminderAt?: string;
};

const DEFAULT_POLL_SECONDS = DEFAULT_CYCLE_POLL_SECONDS;
const NOT_ANSWERING = new Set(["opted-out", "bounced"]);
const iso = (t: number) => new Date(t).toISOString();

export async function planCycle(deps: Deps, programmeId: string, n: number): Promise<CyclePlan> {
  const cycle = await getCycle(deps, programmeId, n);
  if (cycle.status === "done") return { next: "complete" };
  const schedule = cycle.schedule;
  if (!schedule) throw new Error(`Cycle ${n} has no schedule`);
  const now = deps.clock().getTime();
  const cap = deps.maxWaitSeconds * 1000;
  const waitUntil = (t: number): CyclePlan => ({ next: "wait", at: iso(Math.min(t, now + cap)) });

  for (const stage of CYCLE_STAGES) {
    if (isRecordedStage(stage)) {
      if (get(cycle, stage, "RecordedAt")) continue;
      const t = sessionTimes(schedule, stage);
      if (!get(cycle, stage, "NoticeSentAt")) return now < t.noticeAt ? waitUntil(t.noticeAt) : { next: "notify", stage };
      const awaitUntil = (until: number): CyclePlan => ({
        next: "await",
        stage,
        timeoutSeconds: Math.max(1, Math.min(Math.ceil((until - now) / 1000), deps.maxWaitSeconds)),
      });
      if (now < t.dueAt) return awaitUntil(t.dueAt);
      if (!get(cycle, stage, "FacilitatorRemindedAt")) return { next: "remind-facilitator", stage };
      if (now < t.overdueAt) return awaitUntil(t.overdueAt);
      return { next: "overdue", stage };
    }
    if (get(cycle, stage, "ClosedAt")) continue;
    const deadline = stageDeadline(schedule, stage);
    if (!get(cycle, stage, "OpenedAt")) return { next: now >= deadline ? "close" : "open", stage };
    if (now >= deadline) return { next: "close", stage };
    const roundId = get(cycle, stage, "RoundId")!;
    const answering = (await deps.stores.invitations.list(roundId, { consistent: true })).filter((i) => !NOT_ANSWERING.has(i.status));
    if (answering.length > 0 && answering.every((i) => i.status === "submitted")) return { next: "close", stage };
    const round = await getRound(deps, roundId);
    const pending = round.reminders.filter((r) => !(round.remindersDone ?? []).includes(r));
    const due = pending.find((r) => Date.parse(r) <= now);
    if (due) return { next: "remind", stage, reminderAt: due };
    const upcoming = pending.map(Date.parse).filter((t) => t > now);
    return waitUntil(Math.min(...upcoming, deadline, now + (deps.cyclePollSeconds ?? DEFAULT_POLL_SECONDS) * 1000));
  }
  return { next: "complete" };
}

export async function completeCycle(deps: Deps, programmeId: string, n: number): Promise<{ status: "done" }> {
  await deps.stores.cycles.markDone(programmeId, n, deps.clock().toISOString());
  return { status: "done" };
}

const STAGE_NAMES: Record<CycleStage, string> = { workshop: "workshop", assignment: "home assignment", lecture: "lecture", reflection: "reflection" };

/** The error state the facilitator sees on the cycle: what stopped, never the internals of why. */
export async function markCycleFailed(deps: Deps, programmeId: string, n: number, error: { Error?: string } | undefined): Promise<{ status: "error" }> {
  let cycle: StoredCycle;
  try {
    cycle = await getCycle(deps, programmeId, n);
  } catch {
    return { status: "error" };
  }
  await deps.stores.cycles.markFailed(programmeId, n, cycleFailureMessage(cycle, error?.Error), deps.clock().toISOString());
  return { status: "error" };
}

/** The error message the facilitator sees on the cycle: the stage it stopped at and the error's name only. */
export function cycleFailureMessage(cycle: StoredCycle, errorName: string | undefined): string {
  const stage = currentStage(cycle);
  const n = cycle.cycle;
  return errorName === "RecordOverdue" && (stage === "workshop" || stage === "lecture")
    ? `The ${STAGE_NAMES[stage]} of cycle ${n} was not recorded in time. Record it, then start the cycle again to carry on.`
    : `The cycle's workflow stopped${stage !== "done" ? ` at the ${STAGE_NAMES[stage]}` : ""} (${String(errorName ?? "unknown error").slice(0, 80)}). Operations has been alerted; starting the cycle again resumes where it stopped.`;
}

