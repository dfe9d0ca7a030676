import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { roundCorrelationId, roundTasks, type RoundTaskInput } from "./tasks";

export const handler = loggedTask("plan", roundCorrelationId, (input: RoundTaskInput) => roundTasks.plan(runtimeDeps("round-task"), input));
