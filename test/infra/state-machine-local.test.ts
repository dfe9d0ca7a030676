import { StateMachine, type RunOptions } from "aws-local-stepfunctions";

type JSONValue = Parameters<NonNullable<NonNullable<RunOptions["overrides"]>["taskResourceLocalHandlers"]>[string]>[0];
import { beforeAll, describe, expect, it } from "vitest";
import { stateMachineAsl } from "../../infra/template/index";
import { prepareDefinition } from "../../infra/local/asl-definition";
import { ostergotlandTemplate } from "./helpers";

let definition: any;
beforeAll(() => {
  definition = stateMachineAsl(ostergotlandTemplate(), "survey-round").definition;
});

const TASKS = ["Plan", "Invite", "Remind", "Close", "Aggregate", "Notify", "MarkFailed"];
const noRetryDelay = Object.fromEntries(TASKS.map((n) => [n, 0]));

describe("survey-round ASL on aws-local-stepfunctions", () => {
  it("is accepted by the validator of new StateMachine(definition)", () => {
    expect(() => new StateMachine(definition)).not.toThrow();
    expect(() => new StateMachine(definition, { validationOptions: { checkPaths: true, checkArn: true } })).not.toThrow();
  });

  it("runs a round: wait, invite, remind, close, aggregate, notify, done", async () => {
    const plans: JSONValue[] = [
      { next: "wait", at: new Date(Date.now() + 1000).toISOString() },
      { next: "invite" },
      { next: "remind", reminderAt: "2030-01-08T08:00:00.000Z" },
      { next: "close" },
    ];
    const calls: Array<[string, unknown]> = [];
    const record = (name: string, result: JSONValue = { ok: true }) => (input: JSONValue) => {
      calls.push([name, input]);
      return result;
    };
    const sm = new StateMachine(definition);
    const exec = sm.run({ roundId: "r1" }, {
      context: { Execution: { Name: "r1-1" } },
      overrides: {
        taskResourceLocalHandlers: {
          Plan: (input: JSONValue) => {
            calls.push(["Plan", input]);
            return plans.shift()!;
          },
          Invite: record("Invite"),
          Remind: record("Remind"),
          Close: record("Close"),
          Aggregate: record("Aggregate"),
          Notify: record("Notify"),
          MarkFailed: record("MarkFailed"),
        },
        waitTimeOverrides: { WaitUntilNext: 0 },
        retryIntervalOverrides: noRetryDelay,
      },
    });
    const out: any = await exec.result;
    expect(calls.map(([n]) => n)).toEqual(["Plan", "Plan", "Invite", "Plan", "Remind", "Plan", "Close", "Aggregate", "Notify"]);
    expect(calls.find(([n]) => n === "Remind")![1]).toEqual({ roundId: "r1", reminderAt: "2030-01-08T08:00:00.000Z", executionName: "r1-1" });
    for (const [n, input] of calls) if (n !== "Remind") expect(input).toEqual({ roundId: "r1", executionName: "r1-1" });
    expect(out.roundId).toBe("r1");
  });

  it("retries a failing task three times, then marks the round failed and fails", async () => {
    let inviteCalls = 0;
    const marked: unknown[] = [];
    const sm = new StateMachine(definition);
    const exec = sm.run({ roundId: "r2" }, {
      context: { Execution: { Name: "r2-1" } },
      overrides: {
        taskResourceLocalHandlers: {
          Plan: () => ({ next: "invite" }),
          Invite: () => {
            inviteCalls++;
            throw new Error("mail service down");
          },
          MarkFailed: (input: any) => {
            marked.push(input);
            return {};
          },
        },
        retryIntervalOverrides: noRetryDelay,
      },
    });
    await expect(exec.result).rejects.toThrow(/The survey round failed/);
    expect(inviteCalls).toBe(4);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ roundId: "r2", error: { Error: expect.any(String) } });
  });
});

describe("the local stack's preparation of a synthesized definition", () => {
  it("lets a Lambda task without a timeout of its own run as long as Lambda allows, as on AWS, not the interpreter's 60 s", () => {
    const prepared = prepareDefinition(definition);
    for (const name of TASKS) expect(prepared.States[name].TimeoutSeconds, name).toBe(900);
  });
});
