import { runtimeDeps } from "../adapters/runtime";
import { roundTasks, type RoundTaskInput } from "./tasks";

export const handler = (input: RoundTaskInput) => roundTasks.remind(runtimeDeps("round-task"), input);
