import { SFNClient, StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";

/**
 * Starts an execution under a name of the caller's choosing. The same name again is not an error:
 * names are how one execution per round or cycle attempt is kept, so "already there" is success.
 */
export async function startNamedExecution(client: SFNClient, stateMachineArn: string, name: string, input: unknown): Promise<string> {
  try {
    const res = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return res.executionArn!;
  } catch (error) {
    if ((error as Error).name === "ExecutionAlreadyExists") return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
    throw error;
  }
}

/** Stops an execution so a new one can start from the top; one that no longer exists is already stopped. */
export async function stopExecution(client: SFNClient, executionArn: string, cause: string): Promise<void> {
  try {
    await client.send(new StopExecutionCommand({ executionArn, cause }));
  } catch (error) {
    if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
  }
}

export function createSfnClient(endpoint = process.env.SFN_ENDPOINT): SFNClient {
  return new SFNClient(
    endpoint ? { endpoint, region: process.env.AWS_REGION ?? "eu-north-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {},
  );
}
