import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import type { MailMessage, Mailer } from "./ports";
import type { OutboxStore } from "../stores/outbox";

/** Local and test mail: written to the table's outbox, once per idempotency key. */
export function outboxMailer(outbox: OutboxStore, clock: () => Date): Mailer {
  return {
    async send(message: MailMessage) {
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
    },
  };
}

/**
 * On AWS: SES, one SendEmail per call; unlike the outbox it does not deduplicate by the
 * idempotency key. Reminders, cohort notices, the facilitator's reminder and the reflection
 * summary are recorded in the table before their mail goes, so a retried task does not send them
 * again (and one that fails between the record and the send does not send at all). An invitation
 * is marked sent only after its mail, and the owner's notice of a closed round is not recorded, so
 * a retry after a failure there can send those twice.
 */
export function sesMailer(from: string, client = new SESv2Client({})): Mailer {
  return {
    async send(message: MailMessage) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: { Simple: { Subject: { Data: message.subject, Charset: "UTF-8" }, Body: { Text: { Data: message.text, Charset: "UTF-8" } } } },
        }),
      );
    },
  };
}
