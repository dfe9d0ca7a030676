/**
 * The local stack's fault setting (infra/local/dynamodb-faults.ts): how KB_FAULTS is read, and
 * that the middleware fails each attempt the SDK makes, so its retries run as they do on AWS.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { activateFaults, addFaultMiddleware, faultInjector, InvalidFaultSettingError, parseFaultSetting } from "../../infra/local/dynamodb-faults";

/** A client whose calls never leave the process when every attempt is failed (nothing listens on port 9). */
const client = (maxAttempts: number) =>
  new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "eu-north-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts });
const get = new GetItemCommand({ TableName: "t", Key: { pk: { S: "a" } } });

afterEach(() => activateFaults(undefined));

describe("the DynamoDB fault setting", () => {
  it("reads rate, shares, seed and handler kinds, with defaults for what is left out", () => {
    expect(parseFaultSetting("rate=0.05, seed=7, only=round-task+participant-api")).toEqual({ rate: 0.05, throttle: 0.5, timeout: 0, seed: 7, only: ["round-task", "participant-api"] });
  });

  it("refuses an unknown name, a share above 1 and a part without =", () => {
    expect(() => parseFaultSetting("rate=0.1,rat=2")).toThrow(InvalidFaultSettingError);
    expect(() => parseFaultSetting("rate=1.5")).toThrow(/rate/);
    expect(() => parseFaultSetting("rate")).toThrow(/name=value/);
  });

  it("fails every attempt at rate 1, so the call fails after the SDK's retries with a throttle or a 500", async () => {
    const faults = faultInjector("rate=1,seed=3");
    activateFaults(faults);
    const c = client(2);
    addFaultMiddleware(c, "participant-api");
    const error = await c.send(get).then(() => undefined, (e: Error & { $metadata?: { attempts?: number } }) => e);
    expect(error?.name).toMatch(/^(ProvisionedThroughputExceededException|ThrottlingException|InternalServerError)$/);
    expect(error?.$metadata?.attempts).toBe(2);
    expect(faults.counts().calls).toBe(2);
  });

  it("leaves the calls of other handler kinds alone", async () => {
    const faults = faultInjector("rate=1,only=round-task");
    activateFaults(faults);
    const c = client(1);
    addFaultMiddleware(c, "participant-api");
    // It reaches the network: nothing listens there, so the error is the connection's, not an injected one.
    const error = await c.send(get).then(() => undefined, (e: Error) => e);
    expect(error?.message).not.toMatch(/KB_FAULTS/);
    expect(faults.counts().calls).toBe(0);
  });

  it("draws the same faults for the same seed", () => {
    const kinds = (seed: number) => {
      const f = faultInjector(`rate=0.5,timeout=0.2,seed=${seed}`);
      return Array.from({ length: 50 }, () => f.pick("participant-api") ?? "none");
    };
    expect(kinds(11)).toEqual(kinds(11));
    expect(kinds(11)).not.toEqual(kinds(12));
  });
});
