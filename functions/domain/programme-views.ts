import type { CycleView, MeasurementView, ProgrammeView, RecordedStage, RoundStage, SessionView, StageRoundView } from "../../shared/schemas";
import type { Deps } from "../adapters/ports";
import { get, getList, isSkipped, type StoredCycle } from "../stores/cycles";
import type { StoredRound } from "../stores/rounds";
import { currentStage, getProgramme, listCycles } from "./programme-lookups";

/** What the programme's pages show: the programme with its measurements and each cycle's state. */
export async function roundOrUndefined(deps: Deps, roundId: string | undefined): Promise<StoredRound | undefined> {
  return roundId ? deps.stores.rounds.get(roundId) : undefined;
}

function sessionView(cycle: StoredCycle, stage: RecordedStage): SessionView {
  return {
    noticeSentAt: get(cycle, stage, "NoticeSentAt"),
    recordedAt: get(cycle, stage, "RecordedAt"),
    heldAt: get(cycle, stage, "HeldAt"),
    attendance: getList(cycle, stage, "Attendance") ?? [],
    notes: get(cycle, stage, "Notes"),
    materialUrl: stage === "lecture" ? get(cycle, stage, "MaterialUrl") : undefined,
    facilitatorRemindedAt: get(cycle, stage, "FacilitatorRemindedAt"),
    awaitingRecord: cycle.status === "running" && !get(cycle, stage, "RecordedAt") && !!get(cycle, stage, "Token"),
  };
}

async function stageRoundView(deps: Deps, cycle: StoredCycle, stage: RoundStage): Promise<StageRoundView> {
  const round = await roundOrUndefined(deps, get(cycle, stage, "RoundId"));
  return {
    roundId: round?.id,
    openedAt: get(cycle, stage, "OpenedAt"),
    closedAt: get(cycle, stage, "ClosedAt"),
    skipped: isSkipped(cycle, stage) || undefined,
    invited: round?.invitedCount ?? 0,
    submitted: round?.submittedCount ?? 0,
    summarySentAt: stage === "reflection" ? get(cycle, stage, "SummarySentAt") : undefined,
  };
}

export async function cycleView(deps: Deps, cycle: StoredCycle): Promise<CycleView> {
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
