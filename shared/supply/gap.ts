import type { Cell, ResultTable } from "../schemas/api";
import { countyOf } from "../classifications/codes";
import { sunFieldsOverlap } from "../classifications/sun";
import { SSYK_SUN_MAPPING, type LevelGroup, type SsykSunMapping } from "./ssyk-sun-mapping";
import type { AreaGap, Derived, EducationOffering, GapView, OccupationGap, UnmetNeed } from "./schemas";

/**
 * The gap list: a release's published needs next to the education offerings within reach.
 *
 * Reads only the release's result tables (one breakdown: by municipality or by county; `total`
 * is the whole region, or the consortium when fed merged tables of the same shape):
 *   hires12m, hires1to3y   planned hires per occupation (columns are SSYK codes)
 *   education              share requiring a post-secondary education, per occupation
 *   needShare.<area>.<h>   share with a large need ("large" column)
 *   needMet.<area>.<h>     people needed ("people" column)
 * A suppressed cell stays suppressed, and every number computed from one is "suppressed": the
 * gap never estimates a hidden need. Offerings are public facts (provider, places), so places
 * are always shown.
 *
 * Reach, per scope: a municipality's own offerings, then the rest of its county, then distance
 * offerings anywhere (each offering counted once, in its nearest tier). The total reaches the
 * offerings of all `counties` and every distance offering, and so does a consortium's row by region
 * with its own counties (`segmentCounties`). An offering serves an occupation when
 * its SUN field lies on a branch of one of the occupation's mapped fields and its SUN level
 * matches the level asked for: post-secondary when the release's published share requiring it is
 * over one half, upper secondary when under, else the mapping's usual level. Unmet need is the
 * need less the places within reach, at least 0; the same places stand against both horizons.
 */
export type GapInput = {
  tables: readonly ResultTable[];
  offerings: readonly EducationOffering[];
  /** The region's (or the consortium's) counties: the reach of the total. */
  counties: readonly string[];
  totalLabel: string;
  mapping?: SsykSunMapping;
  /** How many of the largest unmet needs to list (default 10). */
  top?: number;
  /**
   * The counties of a row that is neither a municipality nor a county: a consortium's tables by
   * region give each region's counties here, and its rows then reach as the total does.
   */
  segmentCounties?: (segment: string) => readonly string[] | undefined;
};

type Scope = OccupationGap["scope"];
type Reach = OccupationGap["places"];

const SUPPRESSED: Cell = { suppressed: true };

function scopeOf(segment: string, label: string, segmentCounties: GapInput["segmentCounties"]): { scope: Scope; counties?: readonly string[] } | undefined {
  if (/^\d{4}$/.test(segment)) return { scope: { segment, label, kind: "municipality" } };
  if (/^\d{2}$/.test(segment)) return { scope: { segment, label, kind: "county" } };
  const counties = segmentCounties?.(segment);
  return counties ? { scope: { segment, label, kind: "region" }, counties } : undefined;
}

/** The offering's tier for a scope (a total or region reaching `counties`), or undefined when it is out of reach. */
function tierOf(offering: EducationOffering, scope: Scope, counties: readonly string[]): keyof Reach | undefined {
  if (offering.form === "distance") return "distance";
  const county = countyOf(offering.municipality);
  if (scope.kind === "municipality") {
    if (offering.municipality === scope.segment) return "municipality";
    return county === countyOf(scope.segment) ? "county" : undefined;
  }
  if (scope.kind === "county") return county === scope.segment ? "county" : undefined;
  return counties.includes(county) ? "county" : undefined;
}

function levelGroupOf(sunLevel: string): LevelGroup | undefined {
  const main = sunLevel[0];
  if (main === "3") return "secondary";
  if (main === "4" || main === "5" || main === "6") return "postSecondary";
  return undefined;
}

/** The level an occupation asks for: the published share decides where it can, else the mapping. */
function requiredLevel(share: Cell, fallback: LevelGroup | undefined): LevelGroup | "any" {
  if (!("suppressed" in share) && share.value !== null) {
    if (share.value > 0.5) return "postSecondary";
    if (share.value < 0.5) return "secondary";
    return "any";
  }
  return fallback ?? "any";
}

const cellAt = (table: ResultTable | undefined, column: string, row: number | "total"): Cell => {
  if (!table) return SUPPRESSED;
  const i = table.columns.findIndex((c) => c.key === column);
  if (i < 0) return SUPPRESSED;
  const cells = row === "total" ? table.total.cells : table.rows[row]?.cells;
  return cells?.[i] ?? SUPPRESSED;
};

/** need - places, at least 0; suppressed or empty as the need is. */
function unmet(need: Cell, places: number): Derived {
  if ("suppressed" in need) return "suppressed";
  if (need.value === null) return null;
  return Math.max(0, need.value - places);
}

