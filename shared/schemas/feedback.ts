import * as z from "zod/mini";
import { LocalText } from "./common";
import { Cell } from "./responses";
import { RELEASE_KINDS } from "./release";
import { ROUND_STATUSES } from "./round";

/**
 * A company's feedback (GET /api/form/feedback): its own answers beside its industry and region
 * as the round's latest published release shows them, and its competence plan. Every figure is
 * either the company's own answer or a published cell of that release (suppressed cells stay
 * `{suppressed: true}`); nothing here is computed from other companies' raw answers.
 */

/** Where the company compares itself: its SNI division and section, and the whole round (the region). */
export const FEEDBACK_SCOPES = ["division", "section", "region"] as const;

/** The company's own answer to one column: the level it chose, a number it gave, or an option it picked. */
export const OwnAnswer = z.union([
  z.object({ kind: z.literal("chosen") }),
  z.object({ kind: z.literal("value"), value: z.number() }),
  z.object({ kind: z.literal("option"), label: LocalText }),
]);
export type OwnAnswer = z.infer<typeof OwnAnswer>;

export const FeedbackTable = z.object({
  /** The release table's id ("needShare.digitalisation.now", "hires12m"). */
  id: z.string(),
  title: LocalText,
  unit: z.enum(["share", "count", "mean", "balance", "rate"]),
  columns: z.array(z.object({ key: z.string(), label: LocalText, own: z.nullable(OwnAnswer) })),
  /** The release table's rows for the company's division and section, and its total. */
  scopes: z.array(z.object({ scope: z.enum(FEEDBACK_SCOPES), code: z.string(), label: z.string(), n: z.nullable(z.number()), cells: z.array(Cell) })),
});
export type FeedbackTable = z.infer<typeof FeedbackTable>;

/**
 * An education offering near the company. Education offerings are built on another branch;
 * until they are merged the feedback lists none (functions/domain/feedback-offerings.ts).
 */
export const OfferingInReach = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  /** SUN 2020 field and level codes. */
  sunField: z.optional(z.string()),
  sunLevel: z.optional(z.string()),
  form: z.optional(z.string()),
  municipality: z.string(),
  start: z.optional(z.string()),
  /** Why it is in reach: offered in the company's municipality, in its county, or at a distance. */
  reach: z.enum(["municipality", "county", "distance"]),
  url: z.optional(z.string()),
});
export type OfferingInReach = z.infer<typeof OfferingInReach>;

export const CompetencePlan = z.object({
  /** The needs the company reported (level other than none), by area and horizon. */
  needs: z.array(z.object({ areaKey: z.string(), area: LocalText, horizon: LocalText, level: LocalText, method: z.optional(LocalText), people: z.optional(z.number()) })),
  recruitments: z.array(
    z.object({ ssyk: z.string(), label: z.string(), hires12m: z.optional(z.number()), hires1to3y: z.optional(z.number()), educationLevel: z.optional(LocalText), difficulty: z.optional(LocalText) }),
  ),
  offerings: z.array(OfferingInReach),
  /** The project that runs the round, and the address of the person who created it. */
  contact: z.object({ project: z.string(), email: z.string() }),
});
export type CompetencePlan = z.infer<typeof CompetencePlan>;

export const FeedbackView = z.object({
  round: z.object({ id: z.string(), name: z.string(), status: z.enum(ROUND_STATUSES), closesAt: z.string() }),
  organisation: z.object({ name: z.string(), sni: z.string(), municipality: z.string() }),
  submittedAt: z.string(),
  /**
   * Until when this link shows the feedback: the earlier of the link's expiry and, once the round
   * has closed, the end of its answers' retention (before the close that clock has not started).
   */
  availableUntil: z.string(),
  /** The release the comparisons read; null before the round has a published one. `counted`: the company's answers are in it. */
  release: z.nullable(z.object({ number: z.number(), kind: z.enum(RELEASE_KINDS), cutoff: z.string(), counted: z.boolean() })),
  comparisons: z.array(FeedbackTable),
  plan: CompetencePlan,
});
export type FeedbackView = z.infer<typeof FeedbackView>;
