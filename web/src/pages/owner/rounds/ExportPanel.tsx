import { useEffect, useRef, useState } from "react";
import type { ExportJobView } from "../../../../../shared/schemas/export-job";
import { useI18n } from "../../../i18n";
import { formatTime } from "../../../lib/format";
import { ErrorMessage } from "../../../lib/ui";
import { ownerApi } from "../session";

const POLL_MS = 1000;

/**
 * The round's raw answers, prepared as a file in the background (POST /api/rounds/{id}/exports):
 * a progress bar while the rows are written, then a link to the file, which works a few minutes.
 */
export function ExportPanel({ roundUrl }: { roundUrl: string }) {
  const { t, locale } = useI18n();
  const [job, setJob] = useState<ExportJobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const preparing = job !== null && (job.status === "queued" || job.status === "running");

  useEffect(() => {
    if (!job || !preparing) return;
    const timer = window.setTimeout(async () => {
      try {
        setJob(await ownerApi<ExportJobView>(`${roundUrl}/exports/${encodeURIComponent(job.id)}`));
      } catch (e) {
        setError(e);
        setJob(null);
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [job, preparing, roundUrl]);

  useEffect(() => {
    if (job?.status === "done") link.current?.focus();
  }, [job?.status]);

  async function prepare(format: "csv" | "xlsx") {
    setError(null);
    try {
      setJob(await ownerApi<ExportJobView>(`${roundUrl}/exports`, { method: "POST", body: { format } }));
    } catch (e) {
      setError(e);
    }
  }

  const percent = job && job.total > 0 ? Math.round((job.written / job.total) * 100) : 0;
  return (
    <div className="export-panel">
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void prepare("csv")} disabled={preparing}>
          {t("round.export")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void prepare("xlsx")} disabled={preparing}>
          {t("round.exportXlsx")}
        </button>
      </div>
      {preparing ? (
        <div>
          <p id="export-progress-label">{t("round.exporting")}</p>
          <div className="progress" role="progressbar" aria-labelledby="export-progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={t("round.exportProgress", { written: job.written, total: job.total })}>
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="hint" aria-live="polite">{t("round.exportProgress", { written: job.written, total: job.total })}</p>
        </div>
      ) : null}
      {job?.status === "done" && job.url ? (
        <p>
          <a ref={link} href={job.url} download>
            {t("round.exportReady", { format: job.format.toUpperCase(), rows: job.written })}
          </a>{" "}
          <span className="hint">{job.urlExpiresAt ? t("round.exportExpires", { time: formatTime(new Date(job.urlExpiresAt), locale) }) : null}</span>
        </p>
      ) : null}
      {job?.status === "failed" ? <p className="notice notice-error" role="alert">{t("round.exportFailed")}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
