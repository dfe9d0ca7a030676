import type { OfferingInReach } from "../../shared/schemas/feedback";
import { countyOf } from "../../shared/classifications/codes";
import { sunFieldsOverlap } from "../../shared/classifications/sun";
import { SSYK_SUN_MAPPING, type SsykSunMapping } from "../../shared/supply/ssyk-sun-mapping";
import type { EducationOffering } from "../../shared/supply/schemas";
import type { Deps } from "../adapters/ports";

/** What the competence plan asks the education offerings for: what the company needs, and where it is. */
export type OfferingQuery = {
  municipality: string;
  county: string;
  /** SSYK codes of the occupations the company plans to recruit in. */
  occupations: string[];
  /** The competence areas (need-matrix area values) where it reported a need. */
  areas: string[];
};

export type OfferingsInReach = (deps: Deps, query: OfferingQuery) => Promise<OfferingInReach[]>;

/** At most this many offerings in a plan: the nearest first, enough to act on and short enough to print. */
const MAX_IN_PLAN = 12;

const REACH_ORDER = { municipality: 0, county: 1, distance: 2 } as const;

/**
 * The region's offerings that prepare for what the company needs (the SSYK-to-SUN mapping for its
 * occupations and areas, shared/supply) and are within its reach: in its municipality, in its
 * county, or at a distance. Nearest first, then by start.
 */
export function offeringsFor(offerings: readonly EducationOffering[], query: OfferingQuery, mapping: SsykSunMapping = SSYK_SUN_MAPPING): OfferingInReach[] {
  const fields = [
    ...query.occupations.flatMap((c) => mapping.occupations[c]?.fields ?? []),
    ...query.areas.flatMap((a) => mapping.areas[a] ?? []),
  ];
  if (fields.length === 0) return [];
  const out: OfferingInReach[] = [];
  for (const o of offerings) {
    if (!fields.some((f) => sunFieldsOverlap(f, o.sunField))) continue;
    const reach = o.municipality === query.municipality ? "municipality" : countyOf(o.municipality) === query.county ? "county" : o.form === "distance" ? "distance" : undefined;
    if (!reach) continue;
    out.push({ id: o.id, provider: o.provider, name: o.title, sunField: o.sunField, sunLevel: o.sunLevel, form: o.form, municipality: o.municipality, start: o.startDate, reach });
  }
  out.sort((a, b) => REACH_ORDER[a.reach] - REACH_ORDER[b.reach] || (a.start ?? "").localeCompare(b.start ?? "") || a.name.localeCompare(b.name, "sv"));
  return out.slice(0, MAX_IN_PLAN);
}

/** The offerings in reach, from the region's registered education offerings. */
export const registeredOfferingsInReach: OfferingsInReach = async (deps, query) => offeringsFor(await deps.stores.educationOfferings.list(), query);
