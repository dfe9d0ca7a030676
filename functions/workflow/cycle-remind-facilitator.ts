import { runtimeDeps } from "../adapters/runtime";
import { cycleTasks, type CycleTaskInput } from "./cycle-tasks";

export const handler = (input: CycleTaskInput) => cycleTasks.remindFacilitator(runtimeDeps("cycle-task"), input);
