import { Duration } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as tasks from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Construct } from "constructs";
import { KbStateMachine } from "./kb-state-machine";

export interface SurveyRoundFunctions {
  readonly plan: lambda.IFunction;
  readonly invite: lambda.IFunction;
  readonly remind: lambda.IFunction;
  readonly close: lambda.IFunction;
  readonly aggregate: lambda.IFunction;
  readonly notify: lambda.IFunction;
  readonly markFailed: lambda.IFunction;
}

export interface SurveyRoundStateMachineProps {
  readonly regionId: string;
  readonly functions: SurveyRoundFunctions;
}

/** State names of the survey-round machine (docs/architecture.md). */
export const SURVEY_ROUND_STATES = [
  "Plan", "Route", "Invite", "Remind", "WaitUntilNext", "Close", "Aggregate", "Notify", "Done", "UnknownPlan", "MarkFailed", "Failed",
] as const;

/**
 * Invitations and reminders claimed by an attempt that crashed are sent again only after
 * CLAIM_TIMEOUT_MS (16 minutes, functions/domain/mail-once.ts); until then the task fails with
 * MailClaimPending, retried here for 31 minutes (60 s doubling, 5 times) before the catch-all.
 */
export const MAIL_CLAIM_PENDING_RETRY: sfn.RetryProps = { errors: ["MailClaimPending"], interval: Duration.seconds(60), backoffRate: 2, maxAttempts: 5 };

/** The Default of a Route: a plan the machine does not know fails the workflow visibly instead of with States.NoChoiceMatched. */
export function unknownPlan(scope: Construct): sfn.Pass {
  return new sfn.Pass(scope, "UnknownPlan", {
    stateName: "UnknownPlan",
    result: sfn.Result.fromObject({ Error: "UnknownPlan", Cause: "The plan task answered a step the state machine does not have." }),
    resultPath: "$.error",
  });
}

/**
 * The survey-round state machine, JSONPath, Standard. One execution per round:
 * Plan decides (invite | remind | wait | close); every wait is an absolute timestamp,
 * every task is idempotent, so an execution can be restarted from the top at any time.
 */
export class SurveyRoundStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  /** Physical name, known at synth time (used to scope grants on its executions). */
  readonly stateMachineName: string;
  readonly machine: KbStateMachine;

  constructor(scope: Construct, id: string, props: SurveyRoundStateMachineProps) {
    super(scope, id);
    const f = props.functions;
    const roundId = { "roundId.$": "$.roundId" };

    const task = (name: string, fn: lambda.IFunction, payload: Record<string, unknown>, resultPath: string, mails = false) => {
      const t = new tasks.LambdaInvoke(this, name, {
        stateName: name,
        lambdaFunction: fn,
        // The execution's name (`<roundId>-<attempt>`) is the correlation id of the task's log lines.
        payload: sfn.TaskInput.fromObject({ ...payload, "executionName.$": "$$.Execution.Name" }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath,
      });
      if (mails) t.addRetry(MAIL_CLAIM_PENDING_RETRY);
      t.addRetry({ errors: [sfn.Errors.ALL], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
      return t;
    };

    // The error that stopped the round becomes the execution's error: the status-change event
    // (functions/domain/execution-events.ts) names it when MarkFailed could not write.
    const failed = new sfn.Fail(this, "Failed", { stateName: "Failed", errorPath: "$.error.Error", cause: "The survey round failed; see MarkFailed." });
    const markFailed = task("MarkFailed", f.markFailed, { ...roundId, "error.$": "$.error" }, sfn.JsonPath.DISCARD);
    // The last resort: if recording the failure fails too, still end in Failed.
    markFailed.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: "$.markFailedError" });
    markFailed.next(failed);

    const withCatch = (t: tasks.LambdaInvoke) => {
      t.addCatch(markFailed, { errors: [sfn.Errors.ALL], resultPath: "$.error" });
      return t;
    };

    const plan = withCatch(task("Plan", f.plan, roundId, "$.plan"));
    const invite = withCatch(task("Invite", f.invite, roundId, sfn.JsonPath.DISCARD, true));
    const remind = withCatch(
      task("Remind", f.remind, { ...roundId, "reminderAt.$": "$.plan.reminderAt" }, sfn.JsonPath.DISCARD, true),
    );
    const waitUntilNext = new sfn.Wait(this, "WaitUntilNext", {
      stateName: "WaitUntilNext",
      time: sfn.WaitTime.timestampPath("$.plan.at"),
    });
    const close = withCatch(task("Close", f.close, roundId, sfn.JsonPath.DISCARD));
    const aggregate = withCatch(task("Aggregate", f.aggregate, roundId, sfn.JsonPath.DISCARD));
    const notify = withCatch(task("Notify", f.notify, roundId, sfn.JsonPath.DISCARD));
    const done = new sfn.Succeed(this, "Done", { stateName: "Done" });

    const route = new sfn.Choice(this, "Route", { stateName: "Route" })
      .when(sfn.Condition.stringEquals("$.plan.next", "invite"), invite.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "remind"), remind.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "wait"), waitUntilNext.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "close"), close.next(aggregate).next(notify).next(done))
      .otherwise(unknownPlan(this).next(markFailed));

    const definition = plan.next(route);

    const machine = new KbStateMachine(this, "Machine", { regionId: props.regionId, name: "survey-round", definition, comment: "Kompetensbehov survey round: plan, invite, remind, wait, close, aggregate, notify" });
    this.machine = machine;
    this.logGroup = machine.logGroup;
    this.stateMachine = machine.stateMachine;
    this.stateMachineName = machine.stateMachineName;
  }
}
