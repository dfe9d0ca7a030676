import { expiryAfter } from "../../shared/retention";
import { retentionOf } from "./retention";
import type { Organisation, Person } from "../../shared/schemas";
import { designatedRespondent, matchesPerson, matchesRecipients } from "./recipients";
import { unitOf } from "../../shared/instruments";
import { instrumentOfRound } from "./instrument-registry";
import { contributions, segmentsOf } from "../../shared/indicators/contributions";
import type { Deps } from "../adapters/ports";
import { isTransactionCancelled, type TransactItem } from "../stores/table";
import { isInForce, type StoredInvitation } from "../stores/invitations";
import type { StoredRound } from "../stores/rounds";
import { listOrganisations, listPersons } from "./organisations";
import { getRound } from "./rounds";
import { hashToken, newToken } from "./tokens";
import { siteLink } from "./links";
import { formLinkPath } from "../../shared/form-link";
import { invitationMail, ownerNoticeMail, reminderMail } from "./mail-texts";
import { claimDelivery, confirmDelivery, invitationDeliveryKey, MailClaimPendingError, reminderDeliveryKey } from "./mail-once";

/**
 * The survey round's workflow tasks. Each is idempotent and reads the time from the clock, so the
 * state machine can be started again from the top at any moment and reach the same state.
 */
export type PlanResult = { next: "invite" | "remind" | "wait" | "close"; at?: string; reminderAt?: string };

/** Links stay valid this long after the round closes, so a late click gets "closed", not "unknown". */
const TOKEN_DAYS_AFTER_CLOSE = 90;
/** Invitations written per task invocation; Plan calls Invite again until all are out. */
export const INVITE_BATCH = 200;

export async function plan(deps: Deps, roundId: string): Promise<PlanResult> {
  const round = await getRound(deps, roundId);
  const now = deps.clock().getTime();
  if (round.status === "closed" || round.closeRequestedAt || now >= Date.parse(round.closesAt)) return { next: "close" };
  const cap = now + deps.maxWaitSeconds * 1000;
  if (now < Date.parse(round.opensAt)) return { next: "wait", at: new Date(Math.min(Date.parse(round.opensAt), cap)).toISOString() };
  if (!round.invitationsComplete) return { next: "invite" };
  const pending = round.reminders.filter((r) => !(round.remindersDone ?? []).includes(r));
  const due = pending.find((r) => Date.parse(r) <= now);
  if (due) return { next: "remind", reminderAt: due };
  const upcoming = pending.map(Date.parse).filter((t) => t > now);
  const at = Math.min(...upcoming, Date.parse(round.closesAt), cap);
  return { next: "wait", at: new Date(at).toISOString() };
}

function invitations(deps: Deps, roundId: string): Promise<StoredInvitation[]> {
  return deps.stores.invitations.list(roundId, { consistent: true });
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
  if (round.status === "closed" || round.status === "closing") return { invited: 0, complete: true };
  await deps.stores.rounds.markOpen(roundId);

  const orgs = (await listOrganisations(deps)).filter((o) => matchesRecipients(round.recipients, o));
  const batch = unitOf(round) === "organisation" ? organisationInvitations(deps, round, orgs) : personInvitations(deps, round, orgs);
  let sent = 0;
  let pending = 0;
  for await (const { org, recipient, current } of batch) {
    if (sent >= INVITE_BATCH) return { invited: sent, complete: false };
    const outcome = await inviteOne(deps, round, org, recipient, current);
    if (outcome === "pending") pending++;
    else sent++;
  }
  if (pending) throw new MailClaimPendingError(pending);
  await deps.stores.rounds.markInvitationsComplete(roundId);
  return { invited: sent, complete: true };
}

type Recipient = Pick<Person, "id" | "name" | "email" | "language">;
type PendingInvitation = { org: Organisation; recipient: Recipient; current?: StoredInvitation };

/** Every person of the matching organisations not yet mailed. */
async function* personInvitations(deps: Deps, round: StoredRound, orgs: Organisation[]): AsyncGenerator<PendingInvitation> {
  const existing = new Map((await invitations(deps, round.id)).map((i) => [i.personId, i]));
  for (const org of orgs) {
    for (const person of await listPersons(deps, org.id)) {
      if (!matchesPerson(round.recipients, person)) continue;
      const current = existing.get(person.id);
      // An address that bounced for good, or a person who marked our mail as spam, gets no new invitation.
      if (person.mailStop && !current) continue;
      if (current && current.status !== "created") continue;
      yield { org, recipient: person, current };
    }
  }
}

