import { describe, expect, it } from "vitest";
import { environmentProblems, InvalidEnvironmentError, parseHandlerEnvironment, type HandlerKind } from "../../functions/config/environment";
import { ostergotlandTemplate, resourcesOfType } from "./helpers";

const valid = {
  TABLE_NAME: "kompetensbehov-ostergotland",
  REGION_ID: "ostergotland",
  DISCLOSURE_K: "5",
  SITE_URL: "https://example.cloudfront.net",
  MAIL_FROM: "kompetensbehov@ostergotland.kompetensbehov.se",
  MAIL_MODE: "ses",
  ROUND_STATE_MACHINE_ARN: "arn:aws:states:eu-north-1:123456789012:stateMachine:kompetensbehov-ostergotland-survey-round",
  MAX_WAIT_SECONDS: "86400",
};

describe("handler environment at cold start", () => {
  it("parses numbers instead of Number()-ing them", () => {
    expect(parseHandlerEnvironment("owner-api", valid)).toMatchObject({ DISCLOSURE_K: 5, MAX_WAIT_SECONDS: 86400 });
  });

  it("rejects a missing state machine ARN and an invalid number, naming both", () => {
    const { ROUND_STATE_MACHINE_ARN: _arn, ...rest } = valid;
    void _arn;
    const parse = () => parseHandlerEnvironment("owner-api", { ...rest, DISCLOSURE_K: "" });
    expect(parse).toThrow(InvalidEnvironmentError);
    expect(parse).toThrow(/ROUND_STATE_MACHINE_ARN is missing/);
    expect(parse).toThrow(/DISCLOSURE_K is invalid/);
  });
});

describe("handler environment in the synthesized template", () => {
  const kindOf = (handler: string): HandlerKind =>
    handler === "api/owner-api" ? "owner-api"
      : handler === "exports/export-worker" ? "export-worker"
      : handler === "api/programme-api" ? "programme-api"
        : handler === "api/participant-api" ? "participant-api"
          : handler.startsWith("workflow/cycle-") ? "cycle-task"
            : handler.startsWith("workflow/") ? "round-task"
              : "stream-consumer";

  it("every function's environment is accepted by its kind's schema (intrinsics count as present)", () => {
    const t = ostergotlandTemplate();
    const fns = resourcesOfType(t, "AWS::Lambda::Function").filter(([, r]) => r.Metadata?.["kompetensbehov:handler"]);
    expect(fns).toHaveLength(23);
    for (const [, r] of fns) {
      const handler = r.Metadata["kompetensbehov:handler"] as string;
      const problems = environmentProblems(kindOf(handler), r.Properties.Environment.Variables, (v) => typeof v === "object" && v !== null);
      expect(problems, handler).toEqual([]);
    }
  });
});
