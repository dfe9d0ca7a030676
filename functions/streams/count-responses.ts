import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { runtimeDeps } from "../adapters/runtime";
import type { Deps } from "../adapters/ports";
import { logger } from "../observability/logger";
import { countResponse } from "../domain/response-counting";
import { isResponseItem, parseResponseItem } from "../stores/responses";

/**
 * Consumes the table's stream: each new response is added to the round's kept aggregates. The
 * submit path only writes the response, so it stays as fast as one conditional write, and the
 * shared aggregate items are updated one at a time here instead of by every participant at once.
 * A record that fails is reported, so Lambda retries it (and only it); counting is idempotent.
 */
export function countResponses(deps: () => Deps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== "INSERT" || !image) continue;
      const item = unmarshall(image as Record<string, AttributeValue>);
      if (!isResponseItem(item)) continue;
      try {
        await countResponse(deps(), parseResponseItem(item));
      } catch (error) {
        logger.error("counting a response failed", { correlationId: record.eventID, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? "" });
      }
    }
    return { batchItemFailures };
  };
}

export const handler = countResponses(() => runtimeDeps("stream-consumer"));
