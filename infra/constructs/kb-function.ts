import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat, SourceMapMode } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { handlerEntry, repoRoot } from "./paths";
import * as path from "node:path";

/** CloudFormation metadata key binding a function in the template to its module under functions/. */
export const HANDLER_METADATA_KEY = "kompetensbehov:handler";

export interface KbFunctionProps {
  /** Module path under functions/ without `.ts`, e.g. `api/owner-api` or `workflow/plan`. */
  readonly handler: string;
  readonly description?: string;
  readonly environment?: Record<string, string>;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The team's Lambda defaults: Node.js 22 on arm64, ESM bundle built by local esbuild
 * (never docker), minified with source maps, JSON logs into an own log group with
 * retention, X-Ray tracing, an own role without AWS managed policies.
 */
export class KbFunction extends NodejsFunction {
  readonly handlerPath: string;
  readonly logGroupRef: logs.LogGroup;

  constructor(scope: Construct, id: string, props: KbFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role with exactly the log permissions for its own log group
    // instead of the AWSLambdaBasicExecutionRole managed policy.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${props.handler}`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [logGroup.logGroupArn],
      }),
    );

    super(scope, id, {
      entry: handlerEntry(props.handler),
      handler: "handler",
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, "package-lock.json"),
      description: props.description ?? `Kompetensbehov ${props.handler}`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: "node22",
        platform: "node",
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        mainFields: ["module", "main"],
        // The AWS SDK v3 is part of the Node.js 22 runtime.
        externalModules: ["@aws-sdk/*"],
        // Some CommonJS dependencies call require(); give ESM output one.
        banner:
          "import { createRequire as __kbCreateRequire } from 'node:module'; const require = __kbCreateRequire(import.meta.url);",
        tsconfig: path.join(repoRoot, "tsconfig.json"),
      },
    });

    this.handlerPath = props.handler;
    this.logGroupRef = logGroup;
    (this.node.defaultChild as lambda.CfnFunction).addMetadata(HANDLER_METADATA_KEY, props.handler);

    Validations.of(this).acknowledge({
      id: "AwsSolutions-L1",
      reason: "Node.js 22 is the team's pinned runtime (docs/architecture.md); Node.js 24 is adopted in a planned upgrade after the handlers are tested on it.",
    });
    // X-Ray's PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.
    Validations.of(role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason: "X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support only Resource '*'.",
    });
  }

}
