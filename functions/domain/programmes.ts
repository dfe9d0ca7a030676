import { TransactWriteCommand, UpdateCommand, type UpdateCommandOutput } from "@aws-sdk/lib-dynamodb";
import {
  CreateMeasurementRequest,
  CreateProgrammeRequest,
  CreateRoundRequest,
  MEASUREMENT_KINDS,
  RecordLectureRequest,
  RecordWorkshopRequest,
  ScheduleCycleRequest,
  type CycleRates,
  type CycleSchedule,
  type CycleView,
  type MeasurementKind,
  type MeasurementView,
  type Programme,
  type ProgrammeReport,
  type ProgrammeTarget,
  type ProgrammeView,
  type RecordedStage,
  type Round,
  type RoundStage,
  type SessionView,
  type StageRoundView,
  type TargetRow,
} from "../../shared/schemas";
import { baselineV1, DEFAULT_PROGRAMME_TARGETS, followUpV1, getInstrument, questionsOf } from "../../shared/instruments";
import { computeTargets, type MeasuredParticipant } from "../../shared/indicators/programme-targets";
import { ConflictError, NotFoundError, ValidationError, fieldIssues, type FieldIssue } from "../../shared/errors";
import { isConditionFailure, queryIndex, queryPrefix } from "../adapters/dynamodb";
import type { Deps } from "../adapters/ports";
import type { Owner } from "../api/http";
import { toCsv } from "../../shared/csv";
import { keys, stripKeys } from "./keys";
import { getOrganisation, listPersons } from "./organisations";
import { getRound, type StoredRound } from "./rounds";
import { newId } from "./tokens";
import type { StoredInvitation } from "./forms";
import {
  cohortPersons,
  currentStage,
  field,
  get,
  getCycle,
  getProgramme,
  listCycles,
  measurementRoundId,
  sessionTimes,
  type StoredCycle,
} from "./programme-store";

/**
 * The programme API's use cases: programmes with their cohort and targets, cycle schedules, the
 * start of a cycle's execution, the facilitator's records (which complete the execution's waiting
 * task), the baseline and follow-up rounds, and the report with its CSV export.
 */
const invalid = (issues: FieldIssue[]) => new ValidationError("Check the marked fields.", issues);

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(fieldIssues(parsed.error.issues));
  return parsed.data;
}

/** A target's question must be in the follow-up instrument and its values answers of it. */
function targetIssues(targets: ProgrammeTarget[]): FieldIssue[] {
  const questions = new Map(questionsOf(followUpV1).map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  targets.forEach((t, i) => {
    const q = questions.get(t.questionId);
    if (!q) return void issues.push({ path: `targets.${i}.questionId`, message: "error.target.question" });
    const allowed =
      q.type === "single" || q.type === "multi"
        ? q.options.map((o) => o.value)
        : q.type === "likert"
          ? Array.from({ length: q.scale }, (_, v) => String(v + 1))
          : q.type === "number"
            ? null
            : [];
    t.values.forEach((v, j) => {
      const ok = allowed === null ? /^-?\d+$/.test(v) && Number(v) >= (q as { min: number }).min && Number(v) <= (q as { max: number }).max : allowed.includes(v);
      if (!ok) issues.push({ path: `targets.${i}.values.${j}`, message: "error.target.value" });
    });
  });
  return issues;
}

export async function createProgramme(deps: Deps, input: unknown, owner: Owner): Promise<Programme> {
  const req = parse(CreateProgrammeRequest, input);
  const organisationIds = [...new Set(req.organisationIds)];
  const issues: FieldIssue[] = [];
  const found = await Promise.all(organisationIds.map((id) => getOrganisation(deps, id).then(() => true, (e) => (e instanceof NotFoundError ? false : Promise.reject(e)))));
  found.forEach((ok, i) => ok || issues.push({ path: `organisationIds.${i}`, message: "error.orgNumber.unknown" }));
  const persons = (await Promise.all(organisationIds.map((id) => listPersons(deps, id)))).flat();
  const known = new Set(persons.map((p) => p.id));
  const personIds = req.personIds ? [...new Set(req.personIds)] : persons.map((p) => p.id);
  (req.personIds ?? []).forEach((id, i) => known.has(id) || issues.push({ path: `personIds.${i}`, message: "error.person.notInOrganisations" }));
  if (!issues.length && personIds.length === 0) issues.push({ path: "personIds", message: "error.cohort.empty" });
  const targets = req.targets ?? DEFAULT_PROGRAMME_TARGETS;
  issues.push(...targetIssues(targets));
  if (issues.length) throw invalid(issues);

  const now = deps.clock().toISOString();
  const programme: Programme = {
    id: newId(),
    name: req.name,
    description: req.description,
    facilitator: req.facilitator ?? { name: owner.email, email: owner.email },
    cycles: req.cycles,
    organisationIds,
    personIds,
    targets,
    createdAt: now,
    createdBy: owner.email,
  };
  await deps.table.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: deps.table.name,
            Item: { ...keys.programme(programme.id), ...keys.programmeIndex(now), type: "programme", ...programme },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        ...Array.from({ length: programme.cycles }, (_, i) => ({
          Put: {
            TableName: deps.table.name,
            Item: { ...keys.cycle(programme.id, i + 1), type: "cycle", programmeId: programme.id, cycle: i + 1, status: "planned", launchCount: 0 },
          },
        })),
      ] as never,
    }),
  );
  return programme;
}

