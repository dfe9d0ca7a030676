import type { LambdaHandler } from "./step-functions";

/** A handler loader whose handlers report each invocation's duration (benchmarks count them). */
export function timedHandlers(
  load: (handlerPath: string) => Promise<LambdaHandler>,
  onInvocation: (handlerPath: string, ms: number) => void,
): (handlerPath: string) => Promise<LambdaHandler> {
  return async (handlerPath) => {
    const handler = await load(handlerPath);
    return async (event, context) => {
      const t = performance.now();
      try {
        return await handler(event, context);
      } finally {
        onInvocation(handlerPath, performance.now() - t);
      }
    };
  };
}
