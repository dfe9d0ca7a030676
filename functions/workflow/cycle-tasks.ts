import type { Deps } from "../adapters/ports";
import { completeCycle, markCycleFailed, planCycle } from "../domain/cycle-workflow";
import { awaitRecord, notifyCohort, remindFacilitator } from "../domain/cycle-sessions";
import { closeStage, openStage, remindStage } from "../domain/cycle-stage-rounds";

/**
 * The learning cycle's Lambda tasks, one per state of infra/constructs/learning-cycle-state-machine.ts.
 * Each takes the state's Parameters (Payload) as its event.
 */
export type CycleTaskInput = {
  programmeId: string;
  cycle: number;
  stage?: string;
  reminderAt?: string;
  /** AwaitRecord only: the task token of the waiting state. */
  token?: string;
  error?: { Error?: string; Cause?: string };
  /** The state machine passes its execution's name ($$.Execution.Name). */
  executionName?: string;
};

function ids(input: CycleTaskInput): [string, number] {
  if (typeof input?.programmeId !== "string" || !input.programmeId) throw new Error("programmeId missing from task input");
  if (!Number.isInteger(input.cycle) || input.cycle < 1) throw new Error("cycle missing from task input");
  return [input.programmeId, input.cycle];
}

/** Logs carry the execution's name (`<programmeId>-c<n>-<attempt>`) when the state machine passes it, else its stem. */
export const cycleCorrelationId = (input: CycleTaskInput) => `cycle:${input?.executionName ?? `${input?.programmeId}-c${input?.cycle}`}`;

export const cycleTasks = {
  plan: (deps: Deps, input: CycleTaskInput) => planCycle(deps, ...ids(input)),
  notify: (deps: Deps, input: CycleTaskInput) => notifyCohort(deps, ...ids(input), input.stage),
  awaitRecord: (deps: Deps, input: CycleTaskInput) => awaitRecord(deps, ...ids(input), input.stage, input.token),
  remindFacilitator: (deps: Deps, input: CycleTaskInput) => remindFacilitator(deps, ...ids(input), input.stage),
  openStage: (deps: Deps, input: CycleTaskInput) => openStage(deps, ...ids(input), input.stage),
  remind: (deps: Deps, input: CycleTaskInput) => remindStage(deps, ...ids(input), input.stage, input.reminderAt),
  closeStage: (deps: Deps, input: CycleTaskInput) => closeStage(deps, ...ids(input), input.stage),
  complete: (deps: Deps, input: CycleTaskInput) => completeCycle(deps, ...ids(input)),
  markFailed: (deps: Deps, input: CycleTaskInput) => markCycleFailed(deps, ...ids(input), input.error),
};

export type CycleTaskName = keyof typeof cycleTasks;
