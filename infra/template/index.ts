/**
 * Reads a synthesized RegionStack template: used by the local stack (infra/local)
 * and by the tests, so that local runs use exactly what is deployed.
 */
import { App } from "aws-cdk-lib";
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { regionConfig } from "../config/regions";
import { addRegionStacks } from "../stacks/region-app";
import type { RegionStack } from "../stacks/region-stack";
import type { EdgeStack } from "../stacks/edge-stack";
import {
  type CfnTemplate,
  type ResolveOptions,
  functionHandlers,
  HANDLER_METADATA_KEY,
  LOCAL_ACCOUNT,
  referencedFunction,
  resolveValue,
  templateRegion,
} from "./resolve";

export { type CfnTemplate, type ResolveOptions, functionHandlers, resolveValue, templateRegion, LOCAL_ACCOUNT, HANDLER_METADATA_KEY };

export interface SynthOptions {
  /** Bundle the Lambda handlers with esbuild. @default false (fast: assets are not built) */
  readonly bundle?: boolean;
  /** Built site to deploy (must be built). @default none: the template leaves the site's content out */
  readonly webDistPath?: string;
  /** Cloud assembly directory. @default a fresh temporary directory */
  readonly outdir?: string;
}

/** Build the CDK app with one region's stacks (RegionStack and its us-east-1 EdgeStack), without synthesizing it. */
export function buildRegionApp(regionId: string, opts: SynthOptions = {}): { app: App; stack: RegionStack; edge: EdgeStack } {
  const config = regionConfig(regionId);
  const app = new App({
    outdir: opts.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), "kb-cdk-")),
    context: {
      region: config.id,
      "@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion": false,
      // Skip asset bundling unless asked: the template is the same.
      ...(opts.bundle ? {} : { "aws:cdk:bundling-stacks": [] }),
    },
  });
  const { region: stack, edge } = addRegionStacks(app, config, {
    region: {
      webDistPath: opts.webDistPath,
      // Tests and the local stack need no built site unless they ask for one; `cdk synth` always does.
      withoutSiteContent: opts.webDistPath === undefined,
    },
  });
  return { app, stack, edge };
}

/** Synthesize the RegionStack of `regionId` in-process and return its CloudFormation template. */
export function synthRegionTemplate(regionId: string, opts: SynthOptions = {}): CfnTemplate {
  const { app, stack } = buildRegionApp(regionId, opts);
  const assembly = app.synth();
  return assembly.getStackArtifact(stack.artifactId).template as CfnTemplate;
}

export interface StateMachineAsl {
  /** Plain ASL with every intrinsic resolved (Lambda ARNs `arn:aws:lambda:<region>:000000000000:function:<LogicalId>`). */
  readonly definition: { StartAt: string; States: Record<string, any>; [k: string]: unknown };
  /** State name -> handler path under functions/ (e.g. `Plan` -> `workflow/plan`). */
  readonly taskHandlers: Record<string, string>;
  /** Logical id of the state machine resource. */
  readonly logicalId: string;
  /** Resolved ARN of the state machine. */
  readonly arn: string;
}

/**
 * The ASL of a state machine in the template, found by logical id (or its prefix, e.g.
 * `SurveyRound`) or by name (`kompetensbehov-<region>-survey-round` or just `survey-round`).
 */
export function stateMachineAsl(template: CfnTemplate, logicalIdPrefixOrName: string, opts: ResolveOptions = {}): StateMachineAsl {
  const machines = Object.entries(template.Resources).filter(([, r]) => r.Type === "AWS::StepFunctions::StateMachine");
  const key = logicalIdPrefixOrName;
  const match = machines.filter(([id, r]) => {
    const name = r.Properties?.StateMachineName;
    return id === key || id.startsWith(key) || (typeof name === "string" && (name === key || name.endsWith(`-${key}`)));
  });
  if (match.length !== 1) {
    const names = machines.map(([id, r]) => `${id} (${r.Properties?.StateMachineName ?? "unnamed"})`).join(", ");
    throw new Error(`stateMachineAsl: "${key}" matches ${match.length} state machines; the template has ${names || "none"}`);
  }
  const [logicalId, resource] = match[0];
  const props = resource.Properties ?? {};
  let text: string = props.DefinitionString !== undefined ? resolveValue(template, props.DefinitionString, opts) : JSON.stringify(props.Definition);
  if (props.DefinitionSubstitutions) {
    const subs = resolveValue(template, props.DefinitionSubstitutions, opts) as Record<string, string>;
    text = text.replace(/\$\{([^}]+)\}/g, (m, k: string) => (k in subs ? String(subs[k]) : m));
  }
  const definition = JSON.parse(text);

  const handlers = functionHandlers(template);
  const taskHandlers: Record<string, string> = {};
  const visit = (states: Record<string, any>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === "Task" && typeof state.Resource === "string") {
        const m = /^arn:aws:lambda:[^:]+:[^:]+:function:([^:]+)/.exec(state.Resource)
          ?? (state.Resource.startsWith("arn:aws:states:::lambda:invoke") ? /^arn:aws:lambda:[^:]+:[^:]+:function:([^:]+)/.exec(String(state.Parameters?.FunctionName ?? "")) : null);
        if (m && handlers[m[1]]) taskHandlers[name] = handlers[m[1]];
      }
      for (const b of state.Branches ?? []) visit(b.States);
      if (state.Iterator) visit(state.Iterator.States);
      if (state.ItemProcessor) visit(state.ItemProcessor.States);
    }
  };
  visit(definition.States);
  return { definition, taskHandlers, logicalId, arn: resolveValue(template, { Ref: logicalId }, opts) };
}

