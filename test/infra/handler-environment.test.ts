import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseHandlerEnvironment } from "../../functions/config/environment";

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
