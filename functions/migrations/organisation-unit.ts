import { getInstrument, unitOf } from "../../shared/instruments";
import { contributions, segmentsOf } from "../../shared/indicators/contributions";
import type { Person } from "../../shared/schemas";
import type { Deps } from "../adapters/ports";

/** What a migration works with: the stores and the clock, nothing that mails or starts workflows. */
export type MigrationDeps = Pick<Deps, "stores" | "clock">;
import { isInForce, type StoredInvitation } from "../stores/invitations";
import type { StoredResponse } from "../stores/responses";
import type { StoredRound } from "../stores/rounds";
import { isTransactionCancelled } from "../stores/table";
import { byRespondentOrder } from "../domain/recipients";

/**
 * Schema version 1: the organisation is the unit of a round whose instrument says so
 * (skills-needs). Rounds stored before invited every contact and took a response from each; per
 * organisation this keeps
 *   - as its response the earliest submitted one (or the one its organisation answer already
 *     names), written as the organisation's answer; later ones are marked `supersededAt`: kept,
 *     no longer counted, listed or exported;
 *   - one invitation in force: that response's, else the one that got furthest (in progress,
 *     opened, sent), else the designated respondent's; the others are marked `supersededAt` and
 *     their links answer 410;
 * and then recounts the round's invited and submitted counts and every aggregate from what is
 * kept. Every step is conditional or a recomputation, so a run stopped half-way and run again
 * ends in the same state, and a second run changes nothing.
 */
export type OrganisationUnitSummary = { rounds: number; invitationsSuperseded: number; responsesSuperseded: number };

const PROGRESS: Record<string, number> = { "in-progress": 3, opened: 2, sent: 1, created: 0 };
const DIMENSIONS = ["all", "industry", "section", "municipality", "county", "size"];

export async function migrateToOrganisationUnit(deps: MigrationDeps): Promise<OrganisationUnitSummary> {
  const summary: OrganisationUnitSummary = { rounds: 0, invitationsSuperseded: 0, responsesSuperseded: 0 };
  for (const round of await deps.stores.rounds.list()) {
    if (unitOf(round) !== "organisation") continue;
    const changed = await keepOnePerOrganisation(deps, round, summary);
    if (changed) {
      await recount(deps, round);
      summary.rounds++;
    }
  }
  return summary;
}

function groupBy<T>(items: T[], keyOf: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** True when anything of the round was marked superseded (now or by an earlier, stopped run). */
async function keepOnePerOrganisation(deps: MigrationDeps, round: StoredRound, summary: OrganisationUnitSummary): Promise<boolean> {
  const { stores } = deps;
  const now = deps.clock().toISOString();
  const invitations = await stores.invitations.list(round.id, { consistent: true, all: true });
  const responses = await stores.responses.list(round.id, { consistent: true, all: true });
  let changed = invitations.some((i) => i.supersededAt) || responses.some((r) => r.supersededAt);
  const responsesByOrg = groupBy(responses, (r) => r.organisationId);
  for (const [organisationId, invs] of groupBy(invitations, (i) => i.organisationId)) {
    const answered = (responsesByOrg.get(organisationId) ?? []).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.personId.localeCompare(b.personId));
    const claim = await stores.responses.organisationAnswer(round.id, organisationId);
    const kept = (claim && answered.find((r) => r.personId === claim.personId)) || answered[0];
    if (kept && !claim) await stores.responses.claimOrganisationIfAbsent(round.id, organisationId, { personId: kept.personId, submittedAt: kept.submittedAt });
    for (const r of answered) {
      if (r === kept || r.supersededAt) continue;
      await stores.responses.markSuperseded(round.id, r.personId, now);
      summary.responsesSuperseded++;
      changed = true;
    }
    const inForce = invs.filter(isInForce);
    const keptPersonId = kept?.personId ?? (await furthest(deps, organisationId, inForce))?.personId;
    for (const inv of inForce) {
      if (inv.personId === keptPersonId) continue;
      await stores.invitations.markSuperseded(round.id, inv.personId, now);
      summary.invitationsSuperseded++;
      changed = true;
    }
  }
  return changed;
}

/** The invitation that got furthest; between equals, the designated respondent's. */
async function furthest(deps: MigrationDeps, organisationId: string, invs: StoredInvitation[]): Promise<StoredInvitation | undefined> {
  if (invs.length < 2) return invs[0];
  const persons = await deps.stores.persons.listOf(organisationId);
  const order = new Map(([...persons] as Person[]).sort(byRespondentOrder).map((p, i) => [p.id, i]));
  const rank = (i: StoredInvitation) => order.get(i.personId) ?? persons.length;
  return [...invs].sort((a, b) => (PROGRESS[b.status] ?? -1) - (PROGRESS[a.status] ?? -1) || rank(a) - rank(b) || a.personId.localeCompare(b.personId))[0];
}

/**
 * The round's counts and aggregates from what is kept, as the final aggregation computes them:
 * invited and opened from the invitations in force, submitted and the answers' counters from the
 * responses that count. Every response is marked counted first, so the stream consumer adds
 * none of them again.
 */
async function recount(deps: MigrationDeps, round: StoredRound): Promise<void> {
  const { stores } = deps;
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  if (!instrument) throw new Error("instrument missing");
  for (const r of await stores.responses.list(round.id, { consistent: true, all: true })) {
    if (r.countedAt) continue;
    await stores.transact([stores.responses.markCounted(round.id, r.personId, deps.clock().toISOString())]).catch((e) => {
      if (!isTransactionCancelled(e)) throw e;
    });
  }
  const invitations = await stores.invitations.list(round.id, { consistent: true });
  const responses: StoredResponse[] = await stores.responses.list(round.id, { consistent: true });
  const totals = new Map<string, Record<string, number>>();
  const addTo = (segment: { dimension: string; value: string }, counters: Record<string, number>) => {
    const id = `${segment.dimension}#${segment.value}`;
    const t = totals.get(id) ?? { invited: 0, opened: 0, submitted: 0 };
    for (const [k, v] of Object.entries(counters)) t[k] = (t[k] ?? 0) + v;
    totals.set(id, t);
  };
  for (const inv of invitations) for (const s of segmentsOf(inv)) addTo(s, { invited: 1, ...(inv.openedAt ? { opened: 1 } : {}) });
  for (const r of responses) for (const s of segmentsOf(r)) addTo(s, { ...contributions(instrument, r.answers), submitted: 1 });
  const existing = (await Promise.all(DIMENSIONS.map((d) => stores.aggregates.list(round.id, d)))).flat();
  for (const a of existing) if (!totals.has(`${a.dimension}#${a.value}`)) totals.set(`${a.dimension}#${a.value}`, { invited: 0, opened: 0, submitted: 0 });
  for (const [id, counters] of totals) {
    const [dimension, value] = id.split("#");
    await stores.aggregates.put(round.id, { dimension, value }, counters);
  }
  await stores.rounds.setCounts(round.id, invitations.length, responses.length);
}
