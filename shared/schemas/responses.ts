import * as z from "zod/mini";
import { LocalText } from "./common";
import { Instrument } from "./instrument";
import { Organisation } from "./organisation";
import { AGE_BANDS, GENDERS, MAIL_STOPS } from "./person";
import { RecipientFilter, ROUND_STATUSES } from "./round";
import { INVITATION_STATUSES } from "./invitation";
import { CYCLE_STAGES, CYCLE_STATUSES, ProgrammeTarget, PROGRAMME_POPULATIONS, TARGET_DIMENSIONS } from "./programme";

import { ProgrammeReleaseSummary, ReleaseSummary } from "./release";
import type * as T from "./index";
import { CSV_ENCODINGS, RESULT_DIMENSIONS } from "./api";

/**
 * Response bodies of the HTTP API as zod/mini schemas, for the OpenAPI document
 * (functions/api/openapi.ts). The handlers and the site use the TS types beside them; the checks
 * at the end of this file fail the typecheck when a schema and its type drift apart. Not
 * re-exported from ./index, so the site's bundle does not carry them.
 */
const str = z.string();
const num = z.number();
const opt = <S extends z.ZodMiniType>(s: S) => z.optional(s);
const items = <S extends z.ZodMiniType>(s: S) => z.object({ items: z.array(s) });

export const ErrorBody = z.object({
  error: z.object({ code: str, message: str, issues: opt(z.array(z.object({ path: str, message: str, line: opt(num) }))) }),
});
export const Health = z.object({ ok: z.literal(true), region: str, table: z.literal("ok") });

const NeedCell = z.object({ level: str, method: opt(str), people: opt(num) });
const OccupationRow = z.object({
  ssyk: str, hires12m: num, hires1to3y: num, staffChange12m: str, educationLevel: str, difficulty: str, sought12m: num, hired12m: num,
});
export const Answers = z.record(str, opt(z.union([num, str, z.array(str), z.record(str, z.record(str, NeedCell)), z.array(OccupationRow)])));
const InvitationStatus = z.enum(INVITATION_STATUSES);
const RoundStatus = z.enum(ROUND_STATUSES);

export const FormView = z.object({
  round: z.object({ id: str, name: str, closesAt: str, status: RoundStatus, brief: opt(LocalText) }),
  organisation: z.object({ name: str, orgNumber: str, sni: str, municipality: str, sizeClass: str }),
  language: z.enum(["sv", "en"]),
  status: InvitationStatus,
  instrument: Instrument,
  draft: Answers,
  submittedAt: opt(str),
});
export const DraftSaved = z.object({ savedAt: str });
export const Submitted = z.object({ submittedAt: str });

export const OrganisationList = items(Organisation);
export const ImportReport = z.object({
  imported: num, unchanged: num, skipped: num, errors: z.array(z.object({ line: num, field: str, message: str })),
  file: z.object({ encoding: z.enum(CSV_ENCODINGS), bom: z.boolean(), delimiter: z.enum([",", ";"]), rows: num }),
  sample: z.array(z.object({ line: num, orgNumber: str, name: str, outcome: z.enum(["new", "unchanged", "skipped"]) })),
});
export const Person = z.object({
  id: str, createdAt: str, organisationId: str, name: str, email: str, role: opt(str), language: z.enum(["sv", "en"]),
  gender: opt(z.enum(GENDERS)), ageBand: opt(z.enum(AGE_BANDS)), respondent: opt(z.boolean()),
  mailStop: opt(z.object({ reason: z.enum(MAIL_STOPS), at: str })),
});
export const PersonList = items(Person);
export const PersonalDataExport = z.object({
  exportedAt: str,
  person: Person,
  rounds: z.array(z.object({
    roundId: str, roundName: str,
    invitation: z.object({ status: z.enum(INVITATION_STATUSES), name: str, email: str, sentAt: opt(str), openedAt: opt(str), submittedAt: opt(str), remindersSent: z.array(str) }),
    draft: opt(z.object({ savedAt: str, answers: Answers })),
    response: opt(z.object({ submittedAt: str, answers: Answers })),
  })),
  programmes: z.array(z.object({ id: str, name: str })),
  mails: z.array(z.object({ createdAt: str, subject: str, text: str })),
});
export const ErasureReport = z.object({ personId: str, erasedAt: str, rounds: num, drafts: num, responses: num, mails: num });

