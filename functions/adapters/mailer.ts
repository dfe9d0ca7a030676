import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { MAIL_TAGS } from "../../shared/mail-tags";
import { DEFAULT_RETENTION, expiryAfter } from "../../shared/retention";
import type { MailMessage, MailReceipt, Mailer } from "./ports";
import type { OutboxStore } from "../stores/outbox";

/** Local and test mail: written to the table's outbox, once per idempotency key, kept `keepDays` (the region's outbox retention). */
export function outboxMailer(outbox: OutboxStore, clock: () => Date, keepDays = DEFAULT_RETENTION.outboxDays): Mailer {
  return {
    async send(message: MailMessage): Promise<MailReceipt> {
      const createdAt = clock().toISOString();
      await outbox.writeOnce({
        id: message.idempotencyKey,
        to: message.to,
        subject: message.subject,
        text: message.text,
        kind: message.kind,
        roundId: message.roundId,
        programmeId: message.programmeId,
        createdAt,
      }, expiryAfter(createdAt, keepDays));
      return { messageId: message.idempotencyKey };
    },
  };
}

/**
 * On AWS: SES, one SendEmail per call; unlike the outbox it does not deduplicate by the
 * idempotency key. Invitations and reminders go through sendOnce (functions/domain/mail-once.ts):
 * claimed before, the message id recorded after. Cohort notices, the facilitator's reminder and
 * the reflection summary are recorded in the table before their mail goes, so a retried task does
 * not send them again (and one that fails between the record and the send does not send at all);
 * the owner's notice of a closed round is not recorded, so a retry there can send it twice.
 */
/** The tags SES carries to the configuration set's events: values of ids only (SES allows [A-Za-z0-9_-]). */
export function mailTags(message: Pick<MailMessage, "kind" | "roundId" | "personId">): { Name: string; Value: string }[] {
  const tags: { Name: string; Value: string }[] = [{ Name: MAIL_TAGS.kind, Value: message.kind }];
  if (message.roundId) tags.push({ Name: MAIL_TAGS.round, Value: message.roundId });
  if (message.personId) tags.push({ Name: MAIL_TAGS.person, Value: message.personId });
  return tags.filter((t) => /^[A-Za-z0-9_-]{1,256}$/.test(t.Value));
}

export function sesMailer(from: string, client = new SESv2Client({})): Mailer {
  return {
    async send(message: MailMessage): Promise<MailReceipt> {
      const sent = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: { Simple: { Subject: { Data: message.subject, Charset: "UTF-8" }, Body: { Text: { Data: message.text, Charset: "UTF-8" } } } },
          // SES returns these tags with a bounce or complaint, so the invitation it concerns is found by its key.
          EmailTags: mailTags(message),
        }),
      );
      return { messageId: sent.MessageId ?? "unknown" };
    },
  };
}
