import * as z from "zod/mini";
import { DeleteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { isTransactionCancelled, parseItem, queryNewest, transact, txPut, type TableRef } from "./table";

/**
 * The local outbox of mail: pk `OUTBOX`, sk `<createdAt>#<id>` (newest last), and a marker per
 * idempotency key (pk `MAIL#<id>`, sk `#MAIL`) so each key's mail is written once.
 */
const OUTBOX_PARTITION = "OUTBOX";

export const OutboxMail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  roundId: z.optional(z.string()),
  programmeId: z.optional(z.string()),
  createdAt: z.string(),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

export function outboxStore(table: TableRef) {
  return {
    /** Writes the mail unless one with its id was written before; true when this call wrote it. Both items go at `expiresAt` (epoch seconds), when given. */
    async writeOnce(mail: OutboxMail, expiresAt?: number): Promise<boolean> {
      const ttl = expiresAt === undefined ? {} : { expiresAt };
      try {
        await transact(table, [
          txPut(table, { pk: `MAIL#${mail.id}`, sk: "#MAIL", createdAt: mail.createdAt, ...ttl }, "attribute_not_exists(pk)"),
          txPut(table, { pk: OUTBOX_PARTITION, sk: `${mail.createdAt}#${mail.id}`, ...mail, ...ttl }),
        ]);
        return true;
      } catch (error) {
        if (isTransactionCancelled(error)) return false;
        throw error;
      }
    },
    /** The mails to an address (an export of what is kept about a person). */
    async to(email: string): Promise<OutboxMail[]> {
      return (await this.all()).filter((m) => m.to.toLowerCase() === email.toLowerCase());
    },
    /** Deletes every mail to an address (a person's erasure); the idempotency markers hold no address. */
    async eraseRecipient(email: string): Promise<number> {
      const mails = await this.to(email);
      for (const m of mails) await table.doc.send(new DeleteCommand({ TableName: table.name, Key: { pk: OUTBOX_PARTITION, sk: `${m.createdAt}#${m.id}` } }));
      return mails.length;
    },
    async all(): Promise<OutboxMail[]> {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await table.doc.send(
          new QueryCommand({ TableName: table.name, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": OUTBOX_PARTITION }, ExclusiveStartKey: start }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items.map((item) => parseItem(OutboxMail, "outbox mail", item));
    },
    /** The newest mails first, at most `limit`. */
    async newest(limit: number): Promise<OutboxMail[]> {
      return (await queryNewest(table, OUTBOX_PARTITION, limit)).map((item) => parseItem(OutboxMail, "outbox mail", item));
    },
  };
}
export type OutboxStore = ReturnType<typeof outboxStore>;