/**
 * One invitation per matching organisation, to its designated respondent. An organisation that
 * has an invitation keeps it (and its respondent, whom the owner may have changed); one written
 * but never mailed is mailed to that invitation's person.
 */
async function* organisationInvitations(deps: Deps, round: StoredRound, orgs: Organisation[]): AsyncGenerator<PendingInvitation> {
  const byOrg = new Map<string, StoredInvitation[]>();
  for (const inv of await deps.stores.invitations.list(round.id, { consistent: true, all: true })) byOrg.set(inv.organisationId, [...(byOrg.get(inv.organisationId) ?? []), inv]);
  for (const org of orgs) {
    const invs = byOrg.get(org.id) ?? [];
    const current = invs.find(isInForce);
    if (current) {
      if (current.status === "created") yield { org, recipient: { id: current.personId, name: current.name, email: current.email, language: current.language }, current };
      continue;
    }
    if (invs.length) continue; // every invitation of it replaced or superseded: nothing to send
    const respondent = designatedRespondent((await listPersons(deps, org.id)).filter((p) => matchesPerson(round.recipients, p)));
    if (respondent) yield { org, recipient: respondent };
  }
}

/** One invitation written and mailed once (mail-once.ts); "pending" while an earlier attempt's claim is unresolved. */
async function inviteOne(deps: Deps, round: StoredRound, org: Organisation, person: Recipient, current?: StoredInvitation): Promise<"sent" | "pending"> {
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
    await deps.stores.transact([
      deps.stores.invitations.putIfAbsent(invitation),
      // Invited now: the person's contact data is kept its retention from today.
      deps.stores.persons.keepUntil(org.id, person.id, expiryAfter(deps.clock(), retentionOf(deps).contactDataDays)),
      tokenItem(deps, round, invitation, tokenHash),
      deps.stores.rounds.addInvited(round.id),
      ...segmentsOf(invitation).map((s) => deps.stores.aggregates.add(round.id, s, { invited: 1 })),
    ]);
  }
  const receipt = await deps.mailer.send({
    idempotencyKey: `invite-${round.id}-${person.id}-${tokenHash.slice(0, 12)}`,
    to: person.email,
    kind: "invitation",
    roundId: round.id,
    personId: person.id,
    ...invitationMail(round, invitation, link(deps, token)),
  });
  await confirmDelivery(deps, delivery, receipt);
  await deps.stores.invitations.markSent(round.id, person.id, deps.clock().toISOString());
  return "sent";
}

const NOT_REMINDED = new Set(["submitted", "opted-out", "bounced"]);

/**
 * Sends the reminder due at `reminderAt` to those who have not submitted, once each (mail-once.ts):
 * claimed, then recorded on the invitation with the condition that no response exists, sent, confirmed.
 */
export async function remind(deps: Deps, roundId: string, reminderAt: string): Promise<{ reminded: number }> {
  const round = await getRound(deps, roundId);
  if ((round.remindersDone ?? []).includes(reminderAt)) return { reminded: 0 };
  let reminded = 0;
  let pending = 0;
  for (const inv of await invitations(deps, roundId)) {
    if (NOT_REMINDED.has(inv.status)) continue;
    const delivery = reminderDeliveryKey(roundId, inv.personId, reminderAt);
    const recorded = (inv.remindersSent ?? []).includes(reminderAt);
    // Recorded without a delivery record: sent before deliveries were recorded.
    if (recorded && !(await deps.stores.deliveries.exists(delivery))) continue;
    const claim = await claimDelivery(deps, delivery);
    if (claim === "pending") pending++;
    if (claim !== "claimed") continue;
    const token = newToken();
    const tokenHash = hashToken(token);
    try {
      await deps.stores.transact([
        tokenItem(deps, round, inv, tokenHash),
        // The response itself decides: the invitation's status follows it from the stream.
        deps.stores.responses.checkAbsent(roundId, inv.personId),
        ...(recorded ? [] : [deps.stores.invitations.recordReminder(roundId, inv.personId, reminderAt)]),
      ]);
    } catch (error) {
      if (!isTransactionCancelled(error)) throw error;
      await deps.stores.deliveries.release(delivery); // submitted meanwhile: no reminder
      continue;
    }
    const receipt = await deps.mailer.send({
      idempotencyKey: `remind-${roundId}-${inv.personId}-${reminderAt}`,
      to: inv.email,
      kind: "reminder",
      roundId,
      personId: inv.personId,
      ...reminderMail(round, inv, link(deps, token)),
    });
    await confirmDelivery(deps, delivery, receipt);
    reminded++;
  }
  if (pending) throw new MailClaimPendingError(pending);
  await deps.stores.rounds.markReminderDone(roundId, reminderAt);
  return { reminded };
}

