import { Duration, Validations } from "aws-cdk-lib";
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
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Topic", { displayName: "Kompetensbehov alarms", enforceSSL: true });
    this.topic.addSubscription(new subs.EmailSubscription(props.alarmEmail));
    Validations.of(this.topic).acknowledge({
      id: "AwsSolutions-SNS2",
      reason: "The topic carries only alarm state changes (no personal data); CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key per region is not worth its cost here.",
    });
    this.action = new actions.SnsAction(this.topic);
  }

  /** Alarm when at least one execution of `stateMachine` fails or times out within 5 minutes. */
  onFailedExecutions(id: string, stateMachine: sfn.StateMachine, what: { label: string; description: string }) {
    new cloudwatch.Alarm(this, id, {
      alarmDescription: what.description,
      metric: new cloudwatch.MathExpression({
        expression: "failed + timedOut",
        usingMetrics: {
          failed: stateMachine.metricFailed({ period: Duration.minutes(5), statistic: "Sum" }),
          timedOut: stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: "Sum" }),
        },
        label: what.label,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.action);
  }

  /** Alarm when the API answers with 5 or more 5xx errors within 5 minutes. */
  onServerErrors(id: string, api: apigw.HttpApi) {
    new cloudwatch.Alarm(this, id, {
      alarmDescription: "The HTTP API answered with 5xx errors.",
      metric: api.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.action);
  }
}
