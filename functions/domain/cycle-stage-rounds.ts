import type { Round, RoundStage } from "../../shared/schemas";
import type { Deps } from "../adapters/ports";
import { field, get, getList, type StoredCycle } from "../stores/cycles";
import { aggregate, close } from "./round-workflow";
import { invite, remind } from "./round-mailing";
import { getCycle, getProgramme, stageDeadline, stageRoundId } from "./programme-lookups";
import { reflectionSummaryMail } from "./programme-mail-texts";
import { siteLink } from "./links";

/**
 * The learning cycle's tasks for the stages participants answer (home assignment, reflection):
 * each is a round of its own, opened, reminded and closed through the survey round's tasks.
 */
const iso = (t: number) => new Date(t).toISOString();

export function roundStage(stage: unknown): RoundStage {
  if (stage !== "assignment" && stage !== "reflection") throw new Error(`Not a round stage: ${String(stage)}`);
  return stage;
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
    projectId: programme.projectId,
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
  await deps.stores.rounds.createIfAbsent(round, { listed: false });
  await deps.stores.cycles.setOnce(programmeId, n, field(stage, "RoundId"), roundId);
  const result = await invite(deps, roundId);
  if (result.complete) await deps.stores.cycles.setOnce(programmeId, n, field(stage, "OpenedAt"), deps.clock().toISOString());
  return result;
}

/** The stage round's reminder due at `reminderAt`, to those who have not submitted (the survey round's remind task). */
export async function remindStage(deps: Deps, programmeId: string, n: number, stageName: unknown, reminderAt: unknown): Promise<{ reminded: number }> {
  const stage = roundStage(stageName);
  if (typeof reminderAt !== "string") throw new Error("reminderAt missing from task input");
  const cycle = await getCycle(deps, programmeId, n);
  const roundId = get(cycle, stage, "RoundId");
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
  const roundId = get(cycle, stage, "RoundId");
  if (roundId) {
    await close(deps, roundId);
    await aggregate(deps, roundId);
  } else await deps.stores.cycles.setOnce(programmeId, n, field(stage, "Skipped"), true);
  if (stage === "reflection") await sendSummary(deps, cycle);
  await deps.stores.cycles.setOnce(programmeId, n, field(stage, "ClosedAt"), deps.clock().toISOString());
  return { closed: true };
}

async function roundCounts(deps: Deps, roundId: string | undefined) {
  if (!roundId) return { invited: 0, submitted: 0 };
  const invitations = await deps.stores.invitations.list(roundId, { consistent: true });
  return { invited: invitations.length, submitted: invitations.filter((i) => i.status === "submitted").length };
}

/** A free-text answer as the summary quotes it; anything else is left out. */
function textAnswer(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

async function sendSummary(deps: Deps, cycle: StoredCycle) {
  const { programmeId, cycle: n } = cycle;
  if (!(await deps.stores.cycles.markSummarySent(programmeId, n, deps.clock().toISOString()))) return;
  const programme = await getProgramme(deps, programmeId);
  const reflectionRound = get(cycle, "reflection", "RoundId");
  const responses = reflectionRound
    ? await deps.stores.responses.list(reflectionRound)
    : [];
  const summary = {
    attendance: {
      workshop: (getList(cycle, "workshop", "Attendance") ?? []).length,
      lecture: (getList(cycle, "lecture", "Attendance") ?? []).length,
      cohort: programme.personIds.length,
    },
    assignment: await roundCounts(deps, get(cycle, "assignment", "RoundId")),
    reflection: await roundCounts(deps, reflectionRound),
    // Ordered by the answers, not by who answered when: the reflections are anonymous.
    answers: responses
      .map((r) => ({ learned: textAnswer(r.answers.learned), change: textAnswer(r.answers.change) }))
      .sort((a, b) => `${a.learned ?? ""}\u0000${a.change ?? ""}`.localeCompare(`${b.learned ?? ""}\u0000${b.change ?? ""}`, "sv")),
  };
  await deps.mailer.send({
    idempotencyKey: `cycle-summary-${programmeId}-${n}`,
    to: programme.facilitator.email,
    kind: "facilitator-notice",
    programmeId,
    ...reflectionSummaryMail(programme, n, summary, siteLink(deps, `/owner/programmes/${programmeId}`)),
  });
}
