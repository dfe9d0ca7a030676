import * as z from "zod/mini";
import { CYCLE_STATUSES, LocalText, type CycleSchedule, type CycleStage, type RecordedStage, type RoundStage } from "../../shared/schemas";
import { StoredItemError, getItem, parseItem, queryPrefix, txPut, unlessAlreadyDone, updateIf, updateItem, updateReturningOld, isConditionFailure, type TableRef, type TransactItem } from "./table";
import { programmePartition } from "./programmes";

/**
 * Learning cycles: pk `PROG#<programmeId>`, sk `CYCLE#<nn>` (01, 02, ..., so they sort in order).
 * A cycle's stage fields are flat attributes named `<stage><Field>` (workshopRecordedAt,
 * assignmentRoundId, ...), so every task updates one attribute with a condition, never a nested map.
 */
const key = (programmeId: string, cycle: number) => ({ pk: programmePartition(programmeId), sk: `CYCLE#${String(cycle).padStart(2, "0")}` });

/** The stage fields, by what each holds. */
type SessionText = "NoticeSentAt" | "Token" | "TokenAt" | "RecordedAt" | "HeldAt" | "Notes" | "MaterialUrl" | "FacilitatorRemindedAt";
type RoundStageText = "RoundId" | "OpenedAt" | "ClosedAt" | "SummarySentAt";
type ListField = "Noticed" | "Attendance";
export type SessionFields = SessionText | ListField;
export type RoundStageFields = RoundStageText | "Skipped";

/** The attribute name of a stage field, e.g. field("workshop", "RecordedAt") = "workshopRecordedAt". */
export function field(stage: RecordedStage, name: SessionFields): string;
export function field(stage: RoundStage, name: RoundStageFields): string;
export function field(stage: CycleStage, name: string): string {
  return `${stage}${name}`;
}

const StoredSchedule = z.object({
  workshopAt: z.string(),
  assignmentDeadline: z.string(),
  lectureAt: z.string(),
  reflectionDeadline: z.string(),
  assignmentReminders: z.array(z.string()),
  reflectionReminders: z.array(z.string()),
  assignmentText: z.optional(LocalText),
  noticeDaysBefore: z.number(),
  recordWithinHours: z.number(),
  facilitatorGraceHours: z.number(),
});
export const STORED_SCHEDULE_IS_SCHEDULE: z.infer<typeof StoredSchedule> extends CycleSchedule ? true : false = true;

/** Loose: the stage fields are read with get() below. */
export const StoredCycle = z.looseObject({
  programmeId: z.string(),
  cycle: z.number(),
  status: z.enum(CYCLE_STATUSES),
  schedule: z.optional(StoredSchedule),
  launchCount: z.number(),
  executionArn: z.optional(z.string()),
  startedAt: z.optional(z.string()),
  completedAt: z.optional(z.string()),
  error: z.optional(z.string()),
  failedAt: z.optional(z.string()),
});
export type StoredCycle = z.infer<typeof StoredCycle>;

function stageField<T>(schema: z.ZodMiniType<T>, cycle: StoredCycle, attribute: string): T | undefined {
  const value = cycle[attribute];
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredItemError("cycle");
  return parsed.data;
}

/** A text stage field (a time, an id, a token, notes) of a stored cycle; a mismatch is a StoredItemError. */
export function get(cycle: StoredCycle, stage: CycleStage, name: SessionText | RoundStageText): string | undefined {
  return stageField(z.string(), cycle, `${stage}${name}`);
}
/** A list stage field (who was noticed, who attended). */
export function getList(cycle: StoredCycle, stage: RecordedStage, name: ListField): string[] | undefined {
  return stageField(z.array(z.string()), cycle, `${stage}${name}`);
}
/** Whether a round stage was skipped (its deadline passed before it could open). */
export function isSkipped(cycle: StoredCycle, stage: RoundStage): boolean {
  return stageField(z.boolean(), cycle, field(stage, "Skipped")) ?? false;
}

