import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { roundCorrelationId, roundTasks, type RoundTaskInput } from "./tasks";

export const handler = loggedTask("aggregate", roundCorrelationId, (input: RoundTaskInput) => roundTasks.aggregate(runtimeDeps("round-task"), input));
