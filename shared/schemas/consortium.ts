import * as z from "zod/mini";
import { LocalText } from "./common";
import { ResultTable } from "./responses";
import { GapView, ShortageView } from "../supply/schemas";

/** The breakdowns of the consortium's picture: its regions, and SNI sections and divisions summed over them. */
export const CONSORTIUM_DIMENSIONS = ["region", "section", "industry"] as const;
export type ConsortiumDimension = (typeof CONSORTIUM_DIMENSIONS)[number];

const MergedRegion = z.object({
  id: z.string(),
  name: z.string(),
  round: z.object({ id: z.string(), title: z.string(), closedAt: z.optional(z.string()) }),
  release: z.object({ number: z.number(), cutoff: z.string(), responses: z.number(), invited: z.number() }),
  instrument: z.object({ id: z.string(), version: z.number() }),
  industryClassification: z.string(),
  keyId: z.string(),
});

/** A question some regions asked and others did not: not in the merged picture. */
const LeftOutQuestion = z.object({ question: z.string(), text: z.optional(LocalText), regions: z.array(z.string()), families: z.number() });

export const ConsortiumView = z.object({
  name: z.string(),
  by: z.enum(CONSORTIUM_DIMENSIONS),
  /** The regions merged, each with the export it contributed. */
  regions: z.array(MergedRegion),
  /** Member regions with no export that verified. */
  missing: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Documents on the shelf that were refused, with why (a bad signature, an unknown region, another schema). */
  rejected: z.array(z.object({ name: z.string(), reason: z.string() })),
  leftOut: z.array(LeftOutQuestion),
  industryMerged: z.boolean(),
  industryClassification: z.optional(z.string()),
  responses: z.number(),
  invited: z.number(),
  tables: z.array(ResultTable),
  /** The merged needs against the members' education offerings, by region; null before any export. */
  gap: z.nullable(GapView),
  /** The merged failed-recruitment picture beside Yrkesbarometern's assessments of the members' counties. */
  shortage: z.nullable(ShortageView),
});
export type ConsortiumView = z.infer<typeof ConsortiumView>;
