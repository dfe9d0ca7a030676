import { ArnFormat, RemovalPolicy, Stack, Validations, type CfnElement } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
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

  /** Step Functions invokes the task functions by `<arn>:*` (any version or alias); cdk-nag is told so per function. */
  acknowledgeTaskInvocations(functions: Iterable<lambda.IFunction & { readonly handlerPath: string }>) {
    for (const fn of functions) {
      Validations.of(this.stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: `Step Functions may invoke any version or alias of its own task function ${fn.handlerPath}.`,
      });
    }
  }

  /** Lets `fn` start this machine's executions (and answer their task tokens, if asked), and stop and describe them. */
  grantExecutionControl(fn: lambda.IFunction & { readonly role?: iam.IRole }, machineDescription: string, opts: { taskResponse?: boolean } = {}) {
    this.stateMachine.grantStartExecution(fn);
    if (opts.taskResponse) this.stateMachine.grantTaskResponse(fn);
    const stack = Stack.of(this);
    const executions = stack.formatArn({
      service: "states",
      resource: "execution",
      resourceName: `${this.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ["states:StopExecution", "states:DescribeExecution"], resources: [executions] }));
    Validations.of(fn.role as iam.Role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(stack, executions)}]`,
      reason: `StopExecution/DescribeExecution act on executions, whose ARNs are only known at run time; the grant is limited to executions of this region's ${machineDescription} state machine.`,
    });
  }
}

/** How cdk-nag prints an ARN in a finding id: pseudo parameters as <AWS::...>. */
function nagArn(stack: Stack, arn: string): string {
  const resolved = stack.resolve(arn);
  if (typeof resolved === "string") return resolved;
  const parts: unknown[] = resolved["Fn::Join"][1];
  return parts.map((p) => (typeof p === "string" ? p : `<${(p as { Ref: string }).Ref}>`)).join("");
}
