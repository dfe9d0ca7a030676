/**
 * Reads what the local stack needs from the synthesized RegionStack template (through
 * infra/template): the table, the HTTP routes and their handlers, the state machines with their
 * task -> handler bindings and the handlers' environment. Wiring only.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CfnTemplate } from "../template/index";
import { referencedFunction } from "../template/resolve";
import type { LambdaHandler, LocalStateMachineSpec } from "./step-functions";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

type TemplateApi = typeof import("../template/index");
let api: Promise<TemplateApi> | undefined;
/** infra/template pulls in aws-cdk-lib (about a second to import): loaded only when needed. */
export function templateApi(): Promise<TemplateApi> {
  api ??= import("../template/index");
  return api;
}

/** The RegionStack template of `regionId`, synthesized without bundling the handlers. */
export async function synthTemplate(regionId: string): Promise<CfnTemplate> {
  const { synthRegionTemplate } = await templateApi();
  return await synthRegionTemplate(regionId, { bundle: false });
}

/** A template cached as JSON in `file` (the test run synthesizes once and every suite reads it). */
export function readCachedTemplate(file: string): CfnTemplate | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as CfnTemplate) : undefined;
}

export function writeCachedTemplate(file: string, template: CfnTemplate): void {
  writeFileSync(file, JSON.stringify(template));
}

/** `kompetensbehov-ostergotland-survey-round` -> `SurveyRound`: the local name of a state machine. */
export function localMachineName(physicalName: string, regionId: string): string {
  const short = physicalName.replace(new RegExp(`^kompetensbehov-${regionId}-`), "");
  return short
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

export interface Binding {
  awsRegion: string;
  tableDefinition: Awaited<ReturnType<TemplateApi["tableDefinition"]>>;
  routes: ReturnType<TemplateApi["httpRoutes"]>;
  machines: LocalStateMachineSpec[];
  /** Physical state machine ARN in the template -> local ARN. */
  machineArns: Map<string, string>;
  /** Handler paths of the Lambda functions that consume the table's stream (event source mappings). */
  streamHandlers: { handler: string; batchSize: number; filterCriteria?: unknown }[];
  /**
   * Rules on Step Functions' "Execution Status Change" whose target is a queue a function consumes:
   * the statuses and local machine names they match and the consumer's handler path.
   */
  statusEventConsumers: { handler: string; statuses: string[]; machines: string[] }[];
  /** Every handler path the template binds (routes, tasks and stream consumers). */
  handlers: string[];
  /** Union of the functions' environments as the template declares them (tokens resolved offline). */
  environment: Record<string, string>;
  /** Variables declared with different values by different functions (one process: one value). */
  conflicts: string[];
}

export async function bindTemplate(template: CfnTemplate, regionId: string): Promise<Binding> {
  const t = await templateApi();
  const awsRegion = t.templateRegion(template);
  const machines: LocalStateMachineSpec[] = [];
  const machineArns = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== "AWS::StepFunctions::StateMachine") continue;
    const physical = typeof resource.Properties?.StateMachineName === "string" ? (resource.Properties.StateMachineName as string) : logicalId;
    const asl = t.stateMachineAsl(template, logicalId);
    const name = localMachineName(physical, regionId);
    machines.push({ name, definition: asl.definition, taskHandlers: asl.taskHandlers, aliases: physical !== name ? [physical] : [] });
    machineArns.set(asl.arn, `arn:aws:states:${awsRegion}:${t.LOCAL_ACCOUNT}:stateMachine:${name}`);
  }
  const routes = t.httpRoutes(template);
  const byFunction = t.functionHandlers(template);
  const streamHandlers: Binding["streamHandlers"] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== "AWS::Lambda::EventSourceMapping") continue;
    const p = resource.Properties ?? {};
    // Only DynamoDB table streams exist locally (EventSourceArn: Fn::GetAtt [Table, StreamArn]).
    if (!JSON.stringify(p.EventSourceArn ?? "").includes("StreamArn")) continue;
    const fn = referencedFunction(template, p.FunctionName);
    const handler = fn ? byFunction[fn] : undefined;
    if (!handler) throw new Error(`event source mapping ${id} invokes no function with a handler path`);
    streamHandlers.push({ handler, batchSize: Number(p.BatchSize ?? 100), filterCriteria: p.FilterCriteria });
  }
  const statusEventConsumers = statusEventBindings(template, byFunction, (logicalId) => machines.find((m) => m.aliases?.includes(String(template.Resources[logicalId]?.Properties?.StateMachineName)))?.name);
  const handlers = [
    ...new Set([
      ...routes.map((r) => r.handler),
      ...machines.flatMap((m) => Object.values(m.taskHandlers)),
      ...streamHandlers.map((s) => s.handler),
      ...statusEventConsumers.map((c) => c.handler),
    ]),
  ];
  const environment: Record<string, string> = {};
  const conflicts = new Set<string>();
  for (const handler of [...new Set(Object.values(t.functionHandlers(template)))]) {
    for (const [key, value] of Object.entries(t.functionEnvironment(template, handler))) {
      const local = machineArns.get(value) ?? value;
      if (key in environment && environment[key] !== local) conflicts.add(key);
      environment[key] = local;
    }
  }
  return { awsRegion, tableDefinition: t.tableDefinition(template), routes, machines, machineArns, streamHandlers, statusEventConsumers, handlers, environment, conflicts: [...conflicts] };
}

