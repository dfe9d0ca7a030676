import { beforeAll, describe, expect, it } from "vitest";
import { ostergotlandTemplate, resourcesOfType } from "./helpers";
import { functionHandlers, type CfnTemplate } from "../../infra/template/index";

let t: CfnTemplate;
beforeAll(() => {
  t = ostergotlandTemplate();
});

const alarms = () => resourcesOfType(t, "AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
const metricNames = (a: any): string[] => (a.MetricName ? [a.MetricName] : (a.Metrics ?? []).flatMap((m: any) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : [])));

describe("alarms", () => {
  it("reach the ops address through a topic CloudWatch may publish to", () => {
    const [topic] = resourcesOfType(t, "AWS::SNS::Topic").find(([id]) => id.startsWith("AlarmsTopic"))!;
    const [, sub] = resourcesOfType(t, "AWS::SNS::Subscription").find(([, s]) => s.Properties.TopicArn.Ref === topic)!;
    expect(sub.Properties).toMatchObject({ Protocol: "email", Endpoint: "drift@kompetensbehov.se" });
    const [, policy] = resourcesOfType(t, "AWS::SNS::TopicPolicy").find(([, p]) => p.Properties.Topics.some((x: any) => x.Ref === topic))!;
    const allow = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === "Allow");
    expect(allow).toEqual([
      expect.objectContaining({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: { Ref: topic } }),
    ]);
    expect(allow[0].Condition.StringEquals["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    for (const a of alarms()) expect(a.AlarmActions).toEqual([{ Ref: topic }]);
  });

  it("cover every function's errors and throttles", () => {
    const fnIds = Object.keys(functionHandlers(t));
    for (const name of ["Errors", "Throttles"]) {
      const watched = alarms().filter((a) => a.MetricName === name).map((a) => a.Dimensions[0].Value.Ref);
      expect(new Set(watched)).toEqual(new Set(fnIds));
    }
  });

  it("cover API 5xx, failed executions, table throttles, stream lag, dead letters and SES reputation", () => {
    const names = alarms().flatMap(metricNames);
    for (const m of ["5xx", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted", "ReadThrottleEvents", "WriteThrottleEvents", "IteratorAge", "ApproximateNumberOfMessagesVisible", "Reputation.BounceRate", "Reputation.ComplaintRate"]) {
      expect(names, m).toContain(m);
    }
  });

  it("are all on one dashboard", () => {
    const [, dash] = resourcesOfType(t, "AWS::CloudWatch::Dashboard")[0];
    const body = JSON.stringify(dash.Properties.DashboardBody);
    const alarmIds = resourcesOfType(t, "AWS::CloudWatch::Alarm").map(([id]) => id);
    for (const id of alarmIds) expect(body, id).toContain(`"${id}"`);
  });
});

describe("SES", () => {
  it("creates the domain identity with DKIM, its records as outputs, and a default configuration set", () => {
    const [, identity] = resourcesOfType(t, "AWS::SES::EmailIdentity")[0];
    const [setId] = resourcesOfType(t, "AWS::SES::ConfigurationSet")[0];
    expect(identity.Properties).toMatchObject({ EmailIdentity: "ostergotland.kompetensbehov.se", DkimAttributes: { SigningEnabled: true }, ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setId } } });
    expect(Object.keys(t.Outputs ?? {}).filter((k) => k.startsWith("MailDkimRecord"))).toEqual(["MailDkimRecord1", "MailDkimRecord2", "MailDkimRecord3"]);
  });

  it("publishes bounces and complaints to a topic", () => {
    const [, dest] = resourcesOfType(t, "AWS::SES::ConfigurationSetEventDestination")[0];
    expect(dest.Properties.EventDestination.MatchingEventTypes.sort()).toEqual(["bounce", "complaint"]);
    expect(dest.Properties.EventDestination.SnsDestination.TopicARN.Ref).toMatch(/^MailFeedback/);
  });
});

describe("first region admins", () => {
  it("are created at deploy in the region admins' group with the region claim", () => {
    const users = resourcesOfType(t, "AWS::Cognito::UserPoolUser").map(([, u]) => u.Properties);
    expect(users).toEqual([
      expect.objectContaining({
        Username: "kompetensforsorjning@ostergotland.kompetensbehov.se",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: expect.arrayContaining([{ Name: "custom:region", Value: "ostergotland" }, { Name: "email_verified", Value: "true" }]),
      }),
    ]);
    const [, membership] = resourcesOfType(t, "AWS::Cognito::UserPoolUserToGroupAttachment")[0];
    expect(membership.Properties).toMatchObject({ GroupName: "region-admins", Username: "kompetensforsorjning@ostergotland.kompetensbehov.se" });
  });
});
