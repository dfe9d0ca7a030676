import { CfnOutput, Duration, RemovalPolicy, Stack, type CfnElement, type StackProps } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import * as path from "node:path";
import { CONSORTIUM_ROUTES, type ConsortiumRouteKey } from "../../functions/api/consortium-routes";
import { regionConfig } from "../config/regions";
import type { ConsortiumConfig } from "../config/consortia";
import { KbFunction } from "../constructs/kb-function";
import { logicalIdOutsideFeatures } from "../constructs/feature";
import { repoRoot } from "../constructs/paths";
import { Site } from "../constructs/site";
import { retainStatefulResources } from "../constructs/stateful";

/** A member that cannot be read yet: its bucket or public key is not in the consortium's config. */
export class ConsortiumNotReadyError extends Error {
  constructor(readonly consortiumId: string, readonly missing: readonly string[]) {
    super(`consortium "${consortiumId}" (infra/config/consortia.ts): ${missing.join("; ")} (docs/runbook.md, "Consortium")`);
    this.name = "ConsortiumNotReadyError";
  }
}

export interface ConsortiumStackProps extends StackProps {
  readonly config: ConsortiumConfig;
  /** @default <repo>/web/dist */
  readonly webDistPath?: string;
  /** Leave the built site out (tests only). */
  readonly withoutSiteContent?: boolean;
  /** The us-east-1 edge stack's WAF web ACL (consortium-app.ts). @default none: only tests build it alone */
  readonly siteWebAclArn?: string;
}

/**
 * The consortium's deployment (optional, one per consortium, in its own account): the consortium
 * API function reading the members' exports from their buckets across accounts, its HTTP API, and
 * the site behind CloudFront, whose /konsortium page shows the merged picture. It holds no table and
 * no personal data: only the signed exports the regions put in their buckets.
 */
export class ConsortiumStack extends Stack {
  constructor(scope: Construct, id: string, props: ConsortiumStackProps) {
    super(scope, id, props);
    const c = props.config;
    const missing = c.members.flatMap((m) => [
      ...(m.exportBucket ? [] : [`${m.regionId}: no exportBucket`]),
      ...(m.publicKeyPem ? [] : [`${m.regionId}: no publicKeyPem`]),
    ]);
    if (missing.length) throw new ConsortiumNotReadyError(c.id, missing);
    const members = c.members.map((m) => ({ id: m.regionId, name: regionConfig(m.regionId).displayName, publicKeyPem: m.publicKeyPem!, bucket: m.exportBucket! }));

    const fn = new KbFunction(this, "ConsortiumApiFunction", {
      handler: "api/consortium-api",
      kind: "consortium-api",
      // Five regions' exports are a few MB of JSON: read, verified and merged in a few seconds.
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: { CONSORTIUM_NAME: c.displayName, CONSORTIUM_MEMBERS: JSON.stringify(members) },
    });
    // Each member's exports under its own prefix, and nothing else of its bucket (the member's bucket policy grants the same).
    for (const m of members) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:${this.partition}:s3:::${m.bucket}/${m.id}/*`] }));
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: [`arn:${this.partition}:s3:::${m.bucket}`], conditions: { StringLike: { "s3:prefix": [`${m.id}/*`] } } }),
      );
    }

    const api = new apigw.HttpApi(this, "Api", { apiName: `kompetensbehov-consortium-${c.id}`, description: `Kompetensbehov consortium ${c.displayName}`, createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, "AccessLogs", { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    api.addStage("DefaultStage", { stageName: "$default", autoDeploy: true, throttle: { rateLimit: 20, burstLimit: 40 }, accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) } });
    const integration = new HttpLambdaIntegration("ConsortiumApi", fn);
    for (const key of Object.keys(CONSORTIUM_ROUTES) as ConsortiumRouteKey[]) {
      const [method, routePath] = key.split(" ") as ["GET", string];
      api.addRoutes({ path: routePath, methods: [apigw.HttpMethod[method]], integration });
    }

    const site = new Site(this, "Site", {
      apiDomainName: `${api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      distPath: props.withoutSiteContent ? undefined : (props.webDistPath ?? path.join(repoRoot, "web", "dist")),
      cognitoOrigins: [],
      webAclArn: props.siteWebAclArn,
    });
    new CfnOutput(this, "ConsortiumUrl", { value: `${site.url}/konsortium` });
    new CfnOutput(this, "ReaderRoleArn", {
      value: fn.role!.roleArn,
      description: "The role that reads the members' buckets; each member's bucket policy trusts the consortium's account (docs/runbook.md)",
    });
    retainStatefulResources(this);
  }

  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOutsideFeatures(element);
  }
}
