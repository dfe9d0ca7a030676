import { runtimeDeps } from "../adapters/runtime";
import { roundTasks, type RoundTaskInput } from "./tasks";

export const handler = (input: RoundTaskInput) => roundTasks.markFailed(runtimeDeps("round-task"), input);
