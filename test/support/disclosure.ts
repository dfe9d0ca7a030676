import fc from "fast-check";
import type { FamilySpec, Unit } from "../../shared/disclosure/linked-model";
import { cellKey } from "../../shared/disclosure/linked-model";
import { suppress } from "../../shared/disclosure/suppress";
import { protectRelease } from "../../shared/disclosure/release-protection";
import type { DisclosureRules } from "../../shared/disclosure/rules";
import type { AuditFinding } from "../../shared/disclosure/audit";
import { unitSegments } from "../../shared/indicators/release-families";

/** A need-like family: each organisation picks one of three levels; n is every respondent. */
export const LEVELS_FAMILY: FamilySpec = {
  id: "need",
  nKnown: true,
  quantities: [
    { key: "none", kind: "count" },
    { key: "some", kind: "count" },
    { key: "large", kind: "count" },
  ],
  rows: [{ coeffs: { 0: -1, 1: 1, 2: 1, 3: 1 }, lower: 0, upper: 0 }],
  extract: (v) => [1, v.level === 0 ? 1 : 0, v.level === 1 ? 1 : 0, v.level === 2 ? 1 : 0],
};

/** An occupation-like family: some organisations report it, with planned hires (p% rule). */
export const HIRES_FAMILY: FamilySpec = {
  id: "hires",
  nKnown: false,
  quantities: [{ key: "hires", kind: "magnitude", dominance: true }],
  rows: [],
  extract: (v) => (v.reports ? [1, v.hires] : null),
};

export const RESPONSES: FamilySpec = { id: "responses", nKnown: false, quantities: [], rows: [], extract: () => [1] };

export type Org = { sni: string; municipality: string; sizeClass: string };
export const org = (sni: string, municipality: string, sizeClass = "10-49"): Org => ({ sni, municipality, sizeClass });

export function unit(id: string, o: Org, values: Record<string, number>, arrival = 0): Unit {
  return { id, segments: unitSegments(o), arrival, values };
}

const DIVISIONS = ["10", "11", "25", "28", "45", "47", "62"]; // sections C, C, C, C, G, G, J
const MUNICIPALITIES = ["0580", "0581", "0583", "0480", "0482"]; // counties 05 and 04
const SIZES = ["0-9", "10-49", "50-249", "250+"];

/**
 * A random round: organisations spread over a few divisions, municipalities and size classes
 * (some combinations empty), levels skewed, a few large hires among many zeros, arrivals over
 * up to three releases.
 */
export const roundArbitrary = (maxUnits = 40, maxReleases = 3) =>
  fc
    .record({
      releases: fc.integer({ min: 1, max: maxReleases }),
      units: fc.array(
        fc.record({
          division: fc.constantFrom(...DIVISIONS),
          municipality: fc.constantFrom(...MUNICIPALITIES),
          size: fc.constantFrom(...SIZES),
          level: fc.constantFrom(0, 0, 1, 2),
          reports: fc.boolean(),
          hires: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 50, max: 400 })),
          arrival: fc.nat(2),
        }),
        { minLength: 1, maxLength: maxUnits },
      ),
    })
    .map(({ releases, units }) =>
      units.map((u, i) =>
        unit(`org${i}`, org(`${u.division}100`, u.municipality, u.size), { level: u.level, reports: u.reports ? 1 : 0, hires: u.hires }, Math.min(u.arrival, releases - 1)),
      ),
    )
    .map((units) => ({ units, releases: Math.max(...units.map((u) => u.arrival)) + 1 }));

/**
 * Today's method, per table: each breakdown (industry, section, municipality, county, size) is
 * one table of the family's count quantities by segment with its totals, protected alone by
 * suppress(); a cell counts as published if any table publishes it. Returns the published keys
 * of one release.
 */
export function perTablePublished(family: FamilySpec, units: readonly Unit[], release: number, k: number): Set<string> {
  const quantities = family.quantities.map((q, i) => ({ ...q, index: i + 1 }));
  const live = units.filter((u) => u.arrival <= release);
  const rowsOf = (dimension: string) => [...new Set(live.flatMap((u) => u.segments.filter((s) => s.startsWith(`${dimension}:`))))].sort();
  const sums = (segment: string) => {
    const out = new Array<number>(quantities.length + 1).fill(0);
    for (const u of live) {
      if (!u.segments.includes(segment)) continue;
      const c = family.extract(u.values);
      if (c) c.forEach((v, i) => (out[i] += v));
    }
    return out;
  };
  const published = new Set<string>();
  for (const dimension of ["industry", "section", "municipality", "county", "size"]) {
    const rows = rowsOf(dimension).filter((s) => sums(s)[0] > 0);
    const totals = sums("all");
    const cols = quantities.length > 0 ? quantities : [{ key: "n", index: 0, kind: "count" as const }];
    const contributors = rows.map((s) => cols.map((q) => sums(s)[q.index]));
    const r = suppress({
      k,
      values: contributors,
      contributors,
      rowContributors: rows.map((s) => sums(s)[0]),
      columnContributors: cols.map((q) => totals[q.index]),
      totalContributors: totals[0],
      rowTotalsKnown: family.nKnown,
    });
    rows.forEach((s, i) => {
      cols.forEach((q, j) => !r.cells[i][j].suppressed && published.add(cellKey(release, q.key, s)));
      if (!r.rowTotals[i].suppressed || family.nKnown) published.add(cellKey(release, "n", s));
    });
    cols.forEach((q, j) => !r.columnTotals[j].suppressed && published.add(cellKey(release, q.key, "all")));
    if (!r.grandTotal.suppressed) published.add(cellKey(release, "n", "all"));
  }
  return published;
}

/**
 * Protects a round's releases one after the other, as the round would make them: each with the
 * earlier ones' suppressions fixed. Returns every published key and the cells counted and hidden.
 */
export async function protectInOrder(families: FamilySpec[], units: Unit[], releases: number, rules: DisclosureRules) {
  let published = new Set<string>();
  const suppressed = new Set<string>();
  let cells = 0;
  const findings: AuditFinding[] = [];
  for (let r = 0; r < releases; r++) {
    const result = await protectRelease({ families, units, releases: r + 1, earlierSuppressed: suppressed, rules });
    for (const k of result.suppressed) suppressed.add(k);
    published = result.published;
    cells += result.stats.cells;
    findings.push(...result.findings);
  }
  // `findings`: what the protection's own audit left, which would withhold the release in a round.
  return { published, suppressed, cells, findings };
}
