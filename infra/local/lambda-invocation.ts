/** How the local Step Functions invokes a handler as Lambda would: the context, JSON both ways, errors. */
import { randomUUID } from "node:crypto";

/** A Lambda-style error: name = errorType, message = the JSON `Cause` Step Functions records. */
export function lambdaError(error: unknown): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  const errorType = e.name && e.name !== "Error" ? e.name : "Error";
  const wrapped = new Error(
    JSON.stringify({ errorType, errorMessage: e.message, trace: String(e.stack ?? "").split("\n").slice(0, 10) }),
  );
  wrapped.name = errorType;
  return wrapped;
}

export function lambdaContext(functionName: string, awsRegion: string, accountId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${awsRegion}:${accountId}:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}

/** Lambda serialises payloads as JSON both ways; so does the local binding. */
export const viaJson = (value: unknown): any => (value === undefined ? null : JSON.parse(JSON.stringify(value)));
