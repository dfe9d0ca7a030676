import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { cycleCorrelationId, cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = loggedTask("cycle-plan", cycleCorrelationId, (input: CycleTaskInput) => cycleTasks.plan(runtimeDeps("cycle-task"), input));
