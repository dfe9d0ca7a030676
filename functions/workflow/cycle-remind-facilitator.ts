import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-remindFacilitator", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.remindFacilitator(runtimeDeps("cycle-task"), input));
