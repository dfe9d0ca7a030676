import type { Answers, FormView } from "../../shared/schemas";
import { unitOf } from "../../shared/instruments";
import { instrumentOfRound } from "./instrument-registry";
import { answersSchema } from "../../shared/instruments/answers-schema";
import { segmentsOf } from "../../shared/indicators/contributions";
import { ConflictError, GoneError, NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { cancellationCodes, retryOnTransactionConflict } from "../stores/table";
import { isInForce, type StoredInvitation } from "../stores/invitations";
import type { StoredRound } from "../stores/rounds";
import type { TokenSnapshot } from "../stores/tokens";
import { getRound } from "./rounds";
import { hashToken, looksLikeToken } from "./tokens";

const UNKNOWN_LINK = "This link is not valid. It may be mistyped or have expired; contact the person who sent it to you.";
const REPLACED_LINK =
  "This link is no longer in use: your organisation's survey has been passed on to another contact, who answers for the organisation. Contact the person who sent you the link if you have questions.";
const replacedLink = () => new GoneError("link-replaced", REPLACED_LINK);

/** Unknown, malformed and expired tokens are the same 404: the answer never tells which. */
async function resolveToken(deps: Deps, token: string): Promise<TokenSnapshot> {
  return (await resolveTokenItem(deps, token)).snapshot;
}

async function resolveTokenItem(deps: Deps, token: string): Promise<{ snapshot: TokenSnapshot; expiresAt: number }> {
  if (!looksLikeToken(token)) throw new NotFoundError(UNKNOWN_LINK);
  const found = await deps.stores.tokens.get(hashToken(token));
  if (!found || found.expiresAt * 1000 <= deps.clock().getTime()) throw new NotFoundError(UNKNOWN_LINK);
  return found;
}

/** The invitation a personal link leads to (its status as the stored response says), its round, and when the link stops working. */
export async function resolve(deps: Deps, token: string): Promise<{ invitation: StoredInvitation; round: StoredRound; linkExpiresAt: string }> {
  const { snapshot, expiresAt } = await resolveTokenItem(deps, token);
  const [stored, round, submittedAt] = await Promise.all([
    deps.stores.invitations.get(snapshot.roundId, snapshot.personId),
    getRound(deps, snapshot.roundId),
    deps.stores.responses.submittedAt(snapshot.roundId, snapshot.personId),
  ]);
  // Each mail (invitation, reminder) carries its own token; all of them lead to the same invitation.
  if (!stored) throw new NotFoundError(UNKNOWN_LINK);
  // The organisation's survey went to another contact (or a migration kept another invitation).
  if (!isInForce(stored)) throw replacedLink();
  // The stored response is the truth; the invitation's status follows it from the stream a moment later.
  const invitation: StoredInvitation = submittedAt ? { ...stored, status: "submitted", submittedAt } : stored;
  return { invitation, round, linkExpiresAt: new Date(expiresAt * 1000).toISOString() };
}

function assertOpen(round: StoredRound) {
  if (round.status === "closed" || round.status === "closing")
    throw new GoneError("round-closed", "This survey has closed and no longer takes answers. Contact the person who sent you the link if you have questions.");
}

export async function getForm(deps: Deps, token: string): Promise<FormView> {
  const { invitation, round } = await resolve(deps, token);
  if (invitation.status !== "submitted") assertOpen(round);
  if (invitation.status === "created" || invitation.status === "sent") {
    try {
      await retryOnTransactionConflict(() =>
        deps.stores.transact([
          deps.stores.invitations.markOpened(round.id, invitation.personId, deps.clock().toISOString()),
          ...segmentsOf(invitation).map((s) => deps.stores.aggregates.add(round.id, s, { opened: 1 })),
        ]),
      );
      invitation.status = "opened";
    } catch (error) {
      // Opened in another tab at the same moment: counted there.
      if (!cancellationCodes(error).includes("ConditionalCheckFailed")) throw error;
    }
  }
  const draft = await deps.stores.drafts.get(round.id, invitation.personId);
  return {
    round: {
      id: round.id,
      name: round.name,
      closesAt: round.closesAt,
      status: round.status,
      ...(round.purpose === "home-assignment" && round.invitationText ? { brief: round.invitationText } : {}),
    },
    organisation: {
      name: invitation.orgName,
      orgNumber: invitation.orgNumber,
      sni: invitation.sni,
      municipality: invitation.municipality,
      sizeClass: invitation.sizeClass,
    },
    language: invitation.language,
    status: invitation.status,
    instrument: await instrumentOfRound(deps, round),
    draft: draft?.answers ?? {},
    submittedAt: invitation.submittedAt,
  };
}

async function parseAnswers(deps: Deps, round: { instrumentId: string; instrumentVersion: number }, body: unknown, mode: "draft" | "submit"): Promise<Answers> {
  const answers = (body as { answers?: unknown } | null)?.answers;
  if (typeof answers !== "object" || answers === null || Array.isArray(answers))
    throw new ValidationError("The request must carry the answers.", [{ path: "answers", message: "error.required" }]);
  const parsed = answersSchema(await instrumentOfRound(deps, round), mode).safeParse(answers);
  if (!parsed.success)
    throw new ValidationError("Some answers need another look.", fieldIssues(parsed.error.issues));
  return parsed.data as Answers;
}

export async function saveDraft(deps: Deps, token: string, body: unknown): Promise<{ savedAt: string }> {
  const { invitation, round } = await resolve(deps, token);
  if (invitation.status === "submitted") throw new ConflictError("already-submitted", "These answers have already been submitted.");
  assertOpen(round);
  const answers = await parseAnswers(deps, round, body, "draft");
  const savedAt = deps.clock().toISOString();
  await deps.stores.drafts.put(round.id, invitation.personId, { answers, savedAt });
  await deps.stores.invitations.markInProgress(round.id, invitation.personId);
  return { savedAt };
}

/**
 * One transaction: the response (only if none exists for the invitation) and a check that the
 * round is still open. A double click, a retry or a second tab stores one response; the loser
 * gets 409. A round that closed in between gets 410 and nothing is written. The invitation's
 * status and the kept aggregates follow from the table's stream (functions/streams/count-responses.ts).
 *
 * When the round's unit is the organisation, the same transaction writes the organisation's
 * answer (only if it has none: a second response of the organisation, by any link, gets 409) and
 * checks that this link's invitation is still in force (a link whose respondent was changed gets 410).
 */
export async function submit(deps: Deps, token: string, body: unknown): Promise<{ submittedAt: string }> {
  return retryOnTransactionConflict(() => submitOnce(deps, token, body));
}

async function submitOnce(deps: Deps, token: string, body: unknown): Promise<{ submittedAt: string }> {
  // One read: the token carries the invitation's snapshot. Whether the round is open and the
  // invitation not yet submitted is checked by the write itself, not by reads that could be stale.
  const snapshot = await resolveToken(deps, token);
  const answers = await parseAnswers(deps, snapshot, body, "submit");
  const submittedAt = deps.clock().toISOString();
  const { roundId, personId, organisationId } = snapshot;
  const perOrganisation = unitOf(snapshot) === "organisation";
  try {
    await deps.stores.transact([
      deps.stores.responses.putIfAbsent({ ...snapshot, answers, submittedAt }),
      deps.stores.rounds.checkTakesAnswers(roundId),
      ...(perOrganisation
        ? [deps.stores.invitations.checkInForce(roundId, personId), deps.stores.responses.claimOrganisation(roundId, organisationId, { personId, submittedAt })]
        : []),
    ]);
  } catch (error) {
    const reasons = cancellationCodes(error);
    if (reasons[0] === "ConditionalCheckFailed") throw new ConflictError("already-submitted", "These answers have already been submitted.");
    if (reasons[1] === "ConditionalCheckFailed") throw new GoneError("round-closed", "This survey has closed and no longer takes answers.");
    if (reasons[2] === "ConditionalCheckFailed") throw replacedLink();
    if (reasons[3] === "ConditionalCheckFailed") throw new ConflictError("already-submitted", "Your organisation's answers have already been submitted.");
    throw error;
  }
  return { submittedAt };
}
