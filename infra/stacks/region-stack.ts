import { ArnFormat, CfnElement, CfnOutput, Duration, Lazy, Stack, Token, type StackProps, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import * as path from "node:path";
import { cognitoDomainPrefix, type RegionConfig } from "../config/regions";
import { Alarms } from "../constructs/alarms";
import { DataTable } from "../constructs/data-table";
import { HttpApi } from "../constructs/http-api";
import { KbFunction } from "../constructs/kb-function";
import { Mail } from "../constructs/mail";
import { OwnerAuth } from "../constructs/owner-auth";
import { repoRoot } from "../constructs/paths";
import { ResponseCounter } from "../constructs/response-counter";
import { Site } from "../constructs/site";
import { SurveyRoundStateMachine } from "../constructs/survey-round-state-machine";
import { LearningCycleStateMachine } from "../constructs/learning-cycle-state-machine";

export interface RegionStackProps extends StackProps {
  readonly config: RegionConfig;
  /** Built site to deploy if it exists. @default <repo>/web/dist */
  readonly webDistPath?: string;
}

/** CloudFormation stack name of a region. */
export function stackName(regionId: string): string {
  return `Kompetensbehov-${regionId}`;
}

/** Longest single Wait the plan task asks for. */
const MAX_WAIT_SECONDS = "86400";
/** How often a learning cycle's open stage looks whether everyone has submitted. */
const CYCLE_POLL_SECONDS = "900";

/** One region's deployment: table, owner auth, API, survey-round workflow, site, mail, alarms. */
export class RegionStack extends Stack {
  readonly config: RegionConfig;
  readonly functions: Record<string, KbFunction>;

  constructor(scope: Construct, id: string, props: RegionStackProps) {
    super(scope, id, props);
    const c = props.config;
    this.config = c;
    // Read by infra/template (e.g. to build ARNs for the local stack).
    this.templateOptions.metadata = { Kompetensbehov: { regionId: c.id, awsRegion: c.awsRegion } };

    const { table } = new DataTable(this, "Data");
    // The app client's callback and sign-out URLs need the site's URL, but the site (its
    // distribution) is created below, after the HTTP API whose JWT authorizer needs the client id.
    // A Lazy resolves at synth time to the custom domain or the distribution's domain name
    // (Fn::GetAtt): the client depends on the distribution, the distribution only on the API's id,
    // and the authorizer on the client, so the graph has no cycle.
    let site: Site | undefined;
    const auth = new OwnerAuth(this, "OwnerAuth", {
      regionId: c.id,
      domainPrefix: cognitoDomainPrefix(c),
      siteUrl: Lazy.string({
        produce: () => {
          if (!site) throw new Error("the site must be created before the template is synthesized");
          return site.url;
        },
      }),
    });
    const mail = new Mail(this, "Mail", { mailFrom: c.mailFrom });

    const baseEnv = {
      TABLE_NAME: table.tableName,
      REGION_ID: c.id,
      DISCLOSURE_K: String(c.disclosureK),
      MAIL_FROM: c.mailFrom,
      MAIL_MODE: "ses",
    };

    // Workflow tasks.
    // Tasks that walk all invitations of a round get minutes, the others seconds.
    const wf = (name: string, id: string, timeout = Duration.seconds(30)) =>
      new KbFunction(this, id, { handler: `workflow/${name}`, timeout, environment: { ...baseEnv, MAX_WAIT_SECONDS } });
    const workflow = {
      plan: wf("plan", "PlanFunction"),
      invite: wf("invite", "InviteFunction", Duration.minutes(10)),
      remind: wf("remind", "RemindFunction", Duration.minutes(10)),
      close: wf("close", "CloseFunction"),
      aggregate: wf("aggregate", "AggregateFunction", Duration.minutes(5)),
      notify: wf("notify", "NotifyFunction"),
      markFailed: wf("mark-failed", "MarkFailedFunction"),
    };

    const round = new SurveyRoundStateMachine(this, "SurveyRound", { regionId: c.id, functions: workflow });

    // Learning-cycle tasks (functions/workflow/cycle-*.ts).
    const cyc = (name: string, id: string, timeout = Duration.seconds(30)) =>
      new KbFunction(this, id, { handler: `workflow/${name}`, timeout, environment: { ...baseEnv, MAX_WAIT_SECONDS, CYCLE_POLL_SECONDS } });
    const cycleTasks = {
      plan: cyc("cycle-plan", "CyclePlanFunction"),
      notify: cyc("cycle-notify", "CycleNotifyFunction", Duration.minutes(5)),
      awaitRecord: cyc("cycle-await-record", "CycleAwaitRecordFunction"),
      remindFacilitator: cyc("cycle-remind-facilitator", "CycleRemindFacilitatorFunction"),
      openStage: cyc("cycle-open-stage", "CycleOpenStageFunction", Duration.minutes(10)),
      remind: cyc("cycle-remind", "CycleRemindFunction", Duration.minutes(10)),
      closeStage: cyc("cycle-close-stage", "CycleCloseStageFunction", Duration.minutes(5)),
      complete: cyc("cycle-complete", "CycleCompleteFunction"),
      markFailed: cyc("cycle-mark-failed", "CycleMarkFailedFunction"),
    };
    const cycle = new LearningCycleStateMachine(this, "LearningCycle", { regionId: c.id, functions: cycleTasks });

    // API handlers.
    const owner = new KbFunction(this, "OwnerApiFunction", {
      handler: "api/owner-api",
      environment: {
        ...baseEnv,
        ROUND_STATE_MACHINE_ARN: round.stateMachine.stateMachineArn,
        MAX_WAIT_SECONDS,
      },
    });
    const programme = new KbFunction(this, "ProgrammeApiFunction", {
      handler: "api/programme-api",
      environment: { ...baseEnv, CYCLE_STATE_MACHINE_ARN: cycle.stateMachine.stateMachineArn },
    });
    const participant = new KbFunction(this, "ParticipantApiFunction", {
      handler: "api/participant-api",
      environment: baseEnv,
    });

    const counter = new ResponseCounter(this, "ResponseCounter", { table, environment: baseEnv });

    const http = new HttpApi(this, "Http", {
      regionId: c.id,
      ownerFunction: owner,
      participantFunction: participant,
      programmeFunction: programme,
      jwtIssuer: auth.issuer,
      jwtAudience: [auth.client.userPoolClientId],
    });

    site = new Site(this, "Site", {
      apiDomainName: http.domainName,
      distPath: props.webDistPath ?? path.join(repoRoot, "web", "dist"),
      cognitoOrigins: [`https://cognito-idp.${this.region}.amazonaws.com`, `https://${auth.domainName}`],
      // Runtime config of the built site (web/src/pages/owner/cognito.ts): one build serves every region.
      runtimeConfig: {
        cognito: { domain: auth.domainName, clientId: auth.client.userPoolClientId, region: this.region },
      },
      customDomain: c.customDomain,
    });

    this.functions = {
      ownerApi: owner,
      participantApi: participant,
      programmeApi: programme,
      countResponses: counter.function,
      ...workflow,
      ...Object.fromEntries(Object.entries(cycleTasks).map(([k, fn]) => [`cycle${k[0].toUpperCase()}${k.slice(1)}`, fn])),
    };
    for (const fn of Object.values(this.functions)) fn.addEnvironment("SITE_URL", site.url);

    // Least privilege.
    for (const fn of Object.values(this.functions)) {
      table.grantReadWriteData(fn);
      this.acknowledgeIndexWildcard(fn, table.node.defaultChild as CfnElement);
    }
    for (const fn of [workflow.invite, workflow.remind, workflow.notify]) mail.grantSend(fn);
    // Cycle tasks that mail: notices to the cohort, invitations and reminders of the stage rounds, the facilitator's reminder and summary.
    for (const fn of [cycleTasks.notify, cycleTasks.remindFacilitator, cycleTasks.openStage, cycleTasks.remind, cycleTasks.closeStage]) mail.grantSend(fn);
    round.stateMachine.grantStartExecution(owner);
    // Early close stops the running execution; the status page may describe it.
    const executions = this.formatArn({
      service: "states",
      resource: "execution",
      resourceName: `${round.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    owner.addToRolePolicy(
      new iam.PolicyStatement({ actions: ["states:StopExecution", "states:DescribeExecution"], resources: [executions] }),
    );
    Validations.of(owner.role as iam.Role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${this.nagArn(executions)}]`,
      reason: "StopExecution/DescribeExecution act on executions, whose ARNs are only known at run time; the grant is limited to executions of this region's survey-round state machine.",
    });
    // Only the programme API starts, stops and answers learning-cycle executions.
    cycle.stateMachine.grantStartExecution(programme);
    cycle.stateMachine.grantTaskResponse(programme);
    const cycleExecutions = this.formatArn({
      service: "states",
      resource: "execution",
      resourceName: `${cycle.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    programme.addToRolePolicy(
      new iam.PolicyStatement({ actions: ["states:StopExecution", "states:DescribeExecution"], resources: [cycleExecutions] }),
    );
    Validations.of(programme.role as iam.Role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${this.nagArn(cycleExecutions)}]`,
      reason: "StopExecution/DescribeExecution act on executions, whose ARNs are only known at run time; the grant is limited to executions of this region's learning-cycle state machine.",
    });
    for (const fn of Object.values(cycleTasks)) {
      Validations.of(cycle.stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: `Step Functions may invoke any version or alias of its own task function ${fn.handlerPath}.`,
      });
    }
    for (const fn of Object.values(workflow)) {
      Validations.of(round.stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: `Step Functions may invoke any version or alias of its own task function ${fn.handlerPath}.`,
      });
    }

    new Alarms(this, "Alarms", { alarmEmail: c.alarmEmail, stateMachine: round.stateMachine, cycleStateMachine: cycle.stateMachine, api: http.api });

    new CfnOutput(this, "SiteUrl", { value: site.url });
    new CfnOutput(this, "ApiEndpoint", { value: http.api.apiEndpoint });
    new CfnOutput(this, "TableName", { value: table.tableName });
    new CfnOutput(this, "UserPoolId", { value: auth.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: auth.client.userPoolClientId });
    new CfnOutput(this, "OwnerSignInDomain", { value: `https://${auth.domainName}`, description: "Cognito hosted UI of the owners' sign-in" });
    new CfnOutput(this, "RoundStateMachineArn", { value: round.stateMachine.stateMachineArn });
    new CfnOutput(this, "CycleStateMachineArn", { value: cycle.stateMachine.stateMachineArn });
    new CfnOutput(this, "OwnerEmails", {
      value: c.ownerEmails.join(","),
      description: "Create these with admin-create-user, custom:region=" + c.id + ", and add them to the owners group",
    });
  }

  /** How cdk-nag prints an ARN in a finding id: pseudo parameters as <AWS::...>. */
  private nagArn(arn: string): string {
    const resolved = this.resolve(arn);
    if (typeof resolved === "string") return resolved;
    const parts: unknown[] = resolved["Fn::Join"][1];
    return parts.map((p) => (typeof p === "string" ? p : `<${(p as { Ref: string }).Ref}>`)).join("");
  }

  private acknowledgeIndexWildcard(fn: KbFunction, tableResource: CfnElement) {
    Validations.of(fn.role as iam.IRole & Construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(tableResource)}.Arn>/index/*]`,
      reason: "Access to the table's own secondary index gsi1 (grantReadWriteData scopes it to <table>/index/*).",
    });
  }
}
