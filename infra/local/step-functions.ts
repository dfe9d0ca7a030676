/**
 * A local Step Functions endpoint in front of `aws-local-stepfunctions`, which runs the ASL taken
 * from the synthesized stack (as asl-definition.ts prepares it) with every Lambda task bound to
 * the handler module of the function it invokes (lambda-invocation.ts). Executions are kept in
 * the table (execution-store.ts), so a restart of the local stack re-runs every RUNNING execution
 * from the top (every task is idempotent); task tokens live in memory. The AWS JSON 1.0 protocol
 * is step-functions-http.ts. Wiring only: no step of a workflow is implemented here.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StateMachine, ExecutionAbortedError } from "aws-local-stepfunctions";
import { fillToken, forEachState, prepareDefinition, withoutLocalTimeout } from "./asl-definition";
import { describeExecution, executionKey, ExecutionStore, type ExecItem, type ExecStatus, type ExecutionEnd } from "./execution-store";
import { lambdaContext, lambdaError, viaJson } from "./lambda-invocation";
import { dynamoDbTask } from "./service-integrations";
import { serveAwsJson, SfnError } from "./step-functions-http";
import { StatusEventDelivery, statusEvent, type ExecutionStatusEvent } from "./execution-events";

import type { LambdaHandler, LocalStateMachineSpec, LocalStepFunctionsOptions } from "./step-functions-options";

export { SfnError, type ExecutionStatusEvent };
export type { LambdaHandler, LocalStateMachineSpec, LocalStepFunctionsOptions };

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

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
  private readonly executions: ExecutionStore;
  private readonly statusEvents: StatusEventDelivery;
  private closed = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.accountId = options.accountId ?? "000000000000";
    this.executions = new ExecutionStore(options.doc, options.tableName);
    this.statusEvents = new StatusEventDelivery(
      options.onExecutionEnded,
      (event) => this.executions.markStatusEventDelivered(this.keyOfArn(event.detail.executionArn), new Date().toISOString()),
      options.deliveryRetryDelayMs,
      options.log,
    );
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

  private keyOfArn(executionArn: string): string {
    const { machine, name } = this.parseExecutionArn(executionArn);
    return executionKey(machine, name);
  }

  private parseExecutionArn(arn: unknown): { machine: string; name: string } {
    const m = typeof arn === "string" ? /^arn:aws:states:[^:]*:[^:]*:execution:([^:]+):([^:]+)$/.exec(arn) : null;
    if (!m) throw new SfnError("InvalidArn", `Invalid Arn: '${String(arn)}'`);
    const machine = this.machines.get(m[1]!);
    return { machine: machine?.name ?? m[1]!, name: m[2]! };
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
      sk: executionKey(machine.name, name),
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
    if (!(await this.executions.create(item))) {
      const existing = await this.executions.get(machine.name, name);
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
    const item = await this.executions.get(machine, name);
    if (!item) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${req.executionArn}'`);
    const stopDate = new Date().toISOString();
    if (item.status === "RUNNING") {
      await this.executions.markAborted(item.sk, stopDate, req.error, req.cause);
      const run = this.running.get(item.sk);
      if (run) {
        run.abort();
        await run.done.catch(() => {});
      }
      this.statusEvents.deliver(statusEvent(item, { status: "ABORTED", error: req.error, cause: req.cause }, this.options.awsRegion, this.accountId));
    }
    return { stopDate: Date.parse(stopDate) / 1000 };
  }

  async describeExecution(req: { executionArn?: string }) {
    const { machine, name } = this.parseExecutionArn(req.executionArn);
    const item = await this.executions.get(machine, name);
    if (!item) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${req.executionArn}'`);
    return describeExecution(item);
  }

  async listExecutions(req: { stateMachineArn?: string; statusFilter?: ExecStatus; maxResults?: number }) {
    const machine = this.machineOf(req.stateMachineArn);
    const items = await this.executions.all(machine.name);
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

  /**
   * Re-runs every RUNNING execution from the top (after a restart of the local stack) and
   * delivers the status-change events a stop interrupted.
   */
  async resumeRunning(): Promise<string[]> {
    const resumed: string[] = [];
    for (const item of await this.executions.all()) {
      if (item.status !== "RUNNING" && item.status !== "SUCCEEDED" && !item.statusEventDeliveredAt && this.machines.has(item.stateMachine)) {
        this.statusEvents.deliver(statusEvent(item, { status: item.status, error: item.error ?? undefined, cause: item.cause ?? undefined }, this.options.awsRegion, this.accountId));
      }
      if (item.status !== "RUNNING" || this.running.has(item.sk)) continue;
      if (!this.machines.has(item.stateMachine)) continue;
      const runId = randomUUID();
      await this.executions.newRun(item.sk, runId);
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
      overrides: {
        taskResourceLocalHandlers: handlers,
        ...(this.options.retryIntervalMs !== undefined ? { retryIntervalOverrides: Object.fromEntries(Object.keys(handlers).map((n) => [n, this.options.retryIntervalMs!])) } : {}),
      },
      context: {
        Execution: { Id: item.executionArn, Name: item.name, RoleArn: `arn:aws:iam::${this.accountId}:role/local`, StartTime: item.startDate },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    const onEvent = this.options.onExecutionEvent;
    if (onEvent)
      void (async () => {
        for await (const event of execution.eventLogs) onEvent(machine.name, event.type);
      })().catch(() => {});
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

  private async finish(item: ExecItem, end: ExecutionEnd) {
    const log = this.options.log ?? (() => {});
    log(`execution ${item.name} of ${item.stateMachine}: ${end.status}${end.error ? ` (${end.error}: ${end.cause?.slice(0, 300)})` : ""}`);
    // Raised even when the end cannot be recorded (the table is down): the event is what marks the round or cycle.
    if (end.status !== "SUCCEEDED") this.statusEvents.deliver(statusEvent(item, end, this.options.awsRegion, this.accountId));
    await this.executions.recordEnd(item, end);
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
    if (resource.startsWith("arn:aws:states:::dynamodb:")) return dynamoDbTask(this.options.ddb, resource.split(":").pop()!, input);
    if (resource.startsWith("arn:aws:states:::states:startExecution")) {
      return this.startExecution({ stateMachineArn: input.StateMachineArn, name: input.Name, input: typeof input.Input === "string" ? input.Input : JSON.stringify(input.Input ?? {}) });
    }
    // A Lambda function ARN (payloadResponseOnly): the result is the handler's answer itself.
    return this.invokeHandler(handlerPath!, input, timeout);
  }

  /** Stops every run in memory without marking it: RUNNING executions resume on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    const runs = [...this.running.values()];
    for (const run of runs) run.abort();
    for (const task of this.tokens.values()) task.reject(Object.assign(new Error("local stack stopped"), { name: "States.Runtime" }));
    this.tokens.clear();
    await Promise.allSettled(runs.map((r) => r.done));
    await this.statusEvents.close();
  }

  /** Resolves when no execution is running and no status event is being delivered in this process (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()].map((r) => r.done));
    await this.statusEvents.idle();
  }

  // ---- HTTP (AWS JSON 1.0) -------------------------------------------------------------------

  handleHttp(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    return serveAwsJson(req, res, body, (action, request) => this.dispatch(action, request), this.options.log ?? console.error);
  }

  dispatch(action: string, request: any): Promise<unknown> | unknown {
    const actions: Record<string, (request: any) => unknown> = {
      StartExecution: (r) => this.startExecution(r),
      StopExecution: (r) => this.stopExecution(r),
      DescribeExecution: (r) => this.describeExecution(r),
      ListExecutions: (r) => this.listExecutions(r),
      SendTaskSuccess: (r) => this.sendTaskSuccess(r),
      SendTaskFailure: (r) => this.sendTaskFailure(r),
      SendTaskHeartbeat: (r) => this.sendTaskHeartbeat(r),
    };
    const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!run) throw new SfnError("UnknownOperationException", `${action} is not emulated locally`);
    return run(request);
  }
}
