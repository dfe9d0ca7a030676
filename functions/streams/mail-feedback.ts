import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { Deps } from "../adapters/ports";
import { runtimeDeps } from "../adapters/runtime";
import { parseMailFeedback, recordMailFeedback } from "../domain/mail-feedback";
import { logger } from "../observability/logger";

/**
 * Consumes the queue subscribed to the MailFeedback topic (SES bounces and complaints,
 * infra/constructs/mail-feedback.ts). A record that is not an SES event is logged and dropped; one
 * whose write fails is reported back and comes again, until the dead-letter queue takes it.
 */
export async function handleMailFeedback(deps: Deps, event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    const feedback = parseMailFeedback(record.body);
    if (!feedback) {
      logger.warn("mail feedback not understood", { correlationId: record.messageId });
      continue;
    }
    try {
      const result = await recordMailFeedback(deps, feedback);
      // The ids and outcome only: the event's addresses stay out of the log.
      logger.info("mail feedback", { correlationId: feedback.mail.messageId, ...result });
    } catch (error) {
      logger.error("mail feedback not recorded", { correlationId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

export const handler = (event: SQSEvent) => handleMailFeedback(runtimeDeps("mail-feedback"), event);
