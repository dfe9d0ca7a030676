import { lineUpReleases } from "../../shared/indicators/trend-series";
import type { ConsortiumTrendsView } from "../../shared/schemas/consortium-trends";
import { consortiumTables, mergeVerified, newestPerMember, readVerified, type ConsortiumDeps, type Verified } from "./consortium";

/** The period an export counts in: the year its round's figures describe, or for an export made before rounds kept it, the year its answers were collected up to. */
const periodOf = (v: Verified) => String(v.payload.round.referenceYear ?? v.payload.release.cutoff.slice(0, 4));

/**
 * The merged picture year by year. Every point is a merged cell of that year, a sum of cells the
 * regions published (shared/consortium/merge.ts), copied as it is; the line-up is the regions' own
 * trends' (shared/indicators/trend-series.ts), so the same protection argument holds.
 */
export async function consortiumTrends(deps: ConsortiumDeps): Promise<ConsortiumTrendsView> {
  const { verified } = await readVerified(deps);
  const periods = [...new Set(verified.map(periodOf))].sort();
  const merged = periods.map((period) => {
    const chosen = newestPerMember(deps, verified.filter((v) => periodOf(v) === period));
    return { period, chosen, tables: consortiumTables(mergeVerified(deps, chosen), "region") };
  });
  return {
    name: deps.name,
    periods: merged.map((m) => ({
      period: m.period,
      regions: m.chosen.map((c) => c.payload.region.id),
      responses: m.chosen.reduce((s, c) => s + c.payload.release.responses, 0),
    })),
    ...lineUpReleases(merged.map((m) => m.tables)),
  };
}
