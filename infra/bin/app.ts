/**
 * CDK app: one region per invocation (its RegionStack and its us-east-1 EdgeStack).
 *   npx cdk synth -c region=ostergotland          (bundles the handlers with local esbuild)
 *   npx cdk synth -c region=halland -c bundle=false   (template only, no asset bundling)
 *   -c nag=false                                  (skip the cdk-nag AwsSolutions checks)
 *   npx cdk synth -c consortium=ostra-mellansverige   (a consortium's stacks instead: infra/config/consortia.ts)
 * Synth needs no AWS credentials: the region comes from infra/config/regions.ts and the
 * account from CDK_DEFAULT_ACCOUNT when the CLI knows it (otherwise the stack stays
 * account-agnostic); nothing is looked up.
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { regionConfig } from "../config/regions";
import { addRegionStacks } from "../stacks/region-app";
import { consortiumConfig } from "../config/consortia";
import { addConsortiumStacks } from "../stacks/consortium-app";

const app = new App();
if (String(app.node.tryGetContext("bundle")) === "false") {
  app.node.setContext("aws:cdk:bundling-stacks", []);
}
const consortiumId = app.node.tryGetContext("consortium");
if (consortiumId) {
  const c = consortiumConfig(consortiumId);
  // The ConsortiumStack and the us-east-1 stack of its CloudFront WAF web ACL.
  addConsortiumStacks(app, c, { account: c.accountId ?? process.env.CDK_DEFAULT_ACCOUNT, stackProps: { tags: { project: "kompetensbehov", consortium: c.id } } });
} else {
  const config = regionConfig(app.node.tryGetContext("region"));
  // The RegionStack and the us-east-1 stack of its CloudFront WAF web ACL.
  addRegionStacks(app, config, {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    stackProps: { tags: { project: "kompetensbehov", region: config.id } },
    region: { description: `Kompetensbehov, ${config.displayName}` },
  });
}

if (String(app.node.tryGetContext("nag")) !== "false") {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
