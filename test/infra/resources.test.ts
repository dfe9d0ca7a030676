import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { actionsOf, ostergotlandTemplate, resourcesOfType, roleStatements } from "./helpers";
import { synthRegionTemplate, type CfnTemplate } from "../../infra/template/index";
import { App } from "aws-cdk-lib";
import { apiDomainName, regionConfig, type RegionConfig } from "../../infra/config/regions";
import { RegionStack } from "../../infra/stacks/region-stack";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

let t: CfnTemplate;
let template: Template;
beforeAll(() => {
  t = ostergotlandTemplate();
  template = Template.fromJSON(t);
});

const HANDLERS = [
  "api/owner-api", "api/participant-api", "api/programme-api",
  "workflow/plan", "workflow/invite", "workflow/remind", "workflow/close",
  "workflow/aggregate", "workflow/notify", "workflow/mark-failed",
  "workflow/cycle-plan", "workflow/cycle-notify", "workflow/cycle-await-record", "workflow/cycle-remind-facilitator",
  "workflow/cycle-open-stage", "workflow/cycle-remind", "workflow/cycle-close-stage", "workflow/cycle-complete", "workflow/cycle-mark-failed",
  "streams/count-responses", "streams/mail-feedback", "workflow/execution-status", "exports/export-worker",
];

describe("data table", () => {
  it("is retained, deletion-protected, with point-in-time recovery, pk/sk, gsi1 and TTL expiresAt", () => {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        BillingMode: "PAY_PER_REQUEST",
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: "gsi1",
            KeySchema: [
              { AttributeName: "gsi1pk", KeyType: "HASH" },
              { AttributeName: "gsi1sk", KeyType: "RANGE" },
            ],
          }),
        ],
      }),
    });
  });
});

/** The team's functions (the site deployment adds CDK's own handler when web/dist is built). */
const kbFunctions = () => resourcesOfType(t, "AWS::Lambda::Function").filter(([, r]) => r.Metadata?.["kompetensbehov:handler"]);

