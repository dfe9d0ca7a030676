import * as z from "zod/mini";
import type { Answers } from "../../shared/schemas";
import { getItem, parseItem, queryPrefix, txCheck, txPut, txUpdate, type TableRef, type TransactItem } from "./table";
import { roundPartition } from "./rounds";
import { TokenSnapshot } from "./tokens";

/**
 * Responses: pk `ROUND#<roundId>`, sk `RESP#<personId>`. The stream's event filter
 * (infra/constructs/response-counter.ts) and its consumer pick responses by this prefix.
 */
export const RESPONSE_SORT_KEY_PREFIX = "RESP#";
const key = (roundId: string, personId: string) => ({ pk: roundPartition(roundId), sk: `${RESPONSE_SORT_KEY_PREFIX}${personId}` });

/** Answers are checked against the instrument on submit; as stored they are an object of answers. */
export const StoredAnswers = z.custom<Answers>((v) => typeof v === "object" && v !== null && !Array.isArray(v));

/** A submitted response: the answers and what its token knew of the invitation (its segments). */
export const StoredResponse = z.extend(TokenSnapshot, {
  answers: StoredAnswers,
  submittedAt: z.string(),
  countedAt: z.optional(z.string()),
});
export type StoredResponse = z.infer<typeof StoredResponse>;

const parse = (item: Record<string, unknown>) => parseItem(StoredResponse, "response", item);

/** Whether an item of the table (e.g. from its stream) is a response. */
export function isResponseItem(item: Record<string, unknown>): boolean {
  return typeof item.sk === "string" && item.sk.startsWith(RESPONSE_SORT_KEY_PREFIX);
}

/** A response item from the table's stream, parsed like any read. */
export const parseResponseItem = parse;

export function responseStore(table: TableRef) {
  return {
    /** The response, only if none exists for the invitation. */
    putIfAbsent(response: Omit<StoredResponse, "countedAt">): TransactItem {
      return txPut(table, { ...key(response.roundId, response.personId), type: "response", ...response }, "attribute_not_exists(pk)");
    },
    /** Holds a transaction to no response existing for the invitation. */
    checkAbsent(roundId: string, personId: string): TransactItem {
      return txCheck(table, key(roundId, personId), { ConditionExpression: "attribute_not_exists(pk)" });
    },
    /** When the invitation's response was submitted, if it was (a consistent read of one attribute). */
    async submittedAt(roundId: string, personId: string): Promise<string | undefined> {
      const item = await getItem(table, key(roundId, personId), { consistent: true, projection: "submittedAt" });
      return item && z.string().parse(item.submittedAt);
    },
    /** Marks the response counted, once: fails its condition if it is counted already. */
    markCounted(roundId: string, personId: string, now: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
        UpdateExpression: "SET countedAt = :now",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(countedAt)",
        ExpressionAttributeValues: { ":now": now },
      });
    },
    async list(roundId: string, opts: { consistent?: boolean } = {}): Promise<StoredResponse[]> {
      return (await queryPrefix(table, roundPartition(roundId), RESPONSE_SORT_KEY_PREFIX, opts)).map(parse);
    },
  };
}
export type ResponseStore = ReturnType<typeof responseStore>;
