import type { SFNClient } from "@aws-sdk/client-sfn";
import type { RoundWorkflows } from "./ports";
import { startNamedExecution, stopExecution } from "./step-functions";

/** Step Functions on AWS; locally the same client talks to the local stack's emulation (SFN_ENDPOINT). */
export function stepFunctionsRoundWorkflows(stateMachineArn: string, client: SFNClient): RoundWorkflows {
  return {
    start: (roundId, attempt) => startNamedExecution(client, stateMachineArn, `${roundId}-${attempt}`, { roundId }),
    stop: (executionArn) => stopExecution(client, executionArn, "Restarted from the top (early close)"),
  };
}