describe("lambda functions", () => {
  it("are Node.js 22 on arm64 with tracing, JSON logs and a handler metadata entry each", () => {
    const fns = kbFunctions();
    expect(fns.map(([, r]) => r.Metadata?.["kompetensbehov:handler"]).sort()).toEqual([...HANDLERS].sort());
    for (const [, r] of fns) {
      expect(r.Properties.Runtime).toBe("nodejs22.x");
      expect(r.Properties.Architectures).toEqual(["arm64"]);
      expect(r.Properties.TracingConfig).toEqual({ Mode: "Active" });
      expect(r.Properties.LoggingConfig.LogFormat).toBe("JSON");
      expect(r.Properties.Handler).toBe("index.handler");
    }
  });

  it("write to own log groups with retention", () => {
    const fns = kbFunctions();
    for (const [, r] of fns) {
      const lg = r.Properties.LoggingConfig.LogGroup.Ref;
      expect(t.Resources[lg].Type).toBe("AWS::Logs::LogGroup");
      expect(t.Resources[lg].Properties!.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it("carry the contract environment", () => {
    for (const [, r] of kbFunctions()) {
      const env = r.Properties.Environment.Variables;
      for (const k of ["TABLE_NAME", "REGION_ID", "DISCLOSURE_K", "SITE_URL", "MAIL_FROM", "MAIL_MODE"]) expect(env).toHaveProperty(k);
      expect(env.REGION_ID).toBe("ostergotland");
      expect(env.MAIL_MODE).toBe("ses");
      expect(env.DYNAMODB_ENDPOINT).toBeUndefined();
    }
  });
});

describe("response counting", () => {
  it("feeds only new responses from the table's stream to the counter, with a dead-letter queue", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", { StreamSpecification: { StreamViewType: "NEW_IMAGE" } });
    const mappings = Object.values(t.Resources).filter((r: any) => r.Type === "AWS::Lambda::EventSourceMapping" && JSON.stringify(r.Properties.EventSourceArn).includes("StreamArn")) as any[];
    expect(mappings).toHaveLength(1);
    const m = mappings[0].Properties;
    expect(m.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
    expect(m.DestinationConfig.OnFailure.Destination).toBeDefined();
    expect(JSON.parse(m.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ["INSERT"], dynamodb: { Keys: { sk: { S: [{ prefix: "RESP#" }] } } } });
  });
});

describe("least privilege", () => {
  it("only the owner API may start or stop survey-round executions, only the programme API learning-cycle ones", () => {
    for (const h of HANDLERS) {
      const statements = roleStatements(t, h).filter((s) => actionsOf([s]).some((a) => a.startsWith("states:")));
      const states = actionsOf(statements).filter((a) => a.startsWith("states:"));
      if (h === "api/owner-api") expect(states.sort()).toEqual(["states:DescribeExecution", "states:StartExecution", "states:StopExecution"]);
      else if (h === "api/programme-api") {
        expect(states.sort()).toEqual([
          "states:DescribeExecution", "states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess", "states:StartExecution", "states:StopExecution",
        ]);
        expect(JSON.stringify(statements.map((s) => s.Resource))).not.toMatch(/SurveyRound|survey-round/);
      } else expect(states).toEqual([]);
    }
  });

  it("only the tasks that mail may send mail, from MAIL_FROM only", () => {
    const mailing = [
      "workflow/invite", "workflow/remind", "workflow/notify",
      "workflow/cycle-notify", "workflow/cycle-remind-facilitator", "workflow/cycle-open-stage", "workflow/cycle-remind", "workflow/cycle-close-stage",
    ];
    for (const h of HANDLERS) {
      const ses = roleStatements(t, h).filter((s) => actionsOf([s]).some((a) => a.startsWith("ses:Send")));
      if (mailing.includes(h)) {
        expect(ses).toHaveLength(1);
        expect(ses[0].Condition).toEqual({ StringEquals: { "ses:FromAddress": "kompetensbehov@ostergotland.kompetensbehov.se" } });
      } else expect(ses).toEqual([]);
    }
  });

  it("only the owner API may read the SES account's status (the launch's sandbox check), and nothing else of SES", () => {
    const reading = HANDLERS.filter((h) => actionsOf(roleStatements(t, h)).includes("ses:GetAccount"));
    expect(reading).toEqual(["api/owner-api"]);
    expect(actionsOf(roleStatements(t, "api/owner-api")).filter((a) => a.startsWith("ses:"))).toEqual(["ses:GetAccount"]);
  });

  it("no function has table administration rights or an AWS managed policy", () => {
    for (const h of HANDLERS) {
      const actions = actionsOf(roleStatements(t, h));
      expect(actions.filter((a) => /dynamodb:(DeleteTable|CreateTable|UpdateTable|\*)/.test(a))).toEqual([]);
    }
    for (const [id, role] of resourcesOfType(t, "AWS::IAM::Role")) {
      // CDK's own reader of the cross-region reference to the us-east-1 web ACL (infra/stacks/
      // region-app.ts): CDK gives its provider the basic execution policy and no way to replace it.
      if (id.startsWith("CustomCrossRegionExportReaderCustomResourceProviderRole")) continue;
      if (role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === "lambda.amazonaws.com") {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    }
  });
});

describe("owner auth", () => {
  it("is admin-create-only with MFA, a strong password policy, custom:region and the region-wide role groups", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike({
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: "ON",
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
      Schema: Match.arrayWith([Match.objectLike({ Name: "region", AttributeDataType: "String" })]),
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    }));
    template.hasResourceProperties("AWS::Cognito::UserPoolGroup", { GroupName: "region-admins" });
    template.hasResourceProperties("AWS::Cognito::UserPoolGroup", { GroupName: "consortium-readers" });
  });

  it("lets the owner API make a new member's sign-in account, in its own pool only", () => {
    const [, fn] = resourcesOfType(t, "AWS::Lambda::Function").find(([, f]) => f.Properties.Environment?.Variables?.USER_POOL_ID)!;
    expect(fn.Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: resourcesOfType(t, "AWS::Cognito::UserPool")[0][0] });
    const statements = resourcesOfType(t, "AWS::IAM::Policy").flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const create = statements.filter((s: { Action: unknown }) => JSON.stringify(s.Action).includes("cognito-idp:AdminCreateUser"));
    expect(create).toHaveLength(1);
    expect(create[0].Resource).toEqual({ "Fn::GetAtt": [resourcesOfType(t, "AWS::Cognito::UserPool")[0][0], "Arn"] });
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike({ GenerateSecret: false }));
  });

  it("has a hosted UI domain kompetensbehov-<region id>", () => {
    template.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
    const [, domain] = resourcesOfType(t, "AWS::Cognito::UserPoolDomain")[0];
    expect(domain.Properties.Domain).toBe("kompetensbehov-ostergotland");
    expect(domain.Properties.UserPoolId).toEqual({ Ref: resourcesOfType(t, "AWS::Cognito::UserPool")[0][0] });
  });

  it("the site's client allows only the authorization code flow, back to <site>/owner/callback, and is the JWT audience", () => {
    const clients = resourcesOfType(t, "AWS::Cognito::UserPoolClient");
    expect(clients).toHaveLength(1);
    const [clientId, client] = clients[0];
    const p = client.Properties;
    expect(p.GenerateSecret).toBe(false);
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(p.AllowedOAuthFlows).toEqual(["code"]);
    expect([...p.AllowedOAuthScopes].sort()).toEqual(["email", "openid", "profile"]);
    expect(p.SupportedIdentityProviders).toEqual(["COGNITO"]);
    const [distId] = resourcesOfType(t, "AWS::CloudFront::Distribution")[0];
    const siteUrl = (suffix: string) => ({ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distId, "DomainName"] }, suffix]] });
    expect(p.CallbackURLs).toEqual([siteUrl("/owner/callback")]);
    expect(p.LogoutURLs).toEqual([siteUrl("/owner")]);
    const [, authorizer] = resourcesOfType(t, "AWS::ApiGatewayV2::Authorizer")[0];
    expect(authorizer.Properties.AuthorizerType).toBe("JWT");
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
  });

  it("with a custom domain, the callback is on that domain", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "kb-cdk-")), context: { "aws:cdk:bundling-stacks": [] } });
    const config: RegionConfig = {
      ...regionConfig("ostergotland"),
      customDomain: { domainName: "ostergotland.kompetensbehov.se", certificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/abc" },
    };
    const stack = new RegionStack(app, "Custom", { config, env: { region: config.awsRegion }, withoutSiteContent: true });
    const custom = app.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
    const [, client] = resourcesOfType(custom, "AWS::Cognito::UserPoolClient")[0];
    expect(client.Properties.CallbackURLs).toEqual(["https://ostergotland.kompetensbehov.se/owner/callback"]);
    expect(client.Properties.LogoutURLs).toEqual(["https://ostergotland.kompetensbehov.se/owner"]);
  });
});

