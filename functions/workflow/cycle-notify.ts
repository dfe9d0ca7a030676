import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-notify", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.notify(runtimeDeps("cycle-task"), input));
