import { Duration } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { DEFAULT_MAX_WAIT_SECONDS, type CommonEnvironmentInput } from "../../functions/config/environment";
import type { MailPace } from "../../functions/domain/mail-pace";
import type { Alarms } from "./alarms";
import { Feature } from "./feature";
import { KbFunction } from "./kb-function";
import type { Mail } from "./mail";
import type { RegionData } from "./region-data";
import { SurveyRoundStateMachine, type SurveyRoundFunctions } from "./survey-round-state-machine";

/** What a workflow feature (survey rounds, learning cycles) is given: its tasks read the table and send mail. */
export interface WorkflowFeatureProps {
  readonly regionId: string;
  readonly environment: CommonEnvironmentInput;
  readonly data: RegionData;
  readonly mail: Mail;
  readonly alarms: Alarms;
  /** The region's SES rate and one mailing task's sending time. */
  readonly mailPace: MailPace;
}

/** The environment of tasks that mail at `pace`, and their timeout: twice the sending time, so the page begun last still ends well within. */
export function mailingTask(pace: MailPace) {
  return {
    environment: { MAIL_SEND_RATE: String(pace.sendRatePerSecond), MAIL_TASK_SECONDS: String(pace.taskSeconds) },
    timeout: Duration.seconds(Math.min(900, 2 * pace.taskSeconds)),
  };
}

/** Survey rounds: the round's workflow tasks (functions/workflow/*), its state machine, their grants and alarm. */
export class SurveyRounds extends Feature {
  readonly functions: { readonly [K in keyof SurveyRoundFunctions]: KbFunction };
  readonly workflow: SurveyRoundStateMachine;

  constructor(scope: Construct, id: string, props: WorkflowFeatureProps) {
    super(scope, id);
    const mailing = mailingTask(props.mailPace);
    const environment = { ...props.environment, MAX_WAIT_SECONDS: String(DEFAULT_MAX_WAIT_SECONDS), ...mailing.environment };
    // Tasks that mail a page at a time get minutes, the others seconds.
    const task = (name: string, fnId: string, timeout = Duration.seconds(30), sized: { memorySize?: number; solver?: boolean } = {}) =>
      new KbFunction(this, fnId, { handler: `workflow/${name}`, kind: "round-task", timeout, environment, ...sized });
    this.functions = {
      plan: task("plan", "PlanFunction"),
      invite: task("invite", "InviteFunction", mailing.timeout),
      remind: task("remind", "RemindFunction", mailing.timeout),
      close: task("close", "CloseFunction"),
      // The recount and the final release: protecting and auditing a release of 5,000 organisations takes minutes on one vCPU.
      aggregate: task("aggregate", "AggregateFunction", Duration.minutes(15), { memorySize: 1769, solver: true }),
      notify: task("notify", "NotifyFunction"),
      markFailed: task("mark-failed", "MarkFailedFunction"),
    };
    this.workflow = new SurveyRoundStateMachine(this, "SurveyRound", { regionId: props.regionId, functions: this.functions });

    for (const fn of Object.values(this.functions)) props.data.grantReadWrite(fn);
    for (const fn of [this.functions.invite, this.functions.remind, this.functions.notify]) props.mail.grantSend(fn);
    this.workflow.machine.acknowledgeTaskInvocations(Object.values(this.functions));
    props.alarms.onFailedExecutions("RoundFailures", this.workflow.stateMachine, {
      label: "Survey-round executions failed or timed out",
      description: "A survey-round execution failed or timed out (the round was marked failed). Read the execution history.",
    });
  }

  /** The owner API starts rounds and stops them early. */
  grantExecutionControl(fn: KbFunction) {
    this.workflow.machine.grantExecutionControl(fn, "survey-round");
  }
}
