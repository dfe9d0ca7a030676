import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { CycleSchedule, CycleStatus, CycleStage, Person, Programme, RecordedStage, RoundStage } from "../../shared/schemas";
import { NotFoundError } from "../../shared/errors";
import { queryPrefix } from "../adapters/dynamodb";
import type { Deps } from "../adapters/ports";
import { keys, stripKeys } from "./keys";
import { listPersons } from "./organisations";

/**
 * Programme and cycle items as stored (docs/architecture.md, "Learning programmes"). A cycle's
 * stage fields are flat attributes named `<stage><Field>` (workshopRecordedAt, assignmentRoundId,
 * ...), so every task updates one attribute with a condition and never a nested map.
 */
export type StoredProgramme = Programme;

export type SessionFields = "NoticeSentAt" | "Noticed" | "Token" | "TokenAt" | "RecordedAt" | "HeldAt" | "Attendance" | "Notes" | "MaterialUrl" | "FacilitatorRemindedAt";
export type RoundStageFields = "RoundId" | "OpenedAt" | "ClosedAt" | "Skipped" | "SummarySentAt";

export type StoredCycle = {
  programmeId: string;
  cycle: number;
  status: CycleStatus;
  schedule?: CycleSchedule;
  launchCount: number;
  executionArn?: string;
  startedAt?: string;
  completedAt?: string;
  error?: string;
  failedAt?: string;
} & Record<string, unknown>;

/** The attribute name of a stage field, e.g. field("workshop", "RecordedAt") = "workshopRecordedAt". */
export function field(stage: RecordedStage, name: SessionFields): string;
export function field(stage: RoundStage, name: RoundStageFields): string;
export function field(stage: CycleStage, name: string): string {
  return `${stage}${name}`;
}

export function get<T = string>(cycle: StoredCycle, stage: CycleStage, name: SessionFields | RoundStageFields): T | undefined {
  return cycle[`${stage}${name}`] as T | undefined;
}

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
  const res = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: keys.programme(programmeId), ConsistentRead: true }));
  if (!res.Item) throw new NotFoundError("No programme with that id.");
  return stripKeys(res.Item) as unknown as StoredProgramme;
}

export async function getCycle(deps: Deps, programmeId: string, cycle: number): Promise<StoredCycle> {
  const res = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: keys.cycle(programmeId, cycle), ConsistentRead: true }));
  if (!res.Item) throw new NotFoundError("No such cycle in this programme.");
  return stripKeys(res.Item) as unknown as StoredCycle;
}

export async function listCycles(deps: Deps, programmeId: string): Promise<StoredCycle[]> {
  const items = await queryPrefix<Record<string, unknown>>(deps.table, keys.programme(programmeId).pk, keys.prefix.cycle, { consistent: true });
  return items.map((i) => stripKeys(i) as unknown as StoredCycle).sort((a, b) => a.cycle - b.cycle);
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
