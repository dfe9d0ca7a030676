import { Duration } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as tasks from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Construct } from "constructs";
import { KbStateMachine } from "./kb-state-machine";
import { MAIL_CLAIM_PENDING_RETRY, unknownPlan } from "./survey-round-state-machine";

export interface LearningCycleFunctions {
  readonly plan: lambda.IFunction;
  readonly notify: lambda.IFunction;
  readonly awaitRecord: lambda.IFunction;
  readonly remindFacilitator: lambda.IFunction;
  readonly openStage: lambda.IFunction;
  readonly remind: lambda.IFunction;
  readonly closeStage: lambda.IFunction;
  readonly complete: lambda.IFunction;
  readonly markFailed: lambda.IFunction;
}

export interface LearningCycleStateMachineProps {
  readonly regionId: string;
  readonly functions: LearningCycleFunctions;
}

/** State names of the learning-cycle machine (docs/architecture.md). */
export const LEARNING_CYCLE_STATES = [
  "Plan", "Route", "NotifyCohort", "AwaitRecord", "RemindFacilitator", "RecordOverdue", "OpenStage",
  "RemindParticipants", "WaitUntilNext", "CloseStage", "CompleteCycle", "Done", "UnknownPlan", "MarkFailed", "Failed",
] as const;

/** The error AwaitRecord's function throws when the session was recorded before it stored its token. */
export const ALREADY_RECORDED = "AlreadyRecorded";

/**
 * The learning-cycle state machine, JSONPath, Standard. One execution per programme cycle, input
 * `{ programmeId, cycle }`. Plan decides what comes next in the four stages (workshop, home
 * assignment, lecture, reflection); every wait is an absolute time or a timeout computed from
 * one, every task is idempotent, so an execution can be restarted from the top at any time.
 *
 * AwaitRecord waits (.waitForTaskToken) for the facilitator's record of a workshop or lecture, with
 * the timeout Plan computed from the due time; on States.Timeout RemindFacilitator runs and Plan
 * waits again until the session is overdue, then RecordOverdue -> MarkFailed -> Failed.
 */
export class LearningCycleStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  readonly stateMachineName: string;
  readonly machine: KbStateMachine;

  constructor(scope: Construct, id: string, props: LearningCycleStateMachineProps) {
    super(scope, id);
    const f = props.functions;
    const ids = { "programmeId.$": "$.programmeId", "cycle.$": "$.cycle" };
    const withStage = { ...ids, "stage.$": "$.plan.stage" };
    const executionName = { "executionName.$": "$$.Execution.Name" };
    const retryAll = { errors: [sfn.Errors.ALL], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 };

    const task = (name: string, fn: lambda.IFunction, payload: Record<string, unknown>, resultPath: string, mails = false) => {
      const t = new tasks.LambdaInvoke(this, name, {
        stateName: name,
        lambdaFunction: fn,
        // The execution's name (`<programmeId>-c<n>-<attempt>`) is the correlation id of the task's log lines.
        payload: sfn.TaskInput.fromObject({ ...payload, ...executionName }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath,
      });
      if (mails) t.addRetry(MAIL_CLAIM_PENDING_RETRY);
      t.addRetry(retryAll);
      return t;
    };

    // The error that stopped the cycle (RecordOverdue, a task's) becomes the execution's error, for the status-change event.
    const failed = new sfn.Fail(this, "Failed", { stateName: "Failed", errorPath: "$.error.Error", cause: "The learning cycle failed; see MarkFailed." });
    const markFailed = task("MarkFailed", f.markFailed, { ...ids, "error.$": "$.error" }, sfn.JsonPath.DISCARD);
    markFailed.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: "$.markFailedError" });
    markFailed.next(failed);
    const withCatch = <T extends sfn.TaskStateBase>(t: T) => {
      t.addCatch(markFailed, { errors: [sfn.Errors.ALL], resultPath: "$.error" });
      return t;
    };

    const plan = withCatch(task("Plan", f.plan, ids, "$.plan"));
    const notify = withCatch(task("NotifyCohort", f.notify, withStage, sfn.JsonPath.DISCARD));
    const remindFacilitator = withCatch(task("RemindFacilitator", f.remindFacilitator, withStage, sfn.JsonPath.DISCARD));
    // The stage rounds' invitations and reminders (mail-once.ts).
    const openStage = withCatch(task("OpenStage", f.openStage, withStage, sfn.JsonPath.DISCARD, true));
    const remind = withCatch(task("RemindParticipants", f.remind, { ...withStage, "reminderAt.$": "$.plan.reminderAt" }, sfn.JsonPath.DISCARD, true));
    const closeStage = withCatch(task("CloseStage", f.closeStage, withStage, sfn.JsonPath.DISCARD));
    const complete = withCatch(task("CompleteCycle", f.complete, ids, sfn.JsonPath.DISCARD));
    const done = new sfn.Succeed(this, "Done", { stateName: "Done" });
    const waitUntilNext = new sfn.Wait(this, "WaitUntilNext", { stateName: "WaitUntilNext", time: sfn.WaitTime.timestampPath("$.plan.at") });
    const overdue = new sfn.Pass(this, "RecordOverdue", {
      stateName: "RecordOverdue",
      result: sfn.Result.fromObject({ Error: "RecordOverdue", Cause: "The facilitator did not record the session before it was overdue." }),
      resultPath: "$.error",
    });

    const awaitRecord = new tasks.LambdaInvoke(this, "AwaitRecord", {
      stateName: "AwaitRecord",
      lambdaFunction: f.awaitRecord,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({ ...withStage, token: sfn.JsonPath.taskToken, ...executionName }),
      taskTimeout: sfn.Timeout.at("$.plan.timeoutSeconds"),
      retryOnServiceExceptions: false,
      resultPath: sfn.JsonPath.DISCARD,
    });
    // A timeout and "already recorded" are answers, not faults: never retried.
    awaitRecord.addRetry({ errors: [sfn.Errors.TIMEOUT, ALREADY_RECORDED], maxAttempts: 0 });
    awaitRecord.addRetry(retryAll);
    awaitRecord.addCatch(remindFacilitator, { errors: [sfn.Errors.TIMEOUT], resultPath: "$.timeout" });
    awaitRecord.addCatch(plan, { errors: [ALREADY_RECORDED], resultPath: sfn.JsonPath.DISCARD });
    withCatch(awaitRecord);

    const route = new sfn.Choice(this, "Route", { stateName: "Route" })
      .when(sfn.Condition.stringEquals("$.plan.next", "notify"), notify.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "await"), awaitRecord.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "remind-facilitator"), remindFacilitator.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "overdue"), overdue.next(markFailed))
      .when(sfn.Condition.stringEquals("$.plan.next", "open"), openStage.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "remind"), remind.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "wait"), waitUntilNext.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "close"), closeStage.next(plan))
      .when(sfn.Condition.stringEquals("$.plan.next", "complete"), complete.next(done))
      .otherwise(unknownPlan(this).next(markFailed));

    const definition = plan.next(route);

    const machine = new KbStateMachine(this, "Machine", { regionId: props.regionId, name: "learning-cycle", definition, comment: "Kompetensbehov learning cycle: workshop, home assignment, lecture, reflection" });
    this.machine = machine;
    this.logGroup = machine.logGroup;
    this.stateMachine = machine.stateMachine;
    this.stateMachineName = machine.stateMachineName;
  }
}