export const Round = z.object({
  projectId: str,
  id: str, name: str, instrumentId: str, instrumentVersion: num, referenceYear: opt(num), opensAt: str, closesAt: str, reminders: z.array(str),
  recipients: RecipientFilter, invitationText: opt(LocalText), status: RoundStatus, createdAt: str, createdBy: str,
  launchedAt: opt(str), closeRequestedAt: opt(str), closedAt: opt(str), aggregatedAt: opt(str), error: opt(str),
  invitedCount: num, submittedCount: num, programmeId: opt(str), cycle: opt(num),
  purpose: opt(z.enum(["baseline", "follow-up", "home-assignment", "reflection"])),
});
export const RoundList = items(Round);
const SegmentRate = z.object({ segment: str, label: str, invited: num, opened: num, submitted: num, responseRate: num });
export const RoundStatusView = z.object({
  ...Round.shape,
  unit: z.enum(["organisation", "person"]),
  rates: z.object({ total: SegmentRate, byIndustry: z.array(SegmentRate), byMunicipality: z.array(SegmentRate), bySize: z.array(SegmentRate) }),
});
const Mail = z.object({ subject: str, text: str });
export const RoundPreview = z.object({ recipients: z.object({ organisations: num, persons: num }), mail: z.object({ sv: Mail, en: Mail }) });
export const InvitationView = z.object({
  personId: str, name: str, email: str, orgName: str, orgNumber: str, municipality: str, sni: str, status: InvitationStatus,
  sentAt: opt(str), openedAt: opt(str), submittedAt: opt(str), remindersSent: z.array(str),
});
export const InvitationList = z.object({ anonymous: z.boolean(), counts: z.object({ invited: num, submitted: num }), items: z.array(InvitationView) });

export const Cell = z.union([
  z.object({ value: num, n: num }),
  z.object({ value: z.null(), n: num }),
  z.object({ suppressed: z.literal(true) }),
]);
const nullableNum = z.nullable(num);
export const ResultTable = z.object({
  id: str, title: LocalText, unit: z.enum(["share", "count", "mean", "balance", "rate"]),
  columns: z.array(z.object({ key: str, label: LocalText })),
  rows: z.array(z.object({ segment: str, label: str, n: nullableNum, cells: z.array(Cell) })),
  total: z.object({ n: nullableNum, cells: z.array(Cell) }),
});
export const ResultsView = z.object({
  roundId: str, roundName: str, by: z.enum(RESULT_DIMENSIONS), k: num, responses: num, computedAt: z.nullable(str),
  release: z.nullable(ReleaseSummary), releases: z.array(ReleaseSummary), tables: z.array(ResultTable),
});
export const ResponsesView = z.object({
  roundId: str, anonymous: z.boolean(), items: z.array(z.object({ name: opt(str), orgName: opt(str), submittedAt: opt(str), answers: Answers })),
});

