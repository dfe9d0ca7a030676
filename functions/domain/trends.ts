import type { ReleaseSummary } from "../../shared/schemas";
import type { TrendRound, TrendsView } from "../../shared/schemas/trends";
import { unitOf } from "../../shared/instruments";
import { lineUpReleases } from "../../shared/indicators/trend-series";
import type { Deps } from "../adapters/ports";
import type { StoredRound } from "../stores/rounds";

/** The release a closed round is remembered by: its final one, or without it its latest published. */
function releaseOf(releases: ReleaseSummary[]): ReleaseSummary | undefined {
  const published = releases.filter((r) => r.status === "published");
  return published.find((r) => r.kind === "final") ?? published.at(-1);
}

const isSurveyRound = (r: StoredRound) => unitOf(r) === "organisation" && !r.programmeId;

/**
 * The project's closed skills-needs rounds in the order they closed, each with the release it is
 * remembered by, and the region's totals the releases share (shared/indicators/trend-series.ts).
 * Reads releases only: no answer, and no cell that a release did not publish.
 */
export async function projectTrends(deps: Deps, projectId: string): Promise<TrendsView> {
  const rounds = (await deps.stores.rounds.list()).filter((r) => r.projectId === projectId && r.status === "closed" && isSurveyRound(r));
  const withRelease = (
    await Promise.all(rounds.map(async (round) => ({ round, release: releaseOf(await deps.stores.releases.list(round.id)) })))
  ).filter((x): x is { round: StoredRound; release: ReleaseSummary } => x.release !== undefined);
  withRelease.sort((a, b) => (a.round.closedAt ?? a.round.closesAt).localeCompare(b.round.closedAt ?? b.round.closesAt) || a.round.id.localeCompare(b.round.id));
  const tables = await Promise.all(withRelease.map(({ round, release }) => deps.stores.releases.tables(round.id, release.number, "industry")));
  const trendRounds: TrendRound[] = withRelease.map(({ round, release }) => ({
    id: round.id,
    name: round.name,
    closesAt: round.closedAt ?? round.closesAt,
    release: { number: release.number, kind: release.kind, cutoff: release.cutoff, responses: release.responses },
  }));
  return { projectId, rounds: trendRounds, ...lineUpReleases(tables) };
}
