import { useState } from "react";
import type { ResultDimension, ResultsView } from "../../../../../shared/schemas/api";
import type { ReleaseSummary } from "../../../../../shared/schemas/release";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { ErrorMessage } from "../../../lib/ui";
import { saveBlob } from "../../../lib/download";
import { ownerApi, ownerBlob } from "../session";
import { ReleaseChoice } from "../components/ReleaseChoice";

/**
 * Which release the results page shows, what it is (its time, n and rules), the releases that
 * were withheld and why, the request for an interim release, and the download of its tables.
 */
export function ReleasePanel({
  roundId,
  view,
  by,
  mayRelease,
  onChoose,
  onReleased,
}: {
  roundId: string;
  view: ResultsView;
  by: ResultDimension;
  /** The caller's role may request a release (not an analyst's). */
  mayRelease: boolean;
  onChoose: (n: number) => void;
  onReleased: () => void;
}) {
  const { t, lang, locale } = useI18n();
  const [busy, setBusy] = useState<"release" | "csv" | "xlsx" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const url = `/api/rounds/${encodeURIComponent(roundId)}`;
  const hasFinal = view.releases.some((r) => r.kind === "final");
  const kind = (r: ReleaseSummary) => t(`results.release.kind.${r.kind}` as MessageKey);

  async function requestRelease() {
    setError(null);
    setBusy("release");
    try {
      await ownerApi<ReleaseSummary>(`${url}/releases`, { method: "POST", body: { kind: "interim" } });
      onReleased();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  /** The release's tables as CSV, or as XLSX in the page's language. */
  async function download(kind: "csv" | "xlsx") {
    if (!view.release) return;
    setError(null);
    setBusy(kind);
    try {
      const query = `by=${by}&release=${view.release.number}${kind === "xlsx" ? `&lang=${lang}` : ""}`;
      const { blob, filename } = await ownerBlob(`${url}/results.${kind}?${query}`, kind === "csv" ? { contentType: "text/csv" } : {});
      saveBlob(blob, filename ?? `resultat-${roundId}-${view.release.number}-${by}.${kind}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="release-panel" aria-labelledby="release-title">
      <h2 id="release-title">{t("results.release.title")}</h2>
      <p className="unweighted">
        <strong>{t("results.unweighted")}</strong>
      </p>
      {view.release ? (
        <p role="status">
          {t("results.release.meta", {
            n: view.release.number,
            kind: kind(view.release),
            time: formatDateTime(view.release.cutoff, locale),
            responses: view.release.responses,
            invited: view.release.invited,
          })}
        </p>
      ) : (
        <p role="status">{t("results.release.none")}</p>
      )}
      <ReleaseChoice
        id="release-choice"
        releases={view.releases}
        current={view.release?.number}
        onChoose={onChoose}
        texts={{ choose: "results.release.choose", option: "results.release.option", withheld: "results.release.withheld" }}
      />
      <div className="actions">
        {!hasFinal && mayRelease ? (
          <button type="button" className="button button-secondary" onClick={() => void requestRelease()} disabled={busy !== null}>
            {busy === "release" ? t("results.release.requesting") : t("results.release.request")}
          </button>
        ) : null}
        {view.release ? (
          <>
            <button type="button" className="button button-secondary" onClick={() => void download("csv")} disabled={busy !== null}>
              {t("results.release.csv")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void download("xlsx")} disabled={busy !== null}>
              {t("results.release.xlsx")}
            </button>
          </>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
