import type { Deps } from "../adapters/ports";
import type { ClaimResult } from "../stores/mail-deliveries";

/**
 * Invitations and reminders reach each person once across crashes and retries:
 *
 *   claim   conditional put of the delivery record (round, person, mail kind or reminder time)
 *   send    the mailer (SES)
 *   confirm the mailer's message id on the record
 *
 * A retried task skips what is confirmed. What is claimed but not confirmed is unknown: the
 * attempt that claimed it may have crashed before the send (nothing went out) or after it (the
 * mail went out). It is left alone for CLAIM_TIMEOUT_MS, longer than any task may run (Lambda's
 * 15 minutes), so no attempt that is still running can be overtaken, and then sent again. From
 * that point the mail is at least once, not at most once: we prefer a person to get a second copy
 * after a crash in the instant between SES accepting the mail and the confirmation being written
 * to never getting the invitation at all. Until the timeout the task fails with MailClaimPending,
 * which the state machines retry for longer than the timeout.
 */
export const CLAIM_TIMEOUT_MS = 16 * 60_000;
/** The records are kept as long as a reminder could still be due; DynamoDB's TTL removes them after. */
const RECORD_DAYS = 400;

/** A mail claimed by an attempt that neither confirmed it nor timed out yet. */
export class MailClaimPendingError extends Error {
  override readonly name = "MailClaimPending";
  constructor(count: number) {
    super(`${count} mail(s) claimed by an earlier attempt are neither confirmed nor timed out yet`);
  }
}

export const invitationDeliveryKey = (roundId: string, personId: string) => `invitation#${roundId}#${personId}`;
export const reminderDeliveryKey = (roundId: string, personId: string, reminderAt: string) => `reminder#${roundId}#${personId}#${reminderAt}`;

export function claimDelivery(deps: Deps, key: string): Promise<ClaimResult> {
  const now = deps.clock().getTime();
  return deps.stores.deliveries.claim(key, new Date(now).toISOString(), new Date(now - CLAIM_TIMEOUT_MS).toISOString(), Math.floor(now / 1000) + RECORD_DAYS * 86_400);
}

export function confirmDelivery(deps: Deps, key: string, receipt: { messageId: string } | void): Promise<void> {
  return deps.stores.deliveries.confirm(key, receipt?.messageId, deps.clock().toISOString());
}
