import * as z from "zod/mini";
import { Email, Id, IsoDateTime, LIMITS, LocalLabel, LocalText, multiLine, requiredLine } from "./common";
import type { Cell } from "./api";
import type { ProgrammeReleaseSummary } from "./release";

/**
 * Learning programmes (DESIGN.md, "Programme" and "Learning cycle"): a cohort that goes through
 * learning cycles of workshop, home assignment, lecture and reflection, measured by a baseline
 * before and a follow-up after against the programme's targets.
 */
export const PROGRAMME_POPULATIONS = ["organisations", "professionals"] as const;
export type ProgrammePopulation = (typeof PROGRAMME_POPULATIONS)[number];
export const CYCLE_STAGES = ["workshop", "assignment", "lecture", "reflection"] as const;
export type CycleStage = (typeof CYCLE_STAGES)[number];
/** The stages the facilitator records (held, who attended). */
export const RECORDED_STAGES = ["workshop", "lecture"] as const;
export type RecordedStage = (typeof RECORDED_STAGES)[number];
/** The stages participants answer through their links (each a round). */
export const ROUND_STAGES = ["assignment", "reflection"] as const;
export type RoundStage = (typeof ROUND_STAGES)[number];
export const MEASUREMENT_KINDS = ["baseline", "follow-up"] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];
export const CYCLE_STATUSES = ["planned", "scheduled", "running", "done", "error"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

const int = (min: number, max: number) =>
  z.number("error.type").check(z.refine((v) => Number.isInteger(v), "error.integer"), z.gte(min, "error.min"), z.lte(max, "error.max"));
const OrgId = z.string().check(z.regex(/^\d{10}$/, "error.orgNumber.format"));
const PersonId = Id;

/**
 * A measurable goal: the share of the population whose follow-up answer to `questionId` is one of
 * `values` (likert answers as strings, "4", "5") should reach `share`. The question must exist in
 * the follow-up instrument; if the baseline instrument has it too, the change from baseline is
 * reported for participants who answered both.
 */
export const ProgrammeTarget = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, "error.id")),
  label: LocalLabel,
  questionId: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, "error.questionId")),
  values: z.array(z.string().check(z.maxLength(40, "error.tooLong"))).check(z.minLength(1, "error.required"), z.maxLength(20, "error.tooMany")),
  share: z.number("error.type").check(z.gt(0, "error.min"), z.lte(1, "error.max")),
  population: z.enum(PROGRAMME_POPULATIONS, "error.population"),
});
export type ProgrammeTarget = z.infer<typeof ProgrammeTarget>;

export const CreateProgrammeRequest = z
  .object({
    name: requiredLine(LIMITS.name),
    description: z.optional(multiLine(LIMITS.text)),
    /** Who runs the cycles and gets reminders and summaries; default the signed-in owner. */
    facilitator: z.optional(z.object({ name: requiredLine(LIMITS.name), email: Email })),
    cycles: z._default(int(1, 8), 4),
    /** The cohort's organisations. */
    organisationIds: z.array(OrgId).check(z.minLength(1, "error.required"), z.maxLength(200, "error.tooMany")),
    /** The cohort's persons (of those organisations); default every person of them. */
    personIds: z.optional(z.array(PersonId).check(z.maxLength(1000, "error.tooMany"))),
    /** Default: DEFAULT_PROGRAMME_TARGETS (shared/instruments/programme-instruments.ts). */
    targets: z.optional(z.array(ProgrammeTarget).check(z.maxLength(10, "error.tooMany"))),
    /** The project the programme belongs to; may be left out by a caller who owns only one. */
    projectId: z.optional(Id),
  })
  .check(
    z.refine((r) => !r.targets || new Set(r.targets.map((t) => t.id)).size === r.targets.length, { message: "error.duplicate", path: ["targets"] }),
  );
export type CreateProgrammeRequest = z.infer<typeof CreateProgrammeRequest>;

/**
 * The dates of one cycle. Stages run in order: the workshop (notice `noticeDaysBefore` days
 * ahead, recorded by the facilitator within `recordWithinHours` after it, reminded then, and
 * overdue `facilitatorGraceHours` later), the home assignment until `assignmentDeadline`, the
 * lecture (as the workshop), the reflection until `reflectionDeadline`.
 */