export async function listProgrammes(deps: Deps): Promise<Programme[]> {
  const items = await queryIndex<Record<string, unknown>>(deps.table, "PROGRAMMES", { descending: true });
  return items.map((i) => stripKeys(i) as unknown as Programme);
}

async function roundOrUndefined(deps: Deps, roundId: string | undefined): Promise<StoredRound | undefined> {
  if (!roundId) return undefined;
  try {
    return await getRound(deps, roundId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function sessionView(cycle: StoredCycle, stage: RecordedStage): SessionView {
  return {
    noticeSentAt: get(cycle, stage, "NoticeSentAt"),
    recordedAt: get(cycle, stage, "RecordedAt"),
    heldAt: get(cycle, stage, "HeldAt"),
    attendance: get<string[]>(cycle, stage, "Attendance") ?? [],
    notes: get(cycle, stage, "Notes"),
    materialUrl: stage === "lecture" ? get(cycle, stage, "MaterialUrl") : undefined,
    facilitatorRemindedAt: get(cycle, stage, "FacilitatorRemindedAt"),
    awaitingRecord: cycle.status === "running" && !get(cycle, stage, "RecordedAt") && !!get(cycle, stage, "Token"),
  };
}

async function stageRoundView(deps: Deps, cycle: StoredCycle, stage: RoundStage): Promise<StageRoundView> {
  const round = await roundOrUndefined(deps, get<string>(cycle, stage, "RoundId"));
  return {
    roundId: round?.id,
    openedAt: get(cycle, stage, "OpenedAt"),
    closedAt: get(cycle, stage, "ClosedAt"),
    skipped: get<boolean>(cycle, stage, "Skipped") || undefined,
    invited: round?.invitedCount ?? 0,
    submitted: round?.submittedCount ?? 0,
    summarySentAt: stage === "reflection" ? get(cycle, stage, "SummarySentAt") : undefined,
  };
}

async function cycleView(deps: Deps, cycle: StoredCycle): Promise<CycleView> {
  return {
    programmeId: cycle.programmeId,
    cycle: cycle.cycle,
    status: cycle.status,
    stage: cycle.status === "planned" || cycle.status === "scheduled" ? null : currentStage(cycle),
    schedule: cycle.schedule,
    startedAt: cycle.startedAt,
    completedAt: cycle.completedAt,
    error: cycle.error,
    workshop: sessionView(cycle, "workshop"),
    assignment: await stageRoundView(deps, cycle, "assignment"),
    lecture: sessionView(cycle, "lecture"),
    reflection: await stageRoundView(deps, cycle, "reflection"),
  };
}

function measurementView(round: StoredRound | undefined): MeasurementView | undefined {
  return round && { roundId: round.id, status: round.status, opensAt: round.opensAt, closesAt: round.closesAt, invited: round.invitedCount, submitted: round.submittedCount };
}

export async function programmeView(deps: Deps, programmeId: string): Promise<ProgrammeView> {
  const programme = await getProgramme(deps, programmeId);
  const [cycles, baseline, followUp] = await Promise.all([
    listCycles(deps, programmeId),
    roundOrUndefined(deps, programme.baselineRoundId),
    roundOrUndefined(deps, programme.followUpRoundId),
  ]);
  return {
    ...programme,
    cohort: { organisations: programme.organisationIds.length, persons: programme.personIds.length },
    baseline: measurementView(baseline),
    followUp: measurementView(followUp),
    cycleViews: await Promise.all(cycles.map((c) => cycleView(deps, c))),
  };
}

/** The cycle number from the path: 1..cycles of the programme, else 404. */
function cycleNumber(programme: Programme, n: string | undefined): number {
  const value = Number(n);
  if (!/^\d{1,2}$/.test(n ?? "") || value < 1 || value > programme.cycles) throw new NotFoundError("No such cycle in this programme.");
  return value;
}

const HOUR = 3_600_000;
const iso = (v: string | number) => new Date(v).toISOString();

/** Dates of a cycle; only while it is not running (a running cycle's rounds already carry their deadlines). */
export async function scheduleCycle(deps: Deps, programmeId: string, n: string | undefined, input: unknown): Promise<CycleView> {
  const programme = await getProgramme(deps, programmeId);
  const cycleNo = cycleNumber(programme, n);
  const req = parse(ScheduleCycleRequest, input);
  const defaultReminder = (from: string, deadline: string) => {
    const at = Date.parse(deadline) - 48 * HOUR;
    return at > Date.parse(from) ? [iso(at)] : [];
  };
  const schedule: CycleSchedule = {
    ...req,
    workshopAt: iso(req.workshopAt),
    assignmentDeadline: iso(req.assignmentDeadline),
    lectureAt: iso(req.lectureAt),
    reflectionDeadline: iso(req.reflectionDeadline),
    assignmentReminders: (req.assignmentReminders?.map(iso) ?? defaultReminder(req.workshopAt, req.assignmentDeadline)).sort(),
    reflectionReminders: (req.reflectionReminders?.map(iso) ?? defaultReminder(req.lectureAt, req.reflectionDeadline)).sort(),
  };
  const current = await getCycle(deps, programmeId, cycleNo);
  if (current.status === "done") throw new ConflictError("cycle-done", "This cycle is done; its dates can no longer change.");
  if (current.status === "running") throw new ConflictError("cycle-running", "This cycle is running; its dates can no longer change.");
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.cycle(programmeId, cycleNo),
        // A failed cycle keeps its error state until it is started again.
        UpdateExpression: "SET schedule = :s, #s = :next",
        ConditionExpression: "#s = :current",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": schedule, ":next": current.status === "error" ? "error" : "scheduled", ":current": current.status },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError("cycle-running", "This cycle was started meanwhile; its dates can no longer change.");
    throw error;
  }
  return cycleView(deps, await getCycle(deps, programmeId, cycleNo));
}

/**
 * Starts a scheduled cycle's execution, once the previous cycle is done; a cycle in its error
 * state is started again from the top (its idempotent tasks carry on where it stopped).
 */
export async function startCycle(deps: Deps, programmeId: string, n: string | undefined): Promise<CycleView> {
  const programme = await getProgramme(deps, programmeId);
  const cycleNo = cycleNumber(programme, n);
  const cycle = await getCycle(deps, programmeId, cycleNo);
  if (!cycle.schedule) throw new ConflictError("cycle-not-scheduled", "Schedule the cycle's dates before starting it.");
  if (cycle.status === "running") throw new ConflictError("cycle-running", "The cycle is already running.");
  if (cycle.status === "done") throw new ConflictError("cycle-done", "The cycle is done.");
  if (cycleNo > 1 && (await getCycle(deps, programmeId, cycleNo - 1)).status !== "done")
    throw new ConflictError("previous-cycle-not-done", `Cycle ${cycleNo - 1} has to be done before cycle ${cycleNo} can start.`);
  const attempt = cycle.launchCount + 1;
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.cycle(programmeId, cycleNo),
        UpdateExpression: "SET #s = :running, startedAt = if_not_exists(startedAt, :now), launchCount = :attempt REMOVE #e, failedAt",
        ConditionExpression: "#s IN (:scheduled, :error) AND launchCount = :before",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: {
          ":running": "running",
          ":now": deps.clock().toISOString(),
          ":attempt": attempt,
          ":before": cycle.launchCount,
          ":scheduled": "scheduled",
          ":error": "error",
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError("cycle-running", "The cycle is already running.");
    throw error;
  }
  if (cycle.executionArn) await deps.cycles.stop(cycle.executionArn);
  const executionArn = await deps.cycles.start(programmeId, cycleNo, attempt);
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.cycle(programmeId, cycleNo),
      UpdateExpression: "SET executionArn = :arn",
      ExpressionAttributeValues: { ":arn": executionArn },
    }),
  );
  return cycleView(deps, await getCycle(deps, programmeId, cycleNo));
}

