import { expiryAfter } from "../../shared/retention";
import { retentionOf } from "./retention";
import type { Organisation, Person } from "../../shared/schemas";
import { designatedRespondent, matchesPerson, matchesRecipients } from "./recipients";
import { unitOf } from "../../shared/instruments";
import { segmentsOf } from "../../shared/indicators/contributions";
import type { Deps } from "../adapters/ports";
import pLimit from "p-limit";
import { isTransactionCancelled, retryOnTransactionConflict, type TransactItem } from "../stores/table";
import { isInForce, type StoredInvitation } from "../stores/invitations";
import type { StoredRound } from "../stores/rounds";
import { listPersons } from "./organisations";
import { getRound } from "./rounds";
import { hashToken, newToken } from "./tokens";
import { siteLink } from "./links";
import { formLinkPath } from "../../shared/form-link";
import { invitationMail, reminderMail } from "./mail-texts";
import { claimDelivery, confirmDelivery, invitationDeliveryKey, MailClaimPendingError, reminderDeliveryKey } from "./mail-once";
import { mailBudget, type MailBudget } from "./mail-pace";

/**
 * The round's invitations and reminders, for a round of any size: each task invocation walks a
 * page at a time (organisations for invitations, invitations for reminders), sends at the
 * region's mail rate, stores its cursor after each page whose mail is all out, and hands on when
 * its sending time is used (mail-pace.ts). The state machine's Plan calls it again until the
 * round records the mailing done. Every mail goes out once across crashes and restarts
 * (mail-once.ts); a page with a mail claimed by a crashed attempt is not passed until that claim
 * is resolved (MailClaimPending, retried by the state machine).
 */

/** Links stay valid this long after the round closes, so a late click gets "closed", not "unknown". */
const TOKEN_DAYS_AFTER_CLOSE = 90;
/** Organisations, or invitations, read per page; a page's mail is sent before its cursor is stored. */
export const MAILING_PAGE = 100;
/** Mails of a page in flight at once: writing each takes several round trips, SES's rate is the bound that matters. */
const MAILING_CONCURRENCY = 8;
/** The invitation's transaction adds to the round's counters, which the page's other invitations touch at the same moment. */
const COUNTER_CONFLICT_ATTEMPTS = 20;

/**
 * `work` for each item, a few at a time. On the first error nothing more is begun, what is in
 * flight ends, and the error is thrown: the task then stops in a known state, as after a crash.
 */
async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(MAILING_CONCURRENCY);
  let failure: { error: unknown } | undefined;
  const results = await Promise.all(
    items.map((item) =>
      limit(async () => {
        if (failure) return undefined;
        try {
          return await work(item);
        } catch (error) {
          failure ??= { error };
          return undefined;
        }
      }),
    ),
  );
  if (failure) throw failure.error;
  return results as R[];
}

/**
 * The token item carries what a submission needs of its invitation, so the submit path reads one
 * item; the invitation and the round guard the write through the transaction's conditions.
 */
export function tokenItem(deps: Deps, round: StoredRound, inv: StoredInvitation, tokenHash: string): TransactItem {
  const snapshot = {
    roundId: round.id,
    personId: inv.personId,
    organisationId: inv.organisationId,
    orgNumber: inv.orgNumber,
    orgName: inv.orgName,
    sni: inv.sni,
    municipality: inv.municipality,
    sizeClass: inv.sizeClass,
    instrumentId: round.instrumentId,
    instrumentVersion: round.instrumentVersion,
  };
  return deps.stores.tokens.putIfAbsent(tokenHash, snapshot, Math.floor(Date.parse(round.closesAt) / 1000) + TOKEN_DAYS_AFTER_CLOSE * 86400);
}

export function link(deps: Deps, token: string) {
  return siteLink(deps, formLinkPath(token));
}

