import * as z from "zod/mini";

/**
 * A release: the protected, immutable results of a round at one point in time (DESIGN.md,
 * "Disclosure control"). `final` is made when the round closes, `interim` when an owner asks while
 * it is open. A release the audit does not pass is `withheld`: kept with its reason, never shown.
 */
export const RELEASE_KINDS = ["interim", "final"] as const;
export const RELEASE_STATUSES = ["published", "withheld"] as const;
/** At most this many interim releases per round: each one is more for an attacker to difference. */
export const MAX_INTERIM_RELEASES = 3;

export const DisclosureRulesSchema = z.object({ k: z.number(), p: z.number(), frequencyShare: z.number() });

/** What protecting a release took: the size of the problem and the time. */
export const ReleaseStats = z.object({
  cells: z.number(),
  suppressedCells: z.number(),
  sensitiveCells: z.number(),
  solves: z.number(),
  largestModelColumns: z.number(),
  largestModelRows: z.number(),
  millis: z.number(),
});
export type ReleaseStats = z.infer<typeof ReleaseStats>;

export const ReleaseSummary = z.object({
  roundId: z.string(),
  number: z.number(),
  kind: z.enum(RELEASE_KINDS),
  status: z.enum(RELEASE_STATUSES),
  /** Responses submitted up to this time count in it. */
  cutoff: z.string(),
  createdAt: z.string(),
  /** Responding units (organisations for a skills-needs round) and invited ones. */
  responses: z.number(),
  invited: z.number(),
  unit: z.enum(["organisation", "person"]),
  rules: DisclosureRulesSchema,
  /** Why a withheld release is not shown, in plain words. */
  withheldReason: z.optional(z.string()),
  stats: ReleaseStats,
});
export type ReleaseSummary = z.infer<typeof ReleaseSummary>;

/**
 * A release of a learning programme's report: its targets from the baseline and the follow-up,
 * protected together with the programme's earlier releases. `final` is made when the follow-up
 * closes, `interim` on request while it is open and once the baseline has closed.
 */
export const ProgrammeReleaseSummary = z.object({
  programmeId: z.string(),
  number: z.number(),
  kind: z.enum(RELEASE_KINDS),
  status: z.enum(RELEASE_STATUSES),
  /** Follow-up answers submitted up to this time count in it. */
  cutoff: z.string(),
  createdAt: z.string(),
  /** Follow-up respondents counted: persons, and the organisations they stand for. */
  respondents: z.object({ professionals: z.number(), organisations: z.number() }),
  rules: DisclosureRulesSchema,
  withheldReason: z.optional(z.string()),
  stats: ReleaseStats,
});
export type ProgrammeReleaseSummary = z.infer<typeof ProgrammeReleaseSummary>;

export const CreateReleaseRequest = z.object({ kind: z.literal("interim") });
export type CreateReleaseRequest = z.infer<typeof CreateReleaseRequest>;
