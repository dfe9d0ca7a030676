import {
  CreateRoundRequest,
  RESULT_DIMENSIONS,
  RoundPreviewRequest,
  isAnonymous,
  type InvitationList,
  type InvitationView,
  type ResultDimension,
  type Round,
  type RoundPreview,
  type RoundStatusView,
  type SegmentRate,
} from "../../shared/schemas";
import { latestVersion, unitOf } from "../../shared/instruments";
import { useInstrumentVersion } from "./instrument-versions";
import { ConflictError, NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import type { StoredRound } from "../stores/rounds";
import type { AggregateItem } from "../stores/aggregates";
import type { StoredInvitation } from "../stores/invitations";
import { newId } from "./tokens";
import { listOrganisations, listPersons } from "./organisations";
import { invitationMail } from "./mail-texts";
import { designatedRespondent, matchesRecipients } from "./recipients";
import { compareSegments, segmentLabel } from "./segments";
import { siteLink } from "./links";
import { formLinkPath } from "../../shared/form-link";
import { assertCanSendMail } from "./mail-account";
import { requireProject, type Owner } from "./owner";

/** A new round of the project the API resolved (the body's `projectId`, or the caller's only project). */
export async function createRound(deps: Deps, input: unknown, owner: Pick<Owner, "email" | "projectId">): Promise<Round> {
  const parsed = CreateRoundRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  const req = { ...parsed.data, instrumentVersion: parsed.data.instrumentVersion ?? latestVersion(parsed.data.instrumentId) };
  const projectId = requireProject(owner);
  // Last of the checks: choosing a region's own version fixes it for good (instrument-versions.ts).
  if (!(await useInstrumentVersion(deps, req.instrumentId, req.instrumentVersion)))
    throw new ValidationError("There is no such instrument.", [{ path: "instrumentId", message: "error.instrument.unknown" }]);
  const now = deps.clock().toISOString();
  const round: Round = {
    id: newId(),
    projectId,
    name: req.name,
    instrumentId: req.instrumentId,
    instrumentVersion: req.instrumentVersion,
    referenceYear: req.referenceYear ?? new Date(req.closesAt).getUTCFullYear(),
    opensAt: new Date(req.opensAt).toISOString(),
    closesAt: new Date(req.closesAt).toISOString(),
    reminders: req.reminders.map((r) => new Date(r).toISOString()).sort(),
    recipients: req.recipients,
    invitationText: req.invitationText,
    status: "draft",
    createdAt: now,
    createdBy: owner.email,
    invitedCount: 0,
    submittedCount: 0,
  };
  // A fresh random id: a round with it already there is a fault, not the owner's conflict.
  if (!(await deps.stores.rounds.createIfAbsent(round, { listed: true }))) throw new Error("A new round's id is taken");
  return round;
}

export async function getRound(deps: Deps, roundId: string): Promise<StoredRound> {
  const round = await deps.stores.rounds.get(roundId);
  if (!round) throw new NotFoundError("No round with that id.");
  return round;
}

/** The listed rounds of these projects. */
export async function listRounds(deps: Deps, projectIds: readonly string[]): Promise<Round[]> {
  const wanted = new Set(projectIds);
  return (await deps.stores.rounds.list()).filter((r) => wanted.has(r.projectId));
}

/** Launch: draft -> scheduled, then one execution for the round. */
/** A home assignment or reflection round: its learning cycle's execution opens, reminds and closes it, no execution of its own. */
function isCycleRound(round: StoredRound): boolean {
  return round.programmeId !== undefined && round.cycle !== undefined;
}

export async function launchRound(deps: Deps, roundId: string): Promise<Round> {
  const round = await getRound(deps, roundId);
  if (isCycleRound(round))
    throw new ConflictError("round-driven-by-cycle", "This round is a stage of a learning cycle; starting the cycle runs it. Manage it on the programme's page.");
  if (round.status === "error") return resumeRound(deps, round);
  if (round.status !== "draft") throw new ConflictError("round-not-draft", "The round has already been launched.");
  if (Date.parse(round.closesAt) <= deps.clock().getTime())
    throw new ValidationError("The closing time has passed; change it before launching.", [{ path: "closesAt", message: "error.closesInPast" }]);
  await assertCanSendMail(deps);
  if (!(await deps.stores.rounds.markLaunched(roundId, deps.clock().toISOString())))
    throw new ConflictError("round-not-draft", "The round has already been launched.");
  await startExecution(deps, roundId, round.launchCount + 1);
  return getRound(deps, roundId);
}

/** A round whose workflow failed is started again from the top; the idempotent tasks carry on where it stopped. */
async function resumeRound(deps: Deps, round: StoredRound): Promise<Round> {
  const status = deps.clock().getTime() >= Date.parse(round.opensAt) && round.invitationsComplete ? "open" : "scheduled";
  const attempt = round.launchCount + 1;
  if (!(await deps.stores.rounds.markResumed(round.id, status, attempt, round.launchCount)))
    throw new ConflictError("round-not-failed", "The round is no longer in an error state.");
  if (round.executionArn) await deps.workflows.stop(round.executionArn);
  await startExecution(deps, round.id, attempt);
  return getRound(deps, round.id);
}

async function startExecution(deps: Deps, roundId: string, attempt: number): Promise<void> {
  const executionArn = await deps.workflows.start(roundId, attempt);
  await deps.stores.rounds.setExecution(roundId, executionArn, attempt);
}

/**
 * Early close: recorded on the round, then the execution starts again from the top. Its Plan
 * sees the request and goes straight to Close, Aggregate and Notify.
 */
export async function closeRound(deps: Deps, roundId: string): Promise<Round> {
  const round = await getRound(deps, roundId);
  if (isCycleRound(round))
    throw new ConflictError("round-driven-by-cycle", "This round is a stage of a learning cycle; it closes with its stage. Manage it on the programme's page.");
  if (round.status === "draft") throw new ConflictError("round-not-launched", "The round has not been launched; there is nothing to close.");
  if (round.status === "closed" || round.status === "closing") throw new ConflictError("round-closed", "The round is already closed.");
  const attempt = round.launchCount + 1;
  if (!(await deps.stores.rounds.requestClose(roundId, deps.clock().toISOString(), attempt, round.launchCount)))
    throw new ConflictError("round-closed", "The round is already closed.");
  if (round.executionArn) await deps.workflows.stop(round.executionArn);
  await startExecution(deps, roundId, attempt);
  return getRound(deps, roundId);
}

function rate(segment: string, label: string, a?: AggregateItem): SegmentRate {
  const invited = a?.counters.invited ?? 0;
  const submitted = a?.counters.submitted ?? 0;
  return { segment, label, invited, opened: a?.counters.opened ?? 0, submitted, responseRate: invited ? submitted / invited : 0 };
}

export async function roundStatus(deps: Deps, roundId: string): Promise<RoundStatusView> {
  const round = await getRound(deps, roundId);
  const [all, industry, municipality, size] = await Promise.all(
    ["all", "industry", "municipality", "size"].map((d) => deps.stores.aggregates.list(roundId, d)),
  );
  // An anonymous round's rates per segment would tell, as answers come in, whose answer is the newest.
  const rows = (items: AggregateItem[], dim: ResultDimension) =>
    isAnonymous(round) ? [] : items.map((a) => rate(a.value, segmentLabel(dim, a.value), a)).sort(compareSegments(dim));
  const { remindersDone: _r, launchCount: _l, executionArn: _e, invitationsComplete: _i, inviteCursor: _c, reminderCursor: _rc, inviteStartedAt: _is, ...visible } = round;
  return {
    ...visible,
    unit: unitOf(round),
    rates: {
      total: rate("all", "Alla", all[0]),
      byIndustry: rows(industry, "industry"),
      byMunicipality: rows(municipality, "municipality"),
      bySize: rows(size, "size"),
    },
  };
}

export function parseDimension(by: string | undefined): ResultDimension {
  if (by && (RESULT_DIMENSIONS as readonly string[]).includes(by)) return by as ResultDimension;
  throw new ValidationError(`Choose results by one of: ${RESULT_DIMENSIONS.join(", ")}.`, [{ path: "by", message: "error.option" }]);
}

const INVITATION_FILTERS = ["all", "pending", "submitted"] as const;

/**
 * The round's invitations, for the owner's "who has not answered" list, with the counts. An
 * anonymous round lists nobody: who has answered would tie the answers to persons.
 */
export async function listInvitations(deps: Deps, roundId: string, status = "all"): Promise<InvitationList> {
  if (!(INVITATION_FILTERS as readonly string[]).includes(status))
    throw new ValidationError(`Choose status one of: ${INVITATION_FILTERS.join(", ")}.`, [{ path: "status", message: "error.option" }]);
  const round = await getRound(deps, roundId);
  const all = await deps.stores.invitations.list(roundId);
  const counts = { invited: all.length, submitted: all.filter((i) => i.status === "submitted").length };
  if (isAnonymous(round)) return { anonymous: true, counts, items: [] };
  const items = all
    .filter((i) => status === "all" || (status === "submitted") === (i.status === "submitted"))
    .map(invitationView)
    .sort((a, b) => a.orgName.localeCompare(b.orgName, "sv"));
  return { anonymous: false, counts, items };
}

/** An invitation as the owner's pages show it. */
export function invitationView(i: StoredInvitation): InvitationView {
  return {
    personId: i.personId,
    name: i.name,
    email: i.email,
    orgName: i.orgName,
    orgNumber: i.orgNumber,
    municipality: i.municipality,
    sni: i.sni,
    status: i.status,
    sentAt: i.sentAt,
    openedAt: i.openedAt,
    submittedAt: i.submittedAt,
    remindersSent: i.remindersSent ?? [],
  };
}

/** Who a round would reach and the mail they would get, before the round exists. */
export async function previewRound(deps: Deps, input: unknown): Promise<RoundPreview> {
  const parsed = RoundPreviewRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  const req = { ...parsed.data, instrumentVersion: parsed.data.instrumentVersion ?? latestVersion(parsed.data.instrumentId) };
  const orgs = (await listOrganisations(deps)).filter((o) => matchesRecipients(req.recipients, o));
  const contacts = await Promise.all(orgs.map((o) => listPersons(deps, o.id)));
  // A round that counts organisations reaches each organisation's designated respondent only.
  const persons = unitOf(req) === "organisation" ? contacts.flatMap((c) => designatedRespondent(c) ?? []) : contacts.flat();
  const round = {
    name: req.name || "…",
    closesAt: req.closesAt ?? new Date(deps.clock().getTime() + 21 * 86400_000).toISOString(),
    invitationText: req.invitationText,
  } as Round;
  const sample = (language: "sv" | "en") =>
    invitationMail(round, { name: persons[0]?.name ?? "Anna Andersson", orgName: orgs[0]?.name ?? "Exempelbolaget AB", language }, siteLink(deps, formLinkPath("…")));
  return { recipients: { organisations: orgs.length, persons: persons.length }, mail: { sv: sample("sv"), en: sample("en") } };
}
