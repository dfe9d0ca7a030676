import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as sfn from "aws-cdk-lib/aws-stepfunctions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { CommonEnvironmentInput } from "../../functions/config/environment";
import { ENDED_STATUSES } from "../../functions/domain/execution-events";
import type { Alarms } from "./alarms";
import { Feature } from "./feature";
import { KbFunction } from "./kb-function";
import { queuedConsumer } from "./queued-consumer";
import type { RegionData } from "./region-data";

export interface WorkflowFailuresProps {
  readonly environment: CommonEnvironmentInput;
  readonly data: RegionData;
  readonly alarms: Alarms;
  /** The survey-round and learning-cycle machines. */
  readonly stateMachines: sfn.IStateMachine[];
}

/** How long the queue keeps offering an event before it goes to the dead-letter queue. */
export const STATUS_EVENT_RETRY_HOURS = 24;
const VISIBILITY_TIMEOUT = Duration.minutes(3);

/**
 * Every failed, timed-out or aborted execution of the state machines ends its round or cycle in
 * the error state (functions/domain/execution-events.ts), outside the execution that failed:
 *
 *   Step Functions "Execution Status Change" -> EventBridge rule -> SQS queue -> Lambda
 *
 * The queue is there because EventBridge's retry policy only covers handing the event to its
 * target: a Lambda target is invoked asynchronously, and an error inside the function gets only
 * Lambda's two async retries within minutes. A queue redelivers a failed record every
 * VISIBILITY_TIMEOUT for STATUS_EVENT_RETRY_HOURS, long enough for a table outage to end; what is
 * still not written lands in a dead-letter queue with an alarm. Events EventBridge cannot put
 * on the queue at all go to the same dead-letter queue after its own retries.
 */
export class WorkflowFailures extends Feature {
  readonly function: KbFunction;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: WorkflowFailuresProps) {
    super(scope, id);
    const { queue, deadLetters, consumeWith } = queuedConsumer(this, {
      ids: { queue: "StatusEvents", deadLetters: "StatusDeadLetters", alarm: "ExecutionStatusDeadLetters" },
      // On the region's alarms (topic and dashboard): an execution's failure that could not be written for a day.
      deadLetterMeaning: "The dead-letter queue of execution status events (mark the round or cycle by hand, then redrive)",
      visibilityTimeout: VISIBILITY_TIMEOUT,
      retryHours: STATUS_EVENT_RETRY_HOURS,
      alarms: props.alarms,
    });
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.rule = new events.Rule(this, "ExecutionEnded", {
      description: "Failed, timed-out or aborted executions of the survey-round and learning-cycle state machines",
      eventPattern: {
        source: ["aws.states"],
        detailType: ["Step Functions Execution Status Change"],
        detail: { status: [...ENDED_STATUSES], stateMachineArn: props.stateMachines.map((m) => m.stateMachineArn) },
      },
    });
    this.rule.addTarget(
      new targets.SqsQueue(this.queue, { retryAttempts: 185, maxEventAge: Duration.hours(24), deadLetterQueue: this.deadLetters }),
    );
    this.function = new KbFunction(this, "ExecutionStatusFunction", {
      handler: "workflow/execution-status",
      kind: "execution-events",
      timeout: Duration.seconds(30),
      environment: props.environment,
    });
    consumeWith(this.function);
    props.data.grantReadWrite(this.function);
  }
}
