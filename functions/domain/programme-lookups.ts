import type { CycleSchedule, CycleStage, Person, Programme, RecordedStage, RoundStage } from "../../shared/schemas";
import { NotFoundError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { get, type StoredCycle } from "../stores/cycles";
import type { StoredProgramme } from "../stores/programmes";
import { listPersons } from "./organisations";

/**
 * What the programme API and the learning cycle's tasks both look up: a programme or cycle (404
 * when missing), the cohort, the rounds' ids, and the times a cycle's schedule implies.
 */
export const isRecordedStage = (stage: CycleStage): stage is RecordedStage => stage === "workshop" || stage === "lecture";

/** The round of a cycle's home assignment or reflection: one id per programme, cycle and stage. */
export function stageRoundId(programmeId: string, cycle: number, stage: RoundStage): string {
  return `${programmeId}-c${cycle}-${stage}`;
}

export function measurementRoundId(programmeId: string, kind: "baseline" | "follow-up"): string {
  return `${programmeId}-${kind}`;
}

/** When a session takes place, and when its recording is due and overdue. */
export function sessionTimes(schedule: CycleSchedule, stage: RecordedStage) {
  const at = Date.parse(stage === "workshop" ? schedule.workshopAt : schedule.lectureAt);
  const dueAt = at + schedule.recordWithinHours * 3_600_000;
  return { at, noticeAt: at - schedule.noticeDaysBefore * 86_400_000, dueAt, overdueAt: dueAt + schedule.facilitatorGraceHours * 3_600_000 };
}

export function stageDeadline(schedule: CycleSchedule, stage: RoundStage): number {
  return Date.parse(stage === "assignment" ? schedule.assignmentDeadline : schedule.reflectionDeadline);
}

export async function getProgramme(deps: Deps, programmeId: string): Promise<StoredProgramme> {
  const programme = await deps.stores.programmes.get(programmeId);
  if (!programme) throw new NotFoundError("No programme with that id.");
  return programme;
}

export async function getCycle(deps: Deps, programmeId: string, cycle: number): Promise<StoredCycle> {
  const found = await deps.stores.cycles.get(programmeId, cycle);
  if (!found) throw new NotFoundError("No such cycle in this programme.");
  return found;
}

export function listCycles(deps: Deps, programmeId: string): Promise<StoredCycle[]> {
  return deps.stores.cycles.list(programmeId);
}

/** The cohort's persons as registered now, in the order of the programme's list. */
export async function cohortPersons(deps: Deps, programme: Pick<Programme, "organisationIds" | "personIds">): Promise<Person[]> {
  const all = (await Promise.all(programme.organisationIds.map((o) => listPersons(deps, o)))).flat();
  const byId = new Map(all.map((p) => [p.id, p]));
  return programme.personIds.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
}

/** The stage a running cycle is in: the first not yet recorded or closed; "done" when all are. */
export function currentStage(cycle: StoredCycle): CycleStage | "done" {
  if (!get(cycle, "workshop", "RecordedAt")) return "workshop";
  if (!get(cycle, "assignment", "ClosedAt")) return "assignment";
  if (!get(cycle, "lecture", "RecordedAt")) return "lecture";
  if (!get(cycle, "reflection", "ClosedAt")) return "reflection";
  return "done";
}