function reachFor(offerings: readonly EducationOffering[], scope: Scope, counties: readonly string[], serves: (o: EducationOffering) => boolean) {
  const places: Reach = { municipality: 0, county: 0, distance: 0 };
  const ids: { id: string; tier: number }[] = [];
  const order: (keyof Reach)[] = ["municipality", "county", "distance"];
  for (const o of offerings) {
    if (!serves(o)) continue;
    const tier = tierOf(o, scope, counties);
    if (!tier) continue;
    places[tier] += o.places;
    ids.push({ id: o.id, tier: order.indexOf(tier) });
  }
  ids.sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id));
  return { places, ids: ids.map((i) => i.id), total: places.municipality + places.county + places.distance };
}

export function supplyGap(input: GapInput): GapView {
  const mapping = input.mapping ?? SSYK_SUN_MAPPING;
  const byId = new Map(input.tables.map((t) => [t.id, t]));
  const hires12m = byId.get("hires12m");
  const hires1to3y = byId.get("hires1to3y");
  const education = byId.get("education");
  const reference = hires12m ?? hires1to3y ?? input.tables[0];
  const scopes: { scope: Scope; row: number | "total"; counties: readonly string[] }[] = [
    { scope: { segment: "all", label: input.totalLabel, kind: "total" }, row: "total", counties: input.counties },
  ];
  reference?.rows.forEach((r, i) => {
    const found = scopeOf(r.segment, r.label, input.segmentCounties);
    if (found) scopes.push({ scope: found.scope, row: i, counties: found.counties ?? input.counties });
  });

  const occupations: OccupationGap[] = [];
  const codes = (hires12m ?? hires1to3y)?.columns ?? [];
  for (const { scope, row, counties } of scopes)
    for (const column of codes) {
      const mapped = mapping.occupations[column.key];
      const fields = [...(mapped?.fields ?? [])];
      const postSecondaryShare = cellAt(education, column.key, row);
      const level = requiredLevel(postSecondaryShare, mapped?.level);
      const serves = (o: EducationOffering) =>
        fields.some((f) => sunFieldsOverlap(f, o.sunField)) && (level === "any" || levelGroupOf(o.sunLevel) === level);
      const reach = reachFor(input.offerings, scope, counties, serves);
      const h12 = cellAt(hires12m, column.key, row);
      const h13 = cellAt(hires1to3y, column.key, row);
      occupations.push({
        scope,
        ssyk: column.key,
        label: column.label.sv,
        fields,
        level,
        hires12m: h12,
        hires1to3y: h13,
        postSecondaryShare,
        places: reach.places,
        offeringIds: reach.ids,
        unmet12m: unmet(h12, reach.total),
        unmet1to3y: unmet(h13, reach.total),
      });
    }

  const areas: AreaGap[] = [];
  for (const table of input.tables) {
    const m = /^needMet\.(?:.+\.)?([^.]+)\.([^.]+)$/.exec(table.id);
    if (!m) continue;
    const [, area, horizon] = m;
    const share = byId.get(table.id.replace(/^needMet\./, "needShare."));
    const fields = [...(mapping.areas[area] ?? [])];
    const serves = (o: EducationOffering) => fields.some((f) => sunFieldsOverlap(f, o.sunField));
    for (const { scope, row, counties } of scopes) {
      const people = cellAt(table, "people", row);
      const reach = reachFor(input.offerings, scope, counties, serves);
      areas.push({
        scope,
        area,
        horizon,
        label: share?.title ?? table.title,
        fields,
        largeNeedShare: cellAt(share, "large", row),
        people,
        places: reach.places,
        unmet: unmet(people, reach.total),
      });
    }
  }

  const largest: UnmetNeed[] = [];
  const placesOf = (r: Reach) => r.municipality + r.county + r.distance;
  for (const o of occupations) {
    if (o.scope.kind !== "total") continue;
    for (const [horizon, need, gap] of [["12m", o.hires12m, o.unmet12m], ["1to3y", o.hires1to3y, o.unmet1to3y]] as const)
      if (typeof gap === "number" && gap > 0 && !("suppressed" in need) && need.value !== null)
        largest.push({ scope: o.scope, what: "occupation", code: o.ssyk, label: o.label, horizon, need: need.value, places: placesOf(o.places), unmet: gap });
  }
  for (const a of areas) {
    if (a.scope.kind !== "total") continue;
    if (typeof a.unmet === "number" && a.unmet > 0 && !("suppressed" in a.people) && a.people.value !== null)
      largest.push({ scope: a.scope, what: "area", code: a.area, label: a.label.sv, horizon: a.horizon, need: a.people.value, places: placesOf(a.places), unmet: a.unmet });
  }
  largest.sort((a, b) => b.unmet - a.unmet || a.code.localeCompare(b.code) || a.horizon.localeCompare(b.horizon));

  return { mappingVersion: mapping.version, occupations, areas, largestUnmet: largest.slice(0, input.top ?? 10), offerings: [...input.offerings] };
}
