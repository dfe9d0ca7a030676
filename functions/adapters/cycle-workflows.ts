import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import type { CycleWorkflows } from "./ports";

/** Errors that mean "no task waits on this token any more": not a failure of the caller. */
const GONE = new Set(["TaskTimedOut", "TaskDoesNotExist", "InvalidToken"]);

/** Step Functions on AWS; locally the same client talks to the local stack's emulation (SFN_ENDPOINT). */
export function stepFunctionsCycleWorkflows(stateMachineArn: string, client: SFNClient): CycleWorkflows {
  return {
    async start(programmeId, cycle, attempt) {
      const name = `${programmeId}-c${cycle}-${attempt}`;
      try {
        const res = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ programmeId, cycle }) }));
        return res.executionArn!;
      } catch (error) {
        if ((error as Error).name === "ExecutionAlreadyExists") return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
        throw error;
      }
    },
    async stop(executionArn) {
      try {
        await client.send(new StopExecutionCommand({ executionArn, cause: "Restarted from the top" }));
      } catch (error) {
        if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
      }
    },
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
