import type { FeedbackView } from "../../shared/schemas/feedback";
import { getInstrument, unitOf } from "../../shared/instruments";
import { segmentsOf } from "../../shared/indicators/contributions";
import { feedbackComparisons } from "../../shared/indicators/feedback-comparisons";
import { planFromAnswers } from "../../shared/indicators/competence-plan";
import { expiryAfter } from "../../shared/retention";
import { ConflictError, GoneError, NotFoundError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { resolve } from "./forms";
import { retentionOf } from "./retention";
import { registeredOfferingsInReach, type OfferingsInReach } from "./feedback-offerings";

const NOT_KEPT = "The answers of this survey are no longer kept, so there is no feedback to show.";

/**
 * A company's feedback from its personal link, once it has submitted and while the round keeps
 * its answers: its answers beside the round's latest published release (never a live figure, never
 * a suppressed cell), and its competence plan. A skills-needs round's only: a learning programme's
 * rounds count persons and have their own report.
 */
export async function getFeedback(deps: Deps, token: string, offerings: OfferingsInReach = registeredOfferingsInReach): Promise<FeedbackView> {
  const { invitation, round, linkExpiresAt } = await resolve(deps, token);
  if (unitOf(round) !== "organisation" || round.programmeId) throw new NotFoundError("This survey has no feedback to show.");
  if (invitation.status !== "submitted") throw new ConflictError("not-submitted", "The feedback is shown once your answers are submitted.");
  const closedAt = round.closedAt ?? (round.status === "closed" ? round.closesAt : undefined);
  const keptUntil = closedAt ? new Date(expiryAfter(closedAt, retentionOf(deps).rawAnswersDays) * 1000).toISOString() : null;
  // The table's TTL sweep may lag behind the expiry: past it, the feedback is gone either way.
  if (keptUntil && keptUntil <= deps.clock().toISOString()) throw new GoneError("answers-not-kept", NOT_KEPT);
  const [response, releases, project] = await Promise.all([
    deps.stores.responses.get(round.id, invitation.personId),
    deps.stores.releases.list(round.id),
    deps.stores.projects.get(round.projectId),
  ]);
  if (!response) throw new GoneError("answers-not-kept", NOT_KEPT);
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  if (!instrument) throw new Error(`Instrument ${round.instrumentId} v${round.instrumentVersion} is missing`);

  const release = releases.filter((r) => r.status === "published").at(-1);
  const segments = segmentsOf(response);
  const at = (dimension: string) => segments.find((s) => s.dimension === dimension)?.value;
  const division = at("industry") ?? "";
  const comparisons = release
    ? feedbackComparisons(
        instrument,
        response.answers,
        { industry: await deps.stores.releases.tables(round.id, release.number, "industry"), section: await deps.stores.releases.tables(round.id, release.number, "section") },
        { division, section: at("section") },
      )
    : [];
  const own = planFromAnswers(instrument, response.answers);
  const inReach = await offerings(deps, {
    municipality: response.municipality,
    county: at("county") ?? "",
    occupations: own.recruitments.map((r) => r.ssyk),
    areas: [...new Set(own.needs.map((n) => n.areaKey))],
  });
  return {
    round: { id: round.id, name: round.name, status: round.status, closesAt: round.closesAt },
    organisation: { name: response.orgName, sni: response.sni, municipality: response.municipality },
    submittedAt: response.submittedAt,
    availableUntil: keptUntil && keptUntil < linkExpiresAt ? keptUntil : linkExpiresAt,
    release: release ? { number: release.number, kind: release.kind, cutoff: release.cutoff, counted: response.submittedAt <= release.cutoff } : null,
    comparisons,
    plan: { ...own, offerings: inReach, contact: { project: project?.name ?? "", email: round.createdBy } },
  };
}
