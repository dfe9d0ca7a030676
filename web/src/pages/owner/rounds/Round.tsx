import { useEffect, useRef, useState } from "react";
import type { InvitationList, InvitationView, Round, RoundStatusView, SegmentRate } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatDateTime, formatOrgNumber, formatPercent, formatTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { StatusBadge } from "./Rounds";
import { ScheduleDetails } from "./ScheduleDetails";
import { Respondents } from "./Respondents";
import { ownerApi } from "../session";
import { ExportPanel } from "./ExportPanel";
import { DataTable } from "../components/DataTable";
import { codeAndName, useLookups, type Lookups } from "../lookups";
import { useProjectTexts } from "../access";

const REFRESH_MS = 10_000;

export function RoundPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const lookups = useLookups();
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<"launch" | "close" | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const url = `/api/rounds/${encodeURIComponent(id)}`;

  const { data: round, error, reload: load } = useLoad(
    async () => {
      const view = await ownerApi<RoundStatusView>(url);
      setUpdatedAt(new Date());
      return view;
    },
    [url],
    { background: true },
  );

  // The rate moves while the round is open: follow it while the page is visible.
  useEffect(() => {
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

  if (!round && error instanceof ApiError && error.status === 403) return <ResultsOnly id={id} />;
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
      <div className="refresh-row">
        <p className="hint">{updatedAt ? t("round.updated", { time: formatTime(updatedAt, locale) }) : null}</p>
        <button type="button" className="button button-secondary button-small" onClick={() => { void load(); setRefreshes((n) => n + 1); }}>
          {t("round.refresh")}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {round.status === "error" && round.error ? <p className="notice notice-error">{t("round.error", { error: round.error })}</p> : null}

      <dl className="details">
        <div>
          <dt>{t("round.status")}</dt>
          <dd>
            <StatusBadge status={round.status} />
          </dd>
        </div>
        <ScheduleDetails round={round} />
        <div>
          <dt>{t("round.recipients")}</dt>
          <dd>{describeRecipients(round, t("round.allRecipients"), lookups)}</dd>
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
      </div>
      <ExportPanel roundUrl={url} />

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
          <div className="rate-bar" aria-hidden="true">
            <span style={{ width: `${Math.min(100, Math.round(rates.total.responseRate * 100))}%` }} />
          </div>
          <RateTable caption={t("round.byIndustry")} rows={rates.byIndustry} />
          <RateTable caption={t("round.byMunicipality")} rows={rates.byMunicipality} />
          <RateTable caption={t("round.bySize")} rows={rates.bySize} />
        </>
      ) : (
        <p>{t("round.noSegments")}</p>
      )}
      <Invitations roundId={id} refresh={refreshes + (round.submittedCount ?? 0)} />
      {round.unit === "organisation" ? <Respondents roundId={id} status={round.status} refresh={refreshes + (round.submittedCount ?? 0)} onChanged={() => setRefreshes((n) => n + 1)} /> : null}
    </div>
  );
}

/** The round page for a role that may read only the round's released results (an analyst). */
function ResultsOnly({ id }: { id: string }) {
  const pt = useProjectTexts();
  return (
    <div className="page">
      <PageTitle>{pt("proj.notAllowedTitle")}</PageTitle>
      <p>{pt("proj.analystRound")}</p>
      <p>
        <Link href={`/owner/rounds/${encodeURIComponent(id)}/results`}>{pt("proj.toResults")}</Link>
      </p>
    </div>
  );
}

