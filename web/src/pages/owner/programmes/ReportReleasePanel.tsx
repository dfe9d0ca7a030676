import { useState } from "react";
import type { ProgrammeReport } from "../../../../../shared/schemas/programme";
import type { ProgrammeReleaseSummary } from "../../../../../shared/schemas/release";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { ErrorMessage } from "../../../lib/ui";
import { ownerApi } from "../session";
import { ReleaseChoice } from "../components/ReleaseChoice";

/**
 * Which release of the programme report the page shows (its time and respondents), the releases
 * that were withheld, and the request for an interim release while the follow-up is open.
 */
/** `mayRelease`: the caller runs the programme (an analyst reads its releases only). */
export function ReportReleasePanel({ report, mayRelease, onChoose, onReleased }: { report: ProgrammeReport; mayRelease: boolean; onChoose: (n: number) => void; onReleased: () => void }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canRequest = mayRelease && !report.releases.some((r) => r.kind === "final") && report.followUp.status === "open";
  const kind = (r: ProgrammeReleaseSummary) => t(`results.release.kind.${r.kind}` as MessageKey);

  async function requestRelease() {
    setError(null);
    setBusy(true);
    try {
      await ownerApi<ProgrammeReleaseSummary>(`/api/programmes/${encodeURIComponent(report.programmeId)}/releases`, { method: "POST", body: { kind: "interim" } });
      onReleased();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="release-panel" aria-labelledby="report-release-title">
      <h2 id="report-release-title">{t("prog.release.title")}</h2>
      <p className="unweighted">
        <strong>{t("prog.unweighted")}</strong>
      </p>
      {report.release ? (
        <p role="status">
          {t("prog.release.meta", {
            n: report.release.number,
            kind: kind(report.release),
            time: formatDateTime(report.release.cutoff, locale),
            persons: report.release.respondents.professionals,
            orgs: report.release.respondents.organisations,
          })}
        </p>
      ) : (
        <p role="status">{t("prog.release.none")}</p>
      )}
      <ReleaseChoice
        id="report-release-choice"
        releases={report.releases}
        current={report.release?.number}
        onChoose={onChoose}
        texts={{ choose: "prog.release.choose", option: "prog.release.option", withheld: "prog.release.withheld" }}
      />
      {canRequest ? (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => void requestRelease()} disabled={busy}>
            {busy ? t("prog.release.requesting") : t("prog.release.request")}
          </button>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