export const Programme = z.object({
  projectId: str,
  id: str, name: str, description: opt(str), facilitator: z.object({ name: str, email: str }), cycles: num,
  organisationIds: z.array(str), personIds: z.array(str), targets: z.array(ProgrammeTarget),
  baselineRoundId: opt(str), followUpRoundId: opt(str), createdAt: str, createdBy: str,
});
export const ProgrammeList = items(Programme);
const SessionView = z.object({
  noticeSentAt: opt(str), recordedAt: opt(str), heldAt: opt(str), attendance: z.array(str), notes: opt(str), materialUrl: opt(str),
  facilitatorRemindedAt: opt(str), awaitingRecord: z.boolean(),
});
const StageRoundView = z.object({
  roundId: opt(str), openedAt: opt(str), closedAt: opt(str), skipped: opt(z.boolean()), invited: num, submitted: num, summarySentAt: opt(str),
});
const CycleSchedule = z.object({
  workshopAt: str, assignmentDeadline: str, lectureAt: str, reflectionDeadline: str, assignmentReminders: z.array(str), reflectionReminders: z.array(str),
  assignmentText: opt(LocalText), noticeDaysBefore: num, recordWithinHours: num, facilitatorGraceHours: num,
});
export const CycleView = z.object({
  programmeId: str, cycle: num, status: z.enum(CYCLE_STATUSES), stage: z.nullable(z.union([z.enum(CYCLE_STAGES), z.literal("done")])),
  schedule: opt(CycleSchedule), startedAt: opt(str), completedAt: opt(str), error: opt(str),
  workshop: SessionView, assignment: StageRoundView, lecture: SessionView, reflection: StageRoundView,
});
const MeasurementView = z.object({ roundId: str, status: str, opensAt: str, closesAt: str, invited: num, submitted: num });
const Cohort = z.object({ organisations: num, persons: num });
export const ProgrammeView = z.object({
  ...Programme.shape, cohort: Cohort, baseline: opt(MeasurementView), followUp: opt(MeasurementView), cycleViews: z.array(CycleView),
});
const TargetRow = z.object({
  segment: str, label: LocalText, n: nullableNum, share: Cell, met: z.nullable(z.boolean()), matched: nullableNum,
  baselineShare: Cell, followUpShare: Cell, change: Cell,
});
const TargetResult = z.object({
  id: str, label: LocalText, questionId: str, population: z.enum(PROGRAMME_POPULATIONS), targetShare: num, values: z.array(str),
  comparable: z.boolean(), total: TargetRow, breakdowns: z.array(z.object({ dimension: z.enum(TARGET_DIMENSIONS), rows: z.array(TargetRow) })),
});
const Attendance = z.nullable(z.object({ attended: num, rate: num }));
const Submission = z.nullable(z.object({ invited: num, submitted: num, rate: num }));
const CycleRates = z.object({
  cycle: num, status: z.enum(CYCLE_STATUSES), cohort: num, workshopAttendance: Attendance, lectureAttendance: Attendance,
  assignmentSubmission: Submission, reflectionSubmission: Submission,
});
const MeasurementCounts = z.object({ roundId: opt(str), status: opt(str), invited: num, submitted: num });
export { TargetResult };
export const ProgrammeReport = z.object({
  programmeId: str, name: str, k: num, release: z.nullable(ProgrammeReleaseSummary), releases: z.array(ProgrammeReleaseSummary), cohort: Cohort, baseline: MeasurementCounts, followUp: MeasurementCounts,
  targets: z.array(TargetResult), cycles: z.array(CycleRates),
});

// Each schema describes exactly its TS type: assignable both ways, or the typecheck fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodMiniType> = z.infer<S>;
type AllTrue<T extends true[]> = T;
export type SchemasMatchTypes = AllTrue<[
  Same<Out<typeof ErrorBody>, T.ErrorBody>, Same<Out<typeof Answers>, T.Answers>, Same<Out<typeof FormView>, T.FormView>,
  Same<Out<typeof ImportReport>, T.ImportReport>, Same<Out<typeof Person>, T.Person>, Same<Out<typeof Round>, T.Round>,
  Same<Out<typeof RoundStatusView>, T.RoundStatusView>, Same<Out<typeof RoundPreview>, T.RoundPreview>, Same<Out<typeof InvitationView>, T.InvitationView>, Same<Out<typeof InvitationList>, T.InvitationList>,
  Same<Out<typeof Cell>, T.Cell>, Same<Out<typeof ResultsView>, T.ResultsView>, Same<Out<typeof ResponsesView>, T.ResponsesView>,
  Same<Out<typeof Programme>, T.Programme>, Same<Out<typeof CycleView>, T.CycleView>, Same<Out<typeof ProgrammeView>, T.ProgrammeView>,
  Same<Out<typeof ProgrammeReport>, T.ProgrammeReport>,
  Same<Out<typeof PersonalDataExport>, T.PersonalDataExport>, Same<Out<typeof ErasureReport>, T.ErasureReport>,
]>;
