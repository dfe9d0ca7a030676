/**
 * The AWS JSON 1.0 protocol of Step Functions (`x-amz-target: AWSStepFunctions.<Action>`) over
 * node:http: an SfnError becomes a 400 with its `__type`, anything else a 500.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** An error Step Functions answers with its type (e.g. `ExecutionDoesNotExist`). */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function serveAwsJson(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  dispatch: (action: string, request: any) => Promise<unknown> | unknown,
  log: (message: string) => void,
): Promise<void> {
  const send = (status: number, payload: unknown, errorType?: string) => {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      "content-type": "application/x-amz-json-1.0",
      "content-length": Buffer.byteLength(text),
      "x-amzn-requestid": randomUUID(),
      ...(errorType ? { "x-amzn-errortype": errorType } : {}),
    });
    res.end(text);
  };
  const target = String(req.headers["x-amz-target"] ?? "");
  const action = target.startsWith("AWSStepFunctions.") ? target.slice("AWSStepFunctions.".length) : "";
  if (req.method !== "POST" || !action) {
    send(400, { __type: "UnknownOperationException", message: "Expected POST with x-amz-target: AWSStepFunctions.<Action>" }, "UnknownOperationException");
    return;
  }
  let request: any;
  try {
    request = body.length ? JSON.parse(body.toString("utf8")) : {};
  } catch {
    send(400, { __type: "SerializationException", message: "The request body is not JSON" }, "SerializationException");
    return;
  }
  try {
    const result = await dispatch(action, request);
    send(200, result);
  } catch (error) {
    if (error instanceof SfnError) send(400, { __type: error.type, message: error.message }, error.type);
    else {
      log(`sfn ${action} failed: ${(error as Error)?.stack ?? error}`);
      send(500, { __type: "ServiceUnavailable", message: "The local Step Functions emulation failed; see the console." }, "ServiceUnavailable");
    }
  }
}
