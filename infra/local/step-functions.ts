/**
 * A local Step Functions endpoint: the AWS JSON 1.0 protocol (`x-amz-target:
 * AWSStepFunctions.<Action>`) in front of `aws-local-stepfunctions`, which runs the ASL taken
 * from the synthesized stack with every Lambda task bound to the handler module of the function
 * it invokes. Executions are kept in the table (pk `LOCALEXEC`, sk `<stateMachine>#<name>`), so a
 * restart of the local stack re-runs every RUNNING execution from the top (every task is
 * idempotent). Wiring only: no step of a workflow is implemented here.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ConditionalCheckFailedException, DynamoDBClient, DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { StateMachine, ExecutionAbortedError } from "aws-local-stepfunctions";

export type LambdaHandler = (event: unknown, context: unknown) => unknown;

export interface LocalStateMachineSpec {
  /** The local name (last segment of the ARN). */
  name: string;
  /** Plain ASL with ARNs resolved. */
  definition: any;
  /** State name -> handler path under functions/ (e.g. `workflow/plan`). */
  taskHandlers: Record<string, string>;
  /** Other names the machine answers to (e.g. its physical name in the template). */
  aliases?: string[];
}

export interface LocalStepFunctionsOptions {
  doc: DynamoDBDocumentClient;
  /** Low-level client for `arn:aws:states:::dynamodb:*` service integrations. */
  ddb: DynamoDBClient;
  tableName: string;
  awsRegion: string;
  accountId?: string;
  machines: LocalStateMachineSpec[];
  loadHandler(handlerPath: string): Promise<LambdaHandler>;
  /** Caps every Task's default timeout and token waits below Node's timer limit. */
  log?: (message: string) => void;
}

type ExecStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

interface ExecItem {
  pk: "LOCALEXEC";
  sk: string;
  executionArn: string;
  stateMachineArn: string;
  stateMachine: string;
  name: string;
  input: string;
  status: ExecStatus;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  runId: string;
  runs: number;
}

export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_PLACEHOLDER = "__KOMPETENSBEHOV_LOCAL_TASK_TOKEN__";
/** Where prepareDefinition carries a TimeoutSecondsPath's value (see there); dropped before a task runs. */
export const LOCAL_TIMEOUT_KEY = "__kompetensbehovTimeoutSeconds";
/** setTimeout overflows beyond 2^31-1 ms (~24.8 days): every local timer stays below that. */
const MAX_TIMER_SECONDS = 2_000_000;
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/** Every Task state of a definition, also inside Parallel branches and Map processors. */
function forEachState(definition: any, fn: (name: string, state: any) => void): void {
  for (const [name, state] of Object.entries<any>(definition?.States ?? {})) {
    fn(name, state);
    for (const branch of state.Branches ?? []) forEachState(branch, fn);
    if (state.Iterator) forEachState(state.Iterator, fn);
    if (state.ItemProcessor) forEachState(state.ItemProcessor, fn);
  }
}

function replaceTokenPath(value: any): any {
  if (Array.isArray(value)) return value.map(replaceTokenPath);
  if (value && typeof value === "object") {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith(".$") && v === "$$.Task.Token") out[k.slice(0, -2)] = TOKEN_PLACEHOLDER;
      else out[k] = replaceTokenPath(v);
    }
    return out;
  }
  return value;
}

function fillToken(value: any, token: string): any {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((v) => fillToken(v, token));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillToken(v, token)]));
  return value;
}

/**
 * The definition as the interpreter runs it: `$$.Task.Token` (which the interpreter does not
 * know) becomes a placeholder filled per task, and timeouts stay below Node's timer limit.
 */
