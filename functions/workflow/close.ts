import { runtimeDeps } from "../adapters/runtime";
import { roundTasks, type RoundTaskInput } from "./tasks";

export const handler = (input: RoundTaskInput) => roundTasks.close(runtimeDeps("round-task"), input);
