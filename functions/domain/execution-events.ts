import * as z from "zod/mini";
import type { Deps } from "../adapters/ports";
import { cycleFailureMessage } from "./cycle-workflow";
import { roundFailureMessage } from "./round-workflow";

/**
 * The backstop that keeps a workflow from hanging: Step Functions reports every execution that
 * ends FAILED, TIMED_OUT or ABORTED (EventBridge "Step Functions Execution Status Change"; locally
 * the emulation raises the same event), and its round or cycle goes to the error state, from
 * which launch (rounds) or start (cycles) resumes. The state machines' own MarkFailed states do
 * the same when they can; this runs outside the failed execution, so an outage of the table that
 * outlasted the tasks' retries (and failed MarkFailed too) is written once the table is back.
 *
 * Idempotent: only the round's or cycle's current attempt is marked (the attempt is the last part
 * of the execution's name; launch, resume, early close and start move it before they stop the
 * old execution), and only once.
 */
export const ENDED_STATUSES = ["FAILED", "TIMED_OUT", "ABORTED"] as const;

const Detail = z.object({
  name: z.string(),
  status: z.string(),
  input: z.nullish(z.string()),
  error: z.nullish(z.string()),
});
const RoundInput = z.object({ roundId: z.string().check(z.minLength(1)) });
const CycleInput = z.object({ programmeId: z.string().check(z.minLength(1)), cycle: z.number() });

export type ExecutionEnded =
  | { kind: "round"; roundId: string; attempt: number; status: string; error?: string }
  | { kind: "cycle"; programmeId: string; cycle: number; attempt: number; status: string; error?: string };

/** An event's detail that is not an ended execution of ours (a malformed one goes to the dead-letter queue). */
export class UnknownExecutionEventError extends Error {
  override readonly name = "UnknownExecutionEventError";
}

/** What the status-change event's detail says: whose execution, which attempt, how it ended. */
export function parseExecutionEnded(detail: unknown): ExecutionEnded | undefined {
  const d = Detail.safeParse(detail);
  if (!d.success) throw new UnknownExecutionEventError("The event has no execution name and status.");
  if (!(ENDED_STATUSES as readonly string[]).includes(d.data.status)) return undefined;
  const attempt = Number(/-(\d+)$/.exec(d.data.name)?.[1]);
  let input: unknown;
  try {
    input = JSON.parse(d.data.input ?? "null");
  } catch {
    input = undefined;
  }
  const error = d.data.error ?? undefined;
  const round = RoundInput.safeParse(input);
  if (round.success && d.data.name === `${round.data.roundId}-${attempt}`) return { kind: "round", roundId: round.data.roundId, attempt, status: d.data.status, error };
  const cycle = CycleInput.safeParse(input);
  if (cycle.success && d.data.name === `${cycle.data.programmeId}-c${cycle.data.cycle}-${attempt}`)
    return { kind: "cycle", programmeId: cycle.data.programmeId, cycle: cycle.data.cycle, attempt, status: d.data.status, error };
  throw new UnknownExecutionEventError("The execution's name and input are neither a round's nor a cycle's.");
}

/** The error name the owner reads: a stop or time-out says so, a failure names its error. */
function errorName(ended: ExecutionEnded): string | undefined {
  if (ended.status === "ABORTED") return "execution stopped";
  if (ended.status === "TIMED_OUT") return "execution timed out";
  return ended.error;
}

/** Marks the round or cycle of an ended execution; "superseded" when it is not the current attempt or is marked already. */
export async function recordExecutionEnded(deps: Deps, ended: ExecutionEnded): Promise<"marked" | "superseded" | "unknown"> {
  const now = deps.clock().toISOString();
  if (ended.kind === "round") {
    if (!(await deps.stores.rounds.get(ended.roundId))) return "unknown";
    const marked = await deps.stores.rounds.markFailedIfCurrent(ended.roundId, ended.attempt, roundFailureMessage(errorName(ended)), now);
    return marked ? "marked" : "superseded";
  }
  const cycle = await deps.stores.cycles.get(ended.programmeId, ended.cycle);
  if (!cycle) return "unknown";
  const marked = await deps.stores.cycles.markFailedIfCurrent(ended.programmeId, ended.cycle, ended.attempt, cycleFailureMessage(cycle, errorName(ended)), now);
  return marked ? "marked" : "superseded";
}
