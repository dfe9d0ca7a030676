import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { ExportRunner } from "./ports";

let lambda: LambdaClient | undefined;

/** The export worker function (functions/workflow/export-worker.ts), invoked asynchronously: the owner API answers at once. */
export function lambdaExportRunner(functionName: string): ExportRunner {
  return {
    async start(roundId, exportId) {
      lambda ??= new LambdaClient({});
      await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: JSON.stringify({ roundId, exportId }) }));
    },
  };
}

/**
 * Locally (and in tests): the worker runs in this process after the request has been answered. A
 * failure is already on the job (failed); `onError` is told of it for the log.
 */
export function backgroundExportRunner(run: (roundId: string, exportId: string) => Promise<unknown>, onError: (error: unknown) => void): ExportRunner & { idle(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  return {
    async start(roundId, exportId) {
      const p = new Promise((resolve) => setImmediate(resolve)).then(() => run(roundId, exportId)).catch(onError);
      running.add(p);
      void p.finally(() => running.delete(p));
    },
    /** Resolves when every started export has ended (tests, and the local stack's stop). */
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
