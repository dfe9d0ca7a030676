import { runtimeDeps } from "../adapters/runtime";
import { roundTasks, type RoundTaskInput } from "./tasks";

export const handler = (input: RoundTaskInput) => roundTasks.aggregate(runtimeDeps("round-task"), input);
