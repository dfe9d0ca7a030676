import * as z from "zod/mini";

/**
 * An export of a round's raw responses, prepared in the background and handed out as a
 * short-lived link (functions/domain/export-jobs.ts). The raw export identifies organisations: it
 * is for the round's workers, like GET /api/rounds/{id}/export.csv, and every request and read of
 * one is audit-logged.
 */
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export const EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;

/** POST /api/rounds/{id}/exports. */
export const CreateExportRequest = z.strictObject({ format: z.enum(EXPORT_FORMATS) });
export type CreateExportRequest = z.infer<typeof CreateExportRequest>;

/** The job as stored (functions/stores/export-jobs.ts). */
export const ExportJob = z.object({
  id: z.string(),
  roundId: z.string(),
  format: z.enum(EXPORT_FORMATS),
  status: z.enum(EXPORT_STATUSES),
  /** Rows written so far and the rows the export will hold (0 until the worker has counted them). */
  written: z.int().check(z.minimum(0)),
  total: z.int().check(z.minimum(0)),
  /** The file's size, once done. */
  bytes: z.optional(z.int().check(z.minimum(0))),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Why it failed, in words for the owner (never a stack or an answer). */
  error: z.optional(z.string()),
});
export type ExportJob = z.infer<typeof ExportJob>;

/** What the owner reads: the job, and once done a link that works until `urlExpiresAt`. */
export const ExportJobView = z.extend(ExportJob, {
  url: z.optional(z.string()),
  urlExpiresAt: z.optional(z.string()),
});
export type ExportJobView = z.infer<typeof ExportJobView>;
