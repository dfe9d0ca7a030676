import { DEFAULT_MAIL_PACE } from "../../functions/domain/mail-pace";
import { CfnOutput, Lazy, Stack, type CfnElement, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import * as path from "node:path";
import { apiDomainName, cognitoDomainPrefix, retentionOfRegion, type RegionConfig } from "../config/regions";
import { Alarms } from "../constructs/alarms";
import { Api } from "../constructs/api";
import { logicalIdOutsideFeatures } from "../constructs/feature";
import { SignInWebAcl } from "../constructs/edge-protection";
import { KbFunction } from "../constructs/kb-function";
import { LearningCycles } from "../constructs/learning-cycles";
import { Mail } from "../constructs/mail";
import { OwnerAuth } from "../constructs/owner-auth";
import { repoRoot } from "../constructs/paths";
import { RegionData } from "../constructs/region-data";
import { Site } from "../constructs/site";
import { retainStatefulResources } from "../constructs/stateful";
import { SurveyRounds } from "../constructs/survey-rounds";
import { WorkflowFailures } from "../constructs/workflow-failures";
import { MailFeedback } from "../constructs/mail-feedback";
import { ReleaseExports } from "../constructs/release-exports";
import { ResponseExports } from "../constructs/response-exports";

export interface RegionStackProps extends StackProps {
  readonly config: RegionConfig;
  /** Built site to deploy; synth fails if it is not built. @default <repo>/web/dist */
  readonly webDistPath?: string;
  /**
   * Leave the built site out (the bucket and distribution stay). Only for tests and the local
   * stack, which serve web/ themselves; the CDK app (bin/app.ts) never sets it.
   */
  readonly withoutSiteContent?: boolean;
  /**
   * ARN of the distribution's WAF web ACL (scope CLOUDFRONT, in the region's us-east-1
   * EdgeStack: infra/stacks/region-app.ts). @default none: only tests build a RegionStack alone
   */
  readonly siteWebAclArn?: string;
}

/** CloudFormation stack name of a region. */
export function stackName(regionId: string): string {
  return `Kompetensbehov-${regionId}`;
}

/** One region's deployment: data, owner auth, mail, survey rounds, learning cycles, API, site, alarms. */
export class RegionStack extends Stack {
  readonly config: RegionConfig;

  constructor(scope: Construct, id: string, props: RegionStackProps) {
    super(scope, id, props);
    const c = props.config;
    this.config = c;
    // Read by infra/template (e.g. to build ARNs for the local stack).
    this.templateOptions.metadata = { Kompetensbehov: { regionId: c.id, awsRegion: c.awsRegion } };

    // The app client's callback URLs and every function's SITE_URL need the site's URL, but the
    // site (its distribution) is created last, after the HTTP API whose JWT authorizer needs the
    // client id. The Lazy resolves at synth time to the custom domain or the distribution's
    // domain name (Fn::GetAtt), so the graph has no cycle.
    let site: Site | undefined;
    const siteUrl = Lazy.string({
      produce: () => {
        if (!site) throw new Error("the site must be created before the template is synthesized");
        return site.url;
      },
    });
    const retention = retentionOfRegion(c);
    const environment = {
      REGION_ID: c.id,
      DISCLOSURE_K: String(c.disclosureK),
      DISCLOSURE_P: String(c.disclosureP),
      MAIL_FROM: c.mailFrom,
      MAIL_MODE: "ses" as const,
      SITE_URL: siteUrl,
      RETENTION_RAW_ANSWERS_DAYS: String(retention.rawAnswersDays),
      RETENTION_DRAFTS_DAYS: String(retention.draftsDays),
      RETENTION_CONTACT_DATA_DAYS: String(retention.contactDataDays),
      RETENTION_OUTBOX_DAYS: String(retention.outboxDays),
    };

    const alarms = new Alarms(this, "Alarms", { alarmEmail: c.alarmEmail });
    const data = new RegionData(this, "RegionData", { environment });
    const env = { TABLE_NAME: data.table.tableName, ...environment };
    const auth = new OwnerAuth(this, "OwnerAuth", { regionId: c.id, domainPrefix: cognitoDomainPrefix(c), siteUrl, firstAdmins: c.regionAdminEmails });
    const mail = new Mail(this, "Mail", { mailFrom: c.mailFrom });
    const mailPace = { ...DEFAULT_MAIL_PACE, sendRatePerSecond: c.mailSendRatePerSecond ?? DEFAULT_MAIL_PACE.sendRatePerSecond };
    const rounds = new SurveyRounds(this, "SurveyRounds", { regionId: c.id, environment: env, data, mail, alarms, mailPace });
    const cycles = new LearningCycles(this, "LearningCycles", { regionId: c.id, environment: env, data, mail, alarms, mailPace });
    new WorkflowFailures(this, "WorkflowFailures", { environment: env, data, alarms, stateMachines: [rounds.workflow.stateMachine, cycles.workflow.stateMachine] });
    new MailFeedback(this, "MailFeedback", { environment: env, data, alarms, feedback: mail.feedback });
    const api = new Api(this, "Api", { regionId: c.id, environment: env, data, rounds, cycles, auth, alarms, domainName: apiDomainName(c) });

    site = new Site(this, "Site", {
      apiDomainName: api.http.domainName,
      distPath: props.withoutSiteContent ? undefined : (props.webDistPath ?? path.join(repoRoot, "web", "dist")),
      cognitoOrigins: [`https://cognito-idp.${this.region}.amazonaws.com`, `https://${auth.domainName}`],
      // Runtime config of the built site (web/src/pages/owner/cognito.ts): one build serves every region.
      runtimeConfig: { cognito: { domain: auth.domainName, clientId: auth.client.userPoolClientId, region: this.region } },
      customDomain: c.customDomain,
      webAclArn: props.siteWebAclArn,
    });
    new SignInWebAcl(this, "SignInWebAcl", { regionId: c.id, userPool: auth.userPool });
    const exports = new ReleaseExports(this, "ReleaseExports", {
      regionId: c.id,
      displayName: c.displayName,
      countyCodes: c.countyCodes,
      logBucket: site.logBucket,
      consortiumAccountId: c.consortium?.accountId,
    });
    exports.grantExport(api.functions.owner);
    new ResponseExports(this, "ResponseExports", { environment: env, data, logBucket: site.logBucket }).grantRequest(api.functions.owner);

    const outputs: Record<string, string> = {
      SiteUrl: site.url,
      ApiEndpoint: `https://${api.http.domainName}`,
      TableName: data.table.tableName,
      UserPoolId: auth.userPool.userPoolId,
      UserPoolClientId: auth.client.userPoolClientId,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
    new CfnOutput(this, "ApiDomainTarget", {
      value: api.http.customDomain.regionalDomainName,
      description: `DNS: ${api.http.domainName} CNAME to this (docs/runbook.md, "API domain")`,
    });
    new CfnOutput(this, "ApiCertificateArn", {
      value: api.http.customDomain.certificate.certificateArn,
      description: "Its DNS validation record: aws acm describe-certificate --certificate-arn <this> (docs/runbook.md)",
    });
    new CfnOutput(this, "OwnerSignInDomain", { value: `https://${auth.domainName}`, description: "Cognito hosted UI of the owners' sign-in" });
    new CfnOutput(this, "RoundStateMachineArn", { value: rounds.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, "CycleStateMachineArn", { value: cycles.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, "RegionAdminEmails", {
      value: c.regionAdminEmails.join(","),
      description: "Created at deploy in the region-admins group (custom:region=" + c.id + "); each gets a temporary password by mail",
    });
    // Every function of the stack, whichever feature made it, gets its error and throttle alarms.
    for (const fn of this.node.findAll().filter((x): x is KbFunction => x instanceof KbFunction)) {
      const id = fn.handlerPath.split(/[/-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
      alarms.onFunction(id, fn, fn.handlerPath);
    }
    alarms.onTableThrottles("TableThrottles", data.table);
    alarms.onStreamIteratorAge("ResponseStreamLag", data.counter.function);
    alarms.onDeadLetters("ResponseDeadLetters", data.counter.deadLetters, "The response stream's dead-letter queue");
    alarms.onMailReputation("Mail");
    alarms.finishDashboard();
    retainStatefulResources(this);
  }

  /** Features (infra/constructs/feature.ts) only group: their ids stay out of the logical ids. */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOutsideFeatures(element);
  }
}
