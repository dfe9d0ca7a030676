import { runtimeDeps } from "../adapters/runtime";
import { cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = (input: CycleTaskInput) => cycleTasks.openStage(runtimeDeps("cycle-task"), input);