export type TableDefinition = Omit<CreateTableCommandInput, "TableName"> & {
  /** TTL attribute (set with UpdateTimeToLive; not part of CreateTable). */
  readonly TimeToLiveAttribute?: string;
};

/** CreateTable input (without TableName) derived from the template's single AWS::DynamoDB::Table. */
export function tableDefinition(template: CfnTemplate): TableDefinition {
  const tables = Object.values(template.Resources).filter((r) => r.Type === "AWS::DynamoDB::Table");
  if (tables.length !== 1) throw new Error(`tableDefinition: expected one AWS::DynamoDB::Table, found ${tables.length}`);
  const p = tables[0].Properties ?? {};
  const billing = p.BillingMode ?? "PROVISIONED";
  const gsis = (p.GlobalSecondaryIndexes ?? []).map((g: any) => ({
    IndexName: g.IndexName,
    KeySchema: g.KeySchema,
    Projection: g.Projection,
    ...(billing === "PROVISIONED" && g.ProvisionedThroughput ? { ProvisionedThroughput: g.ProvisionedThroughput } : {}),
  }));
  const lsis = (p.LocalSecondaryIndexes ?? []).map((l: any) => ({ IndexName: l.IndexName, KeySchema: l.KeySchema, Projection: l.Projection }));
  return {
    KeySchema: p.KeySchema,
    AttributeDefinitions: p.AttributeDefinitions,
    BillingMode: billing,
    ...(billing === "PROVISIONED" && p.ProvisionedThroughput ? { ProvisionedThroughput: p.ProvisionedThroughput } : {}),
    ...(gsis.length ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(lsis.length ? { LocalSecondaryIndexes: lsis } : {}),
    ...(p.StreamSpecification?.StreamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType } } : {}),
    ...(p.TimeToLiveSpecification?.Enabled ? { TimeToLiveAttribute: p.TimeToLiveSpecification.AttributeName } : {}),
  };
}

export interface HttpRoute {
  readonly method: string;
  /** Path with parameters such as `{id}`, e.g. `/api/rounds/{id}/launch`. */
  readonly path: string;
  /** Handler path under functions/, e.g. `api/owner-api`. */
  readonly handler: string;
  readonly auth: "jwt" | "none";
}

/** The HTTP API routes of the template, bound to their handler modules. */
export function httpRoutes(template: CfnTemplate): HttpRoute[] {
  const handlers = functionHandlers(template);
  const routes: HttpRoute[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== "AWS::ApiGatewayV2::Route") continue;
    const p = r.Properties ?? {};
    const [method, routePath] = String(p.RouteKey).split(" ");
    const target = p.Target;
    // Target: {"Fn::Join": ["", ["integrations/", {"Ref": "<Integration>"}]]}
    const integrationId = findRef(target, template, "AWS::ApiGatewayV2::Integration");
    const integration = integrationId ? template.Resources[integrationId] : undefined;
    const fnId = integration ? referencedFunction(template, integration.Properties?.IntegrationUri) : undefined;
    if (!fnId || !handlers[fnId]) throw new Error(`httpRoutes: route ${id} (${p.RouteKey}) has no Lambda handler with ${HANDLER_METADATA_KEY}`);
    routes.push({
      method,
      path: routePath,
      handler: handlers[fnId],
      auth: p.AuthorizationType === "JWT" ? "jwt" : "none",
    });
  }
  return routes;
}

function findRef(v: any, template: CfnTemplate, type: string): string | undefined {
  if (v === null || typeof v !== "object") return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const f = findRef(x, template, type);
      if (f) return f;
    }
    return undefined;
  }
  if (typeof v.Ref === "string" && template.Resources[v.Ref]?.Type === type) return v.Ref;
  for (const x of Object.values(v)) {
    const f = findRef(x, template, type);
    if (f) return f;
  }
  return undefined;
}

/**
 * Environment variables of the Lambda function bound to `handler` (e.g. `api/owner-api`),
 * with tokens resolved offline: table name = its logical id, state machine ARN with the
 * local account, anything else a placeholder such as `<SiteDistribution1234.DomainName>`.
 */
export function functionEnvironment(template: CfnTemplate, handler: string, opts: ResolveOptions = {}): Record<string, string> {
  const handlers = functionHandlers(template);
  const ids = Object.keys(handlers).filter((id) => handlers[id] === handler);
  if (ids.length !== 1) {
    throw new Error(`functionEnvironment: ${ids.length} functions have handler "${handler}"; known: ${[...new Set(Object.values(handlers))].join(", ")}`);
  }
  const vars = template.Resources[ids[0]].Properties?.Environment?.Variables ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = String(resolveValue(template, v, opts));
  return out;
}
