import { Duration } from "aws-cdk-lib";
import type * as sns from "aws-cdk-lib/aws-sns";
import { SqsSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { CommonEnvironmentInput } from "../../functions/config/environment";
import type { Alarms } from "./alarms";
import { Feature } from "./feature";
import { KbFunction } from "./kb-function";
import { queuedConsumer } from "./queued-consumer";
import type { RegionData } from "./region-data";

export interface MailFeedbackProps {
  readonly environment: CommonEnvironmentInput;
  readonly data: RegionData;
  readonly alarms: Alarms;
  /** The topic SES's configuration set publishes bounces and complaints to (Mail.feedback). */
  readonly feedback: sns.ITopic;
}

const VISIBILITY_TIMEOUT = Duration.minutes(2);
/** A day of redeliveries, for a table outage to end, before an event goes to the dead letters. */
const RETRY_HOURS = 24;

/**
 * SES bounces and complaints mark their invitation and person (functions/domain/mail-feedback.ts):
 *
 *   SES configuration set -> MailFeedback topic -> SQS queue -> Lambda
 *
 * The queue holds an event while the table cannot be written and redelivers it; what is still not
 * written after a day lands in a dead-letter queue with an alarm.
 */
export class MailFeedback extends Feature {
  readonly function: KbFunction;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: MailFeedbackProps) {
    super(scope, id);
    const { queue, deadLetters, consumeWith } = queuedConsumer(this, {
      ids: { queue: "FeedbackEvents", deadLetters: "FeedbackDeadLetters", alarm: "MailFeedbackDeadLetters" },
      deadLetterMeaning: "The dead-letter queue of SES bounces and complaints (mark the invitations by hand, then redrive)",
      visibilityTimeout: VISIBILITY_TIMEOUT,
      retryHours: RETRY_HOURS,
      alarms: props.alarms,
    });
    this.queue = queue;
    this.deadLetters = deadLetters;
    props.feedback.addSubscription(new SqsSubscription(this.queue));
    this.function = new KbFunction(this, "MailFeedbackFunction", {
      handler: "streams/mail-feedback",
      kind: "mail-feedback",
      timeout: Duration.seconds(30),
      environment: props.environment,
    });
    consumeWith(this.function);
    props.data.grantReadWrite(this.function);
  }
}
