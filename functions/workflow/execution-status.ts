import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { Deps } from "../adapters/ports";
import { runtimeDeps } from "../adapters/runtime";
import { parseExecutionEnded, recordExecutionEnded } from "../domain/execution-events";
import { logger } from "../observability/logger";

/**
 * Consumes the queue that EventBridge fills with the state machines' "Execution Status Change"
 * events (FAILED, TIMED_OUT, ABORTED; infra/constructs/workflow-failures.ts). A record whose write
 * fails is reported back and comes again after the queue's visibility timeout, until it is written
 * or moved to the dead-letter queue.
 */
export async function handleStatusChanges(deps: Deps, event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      const detail = (JSON.parse(record.body) as { detail?: unknown }).detail;
      const ended = parseExecutionEnded(detail);
      const outcome = ended ? await recordExecutionEnded(deps, ended) : "ignored";
      logger.info("execution status change", {
        correlationId: ended ? (ended.kind === "round" ? `round:${ended.roundId}-${ended.attempt}` : `cycle:${ended.programmeId}-c${ended.cycle}-${ended.attempt}`) : record.messageId,
        status: ended?.status,
        outcome,
      });
    } catch (error) {
      logger.error("execution status change not recorded", { correlationId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

export const handler = (event: SQSEvent) => handleStatusChanges(runtimeDeps("execution-events"), event);