export const ScheduleCycleRequest = z
  .object({
    workshopAt: IsoDateTime,
    assignmentDeadline: IsoDateTime,
    lectureAt: IsoDateTime,
    reflectionDeadline: IsoDateTime,
    /** Default: one reminder 48 hours before the deadline. */
    assignmentReminders: z.optional(z.array(IsoDateTime).check(z.maxLength(3, "error.tooManyReminders"))),
    reflectionReminders: z.optional(z.array(IsoDateTime).check(z.maxLength(3, "error.tooManyReminders"))),
    /** The home assignment, linked to the project's goals: sent with the assignment link. */
    assignmentText: z.optional(LocalText),
    noticeDaysBefore: z._default(int(0, 30), 7),
    recordWithinHours: z._default(int(1, 336), 48),
    facilitatorGraceHours: z._default(int(1, 336), 72),
  })
  .check(
    z.refine((s) => Date.parse(s.assignmentDeadline) > Date.parse(s.workshopAt), { message: "error.deadlineBeforeWorkshop", path: ["assignmentDeadline"] }),
    z.refine((s) => Date.parse(s.lectureAt) >= Date.parse(s.assignmentDeadline), { message: "error.lectureBeforeDeadline", path: ["lectureAt"] }),
    z.refine((s) => Date.parse(s.reflectionDeadline) > Date.parse(s.lectureAt), { message: "error.deadlineBeforeLecture", path: ["reflectionDeadline"] }),
    z.refine((s) => (s.assignmentReminders ?? []).every((t) => Date.parse(t) > Date.parse(s.workshopAt) && Date.parse(t) < Date.parse(s.assignmentDeadline)), {
      message: "error.reminderOutsideWindow",
      path: ["assignmentReminders"],
    }),
    z.refine((s) => (s.reflectionReminders ?? []).every((t) => Date.parse(t) > Date.parse(s.lectureAt) && Date.parse(t) < Date.parse(s.reflectionDeadline)), {
      message: "error.reminderOutsideWindow",
      path: ["reflectionReminders"],
    }),
  );
export type ScheduleCycleRequest = z.infer<typeof ScheduleCycleRequest>;
/** As stored: ISO times normalised to UTC, reminders filled in and sorted. */
export type CycleSchedule = Omit<ScheduleCycleRequest, "assignmentReminders" | "reflectionReminders"> & {
  assignmentReminders: string[];
  reflectionReminders: string[];
};

export const RecordWorkshopRequest = z.object({
  /** Persons of the cohort who attended. */
  attendance: z.array(PersonId).check(z.maxLength(1000, "error.tooMany")),
  notes: z.optional(multiLine(LIMITS.notes)),
  /** Default: the scheduled time. */
  heldAt: z.optional(IsoDateTime),
});
export type RecordWorkshopRequest = z.infer<typeof RecordWorkshopRequest>;

export const RecordLectureRequest = z.object({
  ...RecordWorkshopRequest.shape,
  materialUrl: z.url({ protocol: /^https?$/, error: "error.url" }).check(z.maxLength(2000, "error.tooLong")),
});
export type RecordLectureRequest = z.infer<typeof RecordLectureRequest>;

/** A baseline or follow-up measurement: a survey round to the cohort, launched with POST /api/rounds/{id}/launch. */
export const CreateMeasurementRequest = z
  .object({
    name: z.optional(requiredLine(LIMITS.name)),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    reminders: z._default(z.array(IsoDateTime).check(z.maxLength(5, "error.tooManyReminders")), []),
    invitationText: z.optional(LocalText),
  });
export type CreateMeasurementRequest = z.infer<typeof CreateMeasurementRequest>;

export type Programme = {
  id: string;
  /** The project whose members may see and run it (shared/schemas/project.ts). */
  projectId: string;
  name: string;
  description?: string;
  facilitator: { name: string; email: string };
  cycles: number;
  organisationIds: string[];
  personIds: string[];
  targets: ProgrammeTarget[];
  baselineRoundId?: string;
  followUpRoundId?: string;
  createdAt: string;
  createdBy: string;
};

