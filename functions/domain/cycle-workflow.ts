import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { CYCLE_STAGES, type RecordedStage, type Round, type RoundStage, type CycleStage } from "../../shared/schemas";
import type { StoredInvitation } from "./forms";
import { isConditionFailure, queryPrefix, unlessAlreadyDone } from "../adapters/dynamodb";
import type { Deps } from "../adapters/ports";
import { keys } from "./keys";
import { aggregate, close, invite, remind } from "./round-workflow";
import { getRound } from "./rounds";
import {
  cohortPersons,
  currentStage,
  field,
  get,
  getCycle,
  getProgramme,
  isRecordedStage,
  sessionTimes,
  stageDeadline,
  stageRoundId,
  type StoredCycle,
} from "./programme-store";
import { cohortNoticeMail, facilitatorReminderMail, reflectionSummaryMail } from "./programme-mail-texts";

/**
 * The learning cycle's workflow tasks (infra/constructs/learning-cycle-state-machine.ts). Like the
 * survey round's, each is idempotent and reads the time from the clock, and every wait is an
 * absolute time, so an execution can be started again from the top at any moment and reach the
 * same state: no second notice, reminder, invitation or summary.
 *
 * plan() walks the four stages in order and returns the first thing to do:
 *   workshop / lecture   wait until the notice time (noticeDaysBefore ahead) -> notify the cohort
 *                        -> await the facilitator's record until it is due (recordWithinHours after
 *                        the session) -> remind the facilitator -> await until overdue
 *                        (facilitatorGraceHours later) -> overdue (the cycle fails visibly)
 *   assignment /         open (create the stage's round, invite the cohort) -> remind those who
 *   reflection           have not submitted at each reminder time -> close at the deadline or as
 *                        soon as everyone has submitted (the reflection's close mails the
 *                        facilitator a summary); a stage whose deadline passed before it could
 *                        open is closed as skipped, nobody invited
 *   then                 complete
 * A session recorded before its stage comes is not announced any more.
 */
export type CyclePlan = {
  next: "wait" | "notify" | "await" | "remind-facilitator" | "overdue" | "open" | "remind" | "close" | "complete";
  stage?: CycleStage;
  /** For wait: the absolute time to wake up. */
  at?: string;
  /** For await: seconds until the record is due (or overdue), at most MAX_WAIT_SECONDS. */
  timeoutSeconds?: number;
  /** For remind: the reminder's scheduled time. */
  reminderAt?: string;
};

/** The AwaitRecord task's error when the session was recorded before the task registered its token. */
export class AlreadyRecordedError extends Error {
  constructor(stage: string) {
    super(`The ${stage} is already recorded.`);
    this.name = "AlreadyRecorded";
  }
}

const DEFAULT_POLL_SECONDS = 900;
const NOT_ANSWERING = new Set(["opted-out", "bounced"]);
const iso = (t: number) => new Date(t).toISOString();

function link(deps: Deps, path: string) {
  return `${deps.siteUrl.replace(/\/$/, "")}${path}`;
}

async function invitationsOf(deps: Deps, roundId: string): Promise<StoredInvitation[]> {
  return queryPrefix<StoredInvitation>(deps.table, keys.round(roundId).pk, keys.prefix.invitation, { consistent: true });
}

