/**
 * CDK app: one RegionStack per invocation.
 *   npx cdk synth -c region=ostergotland          (bundles the handlers with local esbuild)
 *   npx cdk synth -c region=halland -c bundle=false   (template only, no asset bundling)
 *   -c nag=false                                  (skip the cdk-nag AwsSolutions checks)
 * Synth needs no AWS credentials: the region comes from infra/config/regions.ts and the
 * account from CDK_DEFAULT_ACCOUNT when the CLI knows it (otherwise the stack stays
 * account-agnostic); nothing is looked up.
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { regionConfig } from "../config/regions";
import { RegionStack, stackName } from "../stacks/region-stack";

const app = new App();
if (String(app.node.tryGetContext("bundle")) === "false") {
  app.node.setContext("aws:cdk:bundling-stacks", []);
}
const config = regionConfig(app.node.tryGetContext("region"));

new RegionStack(app, stackName(config.id), {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.awsRegion },
  description: `Kompetensbehov, ${config.displayName}`,
  tags: { project: "kompetensbehov", region: config.id },
});

if (String(app.node.tryGetContext("nag")) !== "false") {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
