import type { ExecutionStatusEvent, LambdaHandler } from "./step-functions";
import type { Binding } from "./template-binding";

/**
 * The template's status-change rules as one consumer of the emulation's events: each rule whose
 * pattern matches gets the event as its queue would hand it to its function (one SQS record); a
 * record the function reports failed throws, so the emulation delivers it again.
 */
export function statusEventConsumer(consumers: Binding["statusEventConsumers"], loadHandler: (handlerPath: string) => Promise<LambdaHandler>) {
  return async (event: ExecutionStatusEvent) => {
    const machine = event.detail.stateMachineArn.split(":").pop()!;
    for (const c of consumers) {
      if (!c.statuses.includes(event.detail.status) || !c.machines.includes(machine)) continue;
      const handler = await loadHandler(c.handler);
      const result = (await handler({ Records: [{ messageId: event.id, body: JSON.stringify(event), eventSource: "aws:sqs" }] }, { functionName: c.handler.replace(/\//g, "-") })) as
        | { batchItemFailures?: unknown[] }
        | undefined;
      if (result?.batchItemFailures?.length) throw new Error(`${c.handler} did not take the status change of ${event.detail.name}`);
    }
  };
}
