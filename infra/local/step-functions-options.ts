/** What the local Step Functions endpoint (step-functions.ts) is built from: the machines, their task bindings, and the hooks tests and benchmarks use. */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ExecutionStatusEvent } from "./execution-events";

export type LambdaHandler = (event: unknown, context: unknown) => unknown;

export interface LocalStateMachineSpec {
  /** The local name (last segment of the ARN). */
  name: string;
  /** Plain ASL with ARNs resolved. */
  definition: any;
  /** State name -> handler path under functions/ (e.g. `workflow/plan`). */
  taskHandlers: Record<string, string>;
  /** Other names the machine answers to (e.g. its physical name in the template). */
  aliases?: string[];
}

export interface LocalStepFunctionsOptions {
  doc: DynamoDBDocumentClient;
  /** Low-level client for `arn:aws:states:::dynamodb:*` service integrations. */
  ddb: DynamoDBClient;
  tableName: string;
  awsRegion: string;
  accountId?: string;
  machines: LocalStateMachineSpec[];
  loadHandler(handlerPath: string): Promise<LambdaHandler>;
  /** Line logger. @default none */
  log?: (message: string) => void;
  /**
   * Receives the EventBridge "Step Functions Execution Status Change" event of every execution
   * that ends FAILED, TIMED_OUT or ABORTED, as the rule of the stack delivers it on AWS. A
   * delivery that throws is retried (execution-events.ts) until it succeeds or the emulation closes.
   */
  onExecutionEnded?: (event: ExecutionStatusEvent) => Promise<void>;
  /** Delay before retry `attempt` (1, 2, ...) of a failed delivery. @default 250 ms doubling, at most 30 s */
  deliveryRetryDelayMs?: (attempt: number) => number;
  /** Tests: every task's Retry interval, instead of the definition's. */
  retryIntervalMs?: number;
  /** Benchmarks: every event of every execution's log (StateEntered, StateRetried, ...), by machine name. @default none (the log is not read) */
  onExecutionEvent?: (machine: string, type: string) => void;
}
