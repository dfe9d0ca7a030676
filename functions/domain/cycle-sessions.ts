import type { RecordedStage } from "../../shared/schemas";
import type { Deps } from "../adapters/ports";
import { field, get, getList } from "../stores/cycles";
import { cohortPersons, getCycle, getProgramme, sessionTimes } from "./programme-lookups";
import { cohortNoticeMail, facilitatorReminderMail } from "./programme-mail-texts";
import { siteLink } from "./links";

/**
 * The learning cycle's tasks for the sessions the facilitator records (workshop, lecture): the
 * cohort's notice, the wait for the record, the facilitator's reminder. Each is idempotent.
 */
/** The AwaitRecord task's error when the session was recorded before the task registered its token. */
export class AlreadyRecordedError extends Error {
  constructor(stage: string) {
    super(`The ${stage} is already recorded.`);
    this.name = "AlreadyRecorded";
  }
}

export function recordedStage(stage: unknown): RecordedStage {
  if (stage !== "workshop" && stage !== "lecture") throw new Error(`Not a recorded stage: ${String(stage)}`);
  return stage;
}

/**
 * Tells every person of the cohort about the workshop or lecture. Each person is marked before
 * the mail goes, so nobody gets the notice twice however often this runs.
 */
export async function notifyCohort(deps: Deps, programmeId: string, n: number, stageName: unknown): Promise<{ notified: number }> {
  const stage = recordedStage(stageName);
  const cycle = await getCycle(deps, programmeId, n);
  if (get(cycle, stage, "NoticeSentAt") || get(cycle, stage, "RecordedAt") || !cycle.schedule) return { notified: 0 };
  const programme = await getProgramme(deps, programmeId);
  const at = stage === "workshop" ? cycle.schedule.workshopAt : cycle.schedule.lectureAt;
  const listName = field(stage, "Noticed");
  let notified = 0;
  for (const person of await cohortPersons(deps, programme)) {
    if ((getList(cycle, stage, "Noticed") ?? []).includes(person.id)) continue;
    if (!(await deps.stores.cycles.appendOnce(programmeId, n, listName, person.id))) continue;
    await deps.mailer.send({
      idempotencyKey: `cycle-notice-${programmeId}-${n}-${stage}-${person.id}`,
      to: person.email,
      kind: "cohort-notice",
      programmeId,
      ...cohortNoticeMail(programme, n, stage, at, person),
    });
    notified++;
  }
  await deps.stores.cycles.setOnce(programmeId, n, field(stage, "NoticeSentAt"), deps.clock().toISOString());
  return { notified };
}

/**
 * The body of the AwaitRecord task (.waitForTaskToken): stores the task token on the cycle, where
 * the programme API finds it when the facilitator records the session and sends it back with
 * SendTaskSuccess. If the session is already recorded, the token is not stored and the task fails
 * with AlreadyRecorded, which the state machine catches to plan again: a record that comes between
 * the plan and this write is never lost.
 */
export async function awaitRecord(deps: Deps, programmeId: string, n: number, stageName: unknown, token: unknown): Promise<{ waiting: true }> {
  const stage = recordedStage(stageName);
  if (typeof token !== "string" || !token) throw new Error("The task token is missing");
  if (!(await deps.stores.cycles.storeTaskToken(programmeId, n, stage, token, deps.clock().toISOString()))) throw new AlreadyRecordedError(stage);
  return { waiting: true };
}

/** Reminds the facilitator once per session, and only once its record is due and still missing. */
export async function remindFacilitator(deps: Deps, programmeId: string, n: number, stageName: unknown): Promise<{ reminded: boolean }> {
  const stage = recordedStage(stageName);
  const cycle = await getCycle(deps, programmeId, n);
  if (!cycle.schedule || get(cycle, stage, "RecordedAt") || get(cycle, stage, "FacilitatorRemindedAt")) return { reminded: false };
  const t = sessionTimes(cycle.schedule, stage);
  // A wait cut short by MAX_WAIT_SECONDS also lands here: nothing is due yet.
  if (deps.clock().getTime() < t.dueAt) return { reminded: false };
  if (!(await deps.stores.cycles.markFacilitatorReminded(programmeId, n, stage, deps.clock().toISOString()))) return { reminded: false };
  const programme = await getProgramme(deps, programmeId);
  await deps.mailer.send({
    idempotencyKey: `cycle-facilitator-${programmeId}-${n}-${stage}`,
    to: programme.facilitator.email,
    kind: "facilitator-notice",
    programmeId,
    ...facilitatorReminderMail(programme, n, stage, t.overdueAt, siteLink(deps, `/owner/programmes/${programmeId}/cycles/${n}`)),
  });
  return { reminded: true };
}
