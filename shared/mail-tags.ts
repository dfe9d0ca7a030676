/**
 * The tags a mail carries through SES (functions/adapters/mailer.ts) and SES hands back with a
 * bounce or complaint event (functions/domain/mail-feedback.ts): the mail's kind, round and person.
 */
export const MAIL_TAGS = { kind: "kind", round: "round", person: "person" } as const;