/**
 * The facilitator records a workshop or lecture as held: attendance (persons of the cohort), notes,
 * for a lecture the link to its material. The first record completes the execution's waiting task
 * (the token is taken off the cycle in the same write); a later one corrects the record.
 */
export async function recordSession(deps: Deps, programmeId: string, n: string | undefined, stage: RecordedStage, input: unknown): Promise<CycleView> {
  const programme = await getProgramme(deps, programmeId);
  const cycleNo = cycleNumber(programme, n);
  const req = stage === "lecture" ? parse(RecordLectureRequest, input) : parse(RecordWorkshopRequest, input);
  const cohort = new Set(programme.personIds);
  const issues: FieldIssue[] = [];
  req.attendance.forEach((id, i) => cohort.has(id) || issues.push({ path: `attendance.${i}`, message: "error.person.notInCohort" }));
  if (issues.length) throw invalid(issues);
  const cycle = await getCycle(deps, programmeId, cycleNo);
  if (!cycle.schedule || cycle.status === "planned" || cycle.status === "scheduled")
    throw new ConflictError("cycle-not-started", "Start the cycle before recording its sessions.");
  const heldAt = req.heldAt ? iso(req.heldAt) : iso(sessionTimes(cycle.schedule, stage).at);
  const names: Record<string, string> = {
    "#s": "status",
    "#rec": field(stage, "RecordedAt"),
    "#held": field(stage, "HeldAt"),
    "#att": field(stage, "Attendance"),
    "#notes": field(stage, "Notes"),
    "#tok": field(stage, "Token"),
  };
  const values: Record<string, unknown> = {
    ":now": deps.clock().toISOString(),
    ":held": heldAt,
    ":att": [...new Set(req.attendance)],
    ":notes": req.notes ?? "",
    ":running": "running",
    ":error": "error",
    ":done": "done",
  };
  let set = "SET #rec = if_not_exists(#rec, :now), #held = :held, #att = :att, #notes = :notes";
  if ("materialUrl" in req) {
    names["#url"] = field(stage, "MaterialUrl");
    values[":url"] = req.materialUrl;
    set += ", #url = :url";
  }
  let before: UpdateCommandOutput["Attributes"];
  try {
    before = (
      await deps.table.doc.send(
        new UpdateCommand({
          TableName: deps.table.name,
          Key: keys.cycle(programmeId, cycleNo),
          UpdateExpression: `${set} REMOVE #tok`,
          ConditionExpression: "#s IN (:running, :error, :done)",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_OLD",
        }),
      )
    ).Attributes;
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError("cycle-not-started", "Start the cycle before recording its sessions.");
    throw error;
  }
  const token = before?.[names["#tok"]];
  if (typeof token === "string" && !before?.[names["#rec"]]) await deps.cycles.sendTaskSuccess(token, { stage, recordedAt: values[":now"] });
  return cycleView(deps, await getCycle(deps, programmeId, cycleNo));
}

