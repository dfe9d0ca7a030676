import * as z from "zod/mini";
import { TrendsView } from "./trends";

/**
 * The consortium over time (GET /api/consortium/trends): the member regions' exports grouped by
 * the year of their release's cutoff, each year's newest export per region merged, and the merged
 * totals lined up on the tables and columns every year shares. A year lists the regions it holds:
 * a year without some member is a smaller picture, not a change in the region's needs.
 */
export const ConsortiumTrendsView = z.object({
  name: z.string(),
  periods: z.array(z.object({ period: z.string(), regions: z.array(z.string()), responses: z.number() })),
  series: TrendsView.shape.series,
  leftOut: TrendsView.shape.leftOut,
});
export type ConsortiumTrendsView = z.infer<typeof ConsortiumTrendsView>;
