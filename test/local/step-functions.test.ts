/**
 * The local Step Functions emulation (infra/local/step-functions.ts) on its own, through the AWS
 * SDK's SFNClient over HTTP, with a small machine whose tasks are bound to test handlers:
 * StartExecution (unique names), Describe/List, Stop, failures recorded with their error,
 * emulated task tokens (SendTaskSuccess/SendTaskFailure), re-running RUNNING executions and the
 * status-change events of failed and stopped executions.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../infra/local/dynamodb-local";
import { LocalStepFunctions, type ExecutionStatusEvent, type LambdaHandler } from "../../infra/local/step-functions";
import { createTestTable, type TestTable } from "../support/dynamodb";
import { waitFor as waitUntil } from "../support/wait";

const FN = (name: string) => `arn:aws:lambda:eu-north-1:000000000000:function:${name}`;
const retry = [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1 }];

const definition = {
  StartAt: "Step",
  States: {
    Step: { Type: "Task", Resource: FN("Step"), Parameters: { "n.$": "$.n", "mode.$": "$.mode" }, ResultPath: "$.step", Retry: retry, Next: "Route" },
    Route: {
      Type: "Choice",
      Choices: [
        { Variable: "$.mode", StringEquals: "approve", Next: "Approve" },
        { Variable: "$.mode", StringEquals: "sleep", Next: "Sleep" },
      ],
      Default: "Done",
    },
    Approve: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: { FunctionName: FN("Ask"), Payload: { "token.$": "$$.Task.Token", "n.$": "$.n" } },
      ResultPath: "$.approval",
      Next: "Done",
    },
    Sleep: { Type: "Wait", Seconds: 3600, Next: "Done" },
    Done: { Type: "Succeed" },
  },
};

describe("local Step Functions emulation", () => {
  let table: TestTable;
  let sfn: LocalStepFunctions;
  let server: Server;
  let client: SFNClient;
  const calls: { step: unknown[]; ask: { token: string; n: number }[] } = { step: [], ask: [] };
  const handlers: Record<string, LambdaHandler> = {
    "workflow/step": async (event: any) => {
      calls.step.push(event);
      if (event.mode === "fail") {
        const error = new Error("the step cannot go on");
        error.name = "StepFailed";
        throw error;
      }
      return { doubled: event.n * 2, at: new Date(0) };
    },
    "workflow/ask": async (event: any) => {
      calls.ask.push(event);
      return { asked: true };
    },
  };
  const machine = { name: "TestMachine", definition, taskHandlers: { Step: "workflow/step", Approve: "workflow/ask" } };
  const arn = "arn:aws:states:eu-north-1:000000000000:stateMachine:TestMachine";

  const newEmulator = () =>
    new LocalStepFunctions({
      doc: table.docClient,
      ddb: table.client,
      tableName: table.tableName,
      awsRegion: "eu-north-1",
      machines: [machine],
      loadHandler: async (h) => handlers[h]!,
      deliveryRetryDelayMs: () => 20,
      onExecutionEnded: async (event) => {
        statusEvents.attempts.push(event.detail.name);
        if (statusEvents.failing > 0) {
          statusEvents.failing--;
          throw new Error("the consumer is down");
        }
        statusEvents.delivered.push(event);
      },
    });
  /** What the emulation raised for the stack's status-change rule; `failing` deliveries fail first. */
  const statusEvents = { attempts: [] as string[], delivered: [] as ExecutionStatusEvent[], failing: 0 };
  const deliveredFor = (name: string) => waitFor(() => statusEvents.delivered.find((e) => e.detail.name === name), `the status event of ${name}`);

  const waitFor = <T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 15_000) => waitUntil(fn, what, ms, 50);
  const describeExecution = (executionArn: string) => client.send(new DescribeExecutionCommand({ executionArn }));
  const until = (executionArn: string, status: string) =>
    waitFor(async () => {
      const d = await describeExecution(executionArn);
      return d.status === status ? d : undefined;
    }, `${executionArn} ${status}`);

  beforeAll(async () => {
    table = await createTestTable("sfn");
    sfn = newEmulator();
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => void sfn.handleHttp(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    client = new SFNClient({ endpoint: `http://127.0.0.1:${port}/_local/sfn`, region: "eu-north-1", credentials: LOCAL_CREDENTIALS });
  });

  afterAll(async () => {
    await sfn?.close();
    client?.destroy();
    await new Promise((r) => server?.close(r));
    await table?.drop();
  });

  it("runs an execution to SUCCEEDED with the handler's JSON result", async () => {
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "ok-1", input: JSON.stringify({ n: 21, mode: "plain" }) }));
    expect(executionArn).toBe("arn:aws:states:eu-north-1:000000000000:execution:TestMachine:ok-1");
    const done = await until(executionArn!, "SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual({ n: 21, mode: "plain", step: { doubled: 42, at: "1970-01-01T00:00:00.000Z" } });
    expect(done.stopDate).toBeInstanceOf(Date);
    const list = await client.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(list.executions!.map((e) => e.name)).toContain("ok-1");
  });

  it("keeps execution names unique per state machine", async () => {
    const input = JSON.stringify({ n: 1, mode: "sleep" });
    const first = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "unique-1", input }));
    // Same name and input while it runs: the same execution (as on AWS).
    const again = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "unique-1", input }));
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "unique-1", input: JSON.stringify({ n: 2, mode: "sleep" }) })),
    ).rejects.toMatchObject({ name: "ExecutionAlreadyExists" });
    await client.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    expect((await describeExecution(first.executionArn!)).status).toBe("ABORTED");
    // A closed execution's name cannot be reused either.
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "unique-1", input }))).rejects.toMatchObject({
      name: "ExecutionAlreadyExists",
    });
  });

  it("answers unknown machines, executions and operations with AWS error types", async () => {
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: "arn:aws:states:eu-north-1:000000000000:stateMachine:Nope", input: "{}" })),
    ).rejects.toMatchObject({ name: "StateMachineDoesNotExist" });
    await expect(describeExecution("arn:aws:states:eu-north-1:000000000000:execution:TestMachine:missing")).rejects.toMatchObject({
      name: "ExecutionDoesNotExist",
    });
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "bad name!", input: "{}" }))).rejects.toMatchObject({
      name: "InvalidName",
    });
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: "nope", output: "{}" }))).rejects.toMatchObject({ name: "TaskDoesNotExist" });
  });

  it("records a failing execution as FAILED with the task's error", async () => {
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "fail-1", input: JSON.stringify({ n: 1, mode: "fail" }) }));
    const failed = await until(executionArn!, "FAILED");
    expect(failed.error).toBe("StepFailed");
    expect(JSON.parse(failed.cause!)).toMatchObject({ errorType: "StepFailed", errorMessage: "the step cannot go on" });
    // One retry (MaxAttempts 1) before it gave up.
    expect(calls.step.filter((e: any) => e.mode === "fail")).toHaveLength(2);
  });

  it("emulates task tokens for .waitForTaskToken tasks", async () => {
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "approve-1", input: JSON.stringify({ n: 7, mode: "approve" }) }));
    const ask = await waitFor(() => calls.ask.find((a) => a.n === 7), "the ask task");
    expect(ask.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await describeExecution(executionArn!)).status).toBe("RUNNING");
    await client.send(new SendTaskSuccessCommand({ taskToken: ask.token, output: JSON.stringify({ approved: true }) }));
    const done = await until(executionArn!, "SUCCEEDED");
    expect(JSON.parse(done.output!).approval).toEqual({ approved: true });
    // A token is used once.
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: ask.token, output: "{}" }))).rejects.toMatchObject({ name: "TaskDoesNotExist" });

    const second = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "approve-2", input: JSON.stringify({ n: 8, mode: "approve" }) }));
    const ask2 = await waitFor(() => calls.ask.find((a) => a.n === 8), "the second ask task");
    await client.send(new SendTaskFailureCommand({ taskToken: ask2.token, error: "Rejected", cause: "the owner said no" }));
    const failed = await until(second.executionArn!, "FAILED");
    expect(failed).toMatchObject({ error: "Rejected", cause: "the owner said no" });
  });

  it("re-runs RUNNING executions from the top after a restart", async () => {
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "resume-1", input: JSON.stringify({ n: 5, mode: "sleep" }) }));
    await waitFor(() => calls.step.filter((e: any) => e.n === 5).length === 1, "the first step");
    await sfn.close(); // the local stack stops: the execution stays RUNNING in the table
    expect((await describeExecution(executionArn!)).status).toBe("RUNNING");

    sfn = newEmulator();
    const resumed = await sfn.resumeRunning();
    expect(resumed).toContain(executionArn);
    await waitFor(() => calls.step.filter((e: any) => e.n === 5).length === 2, "the step to run again");
    const { Item } = await table.docClient.send(new GetCommand({ TableName: table.tableName, Key: { pk: "LOCALEXEC", sk: "TestMachine#resume-1" } }));
    expect(Item).toMatchObject({ status: "RUNNING", runs: 2, name: "resume-1", stateMachine: "TestMachine" });
    expect(JSON.parse(Item!.input)).toEqual({ n: 5, mode: "sleep" });
  });

  it("raises the status-change event of a failed and a stopped execution, retrying its delivery, and none for a succeeded one", async () => {
    statusEvents.failing = 2;
    await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "event-fail", input: JSON.stringify({ n: 11, mode: "fail" }) }));
    const failed = await deliveredFor("event-fail");
    expect(statusEvents.attempts.filter((n) => n === "event-fail")).toHaveLength(3);
    expect(failed).toMatchObject({ source: "aws.states", "detail-type": "Step Functions Execution Status Change", detail: { status: "FAILED", error: "StepFailed", stateMachineArn: arn } });
    expect(JSON.parse(failed.detail.input)).toEqual({ n: 11, mode: "fail" });

    const sleeping = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "event-stop", input: JSON.stringify({ n: 12, mode: "sleep" }) }));
    await client.send(new StopExecutionCommand({ executionArn: sleeping.executionArn, error: "Stopped", cause: "by hand" }));
    expect((await deliveredFor("event-stop")).detail).toMatchObject({ status: "ABORTED", error: "Stopped", cause: "by hand" });

    const ok = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "event-ok", input: JSON.stringify({ n: 13, mode: "plain" }) }));
    // An ended execution's event is handed over before its end is recorded, so by now it would be here.
    await until(ok.executionArn!, "SUCCEEDED");
    expect(statusEvents.attempts).not.toContain("event-ok");
  });

  it("delivers after a restart the status event a stop of the local stack interrupted", async () => {
    statusEvents.failing = Number.MAX_SAFE_INTEGER;
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "event-restart", input: JSON.stringify({ n: 14, mode: "fail" }) }));
    await until(executionArn!, "FAILED");
    await waitFor(() => statusEvents.attempts.includes("event-restart"), "a first delivery attempt");
    await sfn.close();
    statusEvents.failing = 0;
    sfn = newEmulator();
    await sfn.resumeRunning();
    expect((await deliveredFor("event-restart")).detail.status).toBe("FAILED");
    const { Item } = await table.docClient.send(new GetCommand({ TableName: table.tableName, Key: { pk: "LOCALEXEC", sk: "TestMachine#event-restart" } }));
    expect(Item?.statusEventDeliveredAt).toEqual(expect.any(String));
  });
});
