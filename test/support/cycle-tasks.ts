import type { CycleTaskName } from "../../functions/workflow/cycle-tasks";

/** Which task of functions/workflow/cycle-tasks.ts each learning-cycle handler module runs. */
export const CYCLE_TASK_BY_HANDLER: Record<string, CycleTaskName> = {
  "workflow/cycle-plan": "plan",
  "workflow/cycle-notify": "notify",
  "workflow/cycle-await-record": "awaitRecord",
  "workflow/cycle-remind-facilitator": "remindFacilitator",
  "workflow/cycle-open-stage": "openStage",
  "workflow/cycle-remind": "remind",
  "workflow/cycle-close-stage": "closeStage",
  "workflow/cycle-complete": "complete",
  "workflow/cycle-mark-failed": "markFailed",
};
