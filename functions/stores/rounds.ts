import * as z from "zod/mini";
import { LocalText, RecipientFilter, ROUND_STATUSES, type Round } from "../../shared/schemas";
import { PROJECT_BEFORE_PROJECTS } from "./projects";
import { getItem, isConditionFailure, parseItem, putItem, queryIndex, txCheck, txPut, txUpdate, unlessAlreadyDone, updateIf, updateItem, type TableRef, type TransactItem } from "./table";

/** Rounds: pk `ROUND#<roundId>`, sk `#ROUND`; the owners' list in gsi1 `ROUNDS` by creation time. */
export const roundPartition = (roundId: string) => `ROUND#${roundId}`;
const key = (roundId: string) => ({ pk: roundPartition(roundId), sk: "#ROUND" });

/**
 * The round as stored: the entity plus the workflow's bookkeeping. Loose, so attributes the
 * workflow sets (finalAggregationAt, failedAt, ...) are read back as they are.
 */
export const StoredRound = z.looseObject({
  id: z.string(),
  // Rounds stored before projects existed belong to the project migration 2 made for them.
  projectId: z._default(z.string(), PROJECT_BEFORE_PROJECTS),
  name: z.string(),
  instrumentId: z.string(),
  instrumentVersion: z.number(),
  referenceYear: z.optional(z.number()),
  opensAt: z.string(),
  closesAt: z.string(),
  reminders: z.array(z.string()),
  recipients: RecipientFilter,
  invitationText: z.optional(LocalText),
  status: z.enum(ROUND_STATUSES),
  createdAt: z.string(),
  createdBy: z.string(),
  launchedAt: z.optional(z.string()),
  closeRequestedAt: z.optional(z.string()),
  closedAt: z.optional(z.string()),
  aggregatedAt: z.optional(z.string()),
  error: z.optional(z.string()),
  invitedCount: z.number(),
  submittedCount: z.number(),
  programmeId: z.optional(z.string()),
  cycle: z.optional(z.number()),
  purpose: z.optional(z.enum(["baseline", "follow-up", "home-assignment", "reflection"])),
  remindersDone: z.array(z.string()),
  launchCount: z.number(),
  executionArn: z.optional(z.string()),
  invitationsComplete: z.optional(z.boolean()),
  /** When the first invite task began: organisations registered or changed since are looked at again at the end. */
  inviteStartedAt: z.optional(z.string()),
  /** Where inviting goes on: the organisation-list cursor after the last page whose mail is all out. */
  inviteCursor: z.optional(z.string()),
  /** Where the reminder due at `at` goes on: the invitation cursor after the last page done. */
  reminderCursor: z.optional(z.object({ at: z.string(), after: z.string() })),
});
export type StoredRound = z.infer<typeof StoredRound>;
// Every stored round is a Round: a field the entity gains must be added here too to compile.
export const STORED_ROUND_IS_ROUND: StoredRound extends Round ? true : false = true;

const parse = (item: Record<string, unknown>) => parseItem(StoredRound, "round", item);

const OPEN_FOR_ANSWERS = { ":open": "open", ":scheduled": "scheduled", ":error": "error" };

