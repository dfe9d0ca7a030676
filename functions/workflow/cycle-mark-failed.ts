import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-markFailed", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.markFailed(runtimeDeps("cycle-task"), input));