const getAttArn = (value: unknown): string | undefined => {
  const att = (value as { "Fn::GetAtt"?: [string, string] } | undefined)?.["Fn::GetAtt"];
  return att && att[1] === "Arn" ? att[0] : undefined;
};

/** aws.states status-change rules -> their queue targets -> the functions that consume those queues. */
function statusEventBindings(template: CfnTemplate, byFunction: Record<string, string>, machineName: (logicalId: string) => string | undefined): Binding["statusEventConsumers"] {
  const consumers: Binding["statusEventConsumers"] = [];
  for (const [id, rule] of Object.entries(template.Resources)) {
    const pattern = rule.Properties?.EventPattern as { source?: string[]; "detail-type"?: string[]; detail?: { status?: string[]; stateMachineArn?: unknown[] } } | undefined;
    if (rule.Type !== "AWS::Events::Rule" || !pattern?.source?.includes("aws.states") || !pattern["detail-type"]?.includes("Step Functions Execution Status Change")) continue;
    const machines = (pattern.detail?.stateMachineArn ?? []).map((ref) => machineName(String((ref as { Ref?: string }).Ref)) ?? "");
    for (const target of (rule.Properties?.Targets ?? []) as { Arn?: unknown }[]) {
      const queue = getAttArn(target.Arn);
      const mapping = Object.values(template.Resources).find((r) => r.Type === "AWS::Lambda::EventSourceMapping" && getAttArn(r.Properties?.EventSourceArn) === queue);
      const fn = mapping ? referencedFunction(template, mapping.Properties?.FunctionName) : undefined;
      const handler = fn ? byFunction[fn] : undefined;
      if (!handler) throw new Error(`rule ${id}: its target is no queue that a function with a handler path consumes`);
      consumers.push({ handler, statuses: pattern.detail?.status ?? [], machines });
    }
  }
  return consumers;
}

/** Imports `functions/<handler>.ts` and returns its exported `handler`. */
export async function importHandler(handlerPath: string): Promise<LambdaHandler> {
  const file = path.join(repoRoot, "functions", `${handlerPath}.ts`);
  if (!existsSync(file)) throw new Error(`The template binds ${handlerPath}, but ${path.relative(repoRoot, file)} does not exist`);
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.handler !== "function") throw new Error(`functions/${handlerPath}.ts exports no handler`);
  return mod.handler as LambdaHandler;
}
