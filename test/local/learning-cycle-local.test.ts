/**
 * The learning-cycle state machine of the synthesized stack on the local Step Functions emulation
 * (infra/local/step-functions.ts), in real time: the programme API starts the execution and
 * answers its waitForTaskToken task over the emulation's HTTP endpoint, as on AWS.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../infra/local/dynamodb-local";
import { LocalStepFunctions } from "../../infra/local/step-functions";
import { stateMachineAsl } from "../../infra/template";
import { stepFunctionsCycleWorkflows } from "../../functions/adapters/cycle-workflows";
import { programmeApi } from "../../functions/api/programme-api";
import { ownerApi } from "../../functions/api/owner-api";
import { cycleTasks, type CycleTaskInput } from "../../functions/workflow/cycle-tasks";
import { CYCLE_TASK_BY_HANDLER } from "../support/cycle-tasks";
import { getCycle } from "../../functions/domain/programme-lookups";
import type { Deps } from "../../functions/adapters/ports";
import { cachedTemplate, createTestTable, type TestTable } from "../support/dynamodb";
import { apiEvent, outbox, testDeps, type TestDeps, seedTestProject } from "../support/deps";
import { orgNumber, organisationRequest } from "../support/fixtures";
import { waitFor as waitUntil } from "../support/wait";


describe("learning cycle on the local Step Functions emulation", () => {
  let table: TestTable;
  let sfn: LocalStepFunctions;
  let server: Server;
  let deps: TestDeps;

  beforeAll(async () => {
    table = await createTestTable("cycle");
    const asl = stateMachineAsl(cachedTemplate(), "LearningCycle");
    const ref = { deps: undefined as unknown as Deps };
    sfn = new LocalStepFunctions({
      doc: table.docClient,
      ddb: table.client,
      tableName: table.tableName,
      awsRegion: "eu-north-1",
      machines: [{ name: "LearningCycle", definition: asl.definition, taskHandlers: asl.taskHandlers }],
      loadHandler: async (h) => (event: unknown) => cycleTasks[CYCLE_TASK_BY_HANDLER[h]!](ref.deps, event as CycleTaskInput),
    });
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => void sfn.handleHttp(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = new SFNClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: "eu-north-1", credentials: LOCAL_CREDENTIALS });
    deps = testDeps({ doc: table.docClient, name: table.tableName }, { cycles: stepFunctionsCycleWorkflows(sfn.stateMachineArn("LearningCycle"), client) });
    await seedTestProject(deps);
    ref.deps = deps;
  });
  afterAll(async () => {
    await sfn.close();
    server.close();
    await table.drop();
  });

  const waitFor = <T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 20_000) => waitUntil(fn, what, ms, 100);

  it("notifies the cohort, waits for the facilitator's record on a task token, then opens the home assignment", async () => {
    const owner = ownerApi(() => deps);
    const orgs = [orgNumber(7001), orgNumber(7002)];
    for (const [i, id] of orgs.entries())
      expect((await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: id, contactEmail: `lokal${i}@example.se` }) }))).statusCode).toBe(201);
    const api = programmeApi(() => deps);
    const programme = JSON.parse((await api(apiEvent("POST /api/programmes", { body: { name: "Lokalt", organisationIds: orgs, cycles: 1 } }))).body!);
    const now = Date.now();
    const at = (h: number) => new Date(now + h * 3_600_000).toISOString();
    const params = { params: { id: programme.id, n: "1" } };
    await api(apiEvent("POST /api/programmes/{id}/cycles/{n}/schedule", { ...params, body: { workshopAt: at(-1), assignmentDeadline: at(72), lectureAt: at(96), reflectionDeadline: at(144) } }));
    const started = await api(apiEvent("POST /api/programmes/{id}/cycles/{n}/start", params));
    expect(started.statusCode, started.body).toBe(202);

    const waiting = await waitFor(async () => {
      const c = await getCycle(deps, programme.id, 1);
      return typeof c.workshopToken === "string" ? c : undefined;
    }, "the AwaitRecord task's token");
    expect(sfn.pendingTaskTokens()).toContain(waiting.workshopToken);
    expect((await outbox(deps.table)).filter((m: any) => m.programmeId === programme.id && m.kind === "cohort-notice")).toHaveLength(2);

    const recorded = await api(apiEvent("POST /api/programmes/{id}/cycles/{n}/workshop", { ...params, body: { attendance: programme.personIds } }));
    expect(recorded.statusCode, recorded.body).toBe(200);
    const opened = await waitFor(async () => {
      const c = await getCycle(deps, programme.id, 1);
      return c.assignmentOpenedAt ? c : undefined;
    }, "the home assignment to open");
    expect(opened.workshopToken).toBeUndefined();
    expect((await outbox(deps.table)).filter((m) => m.roundId === opened.assignmentRoundId && m.kind === "invitation")).toHaveLength(2);
    // Still running: it waits for the assignment's deadline or for everyone to submit.
    expect((await sfn.describeExecution({ executionArn: opened.executionArn as string })).status).toBe("RUNNING");
  });
});
