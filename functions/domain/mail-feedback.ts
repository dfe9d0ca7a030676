import * as z from "zod/mini";
import { MAIL_TAGS } from "../../shared/mail-tags";
import type { Deps } from "../adapters/ports";

/**
 * SES's bounce and complaint events, as the configuration set publishes them to the MailFeedback
 * topic (infra/constructs/mail.ts): `eventType` for event publishing, `notificationType` for an
 * identity's own notifications, which look the same. Only what is used is read; the rest is kept
 * out of every log line (it holds addresses).
 */
const Recipient = z.object({ emailAddress: z.string() });
export const SesMailEvent = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.object({ messageId: z.string(), tags: z.optional(z.record(z.string(), z.array(z.string()))) }),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: z.array(Recipient) })),
  complaint: z.optional(z.object({ complainedRecipients: z.array(Recipient) })),
});
export type SesMailEvent = z.infer<typeof SesMailEvent>;

/** What an event came to: the invitation and person it marked, or why it marked nothing. */
export type MailFeedbackOutcome =
  | { outcome: "marked"; kind: "bounced" | "opted-out"; roundId: string; personId: string }
  | { outcome: "ignored"; reason: "transient-bounce" | "not-a-bounce-or-complaint" | "untagged" | "unknown-invitation" };

const tag = (event: SesMailEvent, name: string) => event.mail.tags?.[name]?.[0];

/**
 * A permanent bounce marks the invitation `bounced` and the person's address as stopped; a
 * complaint (the person marked the mail as spam) marks it `opted-out` and stops all mail to them.
 * Neither is reminded again, and no later round invites the person; a submitted invitation stays
 * submitted. A transient bounce (a full mailbox) changes nothing: SES has already retried it.
 * Marking is conditional, so the same event delivered twice marks once.
 */
export async function recordMailFeedback(deps: Pick<Deps, "stores" | "clock">, event: SesMailEvent): Promise<MailFeedbackOutcome> {
  const type = event.eventType ?? event.notificationType;
  if (type !== "Bounce" && type !== "Complaint") return { outcome: "ignored", reason: "not-a-bounce-or-complaint" };
  if (type === "Bounce" && event.bounce?.bounceType !== "Permanent") return { outcome: "ignored", reason: "transient-bounce" };
  const roundId = tag(event, MAIL_TAGS.round);
  const personId = tag(event, MAIL_TAGS.person);
  if (!roundId || !personId) return { outcome: "ignored", reason: "untagged" };
  const invitation = await deps.stores.invitations.get(roundId, personId);
  if (!invitation) return { outcome: "ignored", reason: "unknown-invitation" };
  const now = deps.clock().toISOString();
  const kind = type === "Bounce" ? "bounced" : "opted-out";
  await deps.stores.invitations.markMailProblem(roundId, personId, kind, now);
  const person = await deps.stores.persons.get(personId);
  if (person) await deps.stores.persons.stopMail(person.organisationId, personId, { reason: type === "Bounce" ? "bounced" : "complaint", at: now });
  return { outcome: "marked", kind, roundId, personId };
}

/** An SQS record's body: the SNS envelope whose Message is the SES event; undefined when it is none. */
export function parseMailFeedback(body: string): SesMailEvent | undefined {
  try {
    const envelope = JSON.parse(body) as { Message?: unknown };
    const inner = typeof envelope.Message === "string" ? JSON.parse(envelope.Message) : envelope;
    const parsed = SesMailEvent.safeParse(inner);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