export function prepareDefinition(definition: any): any {
  const copy = JSON.parse(JSON.stringify(definition));
  forEachState(copy, (_name, state) => {
    if (state.Type !== "Task") return;
    if (typeof state.Resource === "string" && state.Resource.endsWith(".waitForTaskToken")) {
      if (state.Parameters) state.Parameters = replaceTokenPath(state.Parameters);
      // A timeout from the input (TimeoutSecondsPath) may not sit beside TimeoutSeconds.
      if (state.TimeoutSecondsPath === undefined) state.TimeoutSeconds ??= MAX_TIMER_SECONDS;
    }
    if (state.TimeoutSeconds) state.TimeoutSeconds = Math.min(state.TimeoutSeconds, MAX_TIMER_SECONDS);
    // Step Functions resolves TimeoutSecondsPath against the state's input, the interpreter against
    // the input after Parameters: the value is carried through Parameters under a key no task sees.
    if (typeof state.TimeoutSecondsPath === "string" && state.Parameters && typeof state.Parameters === "object") {
      state.Parameters = { ...state.Parameters, [`${LOCAL_TIMEOUT_KEY}.$`]: state.TimeoutSecondsPath };
      state.TimeoutSecondsPath = `$.${LOCAL_TIMEOUT_KEY}`;
    }
  });
  return copy;
}

/** The task's input without the value prepareDefinition carried for TimeoutSecondsPath. */
export function withoutLocalTimeout(input: any): any {
  if (!input || typeof input !== "object" || Array.isArray(input) || !(LOCAL_TIMEOUT_KEY in input)) return input;
  const { [LOCAL_TIMEOUT_KEY]: _timeout, ...rest } = input;
  void _timeout;
  return rest;
}

/** A Lambda-style error: name = errorType, message = the JSON `Cause` Step Functions records. */
function lambdaError(error: unknown): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  const errorType = e.name && e.name !== "Error" ? e.name : "Error";
  const wrapped = new Error(
    JSON.stringify({ errorType, errorMessage: e.message, trace: String(e.stack ?? "").split("\n").slice(0, 10) }),
  );
  wrapped.name = errorType;
  return wrapped;
}

function lambdaContext(functionName: string, awsRegion: string, accountId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${awsRegion}:${accountId}:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}

/** Lambda serialises payloads as JSON both ways; so does the local binding. */
const viaJson = (value: unknown): any => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

interface Running {
  runId: string;
  abort: () => void;
  done: Promise<void>;
}

