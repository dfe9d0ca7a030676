import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { RegionConfig } from "../config/regions";
import { SiteWebAcl } from "../constructs/edge-protection";

/** Where a region's CloudFront-scoped resources must live; nothing in it holds personal data. */
export const EDGE_AWS_REGION = "us-east-1";

export interface EdgeStackProps extends StackProps {
  readonly config: RegionConfig;
}

/** CloudFormation stack name of a region's us-east-1 stack. */
export function edgeStackName(regionId: string): string {
  return `Kompetensbehov-${regionId}-edge`;
}

/**
 * A region's resources that AWS requires in us-east-1: the WAF web ACL of its CloudFront
 * distribution (scope CLOUDFRONT). The RegionStack takes its ARN by a cross-region reference
 * (infra/stacks/region-app.ts).
 */
export class EdgeStack extends Stack {
  readonly siteWebAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.siteWebAclArn = new SiteWebAcl(this, "SiteWebAcl", { regionId: props.config.id }).webAcl.attrArn;
  }
}
