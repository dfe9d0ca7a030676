import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-openStage", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.openStage(runtimeDeps("cycle-task"), input));
