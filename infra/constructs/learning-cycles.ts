import { Duration } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { DEFAULT_CYCLE_POLL_SECONDS, DEFAULT_MAX_WAIT_SECONDS } from "../../functions/config/environment";
import { Feature } from "./feature";
import { KbFunction } from "./kb-function";
import { LearningCycleStateMachine, type LearningCycleFunctions } from "./learning-cycle-state-machine";
import { mailingTask, type WorkflowFeatureProps } from "./survey-rounds";

/** Learning cycles: the cycle's tasks (functions/workflow/cycle-*.ts), its state machine, their grants and alarm. */
export class LearningCycles extends Feature {
  readonly functions: { readonly [K in keyof LearningCycleFunctions]: KbFunction };
  readonly workflow: LearningCycleStateMachine;

  constructor(scope: Construct, id: string, props: WorkflowFeatureProps) {
    super(scope, id);
    const environment = {
      ...props.environment,
      MAX_WAIT_SECONDS: String(DEFAULT_MAX_WAIT_SECONDS),
      CYCLE_POLL_SECONDS: String(DEFAULT_CYCLE_POLL_SECONDS),
      ...mailingTask(props.mailPace).environment,
    };
    const task = (name: string, fnId: string, timeout = Duration.seconds(30)) =>
      new KbFunction(this, fnId, { handler: `workflow/${name}`, kind: "cycle-task", timeout, environment });
    this.functions = {
      plan: task("cycle-plan", "CyclePlanFunction"),
      notify: task("cycle-notify", "CycleNotifyFunction", Duration.minutes(5)),
      awaitRecord: task("cycle-await-record", "CycleAwaitRecordFunction"),
      remindFacilitator: task("cycle-remind-facilitator", "CycleRemindFacilitatorFunction"),
      openStage: task("cycle-open-stage", "CycleOpenStageFunction", mailingTask(props.mailPace).timeout),
      remind: task("cycle-remind", "CycleRemindFunction", mailingTask(props.mailPace).timeout),
      closeStage: task("cycle-close-stage", "CycleCloseStageFunction", Duration.minutes(5)),
      complete: task("cycle-complete", "CycleCompleteFunction"),
      markFailed: task("cycle-mark-failed", "CycleMarkFailedFunction"),
    };
    this.workflow = new LearningCycleStateMachine(this, "LearningCycle", { regionId: props.regionId, functions: this.functions });

    const f = this.functions;
    for (const fn of Object.values(f)) props.data.grantReadWrite(fn);
    // Tasks that mail: notices to the cohort, invitations and reminders of the stage rounds, the facilitator's reminder and summary.
    for (const fn of [f.notify, f.remindFacilitator, f.openStage, f.remind, f.closeStage]) props.mail.grantSend(fn);
    this.workflow.machine.acknowledgeTaskInvocations(Object.values(f));
    props.alarms.onFailedExecutions("CycleFailures", this.workflow.stateMachine, {
      label: "Learning-cycle executions failed or timed out",
      description: "A learning-cycle execution failed or timed out (the cycle was marked failed). Read the execution history.",
    });
  }

  /** The programme API starts, stops and answers (the facilitator's record) cycle executions. */
  grantExecutionControl(fn: KbFunction) {
    this.workflow.machine.grantExecutionControl(fn, "learning-cycle", { taskResponse: true });
  }
}