describe("site", () => {
  it("bucket is private and SSL-only", () => {
    const [siteId] = resourcesOfType(t, "AWS::S3::Bucket").find(([id]) => id.startsWith("SiteBucket"))!;
    expect(t.Resources[siteId].Properties!.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(t.Resources[siteId].Properties!.WebsiteConfiguration).toBeUndefined();
    const policy = resourcesOfType(t, "AWS::S3::BucketPolicy").find(([, p]) => p.Properties.Bucket.Ref === siteId)![1];
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } },
    }));
    // Only CloudFront (with this distribution as source) may read.
    const allows = statements.filter((s: any) => s.Effect === "Allow");
    expect(allows).toHaveLength(1);
    expect(allows[0].Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
    expect(allows[0].Condition.StringEquals).toHaveProperty("AWS:SourceArn");
  });

  it("CloudFront uses origin access control, index.html, security headers and /api/* to the HTTP API's own domain", () => {
    template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: "s3", SigningBehavior: "always" }),
    });
    const [, dist] = resourcesOfType(t, "AWS::CloudFront::Distribution")[0];
    const c = dist.Properties.DistributionConfig;
    expect(c.DefaultRootObject).toBe("index.html");
    const s3Origin = c.Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe("");
    expect(c.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(c.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(c.DefaultCacheBehavior.FunctionAssociations[0].EventType).toBe("viewer-request");
    const api = c.CacheBehaviors.find((b: any) => b.PathPattern === "/api/*");
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(["GET", "POST", "PUT", "DELETE", "OPTIONS"]));
    const apiOrigin = c.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(apiOrigin.DomainName).toBe(apiDomainName(regionConfig("ostergotland")));
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe("https-only");
  });

  it("SPA fallback rewrites extension-less paths only, leaving the API's 403/404 intact", () => {
    const [, dist] = resourcesOfType(t, "AWS::CloudFront::Distribution")[0];
    expect(dist.Properties.DistributionConfig.CustomErrorResponses).toBeUndefined();
    const [, fn] = resourcesOfType(t, "AWS::CloudFront::Function")[0];
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (e: any) => any;
    const uri = (u: string) => handler({ request: { uri: u } }).uri;
    expect(uri("/f")).toBe("/index.html");
    expect(uri("/f/abc123")).toBe("/index.html");
    expect(uri("/owner/rounds")).toBe("/index.html");
    expect(uri("/")).toBe("/index.html");
    expect(uri("/assets/index-abc.js")).toBe("/assets/index-abc.js");
    expect(uri("/api/form/draft")).toBe("/api/form/draft");
  });
});

