import { useCallback, useEffect, useRef, useState } from "react";
import type { Round, RoundStatusView, SegmentRate } from "../../../../shared/schemas";
import { useI18n } from "../../i18n";
import { ApiError } from "../../lib/api";
import { formatDateTime, formatTime } from "../../lib/format";
import { formatPercent } from "./format";
import { Link } from "../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../lib/ui";
import { StatusBadge } from "./Rounds";
import { ownerApi, ownerBlob } from "./session";

const REFRESH_MS = 10_000;

export function RoundPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [round, setRound] = useState<RoundStatusView | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<"launch" | "close" | "export" | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const url = `/api/rounds/${encodeURIComponent(id)}`;

  const load = useCallback(async () => {
    try {
      const view = await ownerApi<RoundStatusView>(url);
      setRound(view);
      setUpdatedAt(new Date());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [url]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void load();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  async function action(kind: "launch" | "close") {
    setActionError(null);
    setNotice(null);
    setBusy(kind);
    try {
      await ownerApi<Round>(`${url}/${kind}`, { method: "POST" });
      setNotice(kind === "launch" ? t("round.launched") : t("round.closeRequested"));
      setConfirming(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setNotice(t("round.conflict"));
      else setActionError(e);
    } finally {
      setBusy(null);
      void load();
    }
  }

  async function download() {
    setActionError(null);
    setBusy("export");
    try {
      const { blob, filename } = await ownerBlob(`${url}/export.csv`, { contentType: "text/csv" });
      const href = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = href;
      a.download = filename ?? `${round?.name ?? id}.csv`.replace(/[^\w.\-åäöÅÄÖ ]+/g, "_");
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  }

  if (!round && error instanceof ApiError && error.status === 404)
    return (
      <div className="page">
        <PageTitle>{t("round.title")}</PageTitle>
        <p>{t("round.notFound")}</p>
        <Link href="/owner/rounds">{t("owner.navRounds")}</Link>
      </div>
    );
  if (!round)
    return (
      <div className="page">
        {error ? <ErrorMessage error={error} onRetry={() => void load()} /> : <Loading />}
      </div>
    );

  const canClose = round.status === "scheduled" || round.status === "open";
  const rates = round.rates;

  return (
    <div className="page">
      <PageTitle title={round.name}>
        {round.name} <StatusBadge status={round.status} />
      </PageTitle>
      <p className="hint">{updatedAt ? t("round.updated", { time: formatTime(updatedAt, locale) }) : null}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {round.status === "error" && round.error ? <p className="notice notice-error">{t("round.error", { error: round.error })}</p> : null}

      <dl className="details">
        <div>
          <dt>{t("round.status")}</dt>
          <dd>
            <StatusBadge status={round.status} />
          </dd>
        </div>
        <div>
          <dt>{t("round.opensAt")}</dt>
          <dd>{formatDateTime(round.opensAt, locale)}</dd>
        </div>
        <div>
          <dt>{t("round.closesAt")}</dt>
          <dd>{formatDateTime(round.closesAt, locale)}</dd>
        </div>
        <div>
          <dt>{t("round.reminders")}</dt>
          <dd>{round.reminders?.length ? round.reminders.map((r) => formatDateTime(r, locale)).join(", ") : "–"}</dd>
        </div>
        <div>
          <dt>{t("round.recipients")}</dt>
          <dd>{describeRecipients(round, t("round.allRecipients"))}</dd>
        </div>
      </dl>

      <div className="button-row" role="group" aria-label={t("round.title")}>
        {round.status === "draft" ? (
          <button type="button" className="button button-primary" onClick={() => void action("launch")} disabled={busy !== null}>
            {t("round.launch")}
          </button>
        ) : null}
        {canClose && !confirming ? (
          <button
            ref={closeRef}
            type="button"
            className="button button-warning"
            onClick={() => {
              setConfirming(true);
              requestAnimationFrame(() => confirmRef.current?.focus());
            }}
          >
            {t("round.closeEarly")}
          </button>
        ) : null}
        <Link href={`/owner/rounds/${encodeURIComponent(id)}/results`} className="button button-secondary">
          {t("round.results")}
        </Link>
        <button type="button" className="button button-secondary" onClick={() => void download()} disabled={busy === "export"}>
          {busy === "export" ? t("round.exporting") : t("round.export")}
        </button>
      </div>

      {confirming && canClose ? (
        <div className="panel panel-warning" role="group" aria-labelledby="close-confirm-text">
          <p id="close-confirm-text">{t("round.closeConfirm")}</p>
          <div className="button-row">
            <button ref={confirmRef} type="button" className="button button-warning" onClick={() => void action("close")} disabled={busy !== null}>
              {t("round.closeConfirmYes")}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => closeRef.current?.focus());
              }}
            >
              {t("round.closeCancel")}
            </button>
          </div>
        </div>
      ) : null}

      <div role="status">{notice ? <p className="notice notice-info">{notice}</p> : null}</div>
      {actionError ? <ErrorMessage error={actionError} /> : null}

      <h2>{t("round.rates")}</h2>
      {rates ? (
        <>
          <dl className="stats">
            <div>
              <dt>{t("round.colInvited")}</dt>
              <dd>{rates.total.invited}</dd>
            </div>
            <div>
              <dt>{t("round.colOpened")}</dt>
              <dd>{rates.total.opened}</dd>
            </div>
            <div>
              <dt>{t("round.colSubmitted")}</dt>
              <dd>{rates.total.submitted}</dd>
            </div>
            <div>
              <dt>{t("round.colRate")}</dt>
              <dd>{formatPercent(rates.total.responseRate, locale)}</dd>
            </div>
          </dl>
          <RateTable caption={t("round.byIndustry")} rows={rates.byIndustry} />
          <RateTable caption={t("round.byMunicipality")} rows={rates.byMunicipality} />
          <RateTable caption={t("round.bySize")} rows={rates.bySize} />
        </>
      ) : (
        <p>{t("round.noSegments")}</p>
      )}
    </div>
  );
}

function describeRecipients(round: Round, all: string): string {
  const r = round.recipients ?? {};
  const parts = [r.sniDivisions?.length ? `SNI ${r.sniDivisions.join(", ")}` : "", r.municipalities?.join(", ") ?? "", r.sizeClasses?.join(", ") ?? ""].filter(Boolean);
  return parts.length ? parts.join(" · ") : all;
}

function RateTable({ caption, rows }: { caption: string; rows: SegmentRate[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("round.colSegment")}</th>
            <th scope="col" className="num">
              {t("round.colInvited")}
            </th>
            <th scope="col" className="num">
              {t("round.colOpened")}
            </th>
            <th scope="col" className="num">
              {t("round.colSubmitted")}
            </th>
            <th scope="col" className="num">
              {t("round.colRate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5}>{t("round.noSegments")}</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.segment}>
                <th scope="row">{r.label && r.label !== r.segment ? `${r.segment} ${r.label}` : r.segment}</th>
                <td className="num">{r.invited}</td>
                <td className="num">{r.opened}</td>
                <td className="num">{r.submitted}</td>
                <td className="num">{formatPercent(r.responseRate, locale)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
