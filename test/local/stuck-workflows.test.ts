/**
 * The stuck-workflow test: on the local Step Functions emulation, with the synthesized machines,
 * a table outage of the tasks (the API's writes before it succeed) that outlasts every task's
 * retries and MarkFailed's fails the execution; the
 * status-change event, bound from the template's rule as the local stack binds it, is retried
 * until the outage ends and then puts the round or cycle in its error state, from which launch or
 * start resumes it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../infra/local/dynamodb-local";
import { statusEventConsumer } from "../../infra/local/local-stack";
import { LocalStepFunctions } from "../../infra/local/step-functions";
import { bindTemplate } from "../../infra/local/template-binding";
import { stateMachineAsl } from "../../infra/template";
import { stepFunctionsCycleWorkflows } from "../../functions/adapters/cycle-workflows";
import { stepFunctionsRoundWorkflows } from "../../functions/adapters/round-workflows";
import type { Deps } from "../../functions/adapters/ports";
import { ownerApi } from "../../functions/api/owner-api";
import { programmeApi } from "../../functions/api/programme-api";
import { getCycle } from "../../functions/domain/programme-lookups";
import { getRound } from "../../functions/domain/rounds";
import { cycleTasks, type CycleTaskInput } from "../../functions/workflow/cycle-tasks";
import { handleStatusChanges } from "../../functions/workflow/execution-status";
import { roundTasks, type RoundTaskInput, type RoundTaskName } from "../../functions/workflow/tasks";
import { CYCLE_TASK_BY_HANDLER } from "../support/cycle-tasks";
import { cachedTemplate, createTestTable, type TestTable } from "../support/dynamodb";
import { apiEvent, outbox, seedTestProject, testDeps, type TestDeps } from "../support/deps";
import { orgNumber, organisationRequest } from "../support/fixtures";
import { waitFor as waitUntil } from "../support/wait";

const ROUND_TASK_BY_HANDLER: Record<string, RoundTaskName> = {
  "workflow/plan": "plan", "workflow/invite": "invite", "workflow/remind": "remind", "workflow/close": "close",
  "workflow/aggregate": "aggregate", "workflow/notify": "notify", "workflow/mark-failed": "markFailed",
};

/** Every store call fails while the outage lasts, as DynamoDB answers when it is unavailable. */
function withOutage(deps: TestDeps, outage: { on: boolean }): Deps {
  const down = () => Object.assign(new Error("DynamoDB is unavailable"), { name: "ServiceUnavailable" });
  const stores = new Proxy(deps.stores, {
    get(target, prop) {
      const store = Reflect.get(target, prop);
      if (typeof store === "function") return (...args: unknown[]) => (outage.on ? Promise.reject(down()) : store(...args));
      return new Proxy(store, {
        get(s, m) {
          const f = Reflect.get(s, m);
          return typeof f === "function" ? (...args: unknown[]) => { if (outage.on) throw down(); return f.apply(s, args); } : f;
        },
      });
    },
  });
  return { ...deps, stores };
}

