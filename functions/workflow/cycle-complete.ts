import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-complete", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.complete(runtimeDeps("cycle-task"), input));