function describeRecipients(round: Round, all: string, lookups: Lookups | null): string {
  const r = round.recipients ?? {};
  const parts = [
    r.sniDivisions?.length ? `SNI ${r.sniDivisions.map((d) => codeAndName(d, lookups?.divisionLabel(d))).join(", ")}` : "",
    r.municipalities?.map((m) => codeAndName(m, lookups?.municipalityName(m))).join(", ") ?? "",
    r.sizeClasses?.join(", ") ?? "",
    r.organisationIds?.length ? r.organisationIds.map(formatOrgNumber).join(", ") : "",
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : all;
}

function RateTable({ caption, rows }: { caption: string; rows: SegmentRate[] }) {
  const { t, locale } = useI18n();
  return (
    <DataTable
      caption={caption}
      columns={[
        { key: "segment", header: t("round.colSegment"), cell: (r) => (r.label && r.label !== r.segment ? `${r.segment} ${r.label}` : r.segment) },
        { key: "invited", header: t("round.colInvited"), num: true, cell: (r) => r.invited },
        { key: "opened", header: t("round.colOpened"), num: true, cell: (r) => r.opened },
        { key: "submitted", header: t("round.colSubmitted"), num: true, cell: (r) => r.submitted },
        { key: "rate", header: t("round.colRate"), num: true, cell: (r) => formatPercent(r.responseRate, locale) },
      ]}
      rows={rows}
      rowKey={(r) => r.segment}
      empty={t("round.noSegments")}
    />
  );
}

const FILTERS = ["pending", "submitted", "all"] as const;
type Filter = (typeof FILTERS)[number];

/** Who has been invited and who has not answered yet (GET /api/rounds/{id}/invitations). */
function Invitations({ roundId, refresh }: { roundId: string; refresh: number }) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>("pending");
  const { data: list, error, reload } = useLoad(
    (signal) => ownerApi<InvitationList>(`/api/rounds/${encodeURIComponent(roundId)}/invitations?status=${filter}`, { signal }),
    [roundId, filter, refresh],
  );
  const items = list?.items;

  const latest = (i: InvitationView) =>
    i.submittedAt
      ? t("inv.submittedAt", { time: formatDateTime(i.submittedAt, locale) })
      : i.openedAt
        ? t("inv.openedAt", { time: formatDateTime(i.openedAt, locale) })
        : i.sentAt
          ? t("inv.sentAt", { time: formatDateTime(i.sentAt, locale) })
          : "–";

  return (
    <section aria-labelledby="inv-title" className="invitations">
      <h2 id="inv-title">{t("inv.title")}</h2>
      {list?.anonymous ? <p role="status">{t("inv.anonymous", list.counts)}</p> : null}
      <fieldset className="group" hidden={list?.anonymous}>
        <legend>{t("inv.show")}</legend>
        <div className="choices choices-inline">
          {FILTERS.map((f) => (
            <div className="choice" key={f}>
              <input id={`inv-filter-${f}`} type="radio" name="inv-filter" checked={filter === f} onChange={() => setFilter(f)} />
              <label htmlFor={`inv-filter-${f}`}>{t(`inv.filter.${f}` as MessageKey)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && !list.anonymous ? (
        <>
          <p role="status">{items.length ? t(`inv.count.${filter}` as MessageKey, { n: items.length }) : t(`inv.none.${filter}` as MessageKey)}</p>
          {items.length ? (
            <DataTable
              caption={t(`inv.filter.${filter}` as MessageKey)}
              captionHidden
              captionId="inv-caption"
              columns={[
                {
                  key: "org",
                  header: t("inv.colOrg"),
                  cell: (i) => (
                    <>
                      {i.orgName}
                      <span className="cell-sub">{formatOrgNumber(i.orgNumber)}</span>
                    </>
                  ),
                },
                {
                  key: "person",
                  header: t("inv.colPerson"),
                  cell: (i) => (
                    <>
                      {i.name}
                      <span className="cell-sub break">{i.email}</span>
                    </>
                  ),
                },
                { key: "status", header: t("inv.colStatus"), cell: (i) => <span className={`inv-status inv-${i.status}`}>{t(`inv.status.${i.status}` as MessageKey)}</span> },
                { key: "latest", header: t("inv.colLatest"), cell: latest },
                { key: "reminders", header: t("inv.colReminders"), num: true, cell: (i) => i.remindersSent.length },
              ]}
              rows={items}
              rowKey={(i) => i.personId}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
