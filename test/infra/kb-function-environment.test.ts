import { App, Stack } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import type { HandlerEnvironmentInput } from "../../functions/config/environment";
import { KbFunction } from "../../infra/constructs/kb-function";

const complete: HandlerEnvironmentInput<"participant-api"> = {
  TABLE_NAME: "kb-test",
  REGION_ID: "halland",
  DISCLOSURE_K: "5",
  SITE_URL: "https://kb.example",
  MAIL_FROM: "noreply@kb.example",
  MAIL_MODE: "ses",
};

function synthWith(environment: Record<string, string>) {
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  const stack = new Stack(app, "Test");
  new KbFunction(stack, "ParticipantApiFunction", {
    handler: "api/participant-api",
    kind: "participant-api",
    environment: environment as HandlerEnvironmentInput<"participant-api">,
  });
  return () => app.synth();
}

describe("KbFunction's environment at synth time", () => {
  it("fails synthesis naming the function and the missing variable", () => {
    const { TABLE_NAME: _omitted, ...withoutTable } = complete;
    expect(synthWith(withoutTable)).toThrow(/ParticipantApiFunction[\s\S]*api\/participant-api \(participant-api\): TABLE_NAME is missing/);
  });

  it("fails synthesis naming an invalid variable", () => {
    expect(synthWith({ ...complete, MAIL_MODE: "smtp" })).toThrow(/api\/participant-api \(participant-api\): MAIL_MODE is invalid/);
  });

  it("lets a complete environment synthesize", () => {
    expect(synthWith(complete)).not.toThrow();
  });
});
