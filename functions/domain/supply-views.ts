import { countyOf } from "../../shared/classifications/codes";
import { supplyGap } from "../../shared/supply/gap";
import { shortageComparison } from "../../shared/supply/shortage";
import type { RoundGapView, RoundShortageView } from "../../shared/supply/schemas";
import type { Deps } from "../adapters/ports";
import { roundResults } from "./results";

/**
 * The gap list and the shortage comparison of one round's release (the newest published, or the
 * one asked for). Both read only the release's stored result tables, never answers; the
 * region's counties are those its county breakdown has rows for.
 */
async function releaseCounties(deps: Deps, roundId: string, release: number, municipalities: readonly string[]): Promise<string[]> {
  const byCounty = await deps.stores.releases.tables(roundId, release, "county");
  const counties = new Set(byCounty[0]?.rows.map((r) => r.segment) ?? []);
  for (const m of municipalities) if (/^\d{4}$/.test(m)) counties.add(countyOf(m));
  return [...counties].sort();
}

export async function roundSupplyGap(deps: Deps, roundId: string, release?: string): Promise<RoundGapView> {
  const view = await roundResults(deps, roundId, "municipality", release);
  if (!view.release) return { roundId, release: null, dimension: "municipality", gap: null };
  const counties = await releaseCounties(deps, roundId, view.release.number, view.tables[0]?.rows.map((r) => r.segment) ?? []);
  const offerings = await deps.stores.educationOfferings.list();
  return { roundId, release: view.release.number, dimension: "municipality", gap: supplyGap({ tables: view.tables, offerings, counties, totalLabel: deps.regionId }) };
}

export async function roundShortage(deps: Deps, roundId: string, release?: string): Promise<RoundShortageView> {
  const view = await roundResults(deps, roundId, "county", release);
  if (!view.release) return { roundId, release: null, dimension: "county", shortage: null };
  const counties = await releaseCounties(deps, roundId, view.release.number, []);
  const assessments = await deps.stores.yrkesbarometer.list();
  return { roundId, release: view.release.number, dimension: "county", shortage: shortageComparison({ tables: view.tables, assessments, counties }) };
}
