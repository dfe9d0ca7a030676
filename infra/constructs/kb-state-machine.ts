import { RemovalPolicy, Validations } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";

export interface KbStateMachineProps {
  readonly regionId: string;
  /** Short name, e.g. `survey-round`: the machine is `kompetensbehov-<region>-<name>`. */
  readonly name: string;
  readonly definition: sfn.IChainable;
  readonly comment: string;
}

/**
 * The team's state machine defaults: Standard, JSONPath, X-Ray tracing, every event logged with
 * its data into an own log group, and a physical name known at synth time (grants on its
 * executions are scoped by it).
 */
export class KbStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, props: KbStateMachineProps) {
    super(scope, id);
    this.stateMachineName = `kompetensbehov-${props.regionId}-${props.name}`;
    this.logGroup = new logs.LogGroup(this, "Logs", {
      logGroupName: `/aws/vendedlogs/states/${this.stateMachineName}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, "StateMachine", {
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      queryLanguage: sfn.QueryLanguage.JSON_PATH,
      definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      comment: props.comment,
    });
    Validations.of(this.stateMachine.role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason: "Step Functions log delivery (logs:CreateLogDelivery etc.) and X-Ray (xray:PutTraceSegments) support only Resource '*'.",
    });
  }
}