export async function planCycle(deps: Deps, programmeId: string, n: number): Promise<CyclePlan> {
  const cycle = await getCycle(deps, programmeId, n);
  if (cycle.status === "done") return { next: "complete" };
  const schedule = cycle.schedule;
  if (!schedule) throw new Error(`Cycle ${n} has no schedule`);
  const now = deps.clock().getTime();
  const cap = deps.maxWaitSeconds * 1000;
  const waitUntil = (t: number): CyclePlan => ({ next: "wait", at: iso(Math.min(t, now + cap)) });

  for (const stage of CYCLE_STAGES) {
    if (isRecordedStage(stage)) {
      if (get(cycle, stage, "RecordedAt")) continue;
      const t = sessionTimes(schedule, stage);
      if (!get(cycle, stage, "NoticeSentAt")) return now < t.noticeAt ? waitUntil(t.noticeAt) : { next: "notify", stage };
      const awaitUntil = (until: number): CyclePlan => ({
        next: "await",
        stage,
        timeoutSeconds: Math.max(1, Math.min(Math.ceil((until - now) / 1000), deps.maxWaitSeconds)),
      });
      if (now < t.dueAt) return awaitUntil(t.dueAt);
      if (!get(cycle, stage, "FacilitatorRemindedAt")) return { next: "remind-facilitator", stage };
      if (now < t.overdueAt) return awaitUntil(t.overdueAt);
      return { next: "overdue", stage };
    }
    if (get(cycle, stage, "ClosedAt")) continue;
    const deadline = stageDeadline(schedule, stage);
    if (!get(cycle, stage, "OpenedAt")) return { next: now >= deadline ? "close" : "open", stage };
    if (now >= deadline) return { next: "close", stage };
    const roundId = get<string>(cycle, stage, "RoundId")!;
    const answering = (await invitationsOf(deps, roundId)).filter((i) => !NOT_ANSWERING.has(i.status));
    if (answering.length > 0 && answering.every((i) => i.status === "submitted")) return { next: "close", stage };
    const round = await getRound(deps, roundId);
    const pending = round.reminders.filter((r) => !(round.remindersDone ?? []).includes(r));
    const due = pending.find((r) => Date.parse(r) <= now);
    if (due) return { next: "remind", stage, reminderAt: due };
    const upcoming = pending.map(Date.parse).filter((t) => t > now);
    return waitUntil(Math.min(...upcoming, deadline, now + (deps.cyclePollSeconds ?? DEFAULT_POLL_SECONDS) * 1000));
  }
  return { next: "complete" };
}

function recordedStage(stage: unknown): RecordedStage {
  if (stage !== "workshop" && stage !== "lecture") throw new Error(`Not a recorded stage: ${String(stage)}`);
  return stage;
}
function roundStage(stage: unknown): RoundStage {
  if (stage !== "assignment" && stage !== "reflection") throw new Error(`Not a round stage: ${String(stage)}`);
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
    if ((get<string[]>(cycle, stage, "Noticed") ?? []).includes(person.id)) continue;
    try {
      await deps.table.doc.send(
        new UpdateCommand({
          TableName: deps.table.name,
          Key: keys.cycle(programmeId, n),
          UpdateExpression: "SET #l = list_append(if_not_exists(#l, :empty), :p)",
          ConditionExpression: "NOT contains(#l, :pv)",
          ExpressionAttributeNames: { "#l": listName },
          ExpressionAttributeValues: { ":empty": [], ":p": [person.id], ":pv": person.id },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) continue;
      throw error;
    }
    await deps.mailer.send({
      idempotencyKey: `cycle-notice-${programmeId}-${n}-${stage}-${person.id}`,
      to: person.email,
      kind: "cohort-notice",
      programmeId,
      ...cohortNoticeMail(programme, n, stage, at, person),
    });
    notified++;
  }
  await setOnce(deps, programmeId, n, field(stage, "NoticeSentAt"), deps.clock().toISOString());
  return { notified };
}

/** SET attribute = value unless it is set already. */
async function setOnce(deps: Deps, programmeId: string, n: number, attribute: string, value: unknown) {
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.cycle(programmeId, n),
      UpdateExpression: "SET #a = if_not_exists(#a, :v)",
      ExpressionAttributeNames: { "#a": attribute },
      ExpressionAttributeValues: { ":v": value },
    }),
  );
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
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.cycle(programmeId, n),
        UpdateExpression: "SET #t = :t, #ta = :now",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#r)",
        ExpressionAttributeNames: { "#t": field(stage, "Token"), "#ta": field(stage, "TokenAt"), "#r": field(stage, "RecordedAt") },
        ExpressionAttributeValues: { ":t": token, ":now": deps.clock().toISOString() },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new AlreadyRecordedError(stage);
    throw error;
  }
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
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.cycle(programmeId, n),
        UpdateExpression: "SET #m = :now",
        ConditionExpression: "attribute_not_exists(#m) AND attribute_not_exists(#r)",
        ExpressionAttributeNames: { "#m": field(stage, "FacilitatorRemindedAt"), "#r": field(stage, "RecordedAt") },
        ExpressionAttributeValues: { ":now": deps.clock().toISOString() },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return { reminded: false };
    throw error;
  }
  const programme = await getProgramme(deps, programmeId);
  await deps.mailer.send({
    idempotencyKey: `cycle-facilitator-${programmeId}-${n}-${stage}`,
    to: programme.facilitator.email,
    kind: "facilitator-notice",
    programmeId,
    ...facilitatorReminderMail(programme, n, stage, t.overdueAt, link(deps, `/owner/programmes/${programmeId}/cycles/${n}`)),
  });
  return { reminded: true };
}