export async function invite(deps: Deps, roundId: string): Promise<{ invited: number; complete: boolean }> {
  const round = await getRound(deps, roundId);
  if (round.status === "closed" || round.status === "closing" || round.invitationsComplete) return { invited: 0, complete: true };
  await deps.stores.rounds.markOpen(roundId);
  const budget = mailBudget(deps.mailPace);
  const startedAt = round.inviteStartedAt ?? deps.clock().toISOString();
  if (!round.inviteStartedAt) await deps.stores.rounds.setInviteStarted(roundId, startedAt);
  const invitePage = async (orgs: Organisation[]) => {
    const matching = orgs.filter((o) => matchesRecipients(round.recipients, o));
    const pending = await (unitOf(round) === "organisation" ? organisationInvitations(deps, round, matching) : personInvitations(deps, round, matching));
    const outcomes = await eachLimited(pending, ({ org, recipient, current }) => inviteOne(deps, budget, round, org, recipient, current));
    const claimsPending = outcomes.filter((o) => o === "pending").length;
    // Not past this page until every mail on it is out: a restart sends the rest, once each.
    if (claimsPending) throw new MailClaimPendingError(claimsPending);
    return outcomes.length;
  };
  let cursor = round.inviteCursor;
  let invited = 0;
  for (;;) {
    const page = await deps.stores.organisations.page({ after: cursor, limit: MAILING_PAGE });
    invited += await invitePage(page.items);
    if (!page.next) break;
    cursor = page.next;
    await deps.stores.rounds.setInviteCursor(roundId, cursor);
    if (budget.spent()) return { invited, complete: false };
  }
  // Organisations registered or renamed while the walk went on may sit before the cursor in the
  // list order: they are invited now, if they are not yet (invitePage skips who has an invitation).
  const since = Date.parse(startedAt) - LATE_CHANGE_MARGIN_MS;
  const late = (await deps.stores.organisations.list()).filter((o) => Date.parse(o.updatedAt ?? o.createdAt) >= since);
  for (let i = 0; i < late.length; i += MAILING_PAGE) invited += await invitePage(late.slice(i, i + MAILING_PAGE));
  await deps.stores.rounds.markInvitationsComplete(roundId);
  return { invited, complete: true };
}

/** Changes just before the start of inviting are looked at again too: the list (gsi1) shows a write a moment after it. */
const LATE_CHANGE_MARGIN_MS = 2_000;

type Recipient = Pick<Person, "id" | "name" | "email" | "language">;
type PendingInvitation = { org: Organisation; recipient: Recipient; current?: StoredInvitation };

/** The persons of these organisations and the round's invitations of them, read in one go per page. */
async function personsAndInvitations(deps: Deps, round: StoredRound, orgs: Organisation[]) {
  const persons = await eachLimited(orgs, (org) => listPersons(deps, org.id));
  const invitations = await deps.stores.invitations.ofPersons(round.id, persons.flat().map((p) => p.id));
  const byPerson = new Map(invitations.map((i) => [i.personId, i]));
  return { persons, byPerson };
}

/** Every person of the matching organisations not yet mailed. */
async function personInvitations(deps: Deps, round: StoredRound, orgs: Organisation[]): Promise<PendingInvitation[]> {
  const { persons, byPerson } = await personsAndInvitations(deps, round, orgs);
  const out: PendingInvitation[] = [];
  orgs.forEach((org, i) => {
    for (const person of persons[i]!) {
      if (!matchesPerson(round.recipients, person)) continue;
      const inv = byPerson.get(person.id);
      const current = inv && isInForce(inv) ? inv : undefined;
      if (inv && !current) continue; // replaced or superseded: its successor is the one in force
      // An address that bounced for good, or a person who marked our mail as spam, gets no new invitation.
      if (person.mailStop && !current) continue;
      if (current && current.status !== "created") continue;
      out.push({ org, recipient: person, current });
    }
  });
  return out;
}

/**
 * One invitation per matching organisation, to its designated respondent. An organisation that
 * has an invitation keeps it (and its respondent, whom the owner may have changed); one written
 * but never mailed is mailed to that invitation's person.
 */
async function organisationInvitations(deps: Deps, round: StoredRound, orgs: Organisation[]): Promise<PendingInvitation[]> {
  const { persons, byPerson } = await personsAndInvitations(deps, round, orgs);
  const out: PendingInvitation[] = [];
  orgs.forEach((org, i) => {
    const invs = persons[i]!.flatMap((p) => byPerson.get(p.id) ?? []);
    const current = invs.find(isInForce);
    if (current) {
      if (current.status === "created") out.push({ org, recipient: { id: current.personId, name: current.name, email: current.email, language: current.language }, current });
      return;
    }
    if (invs.length) return; // every invitation of it replaced or superseded: nothing to send
    const respondent = designatedRespondent(persons[i]!.filter((p) => matchesPerson(round.recipients, p)));
    if (respondent) out.push({ org, recipient: respondent });
  });
  return out;
}

