import { DEFAULT_RETENTION, expiryAfter, type Retention } from "../../shared/retention";
import type { Round } from "../../shared/schemas";
import type { Deps } from "../adapters/ports";

export const retentionOf = (deps: Pick<Deps, "retention">): Retention => deps.retention ?? DEFAULT_RETENTION;

export type RetentionStarted = { rounds: string[]; responses: number; drafts: number; invitations: number };

/**
 * Starts the clock on what a closed round holds (shared/retention.ts), once its final release is
 * made: its drafts at once; its responses and invitations too, unless the round is a learning
 * programme's, whose raw answers the programme report still compares until the follow-up closes.
 * The follow-up's close starts them for every round of the programme. The expiry counts from
 * each round's close, so a retried task sets the same times again.
 */
export async function startRetention(deps: Pick<Deps, "stores" | "retention">, round: Round): Promise<RetentionStarted> {
  const r = retentionOf(deps);
  const started: RetentionStarted = { rounds: [], responses: 0, drafts: 0, invitations: 0 };
  const closedAt = round.closedAt ?? round.closesAt;
  started.drafts += await deps.stores.drafts.expireAll(round.id, expiryAfter(closedAt, r.draftsDays));
  let rounds: Round[] = [round];
  if (round.programmeId) {
    const programme = await deps.stores.programmes.get(round.programmeId);
    if (!programme || programme.followUpRoundId !== round.id) return started;
    const cycles = await deps.stores.cycles.list(programme.id);
    const ids = [programme.baselineRoundId, ...cycles.flatMap((c) => [c.assignmentRoundId, c.reflectionRoundId])].filter((id): id is string => typeof id === "string");
    const others = (await Promise.all(ids.map((id) => deps.stores.rounds.get(id)))).filter((x): x is NonNullable<typeof x> => !!x);
    rounds = [round, ...others];
  }
  for (const each of rounds) {
    // A programme's round closed before the follow-up keeps its own close as the start.
    const from = round.id === each.id ? closedAt : (each.closedAt ?? closedAt);
    started.responses += await deps.stores.responses.expireAll(each.id, expiryAfter(closedAt, r.rawAnswersDays));
    started.invitations += await deps.stores.invitations.expireAll(each.id, expiryAfter(from, r.contactDataDays));
    // A learning cycle's own rounds close inside the cycle's workflow, without this step.
    if (each.id !== round.id) started.drafts += await deps.stores.drafts.expireAll(each.id, expiryAfter(from, r.draftsDays));
    started.rounds.push(each.id);
  }
  return started;
}
