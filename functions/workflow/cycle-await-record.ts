import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-awaitRecord", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.awaitRecord(runtimeDeps("cycle-task"), input));
