import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import type { MailMessage, MailReceipt, Mailer } from "./ports";
import type { OutboxStore } from "../stores/outbox";

/** Local and test mail: written to the table's outbox, once per idempotency key. */
export function outboxMailer(outbox: OutboxStore, clock: () => Date): Mailer {
  return {
    async send(message: MailMessage): Promise<MailReceipt> {
      await outbox.writeOnce({
        id: message.idempotencyKey,
        to: message.to,
        subject: message.subject,
        text: message.text,
        kind: message.kind,
        roundId: message.roundId,
        programmeId: message.programmeId,
        createdAt: clock().toISOString(),
      });
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
export function sesMailer(from: string, client = new SESv2Client({})): Mailer {
  return {
    async send(message: MailMessage): Promise<MailReceipt> {
      const sent = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: { Simple: { Subject: { Data: message.subject, Charset: "UTF-8" }, Body: { Text: { Data: message.text, Charset: "UTF-8" } } } },
        }),
      );
      return { messageId: sent.MessageId ?? "unknown" };
    },
  };
}