export type SessionView = {
  /** When the cohort was told about it (all notices sent). */
  noticeSentAt?: string;
  recordedAt?: string;
  heldAt?: string;
  attendance: string[];
  notes?: string;
  materialUrl?: string;
  /** When the facilitator was reminded to record it. */
  facilitatorRemindedAt?: string;
  /** The cycle's execution waits for the facilitator to record this session. */
  awaitingRecord: boolean;
};
export type StageRoundView = {
  roundId?: string;
  openedAt?: string;
  closedAt?: string;
  /** The deadline had passed before the stage could open: nobody was invited. */
  skipped?: boolean;
  invited: number;
  submitted: number;
  summarySentAt?: string;
};
export type CycleView = {
  programmeId: string;
  cycle: number;
  status: CycleStatus;
  /** The stage the cycle is in; "done" when all four are. */
  stage: CycleStage | "done" | null;
  schedule?: CycleSchedule;
  startedAt?: string;
  completedAt?: string;
  error?: string;
  workshop: SessionView;
  assignment: StageRoundView;
  lecture: SessionView;
  reflection: StageRoundView;
};
export type MeasurementView = { roundId: string; status: string; opensAt: string; closesAt: string; invited: number; submitted: number };
export type ProgrammeView = Programme & {
  cohort: { organisations: number; persons: number };
  baseline?: MeasurementView;
  followUp?: MeasurementView;
  cycleViews: CycleView[];
};

/** One row of a target: the whole population or one gender / age-band group. */
export type TargetRow = {
  segment: string;
  label: { sv: string; en: string };
  /** Respondents (follow-up answers to the question); null when the row is suppressed. */
  n: number | null;
  /** Share of respondents meeting the target (0..1). */
  share: Cell;
  /** share >= the target share; null when suppressed or empty. */
  met: boolean | null;
  /** Participants (persons or organisations) with both a baseline and a follow-up answer. */
  matched: number | null;
  /** Among the matched: share meeting the target at baseline, at follow-up, and the change (follow-up - baseline). */
  baselineShare: Cell;
  followUpShare: Cell;
  change: Cell;
};
export type TargetResult = {
  id: string;
  label: { sv: string; en: string };
  questionId: string;
  population: ProgrammePopulation;
  targetShare: number;
  values: string[];
  /** The baseline instrument asks the question, so a change from baseline can be computed. */
  comparable: boolean;
  total: TargetRow;
  /** Persons by their gender and age band; organisations by size class and SNI section. */
  breakdowns: TargetBreakdown[];
};
/** The breakdowns of a target: a person's own gender and age band, an organisation's size class and industry. */
export const TARGET_BREAKDOWNS = { professionals: ["gender", "ageBand"], organisations: ["size", "section"] } as const;
export type TargetDimension = (typeof TARGET_BREAKDOWNS)[ProgrammePopulation][number];
export const TARGET_DIMENSIONS = ["gender", "ageBand", "size", "section"] as const satisfies readonly TargetDimension[];
export type TargetBreakdown = { dimension: TargetDimension; rows: TargetRow[] };
export type CycleRates = {
  cycle: number;
  status: CycleStatus;
  cohort: number;
  workshopAttendance: { attended: number; rate: number } | null;
  lectureAttendance: { attended: number; rate: number } | null;
  assignmentSubmission: { invited: number; submitted: number; rate: number } | null;
  reflectionSubmission: { invited: number; submitted: number; rate: number } | null;
};
export type ProgrammeReport = {
  programmeId: string;
  name: string;
  k: number;
  /** The release the targets are read from (the newest published unless one was asked for); null before the first. */
  release: ProgrammeReleaseSummary | null;
  releases: ProgrammeReleaseSummary[];
  cohort: { organisations: number; persons: number };
  baseline: { roundId?: string; status?: string; invited: number; submitted: number };
  followUp: { roundId?: string; status?: string; invited: number; submitted: number };
  /** From the release; empty before the first. */
  targets: TargetResult[];
  /** Attendance and submission are progress, live like a round's response rates. */
  cycles: CycleRates[];
};
