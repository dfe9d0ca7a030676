import { ConflictError, NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import { isAnonymous } from "../../shared/schemas";
import { CreateExportRequest, type ExportJob, type ExportJobView } from "../../shared/schemas/export-job";
import type { Deps } from "../adapters/ports";
import { getRound } from "./rounds";
import { newId } from "./tokens";
import { writeResponseExport, type ExportKind } from "./response-export";

/**
 * Exports of a round's raw responses at any size: requested, prepared by a worker that streams
 * the rows page by page into the export files (response-export.ts), and handed out as a link that
 * works for EXPORT_URL_SECONDS. The synchronous GET export.csv builds one string and answers it
 * through API Gateway, whose 6 MB limit a national round exceeds; this path has no such limit.
 */
export const EXPORT_URL_SECONDS = 300;
/** How many responses a page of the worker's read holds at most (DynamoDB's 1 MB page may hold fewer). */
export const EXPORT_PAGE_SIZE = 1000;

const CONTENT_TYPES: Record<ExportKind, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const fileKey = (job: Pick<ExportJob, "roundId" | "id" | "format">) => `exports/${job.roundId}/${job.id}.${job.format}`;
const fileName = (job: Pick<ExportJob, "roundId" | "format">) => `omgang-${job.roundId}.${job.format}`;

function configured(deps: Deps) {
  if (!deps.exportFiles || !deps.exportRunner) throw new ConflictError("exports-unavailable", "This region prepares no exports; download export.csv instead.");
  return { files: deps.exportFiles, runner: deps.exportRunner };
}

/** The worker needs the files only (it is the runner). */
function filesOf(deps: Deps) {
  if (!deps.exportFiles) throw new ConflictError("exports-unavailable", "This region prepares no exports; download export.csv instead.");
  return deps.exportFiles;
}

/** Records a job and starts its worker; answers the queued job. */
export async function requestExport(deps: Deps, roundId: string, body: unknown): Promise<ExportJobView> {
  const parsed = CreateExportRequest.safeParse(body);
  if (!parsed.success) throw new ValidationError("Ask for an export as { \"format\": \"csv\" } or { \"format\": \"xlsx\" }.", fieldIssues(parsed.error.issues));
  await getRound(deps, roundId);
  const { runner } = configured(deps);
  const now = deps.clock().toISOString();
  const job: ExportJob = { id: newId(), roundId, format: parsed.data.format, status: "queued", written: 0, total: 0, createdAt: now, updatedAt: now };
  await deps.stores.exportJobs.create(job);
  try {
    await runner.start(roundId, job.id);
  } catch (error) {
    await deps.stores.exportJobs.fail(roundId, job.id, "The export could not be started.", deps.clock().toISOString());
    throw error;
  }
  return job;
}

/** The job's progress; once done, with a fresh short-lived link to the file. */
export async function exportStatus(deps: Deps, roundId: string, exportId: string): Promise<ExportJobView> {
  await getRound(deps, roundId);
  const job = await deps.stores.exportJobs.get(roundId, exportId);
  if (!job) throw new NotFoundError("No export with that id.");
  if (job.status !== "done") return job;
  const { files } = configured(deps);
  const expires = new Date(deps.clock().getTime() + EXPORT_URL_SECONDS * 1000);
  return { ...job, url: await files.url(fileKey(job), fileName(job), EXPORT_URL_SECONDS), urlExpiresAt: expires.toISOString() };
}

/**
 * The worker: takes the job (once; a job done or failed is left as it is), streams the round's
 * responses into the file with the job's progress as rows are written, and marks it done with the
 * rows and bytes written, or failed. A CSV starts with a BOM, as export.csv does, so that Excel
 * reads it as UTF-8.
 */
export async function runExport(deps: Deps, roundId: string, exportId: string, opts: { pageSize?: number } = {}): Promise<ExportJob | undefined> {
  const now = () => deps.clock().toISOString();
  const job = await deps.stores.exportJobs.get(roundId, exportId);
  if (!job || !(await deps.stores.exportJobs.claim(roundId, exportId, now()))) return job;
  try {
    const files = filesOf(deps);
    const anonymous = isAnonymous(await getRound(deps, roundId));
    let rows = 0;
    const { bytes } = await files.put(fileKey(job), CONTENT_TYPES[job.format], async (out) => {
      if (job.format === "csv") out.write("\uFEFF");
      ({ rows } = await writeResponseExport(
        {
          pages: () => deps.stores.responses.pages(roundId, { limit: opts.pageSize ?? EXPORT_PAGE_SIZE }),
          progress: (written, total) => deps.stores.exportJobs.progress(roundId, exportId, written, total, now()),
          spool: deps.exportSpool?.(),
          progressEvery: opts.pageSize ?? EXPORT_PAGE_SIZE,
        },
        job.format,
        anonymous,
        out,
      ));
    });
    await deps.stores.exportJobs.finish(roundId, exportId, { rows, bytes }, now());
  } catch (error) {
    await deps.stores.exportJobs.fail(roundId, exportId, "The export failed; ask for it again.", now());
    throw error;
  }
  return deps.stores.exportJobs.get(roundId, exportId);
}
