import * as z from "zod/mini";
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
    /** Writes the mail unless one with its id was written before; true when this call wrote it. */
    async writeOnce(mail: OutboxMail): Promise<boolean> {
      try {
        await transact(table, [
          txPut(table, { pk: `MAIL#${mail.id}`, sk: "#MAIL", createdAt: mail.createdAt }, "attribute_not_exists(pk)"),
          txPut(table, { pk: OUTBOX_PARTITION, sk: `${mail.createdAt}#${mail.id}`, ...mail }),
        ]);
        return true;
      } catch (error) {
        if (isTransactionCancelled(error)) return false;
        throw error;
      }
    },
    /** The newest mails first, at most `limit`. */
    async newest(limit: number): Promise<OutboxMail[]> {
      return (await queryNewest(table, OUTBOX_PARTITION, limit)).map((item) => parseItem(OutboxMail, "outbox mail", item));
    },
  };
}
export type OutboxStore = ReturnType<typeof outboxStore>;
