import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { ConsortiumNotReadyError, ConsortiumStack } from "../../infra/stacks/consortium-stack";
import { addConsortiumStacks } from "../../infra/stacks/consortium-app";
import { CONSORTIUM_RATE_LIMITS } from "../../shared/rate-limits";
import { consortiumConfig, type ConsortiumConfig } from "../../infra/config/consortia";
import { parseConsortiumEnvironment } from "../../functions/config/consortium-environment";
import { actionsOf, resourcesOfType, roleStatements } from "./helpers";
import type { CfnTemplate } from "../../infra/template/index";

const pem = () => generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();
const ready = (c: ConsortiumConfig): ConsortiumConfig => ({
  ...c,
  members: c.members.map((m, i) => ({ ...m, accountId: `11111111111${i}`, exportBucket: `kb-exports-${m.regionId}`, publicKeyPem: pem() })),
});
const synth = (config: ConsortiumConfig) => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "kb-cdk-")), context: { "aws:cdk:bundling-stacks": [] } });
  const stack = new ConsortiumStack(app, "Consortium", { config, env: { region: config.awsRegion }, withoutSiteContent: true });
  return Template.fromStack(stack).toJSON() as CfnTemplate;
};

describe("the consortium stack", () => {
  it("refuses to synthesize before every member's bucket and public key are in its config, naming what is missing", () => {
    expect(() => synth(consortiumConfig("ostra-mellansverige"))).toThrow(ConsortiumNotReadyError);
    expect(() => synth(consortiumConfig("ostra-mellansverige"))).toThrow(/uppsala: no exportBucket; uppsala: no publicKeyPem/);
  });

  it("gives its function each member's exports to read, under the member's prefix only, and nothing to write", () => {
    const t = synth(ready(consortiumConfig("ostra-mellansverige")));
    const statements = roleStatements(t, "api/consortium-api");
    const actions = actionsOf(statements);
    expect(actions.filter((a) => a.startsWith("s3:")).sort()).toEqual([...Array(5).fill("s3:GetObject"), ...Array(5).fill("s3:ListBucket")].sort());
    const resources = statements.filter((s) => s.Action === "s3:GetObject").map((s) => JSON.stringify(s.Resource));
    expect(resources.some((r) => r.includes("kb-exports-orebro/orebro/*"))).toBe(true);
    expect(actions.some((a) => /^(dynamodb|kms|s3:Put|s3:Delete)/.test(a))).toBe(false);
  });

  it("sets the environment its handler's schema accepts, with every member's key", () => {
    const t = synth(ready(consortiumConfig("ostra-mellansverige")));
    const [, fn] = resourcesOfType(t, "AWS::Lambda::Function").find(([, r]) => r.Metadata?.["kompetensbehov:handler"] === "api/consortium-api")!;
    const parsed = parseConsortiumEnvironment(fn.Properties.Environment.Variables);
    expect(parsed.name).toBe("Östra Mellansverige");
    expect(parsed.members.map((m) => m.id)).toEqual(["uppsala", "sormland", "ostergotland", "orebro", "vastmanland"]);
  });

  it("serves exactly the consortium's routes", () => {
    const t = synth(ready(consortiumConfig("ostra-mellansverige")));
    const routes = resourcesOfType(t, "AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties.RouteKey).sort();
    expect(routes).toEqual(["GET /api/consortium", "GET /api/consortium.xlsx", "GET /api/consortium/trends"]);
  });

  it("puts its site behind a us-east-1 WAF web ACL limiting each client on the consortium API, with AWS's common rule set", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "kb-cdk-")), context: { "aws:cdk:bundling-stacks": [] } });
    const built = addConsortiumStacks(app, ready(consortiumConfig("ostra-mellansverige")), { consortium: { withoutSiteContent: true } });
    const assembly = app.synth();
    const edge = assembly.getStackArtifact(built.edge.artifactId).template as CfnTemplate;
    const main = assembly.getStackArtifact(built.consortium.artifactId).template as CfnTemplate;
    expect(built.edge.region).toBe("us-east-1");
    const acls = resourcesOfType(edge, "AWS::WAFv2::WebACL");
    expect(acls).toHaveLength(1);
    const [aclId, acl] = acls[0];
    expect(acl.Properties.Scope).toBe("CLOUDFRONT");
    for (const l of CONSORTIUM_RATE_LIMITS) {
      const rule = acl.Properties.Rules.find((r: any) => r.Name === `rate-${l.id}`);
      expect(rule.Statement.RateBasedStatement).toMatchObject({ Limit: l.limit, EvaluationWindowSec: l.windowSeconds, AggregateKeyType: "IP" });
      expect(rule.Action.Block.CustomResponse.ResponseCode).toBe(429);
    }
    expect(acl.Properties.Rules.some((r: any) => r.Statement.ManagedRuleGroupStatement?.Name === "AWSManagedRulesCommonRuleSet")).toBe(true);
    const [, writer] = resourcesOfType(edge, "Custom::CrossRegionExportWriter")[0];
    const [, dist] = resourcesOfType(main, "AWS::CloudFront::Distribution")[0];
    const [, exportName] = dist.Properties.DistributionConfig.WebACLId["Fn::GetAtt"];
    expect(writer.Properties.WriterProps.exports[exportName]).toEqual({ "Fn::GetAtt": [aclId, "Arn"] });
  });
});