export function parseMeasurementKind(kind: string | undefined): MeasurementKind {
  if (kind && (MEASUREMENT_KINDS as readonly string[]).includes(kind)) return kind as MeasurementKind;
  throw new NotFoundError("No such measurement: use baseline or follow-up.");
}

/**
 * The baseline or the follow-up: a survey round of the programme's instrument to the cohort,
 * created as a draft that the owner launches with POST /api/rounds/{id}/launch (the survey-round
 * state machine runs it like any round). One of each per programme.
 */
export async function createMeasurement(deps: Deps, programmeId: string, kindParam: string | undefined, input: unknown, owner: Owner): Promise<Round> {
  const kind = parseMeasurementKind(kindParam);
  const programme = await getProgramme(deps, programmeId);
  const req = parse(CreateMeasurementRequest, input);
  const instrument = kind === "baseline" ? baselineV1 : followUpV1;
  const roundReq = parse(CreateRoundRequest, {
    name: req.name ?? `${programme.name}: ${kind === "baseline" ? "nulägesmätning" : "uppföljning"}`,
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    opensAt: req.opensAt,
    closesAt: req.closesAt,
    reminders: req.reminders,
    recipients: { organisationIds: programme.organisationIds, personIds: programme.personIds },
    invitationText: req.invitationText,
  });
  const now = deps.clock().toISOString();
  const round: Round = {
    id: measurementRoundId(programmeId, kind),
    name: roundReq.name,
    instrumentId: roundReq.instrumentId,
    instrumentVersion: roundReq.instrumentVersion,
    opensAt: iso(roundReq.opensAt),
    closesAt: iso(roundReq.closesAt),
    reminders: roundReq.reminders.map(iso).sort(),
    recipients: roundReq.recipients,
    invitationText: roundReq.invitationText,
    status: "draft",
    createdAt: now,
    createdBy: owner.email,
    invitedCount: 0,
    submittedCount: 0,
    programmeId,
    purpose: kind,
  };
  const attribute = kind === "baseline" ? "baselineRoundId" : "followUpRoundId";
  try {
    await deps.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.table.name,
              Item: { ...keys.round(round.id), ...keys.roundIndex(now), type: "round", ...round, remindersDone: [], launchCount: 0 },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Update: {
              TableName: deps.table.name,
              Key: keys.programme(programmeId),
              UpdateExpression: "SET #a = :id",
              ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#a)",
              ExpressionAttributeNames: { "#a": attribute },
              ExpressionAttributeValues: { ":id": round.id },
            },
          },
        ] as never,
      }),
    );
  } catch (error) {
    if ((error as Error).name === "TransactionCanceledException")
      throw new ConflictError("measurement-exists", `The programme already has a ${kind} round.`);
    throw error;
  }
  return round;
}

