import { Duration, RemovalPolicy, Token, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat, SourceMapMode } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { handlerEntry, repoRoot } from "./paths";
import * as path from "node:path";
import { environmentProblems, type HandlerEnvironmentInput, type HandlerKind } from "../../functions/config/environment";

/** CloudFormation metadata key binding a function in the template to its module under functions/. */
export const HANDLER_METADATA_KEY = "kompetensbehov:handler";

export interface KbFunctionProps<K extends HandlerKind = HandlerKind> {
  /** Module path under functions/ without `.ts`, e.g. `api/owner-api` or `workflow/plan`. */
  readonly handler: string;
  /** Which environment schema (functions/config/environment.ts) the handler parses at cold start. */
  readonly kind: K;
  readonly description?: string;
  /** Checked against the kind's schema at synth time; CDK tokens count as present. */
  readonly environment: HandlerEnvironmentInput<K>;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The handler protects releases: its asset carries the HiGHS solver's WebAssembly beside the
   * bundle, where the solver's loader looks for it.
   */
  readonly solver?: boolean;
}

const SOLVER_WASM = path.join(repoRoot, "node_modules", "highs", "build", "highs.wasm");

/**
 * The team's Lambda defaults: Node.js 22 on arm64, ESM bundle built by local esbuild
 * (never docker), minified with source maps, JSON logs into an own log group with
 * retention, X-Ray tracing, an own role without AWS managed policies, and an environment that
 * its handler kind's schema accepts (synth fails otherwise, naming the function and variable).
 */
export class KbFunction extends NodejsFunction {
  readonly handlerPath: string;
  readonly kind: HandlerKind;
  readonly logGroupRef: logs.LogGroup;
  /** The variables set on the function, as the schema sees them (NODE_OPTIONS aside). */
  private readonly handlerEnvironment: Record<string, string>;

  constructor(scope: Construct, id: string, props: KbFunctionProps) {
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(props.environment)) if (typeof value === "string") variables[key] = value;
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
        ...variables,
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
        ...(props.solver
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_input: string, output: string) => [`cp "${SOLVER_WASM}" "${output}/highs.wasm"`],
              },
            }
          : {}),
      },
    });

    this.handlerPath = props.handler;
    this.kind = props.kind;
    this.logGroupRef = logGroup;
    this.handlerEnvironment = variables;
    this.node.addValidation({
      validate: () =>
        environmentProblems(this.kind, this.handlerEnvironment, (v) => typeof v === "string" && Token.isUnresolved(v)).map(
          (problem) => `${this.handlerPath} (${this.kind}): ${problem}`,
        ),
    });
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

  override addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    // The base class calls this for the initial variables before this class has its map.
    if (this.handlerEnvironment) this.handlerEnvironment[key] = value;
    return super.addEnvironment(key, value, options);
  }
}
