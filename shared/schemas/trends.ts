import * as z from "zod/mini";
import { LocalText } from "./common";
import { Cell } from "./responses";
import { RELEASE_KINDS } from "./release";

/**
 * A project's skills-needs rounds over time (GET /api/projects/{id}/trends): for each closed round
 * in time order its final release (or, without one, its latest published), and the region's
 * totals of the tables and columns every one of those releases has: needs by area and horizon,
 * planned hires and the balance per occupation. Each point is a published cell as its release
 * published it; suppressed stays suppressed.
 */
export const TREND_TABLE_PREFIXES = ["needShare.", "hires12m", "hires1to3y", "balance"] as const;

export const TrendRound = z.object({
  id: z.string(),
  name: z.string(),
  closesAt: z.string(),
  release: z.object({ number: z.number(), kind: z.enum(RELEASE_KINDS), cutoff: z.string(), responses: z.number() }),
});
export type TrendRound = z.infer<typeof TrendRound>;

export const TrendSeries = z.object({
  /** The release table's id ("needShare.digitalisation.now", "hires12m"). */
  id: z.string(),
  title: LocalText,
  unit: z.enum(["share", "count", "mean", "balance", "rate"]),
  /** One point per round, in the rounds' order. */
  columns: z.array(z.object({ key: z.string(), label: LocalText, points: z.array(Cell) })),
});
export type TrendSeries = z.infer<typeof TrendSeries>;

export const TrendsView = z.object({
  projectId: z.string(),
  rounds: z.array(TrendRound),
  series: z.array(TrendSeries),
  /** Tables (no column) or columns of a table that not every release has, so no trend shows them. */
  leftOut: z.array(z.object({ table: z.string(), title: LocalText, column: z.optional(z.string()), label: z.optional(LocalText) })),
});
export type TrendsView = z.infer<typeof TrendsView>;