type StoredResponse = { personId: string; organisationId: string; answers: Record<string, never>; submittedAt: string };

async function responsesOf(deps: Deps, roundId: string | undefined): Promise<Map<string, StoredResponse>> {
  if (!roundId) return new Map();
  const items = await queryPrefix<StoredResponse>(deps.table, keys.round(roundId).pk, keys.prefix.response, { consistent: true });
  return new Map(items.map((r) => [r.personId, r]));
}

async function invitationCounts(deps: Deps, roundId: string | undefined) {
  if (!roundId) return { invited: 0, submitted: 0 };
  const items = await queryPrefix<StoredInvitation>(deps.table, keys.round(roundId).pk, keys.prefix.invitation, { consistent: true });
  return { invited: items.length, submitted: items.filter((i) => i.status === "submitted").length };
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : 0);

/**
 * The programme report: its targets from the baseline and follow-up matched per participant
 * (shared/indicators/programme-targets.ts, with disclosure control per gender and age band) and
 * attendance and submission per cycle. Computed from the responses, which a cohort keeps small.
 */
export async function programmeReport(deps: Deps, programmeId: string): Promise<ProgrammeReport> {
  const programme = await getProgramme(deps, programmeId);
  const [persons, cycles, baselineRound, followUpRound, baseline, followUp] = await Promise.all([
    cohortPersons(deps, programme),
    listCycles(deps, programmeId),
    roundOrUndefined(deps, programme.baselineRoundId),
    roundOrUndefined(deps, programme.followUpRoundId),
    responsesOf(deps, programme.baselineRoundId),
    responsesOf(deps, programme.followUpRoundId),
  ]);
  const participants: MeasuredParticipant[] = persons.map((p) => {
    const b = baseline.get(p.id);
    const f = followUp.get(p.id);
    return {
      personId: p.id,
      organisationId: p.organisationId,
      gender: p.gender,
      ageBand: p.ageBand,
      baseline: b && { answers: b.answers, submittedAt: b.submittedAt },
      followUp: f && { answers: f.answers, submittedAt: f.submittedAt },
    };
  });
  const baselineInstrument = baselineRound ? getInstrument(baselineRound.instrumentId, baselineRound.instrumentVersion) : baselineV1;
  const cohort = programme.personIds.length;
  const cycleRates: CycleRates[] = await Promise.all(
    cycles.map(async (c) => {
      const attendance = (stage: RecordedStage) => {
        if (!get(c, stage, "RecordedAt")) return null;
        const attended = (get<string[]>(c, stage, "Attendance") ?? []).length;
        return { attended, rate: rate(attended, cohort) };
      };
      const submission = async (stage: RoundStage) => {
        const roundId = get<string>(c, stage, "RoundId");
        if (!roundId) return null;
        const counts = await invitationCounts(deps, roundId);
        return { ...counts, rate: rate(counts.submitted, counts.invited) };
      };
      return {
        cycle: c.cycle,
        status: c.status,
        cohort,
        workshopAttendance: attendance("workshop"),
        lectureAttendance: attendance("lecture"),
        assignmentSubmission: await submission("assignment"),
        reflectionSubmission: await submission("reflection"),
      };
    }),
  );
  return {
    programmeId,
    name: programme.name,
    k: deps.k,
    computedAt: deps.clock().toISOString(),
    cohort: { organisations: programme.organisationIds.length, persons: cohort },
    baseline: { roundId: baselineRound?.id, status: baselineRound?.status, ...(await invitationCounts(deps, baselineRound?.id)) },
    followUp: { roundId: followUpRound?.id, status: followUpRound?.status, ...(await invitationCounts(deps, followUpRound?.id)) },
    targets: computeTargets({
      targets: programme.targets,
      participants,
      k: deps.k,
      baselineQuestionIds: new Set(baselineInstrument ? questionsOf(baselineInstrument).map((q) => q.id) : []),
    }),
    cycles: cycleRates,
  };
}

