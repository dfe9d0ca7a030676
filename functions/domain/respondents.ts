import { ChangeRespondentRequest, type InvitationView } from "../../shared/schemas";
import { unitOf } from "../../shared/instruments";
import { segmentsOf } from "../../shared/indicators/contributions";
import { ConflictError, NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { isInForce, type StoredInvitation } from "../stores/invitations";
import { cancellationCodes, retryOnTransactionConflict, type TransactItem } from "../stores/table";
import { invitationMail } from "./mail-texts";
import { listPersons } from "./organisations";
import { link, tokenItem } from "./round-mailing";
import { getRound, invitationView } from "./rounds";
import { hashToken, newToken } from "./tokens";

const OPENED = new Set(["opened", "in-progress"]);

/**
 * The owner gives an organisation another respondent in a round whose unit is the organisation,
 * before the organisation has answered: the old invitation is marked replaced (its links answer
 * 410 from now on), a new invitation with a fresh token goes to the chosen contact, and the
 * organisation's draft, if any, follows it. Invited and submitted counts stay as they were (it is
 * the same organisation); an opened invitation's open is taken back, so the new respondent's open
 * counts the organisation once. Anything refused (bad body, a person of another organisation, a
 * closed round, an organisation that has answered) changes nothing.
 */
export async function changeRespondent(deps: Deps, roundId: string, organisationId: string, input: unknown): Promise<InvitationView> {
  const parsed = ChangeRespondentRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Choose the contact who is to answer.", fieldIssues(parsed.error.issues));
  const round = await getRound(deps, roundId);
  if (unitOf(round) !== "organisation")
    throw new ConflictError("round-counts-persons", "Every invited person answers this round; there is no respondent to change.");
  if (round.status === "closed" || round.status === "closing") throw new ConflictError("round-closed", "The round is closed.");
  const current = (await deps.stores.invitations.list(roundId, { consistent: true })).find((i) => i.organisationId === organisationId);
  if (!current) throw new NotFoundError("The organisation has no invitation in this round.");
  if (current.status === "submitted" || (await deps.stores.responses.organisationAnswer(roundId, organisationId)))
    throw new ConflictError("already-submitted", "The organisation has already answered; its respondent can no longer change.");
  const person = (await listPersons(deps, organisationId)).find((p) => p.id === parsed.data.personId);
  if (!person) throw new ValidationError("Choose one of the organisation's contacts.", [{ path: "personId", message: "error.person.notInOrganisation" }]);
  if (person.id === current.personId) throw new ConflictError("already-respondent", "That contact already has the organisation's invitation.");

  const token = newToken();
  const tokenHash = hashToken(token);
  // What the old respondent did (sent, opened, reminded) stays on the old invitation.
  const { sentAt: _s, openedAt: _o, submittedAt: _a, ...organisation } = current;
  const next: StoredInvitation = {
    ...organisation,
    personId: person.id,
    email: person.email,
    name: person.name,
    language: person.language ?? "sv",
    tokenHash,
    status: "created",
    remindersSent: [],
  };
  const now = deps.clock().toISOString();
  const draft = await deps.stores.drafts.get(roundId, current.personId);
  const items: TransactItem[] = [
    ...deps.stores.invitations.replace(current, next, now),
    deps.stores.responses.checkOrganisationUnanswered(roundId, organisationId),
    deps.stores.rounds.checkTakesAnswers(roundId),
    tokenItem(deps, round, next, tokenHash),
    // The draft moves only as read: a save that came in meanwhile cancels the change (409, try again).
    ...(draft ? [deps.stores.drafts.putTx(roundId, person.id, draft), deps.stores.drafts.deleteIfSavedAt(roundId, current.personId, draft.savedAt)] : []),
    ...(OPENED.has(current.status) ? segmentsOf(current).map((s) => deps.stores.aggregates.add(roundId, s, { opened: -1 })) : []),
  ];
  try {
    await retryOnTransactionConflict(() => deps.stores.transact(items));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes[0] === "ConditionalCheckFailed" || codes[1] === "ConditionalCheckFailed") throw new ConflictError("respondent-changed", "The organisation's respondent changed meanwhile; reload and try again.");
    if (codes[2] === "ConditionalCheckFailed") throw new ConflictError("already-submitted", "The organisation has already answered; its respondent can no longer change.");
    if (codes[3] === "ConditionalCheckFailed") throw new ConflictError("round-closed", "The round is closed.");
    if (codes[6] === "ConditionalCheckFailed") throw new ConflictError("draft-changed", "The contact saved answers just now; try again.");
    throw error;
  }
  await deps.mailer.send({
    idempotencyKey: `invite-${roundId}-${person.id}-${tokenHash.slice(0, 12)}`,
    to: next.email,
    kind: "invitation",
    roundId,
    personId: person.id,
    ...invitationMail(round, next, link(deps, token)),
  });
  await deps.stores.invitations.markSent(roundId, person.id, deps.clock().toISOString());
  return invitationView({ ...next, status: "sent", sentAt: deps.clock().toISOString() });
}