/** One invitation written and mailed once (mail-once.ts); "pending" while an earlier attempt's claim is unresolved. */
async function inviteOne(deps: Deps, budget: MailBudget, round: StoredRound, org: Organisation, person: Recipient, current?: StoredInvitation): Promise<"sent" | "pending"> {
  const delivery = invitationDeliveryKey(round.id, person.id);
  const claim = await claimDelivery(deps, delivery);
  if (claim === "pending") return "pending";
  if (claim === "sent") {
    // Mailed and confirmed by an attempt that stopped before marking the invitation sent.
    await deps.stores.invitations.markSent(round.id, person.id, deps.clock().toISOString());
    return "sent";
  }
  const token = newToken();
  const tokenHash = hashToken(token);
  const invitation: StoredInvitation = {
    roundId: round.id,
    personId: person.id,
    organisationId: org.id,
    orgName: org.name,
    orgNumber: org.orgNumber,
    email: person.email,
    name: person.name,
    language: person.language ?? "sv",
    tokenHash,
    status: "created",
    sni: org.sni,
    municipality: org.municipality,
    sizeClass: org.sizeClass,
    remindersSent: [],
  };
  if (current) {
    // Written before but never mailed (the task stopped in between): mail it with a fresh token.
    await deps.stores.transact([tokenItem(deps, round, invitation, tokenHash), deps.stores.invitations.replaceToken(round.id, person.id, tokenHash)]);
  } else {
    const items = [
      deps.stores.invitations.putIfAbsent(invitation),
      // Invited now: the person's contact data is kept its retention from today.
      deps.stores.persons.keepUntil(org.id, person.id, expiryAfter(deps.clock(), retentionOf(deps).contactDataDays)),
      tokenItem(deps, round, invitation, tokenHash),
      deps.stores.rounds.addInvited(round.id),
      ...segmentsOf(invitation).map((s) => deps.stores.aggregates.add(round.id, s, { invited: 1 })),
    ];
    await retryOnTransactionConflict(() => deps.stores.transact(items), COUNTER_CONFLICT_ATTEMPTS);
  }
  const receipt = await budget.paced(() =>
    deps.mailer.send({
      idempotencyKey: `invite-${round.id}-${person.id}-${tokenHash.slice(0, 12)}`,
      to: person.email,
      kind: "invitation",
      roundId: round.id,
      personId: person.id,
      ...invitationMail(round, invitation, link(deps, token)),
    }),
  );
  await confirmDelivery(deps, delivery, receipt);
  await deps.stores.invitations.markSent(round.id, person.id, deps.clock().toISOString());
  return "sent";
}

const NOT_REMINDED = new Set(["submitted", "opted-out", "bounced"]);

/**
 * Sends the reminder due at `reminderAt` to those who have not submitted, once each (mail-once.ts):
 * claimed, then recorded on the invitation with the condition that no response exists, sent, confirmed.
 */
export async function remind(deps: Deps, roundId: string, reminderAt: string): Promise<{ reminded: number; complete: boolean }> {
  const round = await getRound(deps, roundId);
  if ((round.remindersDone ?? []).includes(reminderAt)) return { reminded: 0, complete: true };
  const budget = mailBudget(deps.mailPace);
  let cursor = round.reminderCursor?.at === reminderAt ? round.reminderCursor.after : undefined;
  let reminded = 0;
  for (;;) {
    const page = await deps.stores.invitations.page(roundId, { after: cursor, limit: MAILING_PAGE });
    const outcomes = await eachLimited(page.items, (inv) => remindOne(deps, budget, round, inv, reminderAt));
    const pending = outcomes.filter((o) => o === "pending").length;
    reminded += outcomes.filter((o) => o === "sent").length;
    if (pending) throw new MailClaimPendingError(pending);
    if (!page.next) break;
    cursor = page.next;
    await deps.stores.rounds.setReminderCursor(roundId, reminderAt, cursor);
    if (budget.spent()) return { reminded, complete: false };
  }
  await deps.stores.rounds.markReminderDone(roundId, reminderAt);
  return { reminded, complete: true };
}

async function remindOne(deps: Deps, budget: MailBudget, round: StoredRound, inv: StoredInvitation, reminderAt: string): Promise<"sent" | "skipped" | "pending"> {
  if (NOT_REMINDED.has(inv.status)) return "skipped";
  const delivery = reminderDeliveryKey(round.id, inv.personId, reminderAt);
  const recorded = (inv.remindersSent ?? []).includes(reminderAt);
  // Recorded without a delivery record: sent before deliveries were recorded.
  if (recorded && !(await deps.stores.deliveries.exists(delivery))) return "skipped";
  const claim = await claimDelivery(deps, delivery);
  if (claim === "pending") return "pending";
  if (claim !== "claimed") return "skipped";
  const token = newToken();
  const tokenHash = hashToken(token);
  try {
    await deps.stores.transact([
      tokenItem(deps, round, inv, tokenHash),
      // The response itself decides: the invitation's status follows it from the stream.
      deps.stores.responses.checkAbsent(round.id, inv.personId),
      ...(recorded ? [] : [deps.stores.invitations.recordReminder(round.id, inv.personId, reminderAt)]),
    ]);
  } catch (error) {
    if (!isTransactionCancelled(error)) throw error;
    await deps.stores.deliveries.release(delivery); // submitted meanwhile: no reminder
    return "skipped";
  }
  const receipt = await budget.paced(() =>
    deps.mailer.send({
      idempotencyKey: `remind-${round.id}-${inv.personId}-${reminderAt}`,
      to: inv.email,
      kind: "reminder",
      roundId: round.id,
      personId: inv.personId,
      ...reminderMail(round, inv, link(deps, token)),
    }),
  );
  await confirmDelivery(deps, delivery, receipt);
  return "sent";
}
