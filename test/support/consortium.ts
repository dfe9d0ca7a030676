import fc from "fast-check";
import type { Unit } from "../../shared/disclosure/linked-model";
import { auditRelease, familyKey, protectRelease } from "../../shared/disclosure/release-protection";
import type { ConsortiumMerge } from "../../shared/consortium/merge";
import type { DisclosureRules } from "../../shared/disclosure/rules";
import { contributions } from "../../shared/indicators/contributions";
import { publishedCells } from "../../shared/indicators/published-cells";
import { releaseFamilies, reportedOccupations, unitSegments } from "../../shared/indicators/release-families";
import { municipalitiesOf } from "../../shared/classifications";
import { skillsNeedsV1 } from "../../shared/instruments";
import type { Instrument, OccupationRow } from "../../shared/schemas/instrument";
import { RELEASE_EXPORT_SCHEMA, RELEASE_EXPORT_VERSION, type ReleaseExport } from "../../shared/schemas/release-export";
import { validAnswers } from "./fixtures";

/** One region's round as microdata: what only the region holds. */
export type RegionRound = { id: string; county: string; instrument: Instrument; units: Unit[] };

/** A region's final release made and protected as the region stack makes it, and the export of its cells. */
export async function exportRegion(region: RegionRound, rules: DisclosureRules): Promise<{ doc: ReleaseExport; published: Set<string> }> {
  const families = releaseFamilies(region.instrument, reportedOccupations(region.units.map((u) => u.values)));
  const protection = await protectRelease({ families, units: region.units, releases: 1, earlierSuppressed: new Set(), rules });
  const invited: Record<string, number> = {};
  for (const u of region.units) for (const s of u.segments) invited[s] = (invited[s] ?? 0) + 2;
  const doc: ReleaseExport = {
    schema: RELEASE_EXPORT_SCHEMA,
    schemaVersion: RELEASE_EXPORT_VERSION,
    region: { id: region.id, name: `Region ${region.id}`, countyCodes: [region.county] },
    round: { id: `r-${region.id}`, title: "Kompetensbehov 2026" },
    release: { number: 1, kind: "final", cutoff: "2026-11-30T00:00:00.000Z", createdAt: "2026-11-30T00:00:00.000Z", responses: region.units.length, invited: invited.all ?? 0, unit: "organisation", rules },
    instrument: region.instrument,
    classifications: { industry: "SNI2007", occupation: "SSYK2012", education: "SUN2020" },
    invited,
    families: publishedCells(families, protection, 0),
    exportedAt: "2026-12-01T00:00:00.000Z",
  };
  if (protection.findings.length) throw new Error(`region ${region.id}'s own audit failed`);
  return { doc, published: protection.published };
}

/** A published key `${family}/${release}|${quantity}|${segment}` with the segment moved under a prefix. */
export function prefixSegment(key: string, prefix: string): string {
  const cut = key.lastIndexOf("|");
  return `${key.slice(0, cut + 1)}${prefix}/${key.slice(cut + 1)}`;
}

/**
 * The joint view of several regions for the audit: every unit with its region's segments under the
 * region's prefix, and the consortium's segments under "c/" (all, section, division, its region).
 */
export function jointUnits(regions: readonly RegionRound[]): Unit[] {
  return regions.flatMap((r) =>
    r.units.map((u) => ({
      ...u,
      id: `${r.id}/${u.id}`,
      segments: [
        ...u.segments.map((s) => `${r.id}/${s}`),
        ...u.segments.filter((s) => s === "all" || s.startsWith("section:") || s.startsWith("industry:")).map((s) => `c/${s}`),
        `c/region:${r.id}`,
      ],
    })),
  );
}

export { familyKey };

/** The merged cells the consortium publishes, as keys of the joint model (segments under "c/"). */
export function consortiumPublished(merge: ConsortiumMerge, release = 0): Set<string> {
  const out = new Set<string>();
  for (const e of merge.cells.entries()) if (e.cell !== "suppressed") out.add(familyKey(e.family, `${release}|${e.quantity}|c/${e.segment}`));
  return out;
}

/**
 * Every region's published cells and the consortium's, audited together on all regions'
 * microdata: the attacker sees every table of every region and of the consortium, and may be any
 * one of the organisations, knowing its own answers. `published` holds each region's own keys.
 */
export async function jointAudit(regions: readonly (RegionRound & { published: ReadonlySet<string> })[], merge: ConsortiumMerge, rules: DisclosureRules, releases = 1) {
  const published = consortiumPublished(merge, releases - 1);
  for (const r of regions) for (const key of r.published) published.add(prefixSegment(key, r.id));
  const units = jointUnits(regions);
  const codes = reportedOccupations(units.map((u) => u.values));
  // Every family any region publishes, once: a v2 region's additions are audited too.
  const families = [...new Map(regions.flatMap((r) => releaseFamilies(r.instrument, codes)).map((f) => [f.id, f])).values()];
  const audits = await auditRelease(families, units, releases, published, rules);
  return audits.flatMap((a) => a.findings);
}

const DIVISIONS = ["10", "25", "28", "45", "47", "62"];
const SIZES = ["0-9", "10-49", "50-249", "250+"];
const OCCUPATIONS = ["7212", "2512", "5120"];

/** An organisation's answers: the valid v1 answers of a variant, its occupation and hires varied. */
function answersOf(variant: number, ssyk: string, hires: number, instrument: Instrument = skillsNeedsV1) {
  const answers = validAnswers(instrument, variant);
  const rows = answers.occupations as OccupationRow[];
  answers.occupations = variant % 3 === 2 ? [] : rows.map((r) => ({ ...r, ssyk, hires12m: hires }));
  return answers;
}

export type OrgSpec = { division: string; municipality: string; size: string; variant: number; ssyk: string; hires: number };

/** A region whose organisations are as given. */
export function regionRound(id: string, county: string, orgs: readonly OrgSpec[], instrument: Instrument = skillsNeedsV1): RegionRound {
  return {
    id,
    county,
    instrument,
    units: orgs.map((o, i) => ({
      id: `org${i}`,
      segments: unitSegments({ sni: `${o.division}100`, municipality: o.municipality, sizeClass: o.size }),
      arrival: 0,
      values: contributions(instrument, answersOf(o.variant, o.ssyk, o.hires, instrument)),
    })),
  };
}

/** A random region: 1 to `max` organisations over a few divisions, its own municipalities, varied answers. */
export const regionArbitrary = (id: string, county: string, max = 14, instrument: Instrument = skillsNeedsV1) =>
  fc
    .array(
      fc.record({
        division: fc.constantFrom(...DIVISIONS),
        municipality: fc.constantFrom(...municipalitiesOf(county).slice(0, 3).map((m) => m.code)),
        size: fc.constantFrom(...SIZES),
        variant: fc.nat(7),
        ssyk: fc.constantFrom(...OCCUPATIONS),
        hires: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 40, max: 200 })),
      }),
      { minLength: 1, maxLength: max },
    )
    .map((orgs) => regionRound(id, county, orgs, instrument));
