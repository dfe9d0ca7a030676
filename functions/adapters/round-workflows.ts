import { SFNClient, StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import type { RoundWorkflows } from "./ports";

/** Step Functions on AWS; locally the same client talks to the local stack's emulation (SFN_ENDPOINT). */
export function stepFunctionsRoundWorkflows(stateMachineArn: string, client: SFNClient): RoundWorkflows {
  return {
    async start(roundId, attempt) {
      const name = `${roundId}-${attempt}`;
      try {
        const res = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ roundId }) }));
        return res.executionArn!;
      } catch (error) {
        // Same name, same input: the execution is already there, which is what was asked for.
        if ((error as Error).name === "ExecutionAlreadyExists") return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
        throw error;
      }
    },
    async stop(executionArn) {
      try {
        await client.send(new StopExecutionCommand({ executionArn, cause: "Restarted from the top (early close)" }));
      } catch (error) {
        if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
      }
    },
  };
}

export function createSfnClient(endpoint = process.env.SFN_ENDPOINT): SFNClient {
  return new SFNClient(
    endpoint ? { endpoint, region: process.env.AWS_REGION ?? "eu-north-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {},
  );
}
