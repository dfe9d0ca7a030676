import * as z from "zod/mini";
import type { Answers } from "../../shared/schemas";
import { expirePrefix, getItem, isConditionFailure, parseItem, putItem, queryPrefix, setOnce, txCheck, txPut, txUpdate, type TableRef, type TransactItem } from "./table";
import { queryPrefixPages } from "./pages";
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
  /** Set by a migration on a second response of an organisation: kept, never counted. */
  supersededAt: z.optional(z.string()),
});
export type StoredResponse = z.infer<typeof StoredResponse>;

const parse = (item: Record<string, unknown>) => parseItem(StoredResponse, "response", item);

/**
 * The organisation's answer of a round whose unit is the organisation: pk `ROUND#<roundId>`, sk
 * `ORGRESP#<organisationId>`, written with the response in one transaction, only if absent. It is
 * the condition that keeps an organisation to one response, whichever contact or link submits.
 */
const organisationKey = (roundId: string, organisationId: string) => ({ pk: roundPartition(roundId), sk: `ORGRESP#${organisationId}` });
export const OrganisationAnswer = z.object({ personId: z.string(), submittedAt: z.string() });
export type OrganisationAnswer = z.infer<typeof OrganisationAnswer>;

/** Whether an item of the table (e.g. from its stream) is a response. */
export function isResponseItem(item: Record<string, unknown>): boolean {
  return typeof item.sk === "string" && item.sk.startsWith(RESPONSE_SORT_KEY_PREFIX);
}

/** A response item from the table's stream, parsed like any read. */
export const parseResponseItem = parse;

export function responseStore(table: TableRef) {
  return {
    /** Every response of the round, and each organisation's answer record, go at `expiresAt` (epoch seconds, DynamoDB's TTL). */
    async expireAll(roundId: string, expiresAt: number): Promise<number> {
      return (await expirePrefix(table, roundPartition(roundId), RESPONSE_SORT_KEY_PREFIX, expiresAt)) + (await expirePrefix(table, roundPartition(roundId), "ORGRESP#", expiresAt));
    },
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
    /** The invitation's response, if it has one (and it is still kept). */
    async get(roundId: string, personId: string): Promise<StoredResponse | undefined> {
      const item = await getItem(table, key(roundId, personId), { consistent: true });
      return item && parse(item);
    },
    /** Marks the response counted, once: fails its condition if it is counted already. */
    /** The person was erased: the response keeps the answers that feed releases, without its free text. */
    erase(roundId: string, personId: string, answers: Answers, now: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
        UpdateExpression: "SET answers = :a, erasedAt = if_not_exists(erasedAt, :now)",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":a": answers, ":now": now },
      });
    },
    markCounted(roundId: string, personId: string, now: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
        UpdateExpression: "SET countedAt = :now",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(countedAt)",
        ExpressionAttributeValues: { ":now": now },
      });
    },
    /** The responses that count; `all` adds those a migration marked superseded. */
    async list(roundId: string, opts: { consistent?: boolean; all?: boolean } = {}): Promise<StoredResponse[]> {
      const items = (await queryPrefix(table, roundPartition(roundId), RESPONSE_SORT_KEY_PREFIX, opts)).map(parse);
      return opts.all ? items : items.filter((r) => !r.supersededAt);
    },
    /**
     * The responses that count, one DynamoDB page at a time (up to 1 MB each, or `limit` items), so
     * a reader of a national round holds one page, not the round.
     */
    async *pages(roundId: string, opts: { limit?: number } = {}): AsyncGenerator<StoredResponse[]> {
      for await (const items of queryPrefixPages(table, roundPartition(roundId), RESPONSE_SORT_KEY_PREFIX, opts)) {
        const page = items.map(parse).filter((r) => !r.supersededAt);
        if (page.length) yield page;
      }
    },
    /** Marks a response superseded (another response is its organisation's); once. */
    markSuperseded(roundId: string, personId: string, now: string): Promise<void> {
      return setOnce(table, key(roundId, personId), "supersededAt", now);
    },
    /** The organisation's answer, only if it has none yet. */
    claimOrganisation(roundId: string, organisationId: string, answer: OrganisationAnswer): TransactItem {
      return txPut(table, { ...organisationKey(roundId, organisationId), type: "organisation-answer", ...answer }, "attribute_not_exists(pk)");
    },
    /** The same, outside a transaction (a migration): false when the organisation has one already. */
    async claimOrganisationIfAbsent(roundId: string, organisationId: string, answer: OrganisationAnswer): Promise<boolean> {
      try {
        await putItem(table, { ...organisationKey(roundId, organisationId), type: "organisation-answer", ...answer }, "attribute_not_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    /** Holds a transaction to the organisation not having answered. */
    checkOrganisationUnanswered(roundId: string, organisationId: string): TransactItem {
      return txCheck(table, organisationKey(roundId, organisationId), { ConditionExpression: "attribute_not_exists(pk)" });
    },
    /** Who answered for the organisation and when, if it has (a consistent read). */
    async organisationAnswer(roundId: string, organisationId: string): Promise<OrganisationAnswer | undefined> {
      const item = await getItem(table, organisationKey(roundId, organisationId), { consistent: true });
      return item && parseItem(OrganisationAnswer, "organisation answer", { personId: item.personId, submittedAt: item.submittedAt });
    },
  };
}
export type ResponseStore = ReturnType<typeof responseStore>;
