import { INSTRUMENTS, getInstrument, latestVersion } from "../../shared/instruments";
import { withRegionAreas } from "../../shared/instruments/region-areas";
import type { Instrument } from "../../shared/schemas/instrument";
import {
  REGION_VERSION_FROM,
  RegionAreasRequest,
  type InstrumentVersionSummary,
  type StoredInstrumentVersion,
} from "../../shared/schemas/instrument-version";
import { ConflictError, NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import type { Owner } from "./owner";

/**
 * A region's own versions of the skills-needs instrument: the shipped version with the region's
 * competence areas added (shared/instruments/region-areas.ts), stored as data. New rounds may
 * choose them; the first round that does fixes the version for good.
 */
export const EXTENDABLE_INSTRUMENT = "skills-needs";

const needAreas = (i: Instrument) => i.blocks.flatMap((b) => b.questions).flatMap((q) => (q.type === "needMatrix" ? q.areas : []));

function assertExtendable(id: string): void {
  if (id !== EXTENDABLE_INSTRUMENT) throw new NotFoundError("No such instrument.");
}

function parseRequest(input: unknown): { req: RegionAreasRequest; base: Instrument } {
  const parsed = RegionAreasRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  const baseVersion = parsed.data.baseVersion ?? latestVersion(EXTENDABLE_INSTRUMENT);
  const base = getInstrument(EXTENDABLE_INSTRUMENT, baseVersion);
  if (!base) throw new ValidationError("There is no such instrument.", [{ path: "baseVersion", message: "error.instrument.unknown" }]);
  return { req: { ...parsed.data, baseVersion }, base };
}

function build(base: Instrument, req: RegionAreasRequest, version: number): Instrument {
  const built = withRegionAreas(base, req.areas, version);
  if ("issues" in built) throw new ValidationError("Check the marked fields.", built.issues);
  return built.instrument;
}

/** The shipped versions of every instrument a round can use, and the region's own. */
export async function listInstrumentVersions(deps: Deps): Promise<InstrumentVersionSummary[]> {
  const shipped = INSTRUMENTS.filter((i) => i.id === EXTENDABLE_INSTRUMENT).map(
    (i): InstrumentVersionSummary => ({ id: i.id, version: i.version, title: i.title, shipped: true, areas: needAreas(i), used: true }),
  );
  const stored = (await deps.stores.instrumentVersions.list(EXTENDABLE_INSTRUMENT)).map(
    (v): InstrumentVersionSummary => ({
      id: v.instrument.id,
      version: v.instrument.version,
      title: v.instrument.title,
      shipped: false,
      areas: needAreas(v.instrument),
      baseVersion: v.baseVersion,
      regionAreas: v.areas,
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      used: v.usedAt !== undefined,
    }),
  );
  return [...shipped, ...stored];
}

/** A new version with the region's areas, numbered after the region's last one. Bad input writes nothing. */
export async function createRegionVersion(deps: Deps, id: string, input: unknown, owner: Pick<Owner, "email">): Promise<Instrument> {
  assertExtendable(id);
  const { req, base } = parseRequest(input);
  build(base, req, REGION_VERSION_FROM); // the request's own issues, before anything is read or written
  // Two owners saving at once both read the same last number; the loser takes the next one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await deps.stores.instrumentVersions.list(id);
    const version = Math.max(REGION_VERSION_FROM - 1, ...existing.map((v) => v.instrument.version)) + 1;
    const stored: StoredInstrumentVersion = {
      instrument: build(base, req, version),
      baseVersion: req.baseVersion!,
      areas: req.areas,
      createdAt: deps.clock().toISOString(),
      createdBy: owner.email,
    };
    if (await deps.stores.instrumentVersions.create(stored)) return stored.instrument;
  }
  throw new ConflictError("instrument-version-taken", "Another version was saved at the same time. Try again.");
}

/** Changes the areas of a region's version that no round has used yet; a used or shipped version answers 409. */
export async function replaceRegionVersion(deps: Deps, id: string, versionParam: string | undefined, input: unknown): Promise<Instrument> {
  assertExtendable(id);
  const version = Number(versionParam);
  if (!Number.isInteger(version) || version < 1) throw new NotFoundError("No such instrument version.");
  if (version < REGION_VERSION_FROM) {
    if (getInstrument(id, version)) throw new ConflictError("instrument-version-fixed", "A shipped version never changes; make a new version instead.");
    throw new NotFoundError("No such instrument version.");
  }
  const { req, base } = parseRequest(input);
  const current = await deps.stores.instrumentVersions.get(id, version);
  if (!current) throw new NotFoundError("No such instrument version.");
  if (current.usedAt) throw new ConflictError("instrument-version-used", "A round has used this version, so it can no longer change; make a new version instead.");
  const outcome = await deps.stores.instrumentVersions.replace({
    ...current,
    instrument: build(base, req, version),
    baseVersion: req.baseVersion!,
    areas: req.areas,
    updatedAt: deps.clock().toISOString(),
  });
  if (outcome === "used") throw new ConflictError("instrument-version-used", "A round has used this version, so it can no longer change; make a new version instead.");
  if (outcome === "missing") throw new NotFoundError("No such instrument version.");
  return build(base, req, version);
}

/**
 * Whether a new round may use the version: a shipped one, or a region's own, which from now on
 * is fixed (marked used before the round is written, so it cannot change under the round).
 */
export async function useInstrumentVersion(deps: Deps, id: string, version: number): Promise<boolean> {
  if (getInstrument(id, version)) return true;
  if (id !== EXTENDABLE_INSTRUMENT || version < REGION_VERSION_FROM) return false;
  return deps.stores.instrumentVersions.markUsed(id, version, deps.clock().toISOString());
}