/**
 * The report as one long CSV table a project can paste into its reporting: one row per value,
 * `table,item,segment,measure,value,n,note`. A suppressed value has an empty value and the note
 * `suppressed`; an empty one (nothing to compute) the note `empty`. Never a zero for either.
 */
export async function exportReportCsv(deps: Deps, programmeId: string): Promise<string> {
  const report = await programmeReport(deps, programmeId);
  const rows: (string | number | null)[][] = [["table", "item", "segment", "measure", "value", "n", "note"]];
  const cell = (table: string, item: string, segment: string, measure: string, c: TargetRow["share"]) => {
    if ("suppressed" in c) rows.push([table, item, segment, measure, null, null, "suppressed"]);
    else if (c.value === null) rows.push([table, item, segment, measure, null, c.n, "empty"]);
    else rows.push([table, item, segment, measure, c.value, c.n, null]);
  };
  for (const t of report.targets) {
    rows.push(["target", t.id, "all", "targetShare", t.targetShare, null, t.population]);
    const emit = (segment: string, r: TargetRow) => {
      cell("target", t.id, segment, "share", r.share);
      rows.push(["target", t.id, segment, "met", r.met === null ? null : r.met ? "yes" : "no", r.n, r.met === null ? ("suppressed" in r.share ? "suppressed" : "empty") : null]);
      if (t.comparable) {
        cell("target", t.id, segment, "baselineShare", r.baselineShare);
        cell("target", t.id, segment, "followUpShare", r.followUpShare);
        cell("target", t.id, segment, "change", r.change);
      }
    };
    emit("all", t.total);
    for (const r of t.byGender) emit(`gender:${r.segment}`, r);
    for (const r of t.byAgeBand) emit(`ageBand:${r.segment}`, r);
  }
  for (const c of report.cycles) {
    const item = String(c.cycle);
    rows.push(["cycle", item, "all", "status", c.status, null, null]);
    if (c.workshopAttendance) rows.push(["cycle", item, "all", "workshopAttendance", c.workshopAttendance.rate, c.cohort, null]);
    if (c.assignmentSubmission) rows.push(["cycle", item, "all", "assignmentSubmission", c.assignmentSubmission.rate, c.assignmentSubmission.invited, null]);
    if (c.lectureAttendance) rows.push(["cycle", item, "all", "lectureAttendance", c.lectureAttendance.rate, c.cohort, null]);
    if (c.reflectionSubmission) rows.push(["cycle", item, "all", "reflectionSubmission", c.reflectionSubmission.rate, c.reflectionSubmission.invited, null]);
  }
  for (const [kind, m] of [["baseline", report.baseline], ["follow-up", report.followUp]] as const)
    if (m.roundId) rows.push(["measurement", kind, "all", "responseRate", rate(m.submitted, m.invited), m.invited, null]);
  return toCsv(rows);
}
