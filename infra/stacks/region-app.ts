import type { App, StackProps } from "aws-cdk-lib";
import type { RegionConfig } from "../config/regions";
import { EDGE_AWS_REGION, EdgeStack, edgeStackName } from "./edge-stack";
import { RegionStack, stackName, type RegionStackProps } from "./region-stack";

/**
 * The stacks of one region, as `cdk deploy -c region=<id>` creates them and as the tests and the
 * local stack synthesize them: the us-east-1 EdgeStack (CloudFront's WAF web ACL) and the
 * RegionStack, which takes the web ACL's ARN by a cross-region reference (CDK hands it over
 * through an SSM parameter in us-east-1 that the RegionStack reads at deploy; the reference also
 * makes `cdk deploy` create the EdgeStack first).
 */
export function addRegionStacks(
  app: App,
  config: RegionConfig,
  opts: { account?: string; stackProps?: StackProps; region?: Omit<RegionStackProps, "config" | "env" | "crossRegionReferences" | "siteWebAclArn"> } = {},
): { edge: EdgeStack; region: RegionStack } {
  const edge = new EdgeStack(app, edgeStackName(config.id), {
    ...opts.stackProps,
    config,
    env: { account: opts.account, region: EDGE_AWS_REGION },
    crossRegionReferences: true,
    description: `Kompetensbehov, ${config.displayName}: CloudFront's WAF web ACL (us-east-1)`,
  });
  const region = new RegionStack(app, stackName(config.id), {
    ...opts.stackProps,
    ...opts.region,
    config,
    env: { account: opts.account, region: config.awsRegion },
    crossRegionReferences: true,
    siteWebAclArn: edge.siteWebAclArn,
  });
  return { edge, region };
}
