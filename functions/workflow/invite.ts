import { runtimeDeps } from "../adapters/runtime";
import { loggedTask } from "../observability/logger";
import { roundCorrelationId, roundTasks, type RoundTaskInput } from "./tasks";

export const handler = loggedTask("invite", roundCorrelationId, (input: RoundTaskInput) => roundTasks.invite(runtimeDeps("round-task"), input));
