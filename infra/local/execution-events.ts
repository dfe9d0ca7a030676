/**
 * The local stand-in for the stack's EventBridge rule on "Step Functions Execution Status
 * Change": the emulation builds the event Step Functions would send for an execution that ended
 * FAILED, TIMED_OUT or ABORTED and hands it to the rule's consumer, retrying a failed delivery
 * as the queue between them does on AWS (infra/constructs/workflow-failures.ts). The execution
 * store marks an execution's event delivered (`statusEventDeliveredAt`); the next start delivers
 * again what a stop of the local stack interrupted.
 */
import { randomUUID } from "node:crypto";
import type { ExecItem, ExecutionEnd } from "./execution-store";

export interface ExecutionStatusEvent {
  version: "0";
  id: string;
  "detail-type": "Step Functions Execution Status Change";
  source: "aws.states";
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: string;
    startDate: number;
    stopDate: number;
    input: string;
    output: string | null;
    error: string | null;
    cause: string | null;
  };
}

export function statusEvent(item: ExecItem, end: ExecutionEnd, region: string, account: string): ExecutionStatusEvent {
  const now = new Date();
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Step Functions Execution Status Change",
    source: "aws.states",
    account,
    time: now.toISOString(),
    region,
    resources: [item.executionArn],
    detail: {
      executionArn: item.executionArn,
      stateMachineArn: item.stateMachineArn,
      name: item.name,
      status: end.status,
      startDate: Date.parse(item.startDate),
      stopDate: now.getTime(),
      input: item.input,
      output: end.output ?? null,
      error: end.error ?? null,
      cause: end.cause ?? null,
    },
  };
}

const defaultDelay = (attempt: number) => Math.min(250 * 2 ** (attempt - 1), 30_000);

export class StatusEventDelivery {
  private readonly pending = new Set<Promise<void>>();
  private closed = false;
  private wake = new Set<() => void>();

  constructor(
    private readonly consumer: ((event: ExecutionStatusEvent) => Promise<void>) | undefined,
    private readonly delivered: (event: ExecutionStatusEvent) => Promise<void>,
    private readonly delayMs: (attempt: number) => number = defaultDelay,
    private readonly log: (line: string) => void = () => {},
  ) {}

  deliver(event: ExecutionStatusEvent): void {
    if (!this.consumer || this.closed) return;
    const run = this.run(event);
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  private async run(event: ExecutionStatusEvent): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await this.consumer!(event);
        await this.delivered(event).catch((e) => this.log(`status event of ${event.detail.name}: delivered, but not marked so (${(e as Error)?.message ?? e})`));
        return;
      } catch (error) {
        this.log(`status event of ${event.detail.name} (${event.detail.status}) not delivered, attempt ${attempt}: ${(error as Error)?.message ?? error}`);
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.wake.delete(done);
            resolve();
          };
          const timer = setTimeout(done, this.delayMs(attempt));
          this.wake.add(done);
        });
      }
    }
  }

  /** Resolves when every event raised so far is delivered. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stops retrying (the local stack stops). */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.wake) wake();
    this.wake.clear();
    await Promise.allSettled([...this.pending]);
  }
}
