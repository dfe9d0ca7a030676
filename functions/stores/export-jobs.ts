import { ExportJob } from "../../shared/schemas/export-job";
import { getItem, parseItem, putItem, updateIf, type TableRef } from "./table";
import { roundPartition } from "./rounds";

/**
 * Export jobs: pk `ROUND#<roundId>`, sk `EXPORT#<id>`, beside the round's responses (whose prefix,
 * `RESP#`, the response counter's stream filter picks: these never reach it). A job and its file
 * go after EXPORT_JOB_DAYS (DynamoDB's TTL here, the bucket's lifecycle rule for the file).
 */
export const EXPORT_JOB_DAYS = 1;
const key = (roundId: string, id: string) => ({ pk: roundPartition(roundId), sk: `EXPORT#${id}` });
const parse = (item: Record<string, unknown>) => parseItem(ExportJob, "export job", item);

export function exportJobStore(table: TableRef) {
  return {
    /** A new job (its id is new: written only if absent). */
    async create(job: ExportJob): Promise<void> {
      const expiresAt = Math.floor(Date.parse(job.createdAt) / 1000) + EXPORT_JOB_DAYS * 86_400;
      await putItem(table, { ...key(job.roundId, job.id), type: "export-job", ...job, expiresAt }, "attribute_not_exists(pk)");
    },
    async get(roundId: string, id: string): Promise<ExportJob | undefined> {
      const item = await getItem(table, key(roundId, id), { consistent: true });
      return item && parse(item);
    },
    /** Takes a queued job, or one left running by a worker that stopped (an async invoke is retried): false when it is done or failed. */
    claim(roundId: string, id: string, now: string): Promise<boolean> {
      return updateIf(table, key(roundId, id), {
        UpdateExpression: "SET #s = :running, written = :zero, updatedAt = :now",
        ConditionExpression: "attribute_exists(pk) AND #s IN (:queued, :running)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":running": "running", ":queued": "queued", ":zero": 0, ":now": now },
      });
    },
    /** Rows written of the total, while running. */
    async progress(roundId: string, id: string, written: number, total: number, now: string): Promise<void> {
      await updateIf(table, key(roundId, id), {
        UpdateExpression: "SET written = :w, #t = :t, updatedAt = :now",
        ConditionExpression: "#s = :running",
        ExpressionAttributeNames: { "#s": "status", "#t": "total" },
        ExpressionAttributeValues: { ":w": written, ":t": total, ":now": now, ":running": "running" },
      });
    },
    async finish(roundId: string, id: string, done: { rows: number; bytes: number }, now: string): Promise<void> {
      await updateIf(table, key(roundId, id), {
        UpdateExpression: "SET #s = :done, written = :w, #t = :w, bytes = :b, updatedAt = :now",
        ConditionExpression: "#s = :running",
        ExpressionAttributeNames: { "#s": "status", "#t": "total" },
        ExpressionAttributeValues: { ":done": "done", ":w": done.rows, ":b": done.bytes, ":now": now, ":running": "running" },
      });
    },
    async fail(roundId: string, id: string, reason: string, now: string): Promise<void> {
      await updateIf(table, key(roundId, id), {
        UpdateExpression: "SET #s = :failed, #e = :e, updatedAt = :now",
        ConditionExpression: "#s IN (:queued, :running)",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":failed": "failed", ":e": reason, ":now": now, ":queued": "queued", ":running": "running" },
      });
    },
  };
}
export type ExportJobStore = ReturnType<typeof exportJobStore>;
