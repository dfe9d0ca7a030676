import { CfnResource, RemovalPolicy } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * Resource types whose loss loses data or breaks what users hold: the table (every answer), the
 * owners' pool (their accounts and MFA secrets), the state machines (a replaced machine
 * orphans its running executions' history), the buckets (the site, CloudFront's logs).
 */
export const STATEFUL_TYPES = [
  "AWS::DynamoDB::Table",
  "AWS::Cognito::UserPool",
  "AWS::StepFunctions::StateMachine",
  "AWS::S3::Bucket",
  // The key that signed a region's exports: without it no one can check an export made before.
  "AWS::KMS::Key",
] as const;

/**
 * Retain every stateful resource under `scope` on delete and on replacement, so neither a
 * `cdk destroy` nor a change that forces replacement deletes it; ops removes them by hand
 * (docs/runbook.md). Applied over the whole tree so that a feature cannot forget it.
 */
export function retainStatefulResources(scope: IConstruct): void {
  for (const c of scope.node.findAll()) {
    if (c instanceof CfnResource && (STATEFUL_TYPES as readonly string[]).includes(c.cfnResourceType)) {
      c.applyRemovalPolicy(RemovalPolicy.RETAIN, { applyToUpdateReplacePolicy: true });
    }
  }
}
