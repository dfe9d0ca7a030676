import type { ProgrammeReleaseSummary, Round } from "../../shared/schemas";
import { baselineV1, getInstrument, questionsOf } from "../../shared/instruments";
import { protectProgrammeRelease } from "../../shared/indicators/programme-release";
import type { MeasuredParticipant } from "../../shared/indicators/programme-targets";
import { ConflictError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import type { StoredProgramme } from "../stores/programmes";
import type { StoredResponse } from "../stores/responses";
import { cohortPersons, getProgramme } from "./programme-lookups";
import { roundOrUndefined } from "./programme-views";
import { checkInterimAllowed, disclosureRules, parseInterimRequest, releaseStats } from "./releases";

/**
 * Releases of a programme report (shared/indicators/programme-release.ts): the final one when
 * the follow-up closes, interim ones on request while it is open. Interim releases wait for the
 * baseline to close, so that a unit counted once never changes its baseline in a later release.
 */
export async function listProgrammeReleases(deps: Deps, programmeId: string): Promise<ProgrammeReleaseSummary[]> {
  await getProgramme(deps, programmeId);
  return deps.stores.programmeReleases.list(programmeId);
}

export async function requestInterimProgrammeRelease(deps: Deps, programmeId: string, input: unknown): Promise<ProgrammeReleaseSummary> {
  parseInterimRequest(input);
  const programme = await getProgramme(deps, programmeId);
  const [baseline, followUp] = await Promise.all([roundOrUndefined(deps, programme.baselineRoundId), roundOrUndefined(deps, programme.followUpRoundId)]);
  if (!followUp || followUp.status !== "open")
    throw new ConflictError("follow-up-not-open", "An interim report is made while the follow-up is open; the final one comes when it closes.");
  if (baseline && baseline.status !== "closed")
    throw new ConflictError("baseline-not-closed", "An interim report is made once the baseline has closed, so that no later baseline answer changes what it counted.");
  const existing = await deps.stores.programmeReleases.list(programmeId);
  checkInterimAllowed(existing, { finalCode: "programme-released", finalMessage: "The programme's final report is made.", noun: "A programme report" });
  return makeProgrammeRelease(deps, programme, "interim", existing, baseline);
}

/**
 * The final release when the round that closed is a programme's follow-up, once (the round
 * workflow's Aggregate step calls it again harmlessly); undefined for any other round.
 */
export async function publishFinalProgrammeRelease(deps: Deps, round: Round): Promise<ProgrammeReleaseSummary | undefined> {
  if (!round.programmeId) return undefined;
  const programme = await getProgramme(deps, round.programmeId);
  if (programme.followUpRoundId !== round.id) return undefined;
  const existing = await deps.stores.programmeReleases.list(programme.id);
  const final = existing.find((r) => r.kind === "final");
  if (final) return final;
  return makeProgrammeRelease(deps, programme, "final", existing, await roundOrUndefined(deps, programme.baselineRoundId));
}

async function responsesOf(deps: Deps, roundId: string | undefined, cutoff: string): Promise<Map<string, StoredResponse>> {
  if (!roundId) return new Map();
  const items = await deps.stores.responses.list(roundId, { consistent: true });
  return new Map(items.filter((r) => r.submittedAt <= cutoff).map((r) => [r.personId, r]));
}

const measured = (r: StoredResponse | undefined) => r && { answers: r.answers, submittedAt: r.submittedAt, sni: r.sni, sizeClass: r.sizeClass };

async function makeProgrammeRelease(
  deps: Deps,
  programme: StoredProgramme,
  kind: ProgrammeReleaseSummary["kind"],
  existing: ProgrammeReleaseSummary[],
  baselineRound: Round | undefined,
): Promise<ProgrammeReleaseSummary> {
  const started = Date.now();
  const cutoff = deps.clock().toISOString();
  const [persons, baseline, followUp, organisations] = await Promise.all([
    cohortPersons(deps, programme),
    responsesOf(deps, programme.baselineRoundId, cutoff),
    responsesOf(deps, programme.followUpRoundId, cutoff),
    Promise.all(programme.organisationIds.map((id) => deps.stores.organisations.get(id))),
  ]);
  const orgById = new Map(organisations.filter((o) => o !== undefined).map((o) => [o.id, o]));
  // A person no longer registered (erased) still counts through the responses kept under their
  // id, so that a unit of an earlier release never drops out of a later one.
  const registered = new Map(persons.map((p) => [p.id, p]));
  const participants: MeasuredParticipant[] = programme.personIds.flatMap((id) => {
    const p = registered.get(id);
    const b = baseline.get(id);
    const f = followUp.get(id);
    const organisationId = p?.organisationId ?? f?.organisationId ?? b?.organisationId;
    if (!organisationId) return [];
    const org = orgById.get(organisationId);
    return [
      {
        personId: id,
        organisationId,
        gender: p?.gender,
        ageBand: p?.ageBand,
        organisation: org && { sni: org.sni, sizeClass: org.sizeClass },
        baseline: measured(b),
        followUp: measured(f),
      },
    ];
  });
  const baselineInstrument = baselineRound ? getInstrument(baselineRound.instrumentId, baselineRound.instrumentVersion) : baselineV1;
  const baselineQuestions = new Set(programme.baselineRoundId && baselineInstrument ? questionsOf(baselineInstrument).map((q) => q.id) : []);
  const earlier = existing.filter((r) => r.status === "published");
  const states = await Promise.all(earlier.map((r) => deps.stores.programmeReleases.state(programme.id, r.number)));
  const rules = disclosureRules(deps);
  const result = await protectProgrammeRelease({
    targets: programme.targets,
    participants,
    comparable: (q) => baselineQuestions.has(q),
    rules,
    earlier: states,
  });
  const withheld = result.findings.length > 0;
  const summary: ProgrammeReleaseSummary = {
    programmeId: programme.id,
    number: (existing.at(-1)?.number ?? 0) + 1,
    kind,
    status: withheld ? "withheld" : "published",
    cutoff,
    createdAt: deps.clock().toISOString(),
    respondents: result.respondents,
    rules,
    ...(withheld
      ? { withheldReason: "The audit found that combining this report with what is already published could single out a participant, so it is not shown." }
      : {}),
    stats: releaseStats(result.stats, started),
  };
  if (!(await deps.stores.programmeReleases.put(summary, withheld ? [] : result.targets, result.state)))
    throw new ConflictError("release-conflict", "Another report of the programme was made at the same time; try again.");
  return summary;
}
