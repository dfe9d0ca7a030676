import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildRegionApp } from "../../infra/template/index";

function violations(webDistPath?: string) {
  const { app, stack, edge } = buildRegionApp("ostergotland", { webDistPath });
  app.synth();
  return [stack, edge]
    .flatMap((s) => new AwsSolutionsChecks().validateScope(s).violations).map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(", ")}`);
}

describe("cdk-nag AwsSolutions", () => {
  it("finds no unacknowledged errors or warnings", () => {
    expect(violations()).toEqual([]);
  });

  it("finds none either when the built site is deployed with the stack", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "kb-dist-"));
    fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>Kompetensbehov</title>");
    expect(violations(dist)).toEqual([]);
  });

  it("as a validation plugin lets synthesis pass", () => {
    const { app } = buildRegionApp("halland");
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});