interface PendingTask {
  executionKey: string;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

export class LocalStepFunctions {
  private readonly accountId: string;
  private readonly machines = new Map<string, LocalStateMachineSpec & { prepared: any; arn: string }>();
  private readonly running = new Map<string, Running>();
  private readonly tokens = new Map<string, PendingTask>();
  private closed = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.accountId = options.accountId ?? "000000000000";
    for (const spec of options.machines) {
      const entry = { ...spec, prepared: prepareDefinition(spec.definition), arn: this.stateMachineArn(spec.name) };
      // Validate once at start: a definition the interpreter cannot run fails loudly here.
      new StateMachine(entry.prepared, { validationOptions: { checkArn: false } });
      forEachState(entry.prepared, (name, state) => {
        if (state.Type === "Task" && !spec.taskHandlers[name] && !String(state.Resource).startsWith("arn:aws:states:::dynamodb:") && !String(state.Resource).startsWith("arn:aws:states:::states:startExecution")) {
          throw new Error(`State machine ${spec.name}: task state ${name} (${state.Resource}) is bound to no handler`);
        }
      });
      for (const name of [spec.name, ...(spec.aliases ?? [])]) this.machines.set(name, entry);
    }
  }

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.options.awsRegion}:${this.accountId}:stateMachine:${name}`;
  }

  private executionArn(machine: string, name: string): string {
    return `arn:aws:states:${this.options.awsRegion}:${this.accountId}:execution:${machine}:${name}`;
  }

  private machineOf(arn: unknown) {
    if (typeof arn !== "string" || !arn.startsWith("arn:")) throw new SfnError("InvalidArn", `Invalid Arn: '${String(arn)}'`);
    const m = /^arn:aws:states:[^:]*:[^:]*:stateMachine:([^:]+)$/.exec(arn);
    if (!m) throw new SfnError("InvalidArn", `Invalid Arn: '${arn}'`);
    const machine = this.machines.get(m[1]!);
    if (!machine) throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private parseExecutionArn(arn: unknown): { machine: string; name: string } {
    const m = typeof arn === "string" ? /^arn:aws:states:[^:]*:[^:]*:execution:([^:]+):([^:]+)$/.exec(arn) : null;
    if (!m) throw new SfnError("InvalidArn", `Invalid Arn: '${String(arn)}'`);
    const machine = this.machines.get(m[1]!);
    return { machine: machine?.name ?? m[1]!, name: m[2]! };
  }

  private async getItem(machine: string, name: string): Promise<ExecItem | undefined> {
    const { Item } = await this.options.doc.send(
      new GetCommand({ TableName: this.options.tableName, Key: { pk: "LOCALEXEC", sk: `${machine}#${name}` }, ConsistentRead: true }),
    );
    return Item as ExecItem | undefined;
  }

  // ---- actions -------------------------------------------------------------------------------

  async startExecution(req: { stateMachineArn?: string; name?: string; input?: string }) {
    const machine = this.machineOf(req.stateMachineArn);
    const name = req.name ?? randomUUID();
    if (!NAME_PATTERN.test(name)) throw new SfnError("InvalidName", `Invalid Name: '${name}'`);
    const input = req.input ?? "{}";
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new SfnError("InvalidExecutionInput", "Invalid State Machine Execution Input: the input is not JSON");
    }
    if (Buffer.byteLength(input) > 256 * 1024) throw new SfnError("InvalidExecutionInput", "The input exceeds 256 KB");
    const item: ExecItem = {
      pk: "LOCALEXEC",
      sk: `${machine.name}#${name}`,
      executionArn: this.executionArn(machine.name, name),
      stateMachineArn: machine.arn,
      stateMachine: machine.name,
      name,
      input,
      status: "RUNNING",
      startDate: new Date().toISOString(),
      runId: randomUUID(),
      runs: 1,
    };
    try {
      await this.options.doc.send(
        new PutCommand({ TableName: this.options.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.getItem(machine.name, name);
      // As on AWS: the same name and input while it runs is idempotent; anything else is an error.
      if (existing && existing.status === "RUNNING" && existing.input === input) {
        return { executionArn: existing.executionArn, startDate: Date.parse(existing.startDate) / 1000 };
      }
      throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${item.executionArn}'`);
    }
    this.launch(item, parsed);
    return { executionArn: item.executionArn, startDate: Date.parse(item.startDate) / 1000 };
  }

  async stopExecution(req: { executionArn?: string; error?: string; cause?: string }) {
    const { machine, name } = this.parseExecutionArn(req.executionArn);
    const item = await this.getItem(machine, name);
    if (!item) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${req.executionArn}'`);
    const stopDate = new Date().toISOString();
    if (item.status === "RUNNING") {
      try {
        await this.options.doc.send(
          new UpdateCommand({
            TableName: this.options.tableName,
            Key: { pk: "LOCALEXEC", sk: item.sk },
            UpdateExpression: "SET #s = :aborted, stopDate = :now, #e = :error, cause = :cause",
            ConditionExpression: "#s = :running",
            ExpressionAttributeNames: { "#s": "status", "#e": "error" },
            ExpressionAttributeValues: { ":aborted": "ABORTED", ":running": "RUNNING", ":now": stopDate, ":error": req.error ?? null, ":cause": req.cause ?? null },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const run = this.running.get(item.sk);
      if (run) {
        run.abort();
        await run.done.catch(() => {});
      }
    }
    return { stopDate: Date.parse(stopDate) / 1000 };
  }

  private describe(item: ExecItem) {
    return {
      executionArn: item.executionArn,
      stateMachineArn: item.stateMachineArn,
      name: item.name,
      status: item.status,
      startDate: Date.parse(item.startDate) / 1000,
      ...(item.stopDate ? { stopDate: Date.parse(item.stopDate) / 1000 } : {}),
      input: item.input,
      inputDetails: { included: true },
      ...(item.output !== undefined && item.output !== null ? { output: item.output, outputDetails: { included: true } } : {}),
      ...(item.error ? { error: item.error } : {}),
      ...(item.cause ? { cause: item.cause } : {}),
    };
  }

  async describeExecution(req: { executionArn?: string }) {
    const { machine, name } = this.parseExecutionArn(req.executionArn);
    const item = await this.getItem(machine, name);
    if (!item) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${req.executionArn}'`);
    return this.describe(item);
  }

  async listExecutions(req: { stateMachineArn?: string; statusFilter?: ExecStatus; maxResults?: number }) {
    const machine = this.machineOf(req.stateMachineArn);
    const items = await this.allExecutions(machine.name);
    const executions = items
      .filter((i) => !req.statusFilter || i.status === req.statusFilter)
      .sort((a, b) => b.startDate.localeCompare(a.startDate))
      .slice(0, req.maxResults && req.maxResults > 0 ? req.maxResults : 1000)
      .map((i) => ({
        executionArn: i.executionArn,
        stateMachineArn: i.stateMachineArn,
        name: i.name,
        status: i.status,
        startDate: Date.parse(i.startDate) / 1000,
        ...(i.stopDate ? { stopDate: Date.parse(i.stopDate) / 1000 } : {}),
      }));
    return { executions };
  }

  private async allExecutions(machine?: string): Promise<ExecItem[]> {
    const items: ExecItem[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.doc.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: machine ? "pk = :pk AND begins_with(sk, :prefix)" : "pk = :pk",
          ExpressionAttributeValues: machine ? { ":pk": "LOCALEXEC", ":prefix": `${machine}#` } : { ":pk": "LOCALEXEC" },
          ExclusiveStartKey,
          ConsistentRead: true,
        }),
      );
      items.push(...((page.Items ?? []) as ExecItem[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  sendTaskSuccess(req: { taskToken?: string; output?: string }) {
    const task = req.taskToken ? this.tokens.get(req.taskToken) : undefined;
    if (!task) throw new SfnError("TaskDoesNotExist", "Task Does Not Exist");
    let output: unknown;
    try {
      output = JSON.parse(req.output ?? "null");
    } catch {
      throw new SfnError("InvalidOutput", "Invalid Output: the output is not JSON");
    }
    this.tokens.delete(req.taskToken!);
    task.resolve(output);
    return {};
  }

  sendTaskFailure(req: { taskToken?: string; error?: string; cause?: string }) {
    const task = req.taskToken ? this.tokens.get(req.taskToken) : undefined;
    if (!task) throw new SfnError("TaskDoesNotExist", "Task Does Not Exist");
    this.tokens.delete(req.taskToken!);
    const error = new Error(req.cause ?? "");
    error.name = req.error || "States.TaskFailed";
    task.reject(error);
    return {};
  }

  sendTaskHeartbeat(req: { taskToken?: string }) {
    if (!req.taskToken || !this.tokens.has(req.taskToken)) throw new SfnError("TaskDoesNotExist", "Task Does Not Exist");
    return {};
  }

  /** Task tokens currently awaited (for tests and the dev tools). */
  pendingTaskTokens(): string[] {
    return [...this.tokens.keys()];
  }

  // ---- running -------------------------------------------------------------------------------

  /** Re-runs every RUNNING execution from the top (after a restart of the local stack). */
  async resumeRunning(): Promise<string[]> {
    const resumed: string[] = [];
    for (const item of await this.allExecutions()) {
      if (item.status !== "RUNNING" || this.running.has(item.sk)) continue;
      if (!this.machines.has(item.stateMachine)) continue;
      const runId = randomUUID();
      await this.options.doc.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: "LOCALEXEC", sk: item.sk },
          UpdateExpression: "SET runId = :run ADD runs :one",
          ExpressionAttributeValues: { ":run": runId, ":one": 1 },
        }),
      );
      this.launch({ ...item, runId }, JSON.parse(item.input));
      resumed.push(item.executionArn);
    }
    return resumed;
  }

  private launch(item: ExecItem, input: unknown): void {
    if (this.closed) return;
    const machine = this.machines.get(item.stateMachine)!;
    const sm = new StateMachine(machine.prepared, { validationOptions: { noValidate: true } });
    const handlers: Record<string, (input: any) => Promise<any>> = {};
    forEachState(machine.prepared, (stateName, state) => {
      if (state.Type === "Task") handlers[stateName] = (taskInput) => this.runTask(item, machine, stateName, state, taskInput);
    });
    const execution = sm.run(input as any, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: { Id: item.executionArn, Name: item.name, RoleArn: `arn:aws:iam::${this.accountId}:role/local`, StartTime: item.startDate },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    const log = this.options.log ?? (() => {});
    log(`execution ${item.name} of ${machine.name} running`);
    const done = execution.result.then(
      (output) => this.finish(item, { status: "SUCCEEDED", output: JSON.stringify(output ?? null) }),
      (error: any) => {
        if (error instanceof ExecutionAbortedError || this.closed) return; // stopped or shutting down
        const cause = error?.cause ?? error;
        const name = error?.name === "ExecutionTimeoutError" ? "States.Timeout" : String(cause?.name ?? "States.Runtime");
        return this.finish(item, {
          status: error?.name === "ExecutionTimeoutError" ? "TIMED_OUT" : "FAILED",
          error: name,
          cause: String(cause?.message ?? error?.message ?? ""),
        });
      },
    );
    const running: Running = { runId: item.runId, abort: execution.abort, done };
    this.running.set(item.sk, running);
    void done
      .catch((e) => log(`execution ${item.name}: could not record its end: ${e?.message ?? e}`))
      .finally(() => {
        if (this.running.get(item.sk) === running) this.running.delete(item.sk);
      });
  }

  private async finish(item: ExecItem, end: { status: ExecStatus; output?: string; error?: string; cause?: string }) {
    const log = this.options.log ?? (() => {});
    log(`execution ${item.name} of ${item.stateMachine}: ${end.status}${end.error ? ` (${end.error}: ${end.cause?.slice(0, 300)})` : ""}`);
    try {
      await this.options.doc.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: "LOCALEXEC", sk: item.sk },
          UpdateExpression: "SET #s = :status, stopDate = :now, #o = :output, #e = :error, cause = :cause",
          // A run that was stopped or superseded by a restart does not overwrite the record.
          ConditionExpression: "#s = :running AND runId = :run",
          ExpressionAttributeNames: { "#s": "status", "#o": "output", "#e": "error" },
          ExpressionAttributeValues: {
            ":status": end.status,
            ":now": new Date().toISOString(),
            ":output": end.output ?? null,
            ":error": end.error ?? null,
            ":cause": end.cause ?? null,
            ":running": "RUNNING",
            ":run": item.runId,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async invokeHandler(handlerPath: string, payload: unknown, timeoutSeconds: number): Promise<any> {
    const handler = await this.options.loadHandler(handlerPath);
    const functionName = handlerPath.replace(/\//g, "-");
    try {
      const result = await handler(viaJson(payload), lambdaContext(functionName, this.options.awsRegion, this.accountId, timeoutSeconds * 1000));
      return viaJson(result);
    } catch (error) {
      throw lambdaError(error);
    }
  }

  private async runTask(item: ExecItem, machine: LocalStateMachineSpec, stateName: string, state: any, rawInput: any): Promise<any> {
    const resource = String(state.Resource);
    const input = withoutLocalTimeout(rawInput);
    const handlerPath = machine.taskHandlers[stateName];
    const timeout = state.TimeoutSeconds ?? 60;

    if (resource.endsWith(".waitForTaskToken")) {
      const token = randomBytes(48).toString("base64url");
      const filled = fillToken(input, token);
      const settled = new Promise<any>((resolve, reject) => this.tokens.set(token, { executionKey: item.sk, resolve, reject }));
      try {
        if (handlerPath) {
          const payload = resource.startsWith("arn:aws:states:::lambda:invoke") ? filled?.Payload ?? filled : filled;
          await this.invokeHandler(handlerPath, payload, timeout);
        }
        return await settled;
      } finally {
        this.tokens.delete(token);
      }
    }
    if (resource === "arn:aws:states:::lambda:invoke") {
      const payload = await this.invokeHandler(handlerPath!, input?.Payload ?? input, timeout);
      return { ExecutedVersion: "$LATEST", Payload: payload, StatusCode: 200 };
    }
    if (resource.startsWith("arn:aws:states:::dynamodb:")) return this.dynamoDbTask(resource.split(":").pop()!, input);
    if (resource.startsWith("arn:aws:states:::states:startExecution")) {
      return this.startExecution({ stateMachineArn: input.StateMachineArn, name: input.Name, input: typeof input.Input === "string" ? input.Input : JSON.stringify(input.Input ?? {}) });
    }
    // A Lambda function ARN (payloadResponseOnly): the result is the handler's answer itself.
    return this.invokeHandler(handlerPath!, input, timeout);
  }

  private async dynamoDbTask(action: string, input: any): Promise<any> {
    const ddb = this.options.ddb;
    const out =
      action === "getItem" ? await ddb.send(new GetItemCommand(input))
      : action === "putItem" ? await ddb.send(new PutItemCommand(input))
      : action === "updateItem" ? await ddb.send(new UpdateItemCommand(input))
      : action === "deleteItem" ? await ddb.send(new DeleteItemCommand(input))
      : null;
    if (!out) throw Object.assign(new Error(`dynamodb:${action} is not emulated locally`), { name: "States.Runtime" });
    const { $metadata, ...rest } = out as any;
    void $metadata;
    return rest;
  }

  /** Stops every run in memory without marking it: RUNNING executions resume on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    const runs = [...this.running.values()];
    for (const run of runs) run.abort();
    for (const task of this.tokens.values()) task.reject(Object.assign(new Error("local stack stopped"), { name: "States.Runtime" }));
    this.tokens.clear();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  /** Resolves when no execution is running in this process (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  // ---- HTTP (AWS JSON 1.0) -------------------------------------------------------------------

  async handleHttp(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const send = (status: number, payload: unknown, errorType?: string) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        "content-type": "application/x-amz-json-1.0",
        "content-length": Buffer.byteLength(text),
        "x-amzn-requestid": randomUUID(),
        ...(errorType ? { "x-amzn-errortype": errorType } : {}),
      });
      res.end(text);
    };
    const target = String(req.headers["x-amz-target"] ?? "");
    const action = target.startsWith("AWSStepFunctions.") ? target.slice("AWSStepFunctions.".length) : "";
    if (req.method !== "POST" || !action) {
      send(400, { __type: "UnknownOperationException", message: "Expected POST with x-amz-target: AWSStepFunctions.<Action>" }, "UnknownOperationException");
      return;
    }
    let request: any;
    try {
      request = body.length ? JSON.parse(body.toString("utf8")) : {};
    } catch {
      send(400, { __type: "SerializationException", message: "The request body is not JSON" }, "SerializationException");
      return;
    }
    try {
      const result = await this.dispatch(action, request);
      send(200, result);
    } catch (error) {
      if (error instanceof SfnError) send(400, { __type: error.type, message: error.message }, error.type);
      else {
        (this.options.log ?? console.error)(`sfn ${action} failed: ${(error as Error)?.stack ?? error}`);
        send(500, { __type: "ServiceUnavailable", message: "The local Step Functions emulation failed; see the console." }, "ServiceUnavailable");
      }
    }
  }

  dispatch(action: string, request: any): Promise<unknown> | unknown {
    switch (action) {
      case "StartExecution":
        return this.startExecution(request);
      case "StopExecution":
        return this.stopExecution(request);
      case "DescribeExecution":
        return this.describeExecution(request);
      case "ListExecutions":
        return this.listExecutions(request);
      case "SendTaskSuccess":
        return this.sendTaskSuccess(request);
      case "SendTaskFailure":
        return this.sendTaskFailure(request);
      case "SendTaskHeartbeat":
        return this.sendTaskHeartbeat(request);
      default:
        throw new SfnError("UnknownOperationException", `${action} is not emulated locally`);
    }
  }
}
