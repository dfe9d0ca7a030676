import { instrumentOfRound } from "./instrument-registry";
import { contributions, segmentsOf } from "../../shared/indicators/contributions";
import type { Deps } from "../adapters/ports";
import { getRound } from "./rounds";
import { siteLink } from "./links";
import { ownerNoticeMail } from "./mail-texts";

/**
 * The survey round's workflow tasks (invite and remind are in round-mailing.ts). Each is idempotent and reads the time from the clock, so the
 * state machine can be started again from the top at any moment and reach the same state.
 */
export type PlanResult = { next: "invite" | "remind" | "wait" | "close"; at?: string; reminderAt?: string };

export async function plan(deps: Deps, roundId: string): Promise<PlanResult> {
  const round = await getRound(deps, roundId);
  const now = deps.clock().getTime();
  if (round.status === "closed" || round.closeRequestedAt || now >= Date.parse(round.closesAt)) return { next: "close" };
  const cap = now + deps.maxWaitSeconds * 1000;
  if (now < Date.parse(round.opensAt)) return { next: "wait", at: new Date(Math.min(Date.parse(round.opensAt), cap)).toISOString() };
  if (!round.invitationsComplete) return { next: "invite" };
  const pending = round.reminders.filter((r) => !(round.remindersDone ?? []).includes(r));
  const due = pending.find((r) => Date.parse(r) <= now);
  if (due) return { next: "remind", reminderAt: due };
  const upcoming = pending.map(Date.parse).filter((t) => t > now);
  const at = Math.min(...upcoming, Date.parse(round.closesAt), cap);
  return { next: "wait", at: new Date(at).toISOString() };
}

export async function close(deps: Deps, roundId: string): Promise<{ closedAt: string }> {
  const now = deps.clock().toISOString();
  if (await deps.stores.rounds.markClosed(roundId, now)) return { closedAt: now };
  const round = await getRound(deps, roundId);
  return { closedAt: round.closedAt ?? now };
}

/**
 * Recomputes every kept aggregate of the round from its stored responses, so the final results
 * are exact whatever happened to the running counters. Writing the same totals again is harmless.
 */
export async function aggregate(deps: Deps, roundId: string): Promise<{ responses: number }> {
  // The fence first: from now on the stream consumer only marks responses, it adds nothing, so
  // the totals written below cannot be counted into twice.
  await deps.stores.rounds.beginFinalAggregation(roundId, deps.clock().toISOString());
  const round = await getRound(deps, roundId);
  const instrument = await instrumentOfRound(deps, round);
  const responses = await deps.stores.responses.list(roundId, { consistent: true });
  const totals = new Map<string, Record<string, number>>();
  for (const r of responses) {
    const counters = { ...contributions(instrument, r.answers), submitted: 1 };
    for (const s of segmentsOf(r)) {
      const id = `${s.dimension}#${s.value}`;
      const t = totals.get(id) ?? {};
      for (const [k, v] of Object.entries(counters)) t[k] = (t[k] ?? 0) + v;
      totals.set(id, t);
    }
  }
  const existing = (await Promise.all(["all", "industry", "section", "municipality", "county", "size"].map((d) => deps.stores.aggregates.list(roundId, d)))).flat();
  const ids = new Set([...totals.keys(), ...existing.map((a) => `${a.dimension}#${a.value}`)]);
  for (const id of ids) {
    const [dimension, value] = id.split("#");
    const before = existing.find((a) => a.dimension === dimension && a.value === value);
    await deps.stores.aggregates.put(roundId, { dimension, value }, {
      invited: before?.counters.invited ?? 0,
      opened: before?.counters.opened ?? 0,
      submitted: 0,
      ...totals.get(id),
    });
  }
  await deps.stores.rounds.markAggregated(roundId, deps.clock().toISOString(), responses.length);
  return { responses: responses.length };
}

export async function notify(deps: Deps, roundId: string): Promise<{ notified: string }> {
  const round = await getRound(deps, roundId);
  await deps.mailer.send({
    idempotencyKey: `notify-${roundId}`,
    to: round.createdBy,
    kind: "owner-notice",
    roundId,
    ...ownerNoticeMail(round, siteLink(deps, `/owner/rounds/${roundId}`)),
  });
  return { notified: round.createdBy };
}

/** The error message an owner sees: which error stopped the workflow (its name only, never the internals of why). */
export function roundFailureMessage(errorName: string | undefined): string {
  return `The round's workflow stopped (${String(errorName ?? "unknown error").slice(0, 80)}). Operations has been alerted; launching again resumes where it stopped.`;
}

/** The error state an owner sees: which step stopped, never the internals of why. */
export async function markFailed(deps: Deps, roundId: string, error: { Error?: string } | undefined): Promise<{ status: "error" }> {
  if (!(await deps.stores.rounds.get(roundId, { consistent: false }))) return { status: "error" };
  await deps.stores.rounds.markFailed(roundId, roundFailureMessage(error?.Error), deps.clock().toISOString());
  return { status: "error" };
}
