import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { roundCorrelationId, roundTasks, type RoundTaskInput } from "./tasks";

export const handler = loggedTask("close", roundCorrelationId, (input: RoundTaskInput) => roundTasks.close(runtimeDeps("round-task"), input));
