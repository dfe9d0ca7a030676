import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { MailMessage, Mailer, TableRef } from "./ports";
import { keys } from "../domain/keys";

/** Local and test mail: written to the table's outbox, once per idempotency key. */
export function outboxMailer(table: TableRef, clock: () => Date): Mailer {
  return {
    async send(message: MailMessage) {
      const createdAt = clock().toISOString();
      try {
        await table.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: { ...keys.outboxMarker(message.idempotencyKey), createdAt },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...keys.outboxMail(createdAt, message.idempotencyKey),
                    id: message.idempotencyKey,
                    to: message.to,
                    subject: message.subject,
                    text: message.text,
                    kind: message.kind,
                    roundId: message.roundId,
                    programmeId: message.programmeId,
                    createdAt,
                  },
                },
              },
            ],
          }),
        );
      } catch (error) {
        // The marker exists: this mail was written before.
        if ((error as Error).name !== "TransactionCanceledException") throw error;
      }
    },
  };
}

/** On AWS: SES. The domain marks a mail as sent only after this returns, and never calls it twice for one key. */
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
