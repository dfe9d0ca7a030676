import { startRetention } from "../domain/retention";
import type { Deps } from "../adapters/ports";
import * as round from "../domain/round-workflow";
import { invite, remind } from "../domain/round-mailing";
import { publishFinalRelease } from "../domain/releases";
import { publishFinalProgrammeRelease } from "../domain/programme-releases";
import { getRound } from "../domain/rounds";

/**
 * The survey round's Lambda tasks, one per state. Each takes the state's Parameters as its event
 * and returns what the state machine keeps (Plan's result drives the Choice).
 */
export type RoundTaskInput = {
  roundId: string;
  reminderAt?: string;
  error?: { Error?: string; Cause?: string };
  /** The state machine passes its execution's name ($$.Execution.Name). */
  executionName?: string;
};

function roundId(input: RoundTaskInput): string {
  if (typeof input?.roundId !== "string" || !input.roundId) throw new Error("roundId missing from task input");
  return input.roundId;
}

/** Logs carry the execution's name (`<roundId>-<attempt>`) when the state machine passes it, else the round id, its stem. */
export const roundCorrelationId = (input: RoundTaskInput) => `round:${input?.executionName ?? input?.roundId}`;

export const roundTasks = {
  plan: (deps: Deps, input: RoundTaskInput) => round.plan(deps, roundId(input)),
  invite: (deps: Deps, input: RoundTaskInput) => invite(deps, roundId(input)),
  remind: (deps: Deps, input: RoundTaskInput) => {
    if (!input.reminderAt) throw new Error("reminderAt missing from task input");
    return remind(deps, roundId(input), input.reminderAt);
  },
  close: (deps: Deps, input: RoundTaskInput) => round.close(deps, roundId(input)),
  // The final release follows the exact recount; both are idempotent, so a restarted Aggregate redoes nothing.
  aggregate: async (deps: Deps, input: RoundTaskInput) => {
    const counted = await round.aggregate(deps, roundId(input));
    const release = await publishFinalRelease(deps, roundId(input));
    // A programme's follow-up closing also makes the programme report's final release.
    const closed = await getRound(deps, roundId(input));
    const report = await publishFinalProgrammeRelease(deps, closed);
    // Released: from now on the raw answers only wait for their retention (shared/retention.ts).
    const retention = await startRetention(deps, closed);
    return { ...counted, release: release.number, releaseStatus: release.status, ...(report ? { reportRelease: report.number } : {}), retentionStarted: retention.rounds.length };
  },
  notify: (deps: Deps, input: RoundTaskInput) => round.notify(deps, roundId(input)),
  markFailed: (deps: Deps, input: RoundTaskInput) => round.markFailed(deps, roundId(input), input.error),
};

export type RoundTaskName = keyof typeof roundTasks;
