import { Duration, Validations } from "aws-cdk-lib";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { Alarms } from "./alarms";

/**
 * A queue of events that a function consumes, with a dead-letter queue and its alarm: a record
 * whose write fails is reported back (batch item failures) and comes again every
 * `visibilityTimeout` for `retryHours`, long enough for a table outage to end, then lands in the
 * dead letters. Made in the caller's scope under the caller's ids, so the logical ids of a
 * feature that used it are its own.
 */
export function queuedConsumer(
  scope: Construct,
  props: {
    ids: { queue: string; deadLetters: string; alarm: string };
    /** What the dead letters hold and what ops does about them (the alarm's description). */
    deadLetterMeaning: string;
    visibilityTimeout: Duration;
    retryHours: number;
    alarms: Alarms;
  },
): { queue: sqs.Queue; deadLetters: sqs.Queue; consumeWith: (fn: { addEventSource(source: SqsEventSource): void }) => void } {
  const deadLetters = new sqs.Queue(scope, props.ids.deadLetters, { retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
  Validations.of(deadLetters).acknowledge({ id: "AwsSolutions-SQS3", reason: "This queue is itself a dead-letter destination." });
  const queue = new sqs.Queue(scope, props.ids.queue, {
    visibilityTimeout: props.visibilityTimeout,
    retentionPeriod: Duration.days(4),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: (props.retryHours * 60) / props.visibilityTimeout.toMinutes() },
  });
  props.alarms.onDeadLetters(props.ids.alarm, deadLetters, props.deadLetterMeaning);
  return { queue, deadLetters, consumeWith: (fn) => fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true })) };
}
