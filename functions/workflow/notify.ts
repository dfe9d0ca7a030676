import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { roundCorrelationId, roundTasks, type RoundTaskInput } from "./tasks";

export const handler = loggedTask("notify", roundCorrelationId, (input: RoundTaskInput) => roundTasks.notify(runtimeDeps("round-task"), input));
