import { Duration, Validations } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { KbFunction } from "./kb-function";
import type { CommonEnvironmentInput } from "../../functions/config/environment";
import { RESPONSE_SORT_KEY_PREFIX } from "../../functions/stores/responses";

export interface ResponseCounterProps {
  readonly table: dynamodb.ITable;
  readonly environment: CommonEnvironmentInput;
}

/**
 * Keeps the round aggregates: the table's stream feeds every new response to one function that
 * adds it to the aggregate items, exactly once. The submit path then writes only the response.
 * Records that keep failing land in a dead-letter queue; the round's final aggregation
 * recomputes from the stored responses anyway, so a lost count is repaired at close.
 */
export class ResponseCounter extends Construct {
  readonly function: KbFunction;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: ResponseCounterProps) {
    super(scope, id);
    this.function = new KbFunction(this, "Function", {
      handler: "streams/count-responses",
      kind: "stream-consumer",
      timeout: Duration.seconds(60),
      environment: props.environment,
    });
    this.deadLetters = new sqs.Queue(this, "DeadLetters", {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is itself the dead-letter destination of the response stream.",
    });
    this.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        // Only new responses reach the function: drafts, invitations and counters do not.
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual("INSERT"), dynamodb: { Keys: { sk: { S: lambda.FilterRule.beginsWith(RESPONSE_SORT_KEY_PREFIX) } } } })],
      }),
    );
  }
}