const parse = (item: Record<string, unknown>) => parseItem(StoredCycle, "cycle", item);

/** What recording a session writes; `materialUrl` for a lecture only. */
export type SessionRecord = { now: string; heldAt: string; attendance: string[]; notes: string; materialUrl?: string };

export function cycleStore(table: TableRef) {
  const setIf = (programmeId: string, n: number, attribute: string, value: unknown, condition: string, names: Record<string, string> = {}) =>
    updateIf(table, key(programmeId, n), {
      UpdateExpression: "SET #a = :v",
      ConditionExpression: condition,
      ExpressionAttributeNames: { "#a": attribute, ...names },
      ExpressionAttributeValues: { ":v": value },
    });
  return {
    /** A new cycle, planned. */
    putPlanned(programmeId: string, cycle: number): TransactItem {
      return txPut(table, { ...key(programmeId, cycle), type: "cycle", programmeId, cycle, status: "planned", launchCount: 0 });
    },
    async get(programmeId: string, cycle: number): Promise<StoredCycle | undefined> {
      const item = await getItem(table, key(programmeId, cycle), { consistent: true });
      return item && parse(item);
    },
    async list(programmeId: string): Promise<StoredCycle[]> {
      const items = await queryPrefix(table, programmePartition(programmeId), "CYCLE#", { consistent: true });
      return items.map(parse).sort((a, b) => a.cycle - b.cycle);
    },
    /** The schedule and status `next`; false when the status is no longer `current`. */
    setSchedule(programmeId: string, n: number, schedule: CycleSchedule, next: string, current: string): Promise<boolean> {
      return updateIf(table, key(programmeId, n), {
        UpdateExpression: "SET schedule = :s, #s = :next",
        ConditionExpression: "#s = :current",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": schedule, ":next": next, ":current": current },
      });
    },
    /** scheduled or error -> running as attempt `attempt`; false when another start came first. */
    markStarted(programmeId: string, n: number, now: string, attempt: number, launchCountBefore: number): Promise<boolean> {
      return updateIf(table, key(programmeId, n), {
        UpdateExpression: "SET #s = :running, startedAt = if_not_exists(startedAt, :now), launchCount = :attempt REMOVE #e, failedAt",
        ConditionExpression: "#s IN (:scheduled, :error) AND launchCount = :before",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":running": "running", ":now": now, ":attempt": attempt, ":before": launchCountBefore, ":scheduled": "scheduled", ":error": "error" },
      });
    },
    setExecution(programmeId: string, n: number, executionArn: string): Promise<void> {
      return updateItem(table, key(programmeId, n), { UpdateExpression: "SET executionArn = :arn", ExpressionAttributeValues: { ":arn": executionArn } });
    },
    /**
     * Writes the session's record and removes the waiting task's token in one update. Answers the
     * token that was removed and whether the session was recorded before; undefined when the cycle
     * has not started (nothing written).
     */
    async recordSession(programmeId: string, n: number, stage: RecordedStage, record: SessionRecord): Promise<{ token?: string; recordedBefore: boolean } | undefined> {
      const names: Record<string, string> = {
        "#s": "status",
        "#rec": field(stage, "RecordedAt"),
        "#held": field(stage, "HeldAt"),
        "#att": field(stage, "Attendance"),
        "#notes": field(stage, "Notes"),
        "#tok": field(stage, "Token"),
      };
      const values: Record<string, unknown> = {
        ":now": record.now,
        ":held": record.heldAt,
        ":att": record.attendance,
        ":notes": record.notes,
        ":running": "running",
        ":error": "error",
        ":done": "done",
      };
      let set = "SET #rec = if_not_exists(#rec, :now), #held = :held, #att = :att, #notes = :notes";
      if (record.materialUrl !== undefined) {
        names["#url"] = field(stage, "MaterialUrl");
        values[":url"] = record.materialUrl;
        set += ", #url = :url";
      }
      try {
        const before = await updateReturningOld(table, key(programmeId, n), {
          UpdateExpression: `${set} REMOVE #tok`,
          ConditionExpression: "#s IN (:running, :error, :done)",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        });
        const token = before?.[names["#tok"]];
        return { token: typeof token === "string" ? token : undefined, recordedBefore: !!before?.[names["#rec"]] };
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },
    /** Adds `value` to the list attribute; false when it is in the list already. */
    appendOnce(programmeId: string, n: number, attribute: string, value: string): Promise<boolean> {
      return updateIf(table, key(programmeId, n), {
        UpdateExpression: "SET #l = list_append(if_not_exists(#l, :empty), :p)",
        ConditionExpression: "NOT contains(#l, :pv)",
        ExpressionAttributeNames: { "#l": attribute },
        ExpressionAttributeValues: { ":empty": [], ":p": [value], ":pv": value },
      });
    },
    /** SET attribute = value unless it is set already. */
    setOnce(programmeId: string, n: number, attribute: string, value: unknown): Promise<void> {
      return updateItem(table, key(programmeId, n), {
        UpdateExpression: "SET #a = if_not_exists(#a, :v)",
        ExpressionAttributeNames: { "#a": attribute },
        ExpressionAttributeValues: { ":v": value },
      });
    },
    /** Stores the waiting task's token; false when the session is recorded already. */
    async storeTaskToken(programmeId: string, n: number, stage: RecordedStage, token: string, now: string): Promise<boolean> {
      return updateIf(table, key(programmeId, n), {
        UpdateExpression: "SET #t = :t, #ta = :now",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#r)",
        ExpressionAttributeNames: { "#t": field(stage, "Token"), "#ta": field(stage, "TokenAt"), "#r": field(stage, "RecordedAt") },
        ExpressionAttributeValues: { ":t": token, ":now": now },
      });
    },
    /** Marks the facilitator reminded; false when reminded before or the session is recorded. */
    markFacilitatorReminded(programmeId: string, n: number, stage: RecordedStage, now: string): Promise<boolean> {
      return setIf(programmeId, n, field(stage, "FacilitatorRemindedAt"), now, "attribute_not_exists(#a) AND attribute_not_exists(#r)", { "#r": field(stage, "RecordedAt") });
    },
    /** Marks the reflection summary sent; false when it was before. */
    markSummarySent(programmeId: string, n: number, now: string): Promise<boolean> {
      return setIf(programmeId, n, field("reflection", "SummarySentAt"), now, "attribute_not_exists(#a)");
    },
    /** Status done, any error removed; a cycle done already stays as it is. */
    markDone(programmeId: string, n: number, now: string): Promise<void> {
      return unlessAlreadyDone(
        updateItem(table, key(programmeId, n), {
          UpdateExpression: "SET #s = :done, completedAt = :now REMOVE #e",
          ConditionExpression: "attribute_exists(pk) AND #s <> :done",
          ExpressionAttributeNames: { "#s": "status", "#e": "error" },
          ExpressionAttributeValues: { ":done": "done", ":now": now },
        }),
      );
    },
    /** The error state for the running cycle's current attempt only; false when it moved on, is done or marked already. */
    markFailedIfCurrent(programmeId: string, n: number, attempt: number, message: string, now: string): Promise<boolean> {
      return updateIf(table, key(programmeId, n), {
        UpdateExpression: "SET #s = :error, #e = :message, failedAt = :now",
        ConditionExpression: "launchCount = :attempt AND #s = :running",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":error": "error", ":running": "running", ":message": message, ":now": now, ":attempt": attempt },
      });
    },
    markFailed(programmeId: string, n: number, message: string, now: string): Promise<void> {
      return updateItem(table, key(programmeId, n), {
        UpdateExpression: "SET #s = :error, #e = :message, failedAt = :now",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":error": "error", ":message": message, ":now": now },
      });
    },
  };
}
export type CycleStore = ReturnType<typeof cycleStore>;
