import { SendTaskSuccessCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { startNamedExecution, stopExecution } from "./step-functions";
import type { CycleWorkflows } from "./ports";

/** Errors that mean "no task waits on this token any more": not a failure of the caller. */
const GONE = new Set(["TaskTimedOut", "TaskDoesNotExist", "InvalidToken"]);

/** Step Functions on AWS; locally the same client talks to the local stack's emulation (SFN_ENDPOINT). */
export function stepFunctionsCycleWorkflows(stateMachineArn: string, client: SFNClient): CycleWorkflows {
  return {
    start: (programmeId, cycle, attempt) => startNamedExecution(client, stateMachineArn, `${programmeId}-c${cycle}-${attempt}`, { programmeId, cycle }),
    stop: (executionArn) => stopExecution(client, executionArn, "Restarted from the top"),
    async sendTaskSuccess(taskToken, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? {}) }));
        return true;
      } catch (error) {
        if (GONE.has((error as Error).name)) return false;
        throw error;
      }
    },
  };
}