describe("workflows that fail past their retries", () => {
  let table: TestTable;
  let sfn: LocalStepFunctions;
  let server: Server;
  let deps: TestDeps;
  const outage = { on: false };
  let failedDeliveries = 0;

  beforeAll(async () => {
    table = await createTestTable("stuck");
    const template = cachedTemplate();
    const round = stateMachineAsl(template, "SurveyRound");
    const cycle = stateMachineAsl(template, "LearningCycle");
    const binding = await bindTemplate(template, "ostergotland");
    const failing = () => withOutage(deps, outage);
    const statusHandler = async (event: any) => {
      const result = await handleStatusChanges(failing(), event);
      if (result.batchItemFailures.length) failedDeliveries++;
      return result;
    };
    sfn = new LocalStepFunctions({
      doc: table.docClient,
      ddb: table.client,
      tableName: table.tableName,
      awsRegion: "eu-north-1",
      machines: [
        { name: "SurveyRound", definition: round.definition, taskHandlers: round.taskHandlers },
        { name: "LearningCycle", definition: cycle.definition, taskHandlers: cycle.taskHandlers },
      ],
      loadHandler: async (h) =>
        h in ROUND_TASK_BY_HANDLER
          ? (event: unknown) => roundTasks[ROUND_TASK_BY_HANDLER[h]!](failing(), event as RoundTaskInput)
          : (event: unknown) => cycleTasks[CYCLE_TASK_BY_HANDLER[h]!](failing(), event as CycleTaskInput),
      retryIntervalMs: 0,
      deliveryRetryDelayMs: () => 50,
      onExecutionEnded: statusEventConsumer(binding.statusEventConsumers, async () => statusHandler),
    });
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => void sfn.handleHttp(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = new SFNClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: "eu-north-1", credentials: LOCAL_CREDENTIALS });
    deps = testDeps(
      { doc: table.docClient, name: table.tableName },
      { workflows: stepFunctionsRoundWorkflows(sfn.stateMachineArn("SurveyRound"), client), cycles: stepFunctionsCycleWorkflows(sfn.stateMachineArn("LearningCycle"), client) },
    );
    await seedTestProject(deps);
  });
  afterAll(async () => {
    await sfn.close();
    server.close();
    await table.drop();
  });

  const waitFor = <T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 20_000) => waitUntil(fn, what, ms, 50);
  const hour = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

  /** Fails the next execution with the table down, until its status event has failed to be written twice; then the table is back. */
  async function outageUntilRetried(start: () => Promise<unknown>, executionArn: () => Promise<string | undefined>) {
    outage.on = true;
    failedDeliveries = 0;
    await start();
    const arn = await waitFor(executionArn, "the execution");
    await waitFor(async () => ((await sfn.describeExecution({ executionArn: arn })).status === "FAILED" ? true : undefined), "the execution to fail");
    await waitFor(async () => (failedDeliveries >= 2 ? true : undefined), "the status event to be retried");
    outage.on = false;
    return arn;
  }

  it("puts a round whose execution failed during a table outage in the error state once the table is back, and launch resumes it", async () => {
    const owner = ownerApi(() => deps);
    const orgs = [orgNumber(8101), orgNumber(8102)];
    for (const [i, id] of orgs.entries())
      expect((await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: id, contactEmail: `stuck${i}@example.se` }) }))).statusCode).toBe(201);
    const created = await owner(apiEvent("POST /api/rounds", { body: { name: "Avbrott", opensAt: hour(-1), closesAt: hour(72), reminders: [], recipients: { organisationIds: orgs } } }));
    const roundId = JSON.parse(created.body!).id as string;

    // The tasks and the status handler meet the outage; the API's own writes (the tests' deps) do not.
    const launch = () => owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
    await outageUntilRetried(launch, async () => (await getRound(deps, roundId)).executionArn);
    const failed = await waitFor(async () => {
      const r = await getRound(deps, roundId);
      return r.status === "error" ? r : undefined;
    }, "the round's error state");
    expect(failed.error).toMatch(/stopped \(ServiceUnavailable\).*launching again resumes/);

    expect((await launch()).statusCode).toBe(202);
    const invited = await waitFor(async () => ((await outbox(deps.table)).filter((m) => m.roundId === roundId && m.kind === "invitation").length === 2 ? true : undefined), "the invitations");
    expect(invited).toBe(true);
    expect((await getRound(deps, roundId)).status).toBe("open");

    // An early close stops the running execution: its ABORTED event is a superseded attempt, not an error.
    expect((await owner(apiEvent("POST /api/rounds/{id}/close", { params: { id: roundId } }))).statusCode).toBe(202);
    await waitFor(async () => ((await getRound(deps, roundId)).aggregatedAt ? true : undefined), "the close");
    await sfn.idle();
    expect((await getRound(deps, roundId)).status).toBe("closed");
  });

  it("puts a cycle whose execution failed during a table outage in the error state once the table is back, and start resumes it", async () => {
    const owner = ownerApi(() => deps);
    const orgs = [orgNumber(8201), orgNumber(8202)];
    for (const [i, id] of orgs.entries())
      expect((await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: id, contactEmail: `cykel${i}@example.se` }) }))).statusCode).toBe(201);
    const api = programmeApi(() => deps);
    const programme = JSON.parse((await api(apiEvent("POST /api/programmes", { body: { name: "Avbrott", organisationIds: orgs, cycles: 1 } }))).body!);
    const params = { params: { id: programme.id, n: "1" } };
    await api(apiEvent("POST /api/programmes/{id}/cycles/{n}/schedule", { ...params, body: { workshopAt: hour(-1), assignmentDeadline: hour(72), lectureAt: hour(96), reflectionDeadline: hour(144) } }));

    const start = () => api(apiEvent("POST /api/programmes/{id}/cycles/{n}/start", params));
    await outageUntilRetried(start, async () => (await getCycle(deps, programme.id, 1)).executionArn);
    const failed = await waitFor(async () => {
      const c = await getCycle(deps, programme.id, 1);
      return c.status === "error" ? c : undefined;
    }, "the cycle's error state");
    expect(failed.error).toMatch(/stopped at the workshop \(ServiceUnavailable\)/);

    expect((await start()).statusCode).toBe(202);
    await waitFor(async () => (typeof (await getCycle(deps, programme.id, 1)).workshopToken === "string" ? true : undefined), "the resumed cycle to await the workshop's record");
    expect((await outbox(deps.table)).filter((m: any) => m.programmeId === programme.id && m.kind === "cohort-notice")).toHaveLength(2);
    expect((await getCycle(deps, programme.id, 1)).status).toBe("running");
  });
});