export async function close(deps: Deps, roundId: string): Promise<{ closedAt: string }> {
  const now = deps.clock().toISOString();
  if (await deps.stores.rounds.markClosed(roundId, now)) return { closedAt: now };
  const round = await getRound(deps, roundId);
  return { closedAt: round.closedAt ?? now };
}

/**
 * Recomputes every kept aggregate of the round from its stored responses, so the final results
 * are exact whatever happened to the running counters. Writing the same totals again is harmless.
 */
export async function aggregate(deps: Deps, roundId: string): Promise<{ responses: number }> {
  // The fence first: from now on the stream consumer only marks responses, it adds nothing, so
  // the totals written below cannot be counted into twice.
  await deps.stores.rounds.beginFinalAggregation(roundId, deps.clock().toISOString());
  const round = await getRound(deps, roundId);
  const instrument = await instrumentOfRound(deps, round);
  const responses = await deps.stores.responses.list(roundId, { consistent: true });
  const totals = new Map<string, Record<string, number>>();
  for (const r of responses) {
    const counters = { ...contributions(instrument, r.answers), submitted: 1 };
    for (const s of segmentsOf(r)) {
      const id = `${s.dimension}#${s.value}`;
      const t = totals.get(id) ?? {};
      for (const [k, v] of Object.entries(counters)) t[k] = (t[k] ?? 0) + v;
      totals.set(id, t);
    }
  }
  const existing = (await Promise.all(["all", "industry", "section", "municipality", "county", "size"].map((d) => deps.stores.aggregates.list(roundId, d)))).flat();
  const ids = new Set([...totals.keys(), ...existing.map((a) => `${a.dimension}#${a.value}`)]);
  for (const id of ids) {
    const [dimension, value] = id.split("#");
    const before = existing.find((a) => a.dimension === dimension && a.value === value);
    await deps.stores.aggregates.put(roundId, { dimension, value }, {
      invited: before?.counters.invited ?? 0,
      opened: before?.counters.opened ?? 0,
      submitted: 0,
      ...totals.get(id),
    });
  }
  await deps.stores.rounds.markAggregated(roundId, deps.clock().toISOString(), responses.length);
  return { responses: responses.length };
}

export async function notify(deps: Deps, roundId: string): Promise<{ notified: string }> {
  const round = await getRound(deps, roundId);
  await deps.mailer.send({
    idempotencyKey: `notify-${roundId}`,
    to: round.createdBy,
    kind: "owner-notice",
    roundId,
    ...ownerNoticeMail(round, siteLink(deps, `/owner/rounds/${roundId}`)),
  });
  return { notified: round.createdBy };
}

/** The error message an owner sees: which error stopped the workflow (its name only, never the internals of why). */
export function roundFailureMessage(errorName: string | undefined): string {
  return `The round's workflow stopped (${String(errorName ?? "unknown error").slice(0, 80)}). Operations has been alerted; launching again resumes where it stopped.`;
}

/** The error state an owner sees: which step stopped, never the internals of why. */
export async function markFailed(deps: Deps, roundId: string, error: { Error?: string } | undefined): Promise<{ status: "error" }> {
  if (!(await deps.stores.rounds.get(roundId, { consistent: false }))) return { status: "error" };
  await deps.stores.rounds.markFailed(roundId, roundFailureMessage(error?.Error), deps.clock().toISOString());
  return { status: "error" };
}
