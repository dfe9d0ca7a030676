import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { roundCorrelationId, roundTasks, type RoundTaskInput } from "./tasks";

export const handler = loggedTask("remind", roundCorrelationId, (input: RoundTaskInput) => roundTasks.remind(runtimeDeps("round-task"), input));
