import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { RATE_LIMITS, TOO_MANY_REQUESTS, type RateLimit } from "../../shared/rate-limits";

/**
 * The per-client limits of shared/rate-limits.ts as AWS WAF rate-based rules (per IP, over the
 * limit's window), answering 429 with the same body as the local stack:
 * - SiteWebAcl (scope CLOUDFRONT, so it must be created in us-east-1: infra/stacks/edge-stack.ts)
 *   for the distribution, with the `site` limits scoped down to their paths, and AWS's common
 *   rule set;
 * - SignInWebAcl (scope REGIONAL) on the owners' Cognito user pool, whose hosted UI is not
 *   behind CloudFront, with the `sign-in` limits.
 */
const BLOCKED_BODY = "too-many-requests";

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const uriPath = (positionalConstraint: "EXACTLY" | "STARTS_WITH", searchString: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint, searchString, textTransformations: [{ priority: 0, type: "NONE" }] },
});

/** The limit's path and the paths below it, as the local guard matches them. */
const onPath = (l: RateLimit): wafv2.CfnWebACL.StatementProperty => ({
  orStatement: { statements: [uriPath("EXACTLY", l.pathPrefix), uriPath("STARTS_WITH", `${l.pathPrefix}/`)] },
});

function rateRule(l: RateLimit, priority: number, scopeDown: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.RuleProperty {
  return {
    name: `rate-${l.id}`,
    priority,
    action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: BLOCKED_BODY } } },
    statement: { rateBasedStatement: { limit: l.limit, evaluationWindowSec: l.windowSeconds, aggregateKeyType: "IP", scopeDownStatement: scopeDown } },
    visibilityConfig: visibility(`rate-${l.id}`),
  };
}

const customResponseBodies = {
  [BLOCKED_BODY]: { contentType: "APPLICATION_JSON", content: JSON.stringify({ error: TOO_MANY_REQUESTS }) },
};

/**
 * Rules of AWS's common rule set that look into the body are only counted: the owners' CSV
 * import (up to 3 MB) is over its 8 KB body limit, and participants' free-text answers may hold
 * what its cross-site-scripting and file-inclusion patterns match (the API validates every body).
 */
const COUNTED_COMMON_RULES = ["SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericRFI_BODY", "GenericLFI_BODY", "EC2MetaDataSSRF_BODY"];

export interface SiteWebAclProps {
  /** A region's id, or `consortium-<id>` for a consortium's site. */
  readonly regionId: string;
  /** @default RATE_LIMITS of shared/rate-limits.ts */
  readonly limits?: readonly RateLimit[];
}

export class SiteWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: SiteWebAclProps) {
    super(scope, id);
    const limits = (props.limits ?? RATE_LIMITS).filter((l) => l.on === "site");
    const rules = limits.map((l, i) => rateRule(l, i, onPath(l)));
    rules.push({
      name: "aws-common",
      priority: rules.length,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: "AWS",
          name: "AWSManagedRulesCommonRuleSet",
          ruleActionOverrides: COUNTED_COMMON_RULES.map((name) => ({ name, actionToUse: { count: {} } })),
        },
      },
      visibilityConfig: visibility("aws-common"),
    });
    this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
      name: `kompetensbehov-${props.regionId}-site`,
      // CloudFormation allows no parentheses or apostrophes in a web ACL's description.
      description: "Kompetensbehov site and API on CloudFront: per-client limits of shared/rate-limits.ts, AWS common rule set",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rules,
      customResponseBodies,
      visibilityConfig: visibility(`kompetensbehov-${props.regionId}-site`),
    });
  }
}

export interface SignInWebAclProps {
  readonly regionId: string;
  readonly userPool: cognito.IUserPool;
  /** @default RATE_LIMITS of shared/rate-limits.ts */
  readonly limits?: readonly RateLimit[];
}

export class SignInWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: SignInWebAclProps) {
    super(scope, id);
    const limits = (props.limits ?? RATE_LIMITS).filter((l) => l.on === "sign-in");
    // The hosted UI's sign-in form, the token endpoint and Cognito's own API are all POSTs;
    // loading the sign-in page is not counted.
    const posts: wafv2.CfnWebACL.StatementProperty = {
      byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: "EXACTLY", searchString: "POST", textTransformations: [{ priority: 0, type: "NONE" }] },
    };
    this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
      name: `kompetensbehov-${props.regionId}-sign-in`,
      description: "Kompetensbehov owner sign-in on the Cognito user pool: per-client limits of shared/rate-limits.ts",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rules: limits.map((l, i) => rateRule(l, i, posts)),
      customResponseBodies,
      visibilityConfig: visibility(`kompetensbehov-${props.regionId}-sign-in`),
    });
    new wafv2.CfnWebACLAssociation(this, "UserPool", { resourceArn: props.userPool.userPoolArn, webAclArn: this.webAcl.attrArn });
  }
}
