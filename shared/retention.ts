/**
 * How long a region keeps what it holds, in days (the region config's `retention`, stated on
 * /om-tjansten from the same numbers). DynamoDB's TTL deletes each item once its time is up:
 * - raw answers (responses): from the round's close, or for a learning programme's rounds from
 *   its follow-up's close, since the programme report compares the two;
 * - drafts: from the round's close (nobody can submit them any more);
 * - contact data: a person from their registration or their latest invitation, and a round's
 *   invitations (name, e-mail address) from the round's close;
 * - the outbox (mail as sent, local stack): from sending.
 * Releases hold no answer and no personal datum and are kept; the audit log is kept for
 * auditLogDays.
 */
export type Retention = { rawAnswersDays: number; draftsDays: number; contactDataDays: number; outboxDays: number };

export const DEFAULT_RETENTION: Retention = { rawAnswersDays: 730, draftsDays: 30, contactDataDays: 1095, outboxDays: 90 };

/** The audit log is kept three years, the same in every region (functions/domain/audit-log.ts). */
export const AUDIT_LOG_DAYS = 3 * 365;

/** Epoch seconds, DynamoDB's TTL unit, `days` after `from`. */
export const expiryAfter = (from: string | Date, days: number): number => Math.floor(new Date(from).getTime() / 1000) + days * 86_400;
