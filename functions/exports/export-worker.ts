import { runtimeDeps } from "../adapters/runtime";
import { runExport } from "../domain/export-jobs";
import { logger } from "../observability/logger";

/** The event the owner API invokes the worker with (functions/adapters/export-runner.ts). */
export type ExportWorkerEvent = { roundId: string; exportId: string };

/**
 * Prepares one export (functions/domain/export-jobs.ts), invoked asynchronously by the owner API.
 * A job already done or failed is left as it is, so Lambda's retry of an invoke does no harm.
 */
export async function handler(event: ExportWorkerEvent): Promise<void> {
  const started = Date.now();
  const job = await runExport(runtimeDeps("export-worker"), String(event.roundId ?? ""), String(event.exportId ?? ""));
  logger.info("export", { roundId: event.roundId, exportId: event.exportId, status: job?.status, rows: job?.written, bytes: job?.bytes, durationMs: Date.now() - started });
}
