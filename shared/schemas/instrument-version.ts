import * as z from "zod/mini";
import { IsoDateTime, requiredLine } from "./common";
import { Instrument } from "./instrument";

/**
 * A region's own instrument versions (docs/skills-needs-v2.md, "A region's own competence
 * areas"): a shipped skills-needs version with the region's competence areas added to its need
 * matrix, stored as data. Stored versions are numbered from REGION_VERSION_FROM, so they never
 * meet a version a later release of the product ships. A version a round has used never changes.
 */
export const REGION_VERSION_FROM = 101;
/** The most areas a region adds to a version. */
export const MAX_REGION_AREAS = 8;

/** One competence area the region adds, named in both languages (its id is made from the English name). */
export const RegionArea = z.object({ sv: requiredLine(60), en: requiredLine(60) });
export type RegionArea = z.infer<typeof RegionArea>;

/** POST /api/instruments/{id}/versions and PUT .../versions/{version}: the areas to add. */
export const RegionAreasRequest = z.object({
  /** The shipped version to build on; left out: the newest shipped one. */
  baseVersion: z.optional(z.number().check(z.refine((v) => Number.isInteger(v) && v >= 1 && v < REGION_VERSION_FROM, "error.instrument.unknown"))),
  areas: z.array(RegionArea).check(z.minLength(1, "error.required"), z.maxLength(MAX_REGION_AREAS, "error.tooMany")),
});
export type RegionAreasRequest = z.infer<typeof RegionAreasRequest>;

/** The stored item of a region's version: the whole instrument, and what it was made from. */
export const StoredInstrumentVersion = z.object({
  instrument: Instrument,
  baseVersion: z.number(),
  areas: z.array(RegionArea),
  createdAt: IsoDateTime,
  createdBy: z.string(),
  updatedAt: z.optional(IsoDateTime),
  /** Set when the first round chose the version: from then on it never changes. */
  usedAt: z.optional(IsoDateTime),
});
export type StoredInstrumentVersion = z.infer<typeof StoredInstrumentVersion>;

/** What GET /api/instruments lists per version: shipped ones and the region's own. */
export const InstrumentVersionSummary = z.object({
  id: z.string(),
  version: z.number(),
  title: z.object({ sv: z.string(), en: z.string() }),
  shipped: z.boolean(),
  /** The need matrix's competence areas, the region's own included. */
  areas: z.array(z.object({ value: z.string(), label: z.object({ sv: z.string(), en: z.string() }) })),
  baseVersion: z.optional(z.number()),
  /** The areas the region added (its own versions only). */
  regionAreas: z.optional(z.array(RegionArea)),
  createdAt: z.optional(z.string()),
  createdBy: z.optional(z.string()),
  /** A round has used it: it can no longer change. Shipped versions never change either. */
  used: z.boolean(),
});
export type InstrumentVersionSummary = z.infer<typeof InstrumentVersionSummary>;
