import { buildFamilyModel, type FamilySpec, type Unit } from "../../shared/disclosure/linked-model";
import { familyKey } from "../../shared/disclosure/release-protection";
import { contributions } from "../../shared/indicators/contributions";
import { releaseFamilies, reportedOccupations, unitSegments } from "../../shared/indicators/release-families";
import type { Instrument } from "../../shared/schemas/instrument";
import type { Stores } from "../../functions/stores";
import type { ReleaseSummary } from "../../shared/schemas";
import type { DisclosureRules } from "../../shared/disclosure/rules";
import type { ReleaseComputation } from "../../functions/domain/release-computation";
import { releaseStats } from "../../functions/domain/releases";

/**
 * A round's published releases rebuilt from what the store kept (the units each release counted,
 * its suppressed cells) and the round's responses: the units as the linked model sees them, the
 * families, and the family-prefixed keys of every published table cell. The tests' audit oracle.
 */
export async function storedReleases(
  stores: Pick<Stores, "releases" | "responses">,
  roundId: string,
  instrument: Instrument,
): Promise<{ units: Unit[]; families: FamilySpec[]; published: Set<string>; releases: number }> {
  const summaries = (await stores.releases.list(roundId)).filter((r) => r.status === "published");
  const states = await Promise.all(summaries.map((s) => stores.releases.state(roundId, s.number)));
  const arrival = new Map<string, number>();
  states.forEach((s, i) => s.included.forEach((id) => arrival.has(id) || arrival.set(id, i)));
  const responses = (await stores.responses.list(roundId)).filter((r) => arrival.has(r.organisationId));
  const units: Unit[] = responses.map((r) => ({ id: r.organisationId, segments: unitSegments(r), arrival: arrival.get(r.organisationId)!, values: contributions(instrument, r.answers) }));
  const families = releaseFamilies(instrument, reportedOccupations(units.map((u) => u.values)));
  const published = new Set<string>();
  for (const f of families)
    for (const c of buildFamilyModel(f, units, summaries.length).cells)
      if (c.kind === "table" && !states[c.release]!.suppressed.includes(familyKey(f.id, c.key))) published.add(familyKey(f.id, c.key));
  return { units, families, published, releases: summaries.length };
}

/**
 * Stores a computed final release of a round as makeRelease stores it (functions/domain/releases.ts):
 * for tests and benchmarks that compute a release without a workflow and then read it back.
 */
export async function storeComputedRelease(
  stores: Pick<Stores, "releases">,
  roundId: string,
  units: readonly Unit[],
  computed: ReleaseComputation,
  at: Date,
  rules: DisclosureRules,
  /** When the computation started (epoch ms): the summary's time taken. @default now */
  started = Date.now(),
): Promise<void> {
  const summary: ReleaseSummary = {
    roundId,
    number: 1,
    kind: "final",
    status: "published",
    cutoff: at.toISOString(),
    createdAt: at.toISOString(),
    responses: units.length,
    invited: units.length,
    unit: "organisation",
    rules,
    stats: releaseStats(computed.protection.stats, started),
  };
  await stores.releases.put(summary, computed.tables, { included: units.map((u) => u.id), suppressed: [...computed.protection.suppressed] }, computed.cells);
}
