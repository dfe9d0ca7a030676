import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-remind", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.remind(runtimeDeps("cycle-task"), input));
