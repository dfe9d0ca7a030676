import * as z from "zod/mini";
import { Id, InstrumentId, InstrumentVersion, IsoDateTime, ReferenceYear, LIMITS, LocalText, requiredLine, singleLine, SizeClass } from "./common";

export const ROUND_STATUSES = ["draft", "scheduled", "open", "closing", "closed", "error"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Which organisations a round goes to: all filters given must match; none given means all. */
export const RecipientFilter = z.object({
  sniDivisions: z.optional(z.array(z.string().check(z.regex(/^\d{2}$/, "error.sniDivision"))).check(z.maxLength(100, "error.tooMany"))),
  municipalities: z.optional(z.array(z.string().check(z.regex(/^\d{4}$/, "error.municipality.format"))).check(z.maxLength(300, "error.tooMany"))),
  sizeClasses: z.optional(z.array(SizeClass).check(z.maxLength(4, "error.tooMany"))),
  organisationIds: z.optional(z.array(z.string().check(z.regex(/^\d{10}$/, "error.orgNumber.format"))).check(z.maxLength(5000, "error.tooMany"))),
  /** Only these persons of the matching organisations (a programme's cohort). */
  personIds: z.optional(z.array(Id).check(z.maxLength(1000, "error.tooMany"))),
});
export type RecipientFilter = z.infer<typeof RecipientFilter>;

export const CreateRoundRequest = z
  .object({
    name: requiredLine(LIMITS.name),
    instrumentId: z._default(InstrumentId, "skills-needs"),
    /** Left out: the newest shipped version of the instrument (a region's own versions are chosen by number). */
    instrumentVersion: z.optional(InstrumentVersion),
    /** Left out: the year the round closes. */
    referenceYear: z.optional(ReferenceYear),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    reminders: z._default(z.array(IsoDateTime).check(z.maxLength(5, "error.tooManyReminders")), []),
    recipients: z._default(RecipientFilter, {}),
    invitationText: z.optional(LocalText),
    /** The project the round belongs to; may be left out by a caller who owns only one. */
    projectId: z.optional(Id),
  })
  .check(
    z.refine((r) => Date.parse(r.closesAt) > Date.parse(r.opensAt), { message: "error.closesBeforeOpens", path: ["closesAt"] }),
    z.refine((r) => r.reminders.every((t) => Date.parse(t) > Date.parse(r.opensAt) && Date.parse(t) < Date.parse(r.closesAt)), {
      message: "error.reminderOutsideWindow",
      path: ["reminders"],
    }),
  );
export type CreateRoundRequest = z.infer<typeof CreateRoundRequest>;

export type Round = {
  id: string;
  /** The project whose members may see and run it (shared/schemas/project.ts). */
  projectId: string;
  name: string;
  instrumentId: string;
  instrumentVersion: number;
  /** The year its figures describe; rounds made before it was kept have none (the year they closed stands in). */
  referenceYear?: number;
  opensAt: string;
  closesAt: string;
  reminders: string[];
  recipients: RecipientFilter;
  invitationText?: { sv: string; en: string };
  status: RoundStatus;
  createdAt: string;
  createdBy: string;
  launchedAt?: string;
  closeRequestedAt?: string;
  closedAt?: string;
  aggregatedAt?: string;
  error?: string;
  /** Counters kept on the round item, so status needs no scan. */
  invitedCount: number;
  submittedCount: number;
  /** Set when the round belongs to a learning programme (docs/architecture.md, "Learning programmes"). */
  programmeId?: string;
  /** The learning cycle (1..) of a home-assignment or reflection round. */
  cycle?: number;
  purpose?: "baseline" | "follow-up" | "home-assignment" | "reflection";
};

/** The year a round's figures describe: as set, else the year it closed (or is to close). */
export const referenceYearOf = (round: Pick<Round, "referenceYear" | "closedAt" | "closesAt">): number =>
  round.referenceYear ?? new Date(round.closedAt ?? round.closesAt).getUTCFullYear();

/**
 * A reflection is read without names, as its participants are told: no route, export or release
 * of an anonymous round ties an answer to an organisation, a person or a submit time.
 */
export const isAnonymous = (round: Pick<Round, "purpose">): boolean => round.purpose === "reflection";

/** What the round wizard shows before a round is created: who would be invited and the mail they get. */
export const RoundPreviewRequest = z.object({
  name: z._default(singleLine(LIMITS.name), ""),
  /** The round's instrument: one that counts organisations reaches one contact per organisation. */
  instrumentId: z._default(InstrumentId, "skills-needs"),
  /** Left out: the newest shipped version, as for a new round. */
  instrumentVersion: z.optional(InstrumentVersion),
  closesAt: z.optional(IsoDateTime),
  recipients: z._default(RecipientFilter, {}),
  invitationText: z.optional(LocalText),
});
export type RoundPreviewRequest = z.infer<typeof RoundPreviewRequest>;

/** The owner gives an organisation another respondent in a round whose unit is the organisation. */
export const ChangeRespondentRequest = z.object({
  personId: Id,
});
export type ChangeRespondentRequest = z.infer<typeof ChangeRespondentRequest>;
