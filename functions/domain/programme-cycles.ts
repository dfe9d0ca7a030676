import { RecordLectureRequest, RecordWorkshopRequest, ScheduleCycleRequest, type CycleSchedule, type CycleView, type Programme, type RecordedStage } from "../../shared/schemas";
import { ConflictError, NotFoundError, type FieldIssue } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { getCycle, getProgramme, sessionTimes } from "./programme-lookups";
import { cycleView } from "./programme-views";
import { invalid, parseRequest as parse } from "./requests";

/**
 * The facilitator's use cases on a programme's cycles: their dates, the start of a cycle's
 * execution, and the records of its sessions (which complete the execution's waiting task).
 */
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
  // A failed cycle keeps its error state until it is started again.
  const next = current.status === "error" ? "error" : "scheduled";
  if (!(await deps.stores.cycles.setSchedule(programmeId, cycleNo, schedule, next, current.status)))
    throw new ConflictError("cycle-running", "This cycle was started meanwhile; its dates can no longer change.");
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
  if (!(await deps.stores.cycles.markStarted(programmeId, cycleNo, deps.clock().toISOString(), attempt, cycle.launchCount)))
    throw new ConflictError("cycle-running", "The cycle is already running.");
  if (cycle.executionArn) await deps.cycles.stop(cycle.executionArn);
  const executionArn = await deps.cycles.start(programmeId, cycleNo, attempt);
  await deps.stores.cycles.setExecution(programmeId, cycleNo, executionArn);
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
  const lecture = stage === "lecture" ? parse(RecordLectureRequest, input) : undefined;
  const req = lecture ?? parse(RecordWorkshopRequest, input);
  const cohort = new Set(programme.personIds);
  const issues: FieldIssue[] = [];
  req.attendance.forEach((id, i) => cohort.has(id) || issues.push({ path: `attendance.${i}`, message: "error.person.notInCohort" }));
  if (issues.length) throw invalid(issues);
  const cycle = await getCycle(deps, programmeId, cycleNo);
  if (!cycle.schedule || cycle.status === "planned" || cycle.status === "scheduled")
    throw new ConflictError("cycle-not-started", "Start the cycle before recording its sessions.");
  const heldAt = req.heldAt ? iso(req.heldAt) : iso(sessionTimes(cycle.schedule, stage).at);
  const now = deps.clock().toISOString();
  const result = await deps.stores.cycles.recordSession(programmeId, cycleNo, stage, {
    now,
    heldAt,
    attendance: [...new Set(req.attendance)],
    notes: req.notes ?? "",
    materialUrl: lecture?.materialUrl,
  });
  if (!result) throw new ConflictError("cycle-not-started", "Start the cycle before recording its sessions.");
  if (result.token && !result.recordedBefore) await deps.cycles.sendTaskSuccess(result.token, { stage, recordedAt: now });
  return cycleView(deps, await getCycle(deps, programmeId, cycleNo));
}