describe("site runtime config", () => {
  it("lets the site fetch tokens from the hosted UI (CSP connect-src)", () => {
    const [, policy] = resourcesOfType(t, "AWS::CloudFront::ResponseHeadersPolicy")[0];
    const parts = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy["Fn::Join"][1];
    const [domainId] = resourcesOfType(t, "AWS::Cognito::UserPoolDomain")[0];
    expect(parts[0]).toMatch(/connect-src 'self' https:\/\/cognito-idp\.eu-north-1\.amazonaws\.com https:\/\/$/);
    expect(parts[1]).toEqual({ Ref: domainId });
    expect(parts[2]).toMatch(/^\.auth\.eu-north-1\.amazoncognito\.com;/);
  });

  it("is deployed as /config.json with the built site: hosted UI domain, client id and AWS region", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "kb-dist-"));
    fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>Kompetensbehov</title>");
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "kb-cdk-"));
    const withSite = synthRegionTemplate("ostergotland", { webDistPath: dist, outdir });
    const [, deployment] = resourcesOfType(withSite, "Custom::CDKBucketDeployment")[0];
    const p = deployment.Properties;
    expect(p.SourceObjectKeys).toHaveLength(2);
    expect(p.DistributionPaths).toContain("/config.json");
    // The second source is Source.jsonData("config.json", ...): its deploy-time values are markers.
    const markers = Object.values(p.SourceMarkers[1]);
    const [domainId] = resourcesOfType(withSite, "AWS::Cognito::UserPoolDomain")[0];
    const [clientId] = resourcesOfType(withSite, "AWS::Cognito::UserPoolClient")[0];
    expect(markers).toEqual(expect.arrayContaining([{ Ref: domainId }, { Ref: clientId }]));
    expect(p.SourceMarkersConfig[1]).toEqual({ jsonEscape: true });
    const byMarker = Object.fromEntries(Object.entries(p.SourceMarkers[1]).map(([k, v]) => [JSON.stringify(v), k]));
    const staged = fs.readdirSync(outdir).filter((d) => d.startsWith("asset.") && fs.existsSync(path.join(outdir, d, "config.json")));
    expect(staged).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, staged[0], "config.json"), "utf8"))).toEqual({
      cognito: {
        domain: `${byMarker[JSON.stringify({ Ref: domainId })]}.auth.eu-north-1.amazoncognito.com`,
        clientId: byMarker[JSON.stringify({ Ref: clientId })],
        region: "eu-north-1",
      },
    });
  });
});

describe("alarms", () => {
  it("alert ops on failed survey rounds", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "drift@kompetensbehov.se" });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike({
      Metrics: Match.arrayWith([Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: "ExecutionsFailed" }) }) })]),
    }));
  });
});
