import { buildFamilyModel, type FamilySpec, type Unit } from "../../shared/disclosure/linked-model";
import { familyKey } from "../../shared/disclosure/release-protection";
import { contributions } from "../../shared/indicators/contributions";
import { releaseFamilies, reportedOccupations, unitSegments } from "../../shared/indicators/release-families";
import type { Instrument } from "../../shared/schemas/instrument";
import type { Stores } from "../../functions/stores";

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
