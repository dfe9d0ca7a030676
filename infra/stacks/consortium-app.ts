import { Stack, type App, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { ConsortiumConfig } from "../config/consortia";
import { SiteWebAcl } from "../constructs/edge-protection";
import { CONSORTIUM_RATE_LIMITS } from "../../shared/rate-limits";
import { EDGE_AWS_REGION } from "./edge-stack";
import { ConsortiumStack, type ConsortiumStackProps } from "./consortium-stack";

/** The consortium's us-east-1 stack: its CloudFront distribution's WAF web ACL (scope CLOUDFRONT). */
export class ConsortiumEdgeStack extends Stack {
  readonly siteWebAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps & { readonly config: ConsortiumConfig }) {
    super(scope, id, props);
    this.siteWebAclArn = new SiteWebAcl(this, "SiteWebAcl", { regionId: `consortium-${props.config.id}`, limits: CONSORTIUM_RATE_LIMITS }).webAcl.attrArn;
  }
}

export const consortiumStackName = (id: string) => `Kompetensbehov-consortium-${id}`;

/**
 * A consortium's stacks as `cdk deploy -c consortium=<id>` creates them: the us-east-1 edge stack
 * (per-client limits on its API and AWS's common rule set) and the ConsortiumStack, which takes the
 * web ACL's ARN by a cross-region reference, as a region's stacks do (region-app.ts).
 */
export function addConsortiumStacks(
  app: App,
  config: ConsortiumConfig,
  opts: { account?: string; stackProps?: StackProps; consortium?: Omit<ConsortiumStackProps, "config" | "env" | "crossRegionReferences" | "siteWebAclArn"> } = {},
): { edge: ConsortiumEdgeStack; consortium: ConsortiumStack } {
  const edge = new ConsortiumEdgeStack(app, `${consortiumStackName(config.id)}-edge`, {
    ...opts.stackProps,
    config,
    env: { account: opts.account, region: EDGE_AWS_REGION },
    crossRegionReferences: true,
    description: `Kompetensbehov, consortium ${config.displayName}: CloudFront's WAF web ACL (us-east-1)`,
  });
  const consortium = new ConsortiumStack(app, consortiumStackName(config.id), {
    ...opts.stackProps,
    ...opts.consortium,
    config,
    env: { account: opts.account, region: config.awsRegion },
    crossRegionReferences: true,
    siteWebAclArn: edge.siteWebAclArn,
    description: `Kompetensbehov, consortium ${config.displayName}`,
  });
  return { edge, consortium };
}
