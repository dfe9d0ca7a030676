import { useRef, useState, type FormEvent } from "react";
import type { MeasurementKind, MeasurementView, ProgrammeView, Round } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { StatusBadge } from "../rounds/Rounds";
import { ownerApi } from "../session";
import { DataTable } from "../components/DataTable";
import { CycleStatusBadge, programmeHref, useProgramme } from "./common";
import { localToIso, toLocalInput } from "../../../lib/format";
import { Field } from "../../../components/Field";
import { useAccess, useProjectTexts } from "../access";

/** A programme: its cohort, the baseline and follow-up measurements and the cycles. */
export function ProgrammePage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { view, error, load } = useProgramme(id);
  const pt = useProjectTexts();

  // An analyst may read the programme's released report only.
  if (!view && error instanceof ApiError && error.status === 403)
    return (
      <div className="page">
        <PageTitle>{pt("proj.notAllowedTitle")}</PageTitle>
        <p>{pt("proj.analystProgramme")}</p>
        <Link href={programmeHref(id, "/report")}>{pt("proj.toReport")}</Link>
      </div>
    );
  if (!view && error instanceof ApiError && error.status === 404)
    return (
      <div className="page">
        <PageTitle>{t("prog.notFoundTitle")}</PageTitle>
        <p>{t("prog.notFound")}</p>
        <Link href="/owner/programmes">{t("prog.backToList")}</Link>
      </div>
    );
  if (!view) return <div className="page">{error ? <ErrorMessage error={error} onRetry={() => void load()} /> : <Loading />}</div>;

  return (
    <div className="page programme">
      <p className="back-link">
        <Link href="/owner/programmes">{t("prog.backToList")}</Link>
      </p>
      <PageTitle>{view.name}</PageTitle>
      {view.description ? <p className="lead">{view.description}</p> : null}
      <dl className="details">
        <div>
          <dt>{t("prog.facilitator")}</dt>
          <dd>
            {view.facilitator.name === view.facilitator.email ? view.facilitator.email : `${view.facilitator.name} (${view.facilitator.email})`}
          </dd>
        </div>
        <div>
          <dt>{t("prog.cohort")}</dt>
          <dd>{t("prog.cohortCounts", { orgs: view.cohort.organisations, persons: view.cohort.persons })}</dd>
        </div>
        <div>
          <dt>{t("prog.targets")}</dt>
          <dd>
            <ul className="plain-list">
              {view.targets.map((tg) => (
                <li key={tg.id}>{tg.label[locale.startsWith("sv") ? "sv" : "en"]}</li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <Link href={programmeHref(id, "/report")} className="button button-secondary">
          {t("prog.toReport")}
        </Link>
      </div>

      <h2>{t("prog.cyclesTitle")}</h2>
      <p className="hint">{t("prog.cyclesHint")}</p>
      <DataTable
        caption={t("prog.cyclesTitle")}
        captionHidden
        captionId="cycles-caption"
        columns={[
          { key: "cycle", header: t("prog.colCycle"), cell: (c) => <Link href={programmeHref(id, `/cycles/${c.cycle}`)}>{t("prog.cycleN", { n: c.cycle })}</Link> },
          { key: "status", header: t("prog.colStatus"), cell: (c) => <CycleStatusBadge status={c.status} /> },
          { key: "stage", header: t("prog.colStage"), cell: (c) => (c.stage ? t(`prog.stage.${c.stage}` as MessageKey) : "–") },
          { key: "workshop", header: t("prog.workshopAt"), cell: (c) => formatDateTime(c.schedule?.workshopAt, locale) },
          { key: "reflection", header: t("prog.reflectionDeadline"), cell: (c) => formatDateTime(c.schedule?.reflectionDeadline, locale) },
        ]}
        rows={view.cycleViews}
        rowKey={(c) => c.cycle}
      />

      <h2>{t("prog.measurements")}</h2>
      <p className="hint">{t("prog.measurementsHint")}</p>
      <div className="two-col">
        <Measurement programme={view} kind="baseline" measurement={view.baseline} onChange={load} />
        <Measurement programme={view} kind="follow-up" measurement={view.followUp} onChange={load} />
      </div>
    </div>
  );
}

function defaultTimes(kind: MeasurementKind, programme: ProgrammeView) {
  const opens = new Date();
  opens.setSeconds(0, 0);
  if (kind === "follow-up") {
    const last = programme.cycleViews[programme.cycleViews.length - 1]?.schedule?.reflectionDeadline;
    if (last && Date.parse(last) > opens.getTime()) opens.setTime(Date.parse(last));
  }
  const closes = new Date(opens);
  closes.setDate(closes.getDate() + 14);
  closes.setHours(17, 0, 0, 0);
  return { opensAt: toLocalInput(opens), closesAt: toLocalInput(closes) };
}

function Measurement({ programme, kind, measurement, onChange }: { programme: ProgrammeView; kind: MeasurementKind; measurement?: MeasurementView; onChange: () => Promise<void> }) {
  const { t, tMessage, locale } = useI18n();
  const pt = useProjectTexts();
  // Creating a measurement round is the project owner's; a facilitator launches one that exists.
  const mayCreate = useAccess().can("manage", programme.projectId);
  const [times, setTimes] = useState(() => defaultTimes(kind, programme));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const title = t(kind === "baseline" ? "prog.baseline" : "prog.followUp");
  const idOf = (k: string) => `m-${kind}-${k}`;

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const body = { opensAt: localToIso(times.opensAt), closesAt: localToIso(times.closesAt) };
    const local: Record<string, string> = {};
    if (Number.isNaN(Date.parse(body.opensAt))) local.opensAt = t("prog.error.datetime");
    if (Number.isNaN(Date.parse(body.closesAt))) local.closesAt = t("prog.error.datetime");
    else if (Date.parse(body.closesAt) <= Date.parse(body.opensAt)) local.closesAt = tMessage("error.closesBeforeOpens");
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(idOf(Object.keys(local)[0]))?.focus();
      return;
    }
    setBusy(true);
    try {
      await ownerApi<Round>(`/api/programmes/${encodeURIComponent(programme.id)}/measurements/${kind}`, { method: "POST", body });
      setNotice(t("prog.measurementCreated"));
      await onChange();
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length) {
        const out: Record<string, string> = {};
        for (const i of e.issues) out[i.path.split(".")[0]] ??= tMessage(i.message);
        setErrors(out);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function launch() {
    if (!measurement) return;
    setError(null);
    setBusy(true);
    try {
      await ownerApi<Round>(`/api/rounds/${encodeURIComponent(measurement.roundId)}/launch`, { method: "POST" });
      setNotice(t("prog.measurementLaunched"));
      await onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={idOf("title")}>
      <h3 id={idOf("title")} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p className="hint">{t(kind === "baseline" ? "prog.baselineHint" : "prog.followUpHint")}</p>
      {measurement ? (
        <>
          <dl className="details">
            <div>
              <dt>{t("prog.colStatus")}</dt>
              <dd>
                <StatusBadge status={measurement.status as Round["status"]} />
              </dd>
            </div>
            <div>
              <dt>{t("prog.opensAt")}</dt>
              <dd>{formatDateTime(measurement.opensAt, locale)}</dd>
            </div>
            <div>
              <dt>{t("prog.closesAt")}</dt>
              <dd>{formatDateTime(measurement.closesAt, locale)}</dd>
            </div>
            <div>
              <dt>{t("prog.answered")}</dt>
              <dd>{t("prog.ofInvited", { submitted: measurement.submitted, invited: measurement.invited })}</dd>
            </div>
          </dl>
          <div className="button-row">
            {measurement.status === "draft" ? (
              <button type="button" className="button button-primary" onClick={() => void launch()} disabled={busy}>
                {t(kind === "baseline" ? "prog.launchBaseline" : "prog.launchFollowUp")}
              </button>
            ) : null}
            <Link href={`/owner/rounds/${encodeURIComponent(measurement.roundId)}`}>{t(kind === "baseline" ? "prog.toBaselineRound" : "prog.toFollowUpRound")}</Link>
          </div>
        </>
      ) : !mayCreate ? (
        <p>{pt("proj.measurementOwnerOnly")}</p>
      ) : (
        <form noValidate onSubmit={create}>
          {(["opensAt", "closesAt"] as const).map((k) => (
            <Field key={k} id={idOf(k)} label={t(k === "opensAt" ? "prog.opensAt" : "prog.closesAt")} error={errors[k]}>
              <input
                id={idOf(k)}
                type="datetime-local"
                className="input"
                value={times[k]}
                onChange={(e) => setTimes((v) => ({ ...v, [k]: e.target.value }))}
                aria-invalid={errors[k] ? true : undefined}
                aria-describedby={errors[k] ? `${idOf(k)}-error` : undefined}
              />
            </Field>
          ))}
          <button type="submit" className="button button-primary" disabled={busy}>
            {t(kind === "baseline" ? "prog.createBaseline" : "prog.createFollowUp")}
          </button>
        </form>
      )}
      <div role="status">{notice ? <p className="notice notice-success">{notice}</p> : null}</div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