export function roundStore(table: TableRef) {
  const item = (round: Round, listed: boolean) => ({
    ...key(round.id),
    ...(listed ? { gsi1pk: "ROUNDS", gsi1sk: round.createdAt } : {}),
    type: "round",
    ...round,
    remindersDone: [],
    launchCount: 0,
  });
  return {
    /**
     * A new round, only if none has its id. `listed` puts it in the owners' round list; a
     * learning cycle's rounds are shown on the programme's pages only.
     */
    putIfAbsent(round: Round, opts: { listed: boolean }): TransactItem {
      return txPut(table, item(round, opts.listed), "attribute_not_exists(pk)");
    },
    /** False when a round with the id exists. */
    async createIfAbsent(round: Round, opts: { listed: boolean }): Promise<boolean> {
      try {
        await putItem(table, item(round, opts.listed), "attribute_not_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async get(roundId: string, opts: { consistent?: boolean } = { consistent: true }): Promise<StoredRound | undefined> {
      const found = await getItem(table, key(roundId), opts);
      return found && parse(found);
    },
    async list(): Promise<StoredRound[]> {
      return (await queryIndex(table, "ROUNDS", { descending: true })).map(parse);
    },
    /** Writes the project onto a round stored before projects existed; false when it has one already. */
    adoptIntoProject(roundId: string, projectId: string): Promise<boolean> {
      return updateIf(table, key(roundId), {
        UpdateExpression: "SET projectId = :p",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(projectId)",
        ExpressionAttributeValues: { ":p": projectId },
      });
    },
    /** Holds a submission to the round taking answers (scheduled, open, or failed but not closed). */
    checkTakesAnswers(roundId: string): TransactItem {
      return txCheck(table, key(roundId), {
        ConditionExpression: "#s IN (:open, :scheduled, :error)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: OPEN_FOR_ANSWERS,
      });
    },
    /** draft -> scheduled; false unless the round was a draft. */
    markLaunched(roundId: string, now: string): Promise<boolean> {
      return updateIf(table, key(roundId), {
        UpdateExpression: "SET #s = :scheduled, launchedAt = :now, launchCount = launchCount + :one",
        ConditionExpression: "#s = :draft",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":scheduled": "scheduled", ":draft": "draft", ":now": now, ":one": 1 },
      });
    },
    /**
     * error -> `status` as attempt `attempt`, the error message removed; false unless the round was
     * in error at attempt `before`. The attempt moves before the old execution is stopped, so the
     * stop's status event is recognised as superseded (functions/domain/execution-events.ts).
     */
    markResumed(roundId: string, status: "open" | "scheduled", attempt: number, before: number): Promise<boolean> {
      return updateIf(table, key(roundId), {
        UpdateExpression: "SET #s = :status, launchCount = :attempt REMOVE #e",
        ConditionExpression: "#s = :error AND launchCount = :before",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":status": status, ":error": "error", ":attempt": attempt, ":before": before },
      });
    },
    setExecution(roundId: string, executionArn: string, attempt: number): Promise<void> {
      return updateItem(table, key(roundId), {
        UpdateExpression: "SET executionArn = :arn, launchCount = :n",
        ExpressionAttributeValues: { ":arn": executionArn, ":n": attempt },
      });
    },
    /** An early close: status closing as attempt `attempt`; false when the round is not scheduled, open or in error at attempt `before`. */
    requestClose(roundId: string, now: string, attempt: number, before: number): Promise<boolean> {
      return updateIf(table, key(roundId), {
        UpdateExpression: "SET closeRequestedAt = :now, #s = :closing, launchCount = :attempt",
        ConditionExpression: "#s IN (:scheduled, :open, :error) AND launchCount = :before",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":now": now, ":closing": "closing", ":attempt": attempt, ":before": before, ...OPEN_FOR_ANSWERS },
      });
    },
    /** scheduled -> open; a round already past scheduled stays as it is. */
    markOpen(roundId: string): Promise<void> {
      return unlessAlreadyDone(
        updateItem(table, key(roundId), {
          UpdateExpression: "SET #s = :open",
          ConditionExpression: "#s = :scheduled",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":open": "open", ":scheduled": "scheduled" },
        }),
      );
    },
    markInvitationsComplete(roundId: string): Promise<void> {
      return updateItem(table, key(roundId), { UpdateExpression: "SET invitationsComplete = :t REMOVE inviteCursor", ExpressionAttributeValues: { ":t": true } });
    },
    setInviteStarted(roundId: string, at: string): Promise<void> {
      return updateItem(table, key(roundId), { UpdateExpression: "SET inviteStartedAt = if_not_exists(inviteStartedAt, :at)", ExpressionAttributeValues: { ":at": at } });
    },
    /** Inviting goes on after `cursor` from now: the pages before it are all mailed. */
    setInviteCursor(roundId: string, cursor: string): Promise<void> {
      return updateItem(table, key(roundId), { UpdateExpression: "SET inviteCursor = :c", ExpressionAttributeValues: { ":c": cursor } });
    },
    /** The reminder due at `at` goes on after `after` from now. */
    setReminderCursor(roundId: string, at: string, after: string): Promise<void> {
      return updateItem(table, key(roundId), { UpdateExpression: "SET reminderCursor = :c", ExpressionAttributeValues: { ":c": { at, after } } });
    },
    addInvited(roundId: string): TransactItem {
      return txUpdate(table, key(roundId), { UpdateExpression: "ADD invitedCount :one", ExpressionAttributeValues: { ":one": 1 } });
    },
    /** One more submission counted, unless the final aggregation has begun (it counts them all). */
    addSubmitted(roundId: string): TransactItem {
      return txUpdate(table, key(roundId), {
        UpdateExpression: "ADD submittedCount :one",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(finalAggregationAt)",
        ExpressionAttributeValues: { ":one": 1 },
      });
    },
    /** Records the reminder due at `reminderAt` as done, once. */
    markReminderDone(roundId: string, reminderAt: string): Promise<void> {
      return unlessAlreadyDone(
        updateItem(table, key(roundId), {
          UpdateExpression: "SET remindersDone = list_append(if_not_exists(remindersDone, :empty), :at) REMOVE reminderCursor",
          ConditionExpression: "NOT contains(remindersDone, :atValue)",
          ExpressionAttributeValues: { ":empty": [], ":at": [reminderAt], ":atValue": reminderAt },
        }),
      );
    },
    /** Closed now, any error removed; false when the round is missing or already closed. */
    markClosed(roundId: string, now: string): Promise<boolean> {
      return updateIf(table, key(roundId), {
        UpdateExpression: "SET #s = :closed, closedAt = :now REMOVE #e",
        ConditionExpression: "attribute_exists(pk) AND #s <> :closed",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":closed": "closed", ":now": now },
      });
    },
    /** The fence of the final aggregation: set once, the first time. */
    beginFinalAggregation(roundId: string, now: string): Promise<void> {
      return updateItem(table, key(roundId), {
        UpdateExpression: "SET finalAggregationAt = if_not_exists(finalAggregationAt, :now)",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":now": now },
      });
    },
    /** The round's counters set to what its invitations and responses say (a migration's recount). */
    setCounts(roundId: string, invitedCount: number, submittedCount: number): Promise<void> {
      return updateItem(table, key(roundId), {
        UpdateExpression: "SET invitedCount = :i, submittedCount = :s",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":i": invitedCount, ":s": submittedCount },
      });
    },
    markAggregated(roundId: string, now: string, submittedCount: number): Promise<void> {
      return updateItem(table, key(roundId), {
        UpdateExpression: "SET aggregatedAt = :now, submittedCount = :n",
        ExpressionAttributeValues: { ":now": now, ":n": submittedCount },
      });
    },
    /**
     * The error state, written only for the round's current attempt and only once: false when the
     * round moved on to another attempt (restarted, closed early) or is marked already.
     */
    markFailedIfCurrent(roundId: string, attempt: number, message: string, now: string): Promise<boolean> {
      return updateIf(table, key(roundId), {
        UpdateExpression: "SET #s = :error, #e = :message, failedAt = :now",
        ConditionExpression: "launchCount = :attempt AND NOT #s IN (:error, :draft)",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":error": "error", ":draft": "draft", ":message": message, ":now": now, ":attempt": attempt },
      });
    },
    markFailed(roundId: string, message: string, now: string): Promise<void> {
      return updateItem(table, key(roundId), {
        UpdateExpression: "SET #s = :error, #e = :message, failedAt = :now",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":error": "error", ":message": message, ":now": now },
      });
    },
  };
}
export type RoundStore = ReturnType<typeof roundStore>;
