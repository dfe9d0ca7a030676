import * as z from "zod/mini";
import { getItem, isConditionFailure, parseItem, putItem, updateIf, updateItem, type TableRef } from "./table";

/**
 * The idempotency record of a mail that must reach its person once (an invitation, a reminder):
 * pk `DELIVERY#<key>`, sk `#DELIVERY`. Claimed (conditional put) before the mail is sent; the
 * mailer's message id is recorded after (functions/domain/mail-once.ts).
 */
const key = (deliveryKey: string) => ({ pk: `DELIVERY#${deliveryKey}`, sk: "#DELIVERY" });

const StoredDelivery = z.looseObject({
  claimedAt: z.string(),
  sentAt: z.optional(z.string()),
  messageId: z.optional(z.string()),
});

/** claimed: this caller sends; sent: confirmed before; pending: claimed by another (or a crashed) attempt that has not confirmed yet. */
export type ClaimResult = "claimed" | "sent" | "pending";

export function mailDeliveryStore(table: TableRef) {
  const read = async (deliveryKey: string) => {
    const item = await getItem(table, key(deliveryKey), { consistent: true });
    return item && parseItem(StoredDelivery, "mail delivery", item);
  };
  return {
    /**
     * Claims the mail for this caller: a new record, or one whose claim is older than
     * `staleBefore` and was never confirmed (taken over on condition nobody else took it first).
     */
    async claim(deliveryKey: string, now: string, staleBefore: string, expiresAt: number): Promise<ClaimResult> {
      try {
        await putItem(table, { ...key(deliveryKey), type: "mail-delivery", claimedAt: now, expiresAt }, "attribute_not_exists(pk)");
        return "claimed";
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const existing = await read(deliveryKey);
      if (!existing) return "pending"; // only a record's TTL removes it; the next attempt claims it afresh
      if (existing.sentAt) return "sent";
      if (existing.claimedAt >= staleBefore) return "pending";
      const taken = await updateIf(table, key(deliveryKey), {
        UpdateExpression: "SET claimedAt = :now",
        ConditionExpression: "claimedAt = :old AND attribute_not_exists(sentAt)",
        ExpressionAttributeValues: { ":now": now, ":old": existing.claimedAt },
      });
      return taken ? "claimed" : "pending";
    },
    /** The mail went out: the mailer's message id, so a later attempt skips it. */
    confirm(deliveryKey: string, messageId: string | undefined, now: string): Promise<void> {
      return updateItem(table, key(deliveryKey), {
        UpdateExpression: "SET sentAt = :now, messageId = :id",
        ExpressionAttributeValues: { ":now": now, ":id": messageId ?? "unknown" },
      });
    },
    /** Gives a claim back (the mail is not sent after all: the person submitted meanwhile); the next attempt may claim it at once. */
    async release(deliveryKey: string): Promise<void> {
      await updateIf(table, key(deliveryKey), {
        UpdateExpression: "SET claimedAt = :never",
        ConditionExpression: "attribute_not_exists(sentAt)",
        ExpressionAttributeValues: { ":never": new Date(0).toISOString() },
      });
    },
    exists: async (deliveryKey: string) => (await getItem(table, key(deliveryKey), { consistent: true })) !== undefined,
  };
}
export type MailDeliveryStore = ReturnType<typeof mailDeliveryStore>;
