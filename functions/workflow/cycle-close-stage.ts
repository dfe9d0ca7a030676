import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-closeStage", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.closeStage(runtimeDeps("cycle-task"), input));
