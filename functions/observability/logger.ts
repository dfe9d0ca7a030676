import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The handlers' one logger: JSON lines through Powertools, created once per module instance.
 * Level from LOG_LEVEL (default INFO). Callers pass a `correlationId` on every line (the API
 * Gateway request id, the workflow's round or cycle, the stream record's event id) instead of
 * appending it to the logger, because locally several invocations share this one instance.
 * Nothing personal goes in: no e-mail, name, token, request body or path with a token.
 */
export const logger = new Logger({ serviceName: "kompetensbehov", logLevel: logLevelFromEnv() });

function logLevelFromEnv() {
  const level = (process.env.LOG_LEVEL ?? "INFO").toUpperCase();
  return (["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"] as const).find((l) => l === level) ?? "INFO";
}

/** Runs a workflow task and logs its name, outcome and duration; a failure is logged and rethrown for the state machine's Retry/Catch. */
export function loggedTask<I, O>(name: string, correlationId: (input: I) => string, task: (input: I) => Promise<O> | O): (input: I) => Promise<O> {
  return async (input: I) => {
    const started = Date.now();
    const id = correlationId(input);
    try {
      const result = await task(input);
      logger.info("workflow task done", { correlationId: id, task: name, outcome: "ok", durationMs: Date.now() - started });
      return result;
    } catch (error) {
      logger.error("workflow task failed", { correlationId: id, task: name, outcome: "error", durationMs: Date.now() - started, error: error as Error });
      throw error;
    }
  };
}
