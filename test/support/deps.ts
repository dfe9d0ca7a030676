import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { CycleWorkflows, Deps, RoundWorkflows, TableRef } from "../../functions/adapters/ports";
import { outboxMailer } from "../../functions/adapters/mailer";
import { createStores } from "../../functions/stores";
import type { ApiEvent } from "../../functions/api/http";
import type { ProjectRole } from "../../shared/schemas/project";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";

/** A clock the test moves by hand: the workflow's waits become jumps, not sleeps. */
export function virtualClock(start: string | Date) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (t: string | Date | number) => {
      now = new Date(t).getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export type WorkflowCall = { op: "start" | "stop"; roundId?: string; attempt?: number; executionArn?: string };

/** Records what the domain asks of Step Functions; the state machine itself is tested on the ASL engine. */
export function recordingWorkflows(): RoundWorkflows & { calls: WorkflowCall[] } {
  const calls: WorkflowCall[] = [];
  return {
    calls,
    async start(roundId, attempt) {
      calls.push({ op: "start", roundId, attempt });
      return `arn:aws:states:eu-north-1:000000000000:execution:SurveyRound:${roundId}-${attempt}`;
    },
    async stop(executionArn) {
      calls.push({ op: "stop", executionArn });
    },
  };
}

export type CycleCall = { op: "start" | "stop" | "success"; programmeId?: string; cycle?: number; attempt?: number; executionArn?: string; taskToken?: string; output?: unknown };

/** Records what the domain asks of the learning-cycle executions; `onSuccess` lets a test resolve a waiting task. */
export function recordingCycleWorkflows(onSuccess?: (taskToken: string, output: unknown) => boolean): CycleWorkflows & { calls: CycleCall[] } {
  const calls: CycleCall[] = [];
  return {
    calls,
    async start(programmeId, cycle, attempt) {
      calls.push({ op: "start", programmeId, cycle, attempt });
      return `arn:aws:states:eu-north-1:000000000000:execution:LearningCycle:${programmeId}-c${cycle}-${attempt}`;
    },
    async stop(executionArn) {
      calls.push({ op: "stop", executionArn });
    },
    async sendTaskSuccess(taskToken, output) {
      calls.push({ op: "success", taskToken, output });
      return onSuccess ? onSuccess(taskToken, output) : true;
    },
  };
}

/** The ports over stores on the test's table; the table itself too, for a test's own look at the items. */
export type TestDeps = Deps & { table: TableRef };

export function testDeps(table: TableRef, overrides: Partial<Deps> = {}): TestDeps {
  const clock = overrides.clock ?? (() => new Date());
  const stores = createStores(table);
  return {
    table,
    stores,
    clock,
    mailer: outboxMailer(stores.outbox, clock, overrides.retention?.outboxDays),
    workflows: recordingWorkflows(),
    cycles: recordingCycleWorkflows(),
    regionId: "ostergotland",
    k: 3,
    siteUrl: "http://localhost:3000",
    maxWaitSeconds: 86400,
    ...overrides,
  };
}

/** The project the suites' owner owns (seedTestProject): most tests act as its owner and as a region admin. */
export const TEST_PROJECT = "p-test";
export const OWNER_EMAIL = "owner@example.se";
export const OWNER_CLAIMS = { sub: "owner-1", email: OWNER_EMAIL, "cognito:groups": "[region-admins]", "custom:region": "ostergotland" };

/** The claims of a user of the test region with these groups (none: a plain member). */
export const claimsOf = (email: string, groups: string[] = [], region = "ostergotland") => ({
  sub: `sub-${email}`,
  email,
  "cognito:groups": `[${groups.join(" ")}]`,
  "custom:region": region,
});

/** The test project, owned by OWNER_EMAIL; idempotent. */
export async function seedTestProject(deps: Pick<Deps, "stores">, projectId = TEST_PROJECT, members: Record<string, ProjectRole> = { [OWNER_EMAIL]: "project-owner" }): Promise<void> {
  await deps.stores.projects.createIfAbsent({ id: projectId, name: `Testprojekt ${projectId}`, kind: "industry-centre", createdAt: "2026-01-01T00:00:00.000Z", createdBy: "test" });
  for (const [email, role] of Object.entries(members)) await deps.stores.projects.setMember(projectId, { email, role, addedAt: "2026-01-01T00:00:00.000Z", addedBy: "test" });
}

/** An API Gateway v2 event as the HTTP API (and the local stack) delivers it to a handler. */
export function apiEvent(
  routeKey: string,
  opts: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    contentType?: string;
    claims?: Record<string, unknown> | null;
    /** The participant's token, sent as the form routes expect it (shared/form-link.ts). */
    formToken?: string;
  } = {},
): ApiEvent {
  const [method, pattern] = routeKey.split(" ");
  const path = pattern.replace(/\{(\w+)\}/g, (_, k) => opts.params?.[k] ?? "");
  const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  return {
    version: "2.0",
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { "content-type": opts.contentType ?? "application/json", ...(opts.formToken === undefined ? {} : { [FORM_TOKEN_HEADER]: opts.formToken }) },
    queryStringParameters: opts.query,
    pathParameters: opts.params,
    body,
    isBase64Encoded: false,
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "vitest" },
      requestId: "test",
      routeKey,
      authorizer: opts.claims === null ? undefined : { jwt: { claims: opts.claims ?? OWNER_CLAIMS, scopes: [] } },
    },
  } as unknown as ApiEvent;
}

export async function outbox(table: TableRef) {
  const res = await table.doc.send(
    new QueryCommand({ TableName: table.name, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "OUTBOX" } }),
  );
  return (res.Items ?? []) as { to: string; subject: string; text: string; kind: string; roundId?: string }[];
}

/** The token of the participant link in a mail (`<site>/f#<token>`). */
export function tokenFrom(mailText: string): string {
  const m = mailText.match(/\/f#([A-Za-z0-9_-]{43})/);
  if (!m) throw new Error(`no link in mail: ${mailText}`);
  return m[1];
}

export async function countItems(table: TableRef, pk: string, skPrefix: string): Promise<number> {
  const res = await table.doc.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :s)",
      ExpressionAttributeValues: { ":p": pk, ":s": skPrefix },
      Select: "COUNT",
    }),
  );
  return res.Count ?? 0;
}
