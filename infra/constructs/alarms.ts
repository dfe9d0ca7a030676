import { Duration, Stack, Validations } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subs from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sfn from "aws-cdk-lib/aws-stepfunctions";
import type * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { Construct } from "constructs";

export interface AlarmsProps {
  readonly alarmEmail: string;
}

/**
 * The ops topic (mailed to the region's alarm address) and the alarms on it. The features add
 * their alarms here (failed executions, API 5xx answers), so the alarms keep one place in the
 * construct tree and their logical ids.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  private readonly action: actions.SnsAction;
  private readonly all: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Topic", { displayName: "Kompetensbehov alarms", enforceSSL: true });
    // The subscription stays "pending confirmation" until the ops address clicks the link SNS
    // mails it after the first deploy (docs/runbook.md); until then no alarm reaches anyone.
    this.topic.addSubscription(new subs.EmailSubscription(props.alarmEmail));
    // enforceSSL adds only a Deny; a topic policy replaces the default one that let the account
    // publish, so CloudWatch (for this account's alarms only) needs its own Allow.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudWatchAlarmsPublish",
        principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    );
    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", { dashboardName: `kompetensbehov-${Stack.of(this).stackName}` });
    Validations.of(this.topic).acknowledge({
      id: "AwsSolutions-SNS2",
      reason: "The topic carries only alarm state changes (no personal data); CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key per region is not worth its cost here.",
    });
    this.action = new actions.SnsAction(this.topic);
  }

  /** Alarm when at least one execution of `stateMachine` fails, times out or is aborted within 5 minutes. */
  onFailedExecutions(id: string, stateMachine: sfn.StateMachine, what: { label: string; description: string }) {
    this.add(id, {
      alarmDescription: what.description,
      metric: new cloudwatch.MathExpression({
        expression: "failed + timedOut + aborted",
        usingMetrics: {
          failed: stateMachine.metricFailed({ period: Duration.minutes(5), statistic: "Sum" }),
          timedOut: stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: "Sum" }),
          aborted: stateMachine.metricAborted({ period: Duration.minutes(5), statistic: "Sum" }),
        },
        label: what.label,
        period: Duration.minutes(5),
      }),
      threshold: 1,
    });
  }

  /** Alarm when the API answers with 5 or more 5xx errors within 5 minutes. */
  onServerErrors(id: string, api: apigw.HttpApi) {
    this.add(id, {
      alarmDescription: "The HTTP API answered with 5xx errors.",
      metric: api.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 5,
    });
  }

  /** Alarms on a function's errors and throttles (any within 5 minutes). */
  onFunction(id: string, fn: lambda.Function, name: string) {
    this.add(`${id}Errors`, { alarmDescription: `${name} failed (Lambda Errors).`, metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }), threshold: 1 });
    this.add(`${id}Throttles`, { alarmDescription: `${name} was throttled (Lambda Throttles).`, metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }), threshold: 1 });
  }

  /** Alarm on throttled reads or writes of the table. */
  onTableThrottles(id: string, table: dynamodb.ITable) {
    this.add(id, {
      alarmDescription: "DynamoDB throttled requests on the region's table.",
      metric: new cloudwatch.MathExpression({
        expression: "reads + writes",
        usingMetrics: {
          reads: table.metric("ReadThrottleEvents", { period: FIVE_MINUTES, statistic: "Sum" }),
          writes: table.metric("WriteThrottleEvents", { period: FIVE_MINUTES, statistic: "Sum" }),
        },
        label: "Throttled reads and writes",
        period: FIVE_MINUTES,
      }),
      threshold: 1,
    });
  }

  /** Alarm when the stream consumer falls behind by more than 5 minutes (counts lag behind the answers). */
  onStreamIteratorAge(id: string, fn: lambda.Function) {
    this.add(id, {
      alarmDescription: "The response stream's consumer is more than 5 minutes behind (IteratorAge).",
      metric: fn.metric("IteratorAge", { period: FIVE_MINUTES, statistic: "Maximum" }),
      threshold: 5 * 60 * 1000,
    });
  }

  /** Alarm when a dead-letter queue holds any message. */
  onDeadLetters(id: string, queue: sqs.IQueue, what: string) {
    this.add(id, {
      alarmDescription: `${what} holds messages: records that kept failing.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: "Maximum" }),
      threshold: 1,
    });
  }

  /**
   * Alarms on the account's SES reputation (AWS/SES, per account and AWS region): SES reviews an
   * account from a 5 % bounce or 0.1 % complaint rate, so these fire at half of that.
   */
  onMailReputation(id: string) {
    const rate = (name: string) => new cloudwatch.Metric({ namespace: "AWS/SES", metricName: name, period: Duration.hours(1), statistic: "Maximum" });
    this.add(`${id}BounceRate`, { alarmDescription: "SES bounce rate above 2.5 % (SES reviews the account at 5 %).", metric: rate("Reputation.BounceRate"), threshold: 0.025 });
    this.add(`${id}ComplaintRate`, { alarmDescription: "SES complaint rate above 0.05 % (SES reviews the account at 0.1 %).", metric: rate("Reputation.ComplaintRate"), threshold: 0.0005 });
  }

  /** The dashboard: one alarm-status widget over every alarm of the region. */
  finishDashboard() {
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: "Kompetensbehov alarms", alarms: this.all, width: 24, height: Math.max(3, Math.ceil(this.all.length / 4) + 1) }));
  }

  private add(id: string, props: Pick<cloudwatch.AlarmProps, "alarmDescription" | "metric" | "threshold">) {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...props,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    this.all.push(alarm);
  }
}

const FIVE_MINUTES = Duration.minutes(5);