/**
 * Opens the home assignment or the reflection: the stage's round (one id per programme, cycle and
 * stage, created once) with the cohort as recipients, invited through the survey round's own
 * invite task. Runs again until every invitation is out.
 */
export async function openStage(deps: Deps, programmeId: string, n: number, stageName: unknown): Promise<{ invited: number; complete: boolean }> {
  const stage = roundStage(stageName);
  const cycle = await getCycle(deps, programmeId, n);
  if (get(cycle, stage, "OpenedAt")) return { invited: 0, complete: true };
  if (!cycle.schedule) throw new Error(`Cycle ${n} has no schedule`);
  const programme = await getProgramme(deps, programmeId);
  const roundId = stageRoundId(programmeId, n, stage);
  const now = deps.clock().toISOString();
  const deadline = iso(stageDeadline(cycle.schedule, stage));
  const reminders = (stage === "assignment" ? cycle.schedule.assignmentReminders : cycle.schedule.reflectionReminders).filter(
    (r) => r > now && r < deadline,
  );
  const defaultText =
    stage === "assignment"
      ? {
          sv: `Här är länken till hemuppgiften i lärcykel ${n} av ${programme.name}. Berätta vad du gjorde och vad det gav.`,
          en: `Here is the link to the home assignment of learning cycle ${n} of ${programme.name}. Tell us what you did and what came of it.`,
        }
      : {
          sv: `Lärcykel ${n} av ${programme.name} går mot sitt slut. Berätta vad du har lärt dig och vad du kommer att göra annorlunda i ditt arbete.`,
          en: `Learning cycle ${n} of ${programme.name} is coming to an end. Tell us what you have learned and what you will do differently at work.`,
        };
  const round: Round = {
    id: roundId,
    name: `${programme.name}, cykel ${n}: ${stage === "assignment" ? "hemuppgift" : "reflektion"}`,
    instrumentId: stage === "assignment" ? "home-assignment" : "reflection",
    instrumentVersion: 1,
    opensAt: now,
    closesAt: deadline,
    reminders,
    recipients: { organisationIds: programme.organisationIds, personIds: programme.personIds },
    invitationText: (stage === "assignment" ? cycle.schedule.assignmentText : undefined) ?? defaultText,
    status: "scheduled",
    createdAt: now,
    createdBy: programme.facilitator.email,
    launchedAt: now,
    invitedCount: 0,
    submittedCount: 0,
    programmeId,
    cycle: n,
    purpose: stage === "assignment" ? "home-assignment" : "reflection",
  };
  // Not in the ROUNDS index: the programme's pages show it, the owners' round list does not.
  await unlessAlreadyDone(
    deps.table.doc.send(
      new PutCommand({
        TableName: deps.table.name,
        Item: { ...keys.round(roundId), type: "round", ...round, remindersDone: [], launchCount: 0 },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
  await setOnce(deps, programmeId, n, field(stage, "RoundId"), roundId);
  const result = await invite(deps, roundId);
  if (result.complete) await setOnce(deps, programmeId, n, field(stage, "OpenedAt"), deps.clock().toISOString());
  return result;
}

/** The stage round's reminder due at `reminderAt`, to those who have not submitted (the survey round's remind task). */
export async function remindStage(deps: Deps, programmeId: string, n: number, stageName: unknown, reminderAt: unknown): Promise<{ reminded: number }> {
  const stage = roundStage(stageName);
  if (typeof reminderAt !== "string") throw new Error("reminderAt missing from task input");
  const cycle = await getCycle(deps, programmeId, n);
  const roundId = get<string>(cycle, stage, "RoundId");
  if (!roundId) return { reminded: 0 };
  return remind(deps, roundId, reminderAt);
}

/**
 * Ends the home assignment or the reflection: closes and aggregates its round; the reflection's
 * close also mails the facilitator a summary of the cycle (once). A stage that never opened is
 * closed as skipped.
 */
export async function closeStage(deps: Deps, programmeId: string, n: number, stageName: unknown): Promise<{ closed: true }> {
  const stage = roundStage(stageName);
  const cycle = await getCycle(deps, programmeId, n);
  if (get(cycle, stage, "ClosedAt")) return { closed: true };
  const roundId = get<string>(cycle, stage, "RoundId");
  if (roundId) {
    await close(deps, roundId);
    await aggregate(deps, roundId);
  } else await setOnce(deps, programmeId, n, field(stage, "Skipped"), true);
  if (stage === "reflection") await sendSummary(deps, cycle);
  await setOnce(deps, programmeId, n, field(stage, "ClosedAt"), deps.clock().toISOString());
  return { closed: true };
}

async function roundCounts(deps: Deps, roundId: string | undefined) {
  if (!roundId) return { invited: 0, submitted: 0 };
  const invitations = await invitationsOf(deps, roundId);
  return { invited: invitations.length, submitted: invitations.filter((i) => i.status === "submitted").length };
}

async function sendSummary(deps: Deps, cycle: StoredCycle) {
  const { programmeId, cycle: n } = cycle;
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.cycle(programmeId, n),
        UpdateExpression: "SET reflectionSummarySentAt = :now",
        ConditionExpression: "attribute_not_exists(reflectionSummarySentAt)",
        ExpressionAttributeValues: { ":now": deps.clock().toISOString() },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return;
    throw error;
  }
  const programme = await getProgramme(deps, programmeId);
  const reflectionRound = get<string>(cycle, "reflection", "RoundId");
  const responses = reflectionRound
    ? await queryPrefix<{ answers: { learned?: string; change?: string }; submittedAt: string }>(deps.table, keys.round(reflectionRound).pk, keys.prefix.response)
    : [];
  const summary = {
    attendance: {
      workshop: (get<string[]>(cycle, "workshop", "Attendance") ?? []).length,
      lecture: (get<string[]>(cycle, "lecture", "Attendance") ?? []).length,
      cohort: programme.personIds.length,
    },
    assignment: await roundCounts(deps, get<string>(cycle, "assignment", "RoundId")),
    reflection: await roundCounts(deps, reflectionRound),
    answers: responses.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).map((r) => ({ learned: r.answers?.learned, change: r.answers?.change })),
  };
  await deps.mailer.send({
    idempotencyKey: `cycle-summary-${programmeId}-${n}`,
    to: programme.facilitator.email,
    kind: "facilitator-notice",
    programmeId,
    ...reflectionSummaryMail(programme, n, summary, link(deps, `/owner/programmes/${programmeId}`)),
  });
}

export async function completeCycle(deps: Deps, programmeId: string, n: number): Promise<{ status: "done" }> {
  await unlessAlreadyDone(
    deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.cycle(programmeId, n),
        UpdateExpression: "SET #s = :done, completedAt = :now REMOVE #e",
        ConditionExpression: "attribute_exists(pk) AND #s <> :done",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":done": "done", ":now": deps.clock().toISOString() },
      }),
    ),
  );
  return { status: "done" };
}

