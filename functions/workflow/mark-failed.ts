import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { roundCorrelationId, roundTasks, type RoundTaskInput } from "./tasks";

export const handler = loggedTask("markFailed", roundCorrelationId, (input: RoundTaskInput) => roundTasks.markFailed(runtimeDeps("round-task"), input));
