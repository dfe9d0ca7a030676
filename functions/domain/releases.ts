import {
  CreateReleaseRequest,
  MAX_INTERIM_RELEASES,
  RESULT_DIMENSIONS,
  type ReleaseSummary,
  type Round,
  isAnonymous,
} from "../../shared/schemas";
import { unitOf } from "../../shared/instruments";
import { instrumentOfRound } from "./instrument-registry";
import { contributions } from "../../shared/indicators/contributions";
import { unitSegments } from "../../shared/indicators/release-families";
import type { ProtectionStats } from "../../shared/disclosure/release-protection";
import type { Unit } from "../../shared/disclosure/linked-model";
import { computeRelease } from "./release-computation";
import type { DisclosureRules } from "../../shared/disclosure/rules";
import { ConflictError, ValidationError, fieldIssues } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import type { StoredResponse } from "../stores/responses";
import { getRound } from "./rounds";

/**
 * Releases: results are computed from the stored responses, protected together with every
 * earlier release of the round and audited (shared/disclosure), then kept as an immutable
 * snapshot that the results pages and exports read. A release the independent audit does not pass
 * is kept as withheld, with the reason, and shows nothing.
 */
const unitId = (round: Round, r: StoredResponse) => (unitOf(round) === "organisation" ? r.organisationId : r.personId);

export function disclosureRules(deps: Deps): DisclosureRules {
  return { k: deps.k, p: deps.p ?? 10, frequencyShare: 0.2 };
}

export async function listReleases(deps: Deps, roundId: string): Promise<ReleaseSummary[]> {
  await getRound(deps, roundId);
  return deps.stores.releases.list(roundId);
}

/** What protecting a release took, as its summary keeps it. */
export function releaseStats(stats: ProtectionStats, started: number): ReleaseSummary["stats"] {
  return {
    cells: stats.cells,
    suppressedCells: stats.suppressedCells,
    sensitiveCells: stats.sensitiveCells,
    solves: stats.solves,
    largestModelColumns: stats.largestModel.columns,
    largestModelRows: stats.largestModel.rows,
    millis: Date.now() - started,
  };
}

/** The body of a request for an interim release, checked: {"kind": "interim"}. */
export function parseInterimRequest(input: unknown): void {
  const parsed = CreateReleaseRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Ask for an interim release: {\"kind\": \"interim\"}.", fieldIssues(parsed.error.issues));
}

/** Another interim release may follow these: none is final, and fewer than MAX_INTERIM_RELEASES are interim. */
export function checkInterimAllowed(existing: readonly { kind: string }[], what: { finalCode: string; finalMessage: string; noun: string }): void {
  if (existing.some((r) => r.kind === "final")) throw new ConflictError(what.finalCode, what.finalMessage);
  if (existing.filter((r) => r.kind === "interim").length >= MAX_INTERIM_RELEASES)
    throw new ConflictError("too-many-releases", `${what.noun} has at most ${MAX_INTERIM_RELEASES} interim releases.`);
}

/** An interim release of an open round, on the owner's request. */
export async function requestInterimRelease(deps: Deps, roundId: string, input: unknown): Promise<ReleaseSummary> {
  parseInterimRequest(input);
  const round = await getRound(deps, roundId);
  if (round.status !== "open") throw new ConflictError("round-not-open", "An interim release is made while the round is open; the final one comes when it closes.");
  const existing = await deps.stores.releases.list(roundId);
  checkInterimAllowed(existing, { finalCode: "round-released", finalMessage: "The round's final release is made.", noun: "A round" });
  return makeRelease(deps, round, "interim", existing);
}

/** The final release, made once when the round has closed (the workflow's Aggregate step calls it again harmlessly). */
export async function publishFinalRelease(deps: Deps, roundId: string): Promise<ReleaseSummary> {
  const round = await getRound(deps, roundId);
  const existing = await deps.stores.releases.list(roundId);
  const final = existing.find((r) => r.kind === "final");
  if (final) return final;
  return makeRelease(deps, round, "final", existing);
}

async function makeRelease(deps: Deps, round: Round, kind: ReleaseSummary["kind"], existing: ReleaseSummary[]): Promise<ReleaseSummary> {
  const started = Date.now();
  const instrument = await instrumentOfRound(deps, round);
  const rules = disclosureRules(deps);
  const cutoff = deps.clock().toISOString();
  const responses = (await deps.stores.responses.list(round.id, { consistent: true })).filter((r) => r.submittedAt <= cutoff);

  // Earlier published releases, in order: which units each first counted, and what it suppressed.
  const earlier = existing.filter((r) => r.status === "published");
  const arrival = new Map<string, number>();
  const earlierSuppressed = new Set<string>();
  for (let i = 0; i < earlier.length; i++) {
    const state = await deps.stores.releases.state(round.id, earlier[i].number);
    for (const id of state.included) if (!arrival.has(id)) arrival.set(id, i);
    for (const key of state.suppressed) earlierSuppressed.add(key);
  }
  const current = earlier.length;
  // An anonymous round is released for the whole round only: a segment's count would say whose answer it holds.
  const units: Unit[] = responses.map((r) => ({
    id: unitId(round, r),
    segments: isAnonymous(round) ? ["all"] : unitSegments(r),
    arrival: arrival.get(unitId(round, r)) ?? current,
    values: contributions(instrument, r.answers),
  }));
  const invited = await invitedBySegment(deps, round.id);
  const { protection, tables, cells } = await computeRelease({ instrument, units, releases: current + 1, earlierSuppressed, rules, invited });

  const withheld = protection.findings.length > 0;
  const summary: ReleaseSummary = {
    roundId: round.id,
    number: (existing.at(-1)?.number ?? 0) + 1,
    kind,
    status: withheld ? "withheld" : "published",
    cutoff,
    createdAt: deps.clock().toISOString(),
    responses: units.length,
    invited: invited.get("all") ?? 0,
    unit: unitOf(round),
    rules,
    ...(withheld
      ? { withheldReason: "The audit found that combining this release with what is already published could single out an organisation, so it is not shown." }
      : {}),
    stats: releaseStats(protection.stats, started),
  };
  const state = { included: units.map((u) => u.id), suppressed: [...protection.suppressed] };
  const kept = withheld ? [] : cells;
  if (!(await deps.stores.releases.put(summary, withheld ? new Map() : tables, state, kept)))
    throw new ConflictError("release-conflict", "Another release of the round was made at the same time; try again.");
  return summary;
}

/** Invited units per segment id, from the kept counters (the frame, fixed once the invitations are out). */
export async function invitedBySegment(deps: Deps, roundId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const dimension of ["all", ...RESULT_DIMENSIONS]) {
    for (const a of await deps.stores.aggregates.list(roundId, dimension))
      out.set(dimension === "all" ? "all" : `${dimension}:${a.value}`, a.counters.invited ?? 0);
  }
  return out;
}