const STAGE_NAMES: Record<CycleStage, string> = { workshop: "workshop", assignment: "home assignment", lecture: "lecture", reflection: "reflection" };

/** The error state the facilitator sees on the cycle: what stopped, never the internals of why. */
export async function markCycleFailed(deps: Deps, programmeId: string, n: number, error: { Error?: string } | undefined): Promise<{ status: "error" }> {
  let cycle: StoredCycle;
  try {
    cycle = await getCycle(deps, programmeId, n);
  } catch {
    return { status: "error" };
  }
  const stage = currentStage(cycle);
  const message =
    error?.Error === "RecordOverdue" && (stage === "workshop" || stage === "lecture")
      ? `The ${STAGE_NAMES[stage]} of cycle ${n} was not recorded in time. Record it, then start the cycle again to carry on.`
      : `The cycle's workflow stopped${stage !== "done" ? ` at the ${STAGE_NAMES[stage]}` : ""} (${String(error?.Error ?? "unknown error").slice(0, 80)}). Operations has been alerted; starting the cycle again resumes where it stopped.`;
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.cycle(programmeId, n),
      UpdateExpression: "SET #s = :error, #e = :message, failedAt = :now",
      ExpressionAttributeNames: { "#s": "status", "#e": "error" },
      ExpressionAttributeValues: { ":error": "error", ":message": message, ":now": deps.clock().toISOString() },
    }),
  );
  return { status: "error" };
}
