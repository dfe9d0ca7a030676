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
  readonly stateMachine: sfn.StateMachine;
  /** The learning-cycle state machine: a failed cycle (e.g. a session never recorded) alerts ops too. */
  readonly cycleStateMachine?: sfn.StateMachine;
  readonly api: apigw.HttpApi;
}

/** Alarms to ops: survey-round executions that fail or time out, and API 5xx answers. */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Topic", { displayName: "Kompetensbehov alarms", enforceSSL: true });
    this.topic.addSubscription(new subs.EmailSubscription(props.alarmEmail));
    Validations.of(this.topic).acknowledge({
      id: "AwsSolutions-SNS2",
      reason: "The topic carries only alarm state changes (no personal data); CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key per region is not worth its cost here.",
    });
    const action = new actions.SnsAction(this.topic);

    const failed = new cloudwatch.MathExpression({
      expression: "failed + timedOut",
      usingMetrics: {
        failed: props.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: "Sum" }),
        timedOut: props.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: "Sum" }),
      },
      label: "Survey-round executions failed or timed out",
      period: Duration.minutes(5),
    });
    new cloudwatch.Alarm(this, "RoundFailures", {
      alarmDescription: "A survey-round execution failed or timed out (the round was marked failed). Read the execution history.",
      metric: failed,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);

    if (props.cycleStateMachine) {
      new cloudwatch.Alarm(this, "CycleFailures", {
        alarmDescription: "A learning-cycle execution failed or timed out (the cycle was marked failed). Read the execution history.",
        metric: new cloudwatch.MathExpression({
          expression: "failed + timedOut",
          usingMetrics: {
            failed: props.cycleStateMachine.metricFailed({ period: Duration.minutes(5), statistic: "Sum" }),
            timedOut: props.cycleStateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: "Sum" }),
          },
          label: "Learning-cycle executions failed or timed out",
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
    }

    new cloudwatch.Alarm(this, "Api5xx", {
      alarmDescription: "The HTTP API answered with 5xx errors.",
      metric: props.api.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);
  }
}
