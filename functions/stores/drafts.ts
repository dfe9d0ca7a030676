import * as z from "zod/mini";
import { expirePrefix, getItem, parseItem, putItem, txDelete, txPut, type TableRef, type TransactItem } from "./table";
import { roundPartition } from "./rounds";
import { StoredAnswers } from "./responses";

/** Drafts: pk `ROUND#<roundId>`, sk `DRAFT#<personId>`; deleted when the response is counted. */
const key = (roundId: string, personId: string) => ({ pk: roundPartition(roundId), sk: `DRAFT#${personId}` });

export const StoredDraft = z.object({
  answers: StoredAnswers,
  savedAt: z.string(),
});
export type StoredDraft = z.infer<typeof StoredDraft>;

export function draftStore(table: TableRef) {
  return {
    /** Every draft of the round goes at `expiresAt` (epoch seconds, DynamoDB's TTL). */
    expireAll: (roundId: string, expiresAt: number) => expirePrefix(table, roundPartition(roundId), "DRAFT#", expiresAt),
    async get(roundId: string, personId: string): Promise<StoredDraft | undefined> {
      const item = await getItem(table, key(roundId, personId), { consistent: true });
      return item && parseItem(StoredDraft, "draft", item);
    },
    put(roundId: string, personId: string, draft: StoredDraft): Promise<void> {
      return putItem(table, { ...key(roundId, personId), type: "draft", ...draft });
    },
    /** The draft written in a transaction (an organisation's draft following its new respondent). */
    putTx(roundId: string, personId: string, draft: StoredDraft): TransactItem {
      return txPut(table, { ...key(roundId, personId), type: "draft", ...draft });
    },
    /** Deletes the draft only if it is still the one saved at `savedAt` (none newer came in meanwhile). */
    deleteIfSavedAt(roundId: string, personId: string, savedAt: string): TransactItem {
      return txDelete(table, key(roundId, personId), { ConditionExpression: "savedAt = :at", ExpressionAttributeValues: { ":at": savedAt } });
    },
    delete(roundId: string, personId: string): TransactItem {
      return txDelete(table, key(roundId, personId));
    },
  };
}
export type DraftStore = ReturnType<typeof draftStore>;
