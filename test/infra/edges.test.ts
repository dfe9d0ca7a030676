/**
 * The edges of a region's deployment, read from the synthesized templates of both its stacks:
 * the WAF rate-based rules carry the limits of shared/rate-limits.ts (the ones the local stack
 * applies), the CloudFront web ACL lives in us-east-1 and is the distribution's, and the API is
 * reached only by its custom domain.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { apiDomainName, regionConfig } from "../../infra/config/regions";
import { buildRegionApp, type CfnTemplate } from "../../infra/template/index";
import { RATE_LIMITS, TOO_MANY_REQUESTS } from "../../shared/rate-limits";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import { resourcesOfType } from "./helpers";

let region: CfnTemplate;
let edge: CfnTemplate;
let edgeRegion: string;

beforeAll(() => {
  const built = buildRegionApp("ostergotland");
  const assembly = built.app.synth();
  region = assembly.getStackArtifact(built.stack.artifactId).template as CfnTemplate;
  edge = assembly.getStackArtifact(built.edge.artifactId).template as CfnTemplate;
  edgeRegion = built.edge.region;
});

function webAcl(t: CfnTemplate, scope: "CLOUDFRONT" | "REGIONAL"): [string, any] {
  const acls = resourcesOfType(t, "AWS::WAFv2::WebACL").filter(([, r]) => r.Properties.Scope === scope);
  expect(acls).toHaveLength(1);
  return acls[0];
}

const rule = (acl: any, name: string) => acl.Properties.Rules.find((r: any) => r.Name === name);

describe("WAF rate limits", () => {
  it("CloudFront's web ACL blocks a client over each site limit with 429, per IP over the limit's window, on its path and below", () => {
    const [, acl] = webAcl(edge, "CLOUDFRONT");
    const limits = RATE_LIMITS.filter((l) => l.on === "site");
    expect(limits.length).toBeGreaterThan(0);
    for (const l of limits) {
      const r = rule(acl, `rate-${l.id}`);
      expect(r.Statement.RateBasedStatement).toMatchObject({ Limit: l.limit, EvaluationWindowSec: l.windowSeconds, AggregateKeyType: "IP" });
      const paths = r.Statement.RateBasedStatement.ScopeDownStatement.OrStatement.Statements.map((s: any) => [s.ByteMatchStatement.PositionalConstraint, s.ByteMatchStatement.SearchString]);
      expect(paths).toEqual([["EXACTLY", l.pathPrefix], ["STARTS_WITH", `${l.pathPrefix}/`]]);
      expect(r.Action.Block.CustomResponse.ResponseCode).toBe(429);
      const body = acl.Properties.CustomResponseBodies[r.Action.Block.CustomResponse.CustomResponseBodyKey];
      expect(JSON.parse(body.Content)).toEqual({ error: TOO_MANY_REQUESTS });
    }
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
  });

  it("CloudFront's web ACL also runs AWS's common rule set, counting only its body rules (CSV imports and free-text answers pass)", () => {
    const [, acl] = webAcl(edge, "CLOUDFRONT");
    const common = acl.Properties.Rules.find((r: any) => r.Statement.ManagedRuleGroupStatement?.Name === "AWSManagedRulesCommonRuleSet");
    expect(common.OverrideAction).toEqual({ None: {} });
    const counted = common.Statement.ManagedRuleGroupStatement.RuleActionOverrides.map((o: any) => (o.ActionToUse.Count ? o.Name : `not counted: ${o.Name}`));
    expect(counted).toContain("SizeRestrictions_BODY");
    expect(counted.every((n: string) => n.endsWith("_BODY"))).toBe(true);
  });

  it("lives in us-east-1, and its ARN is what the distribution uses (handed over by CDK's cross-region reference)", () => {
    expect(edgeRegion).toBe("us-east-1");
    const [aclId] = webAcl(edge, "CLOUDFRONT");
    const [, writer] = resourcesOfType(edge, "Custom::CrossRegionExportWriter")[0];
    const [, dist] = resourcesOfType(region, "AWS::CloudFront::Distribution")[0];
    const [readerId, exportName] = dist.Properties.DistributionConfig.WebACLId["Fn::GetAtt"];
    expect(region.Resources[readerId].Type).toBe("Custom::CrossRegionExportReader");
    expect(writer.Properties.WriterProps.exports[exportName]).toEqual({ "Fn::GetAtt": [aclId, "Arn"] });
  });

  it("the owners' user pool has a regional web ACL with each sign-in limit, counted on POSTs", () => {
    const [aclId, acl] = webAcl(region, "REGIONAL");
    const limits = RATE_LIMITS.filter((l) => l.on === "sign-in");
    expect(limits.length).toBeGreaterThan(0);
    for (const l of limits) {
      const r = rule(acl, `rate-${l.id}`);
      expect(r.Statement.RateBasedStatement).toMatchObject({ Limit: l.limit, EvaluationWindowSec: l.windowSeconds, AggregateKeyType: "IP" });
      expect(r.Statement.RateBasedStatement.ScopeDownStatement.ByteMatchStatement).toMatchObject({ FieldToMatch: { Method: {} }, SearchString: "POST" });
      expect(r.Action.Block.CustomResponse.ResponseCode).toBe(429);
    }
    const [poolId] = resourcesOfType(region, "AWS::Cognito::UserPool")[0];
    const [, association] = resourcesOfType(region, "AWS::WAFv2::WebACLAssociation")[0];
    expect(association.Properties).toEqual({ ResourceArn: { "Fn::GetAtt": [poolId, "Arn"] }, WebACLArn: { "Fn::GetAtt": [aclId, "Arn"] } });
  });
});

describe("the API's only way in", () => {
  const domain = apiDomainName(regionConfig("ostergotland"));

  it("disables the execute-api endpoint", () => {
    const apis = resourcesOfType(region, "AWS::ApiGatewayV2::Api");
    expect(apis).toHaveLength(1);
    expect(apis[0][1].Properties.DisableExecuteApiEndpoint).toBe(true);
  });

  it("serves the API's stage on its custom domain, with a regional certificate validated by DNS", () => {
    const [domainId, custom] = resourcesOfType(region, "AWS::ApiGatewayV2::DomainName")[0];
    expect(custom.Properties.DomainName).toBe(domain);
    const config = custom.Properties.DomainNameConfigurations[0];
    expect(config).toMatchObject({ EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" });
    const certId = config.CertificateArn.Ref;
    expect(region.Resources[certId].Properties).toMatchObject({ DomainName: domain, ValidationMethod: "DNS" });
    const [apiId] = resourcesOfType(region, "AWS::ApiGatewayV2::Api")[0];
    const [stageId] = resourcesOfType(region, "AWS::ApiGatewayV2::Stage")[0];
    const [, stage] = resourcesOfType(region, "AWS::ApiGatewayV2::Stage")[0];
    const [, mapping] = resourcesOfType(region, "AWS::ApiGatewayV2::ApiMapping")[0];
    expect(mapping.Properties).toMatchObject({ ApiId: { Ref: apiId }, DomainName: { Ref: domainId }, Stage: stage.Properties.StageName });
    expect(mapping.DependsOn).toContain(stageId);
    expect((region.Outputs as Record<string, { Value: unknown }>).ApiDomainTarget.Value).toEqual({ "Fn::GetAtt": [domainId, "RegionalDomainName"] });
  });

  it("is CloudFront's API origin, which forwards the participant's token header uncached", () => {
    const [, dist] = resourcesOfType(region, "AWS::CloudFront::Distribution")[0];
    const c = dist.Properties.DistributionConfig;
    const api = c.CacheBehaviors.find((b: any) => b.PathPattern === "/api/*");
    expect(c.Origins.find((o: any) => o.Id === api.TargetOriginId).DomainName).toBe(domain);
    // The managed AllViewerExceptHostHeader policy forwards every viewer header, x-form-token too.
    expect(api.OriginRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac");
    const [, cache] = resourcesOfType(region, "AWS::CloudFront::CachePolicy").find(([id]) => id === api.CachePolicyId.Ref)!;
    expect(cache.Properties.CachePolicyConfig).toMatchObject({ DefaultTTL: 0, MinTTL: 0 });
    // Were an answer ever kept, it would be keyed by the token: no participant gets another's form.
    expect(cache.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toContain(FORM_TOKEN_HEADER);
  });
});
