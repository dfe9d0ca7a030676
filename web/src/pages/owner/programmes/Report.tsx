import { useId, useState } from "react";
import type { CycleRates, ProgrammeReport, TargetResult, TargetRow } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { CycleStatusBadge, download, percent, programmeHref, ShareCell, Suppressed } from "./common";

/** The programme's report: the targets met or not (by gender and age band, small groups suppressed), and the cycles' rates. */
export function ReportPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { data: report, error, reload } = useLoad(() => ownerApi<ProgrammeReport>(`/api/programmes/${encodeURIComponent(id)}/report`), [id]);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      await download(`/api/programmes/${encodeURIComponent(id)}/export.csv`, `program-${id}.csv`);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="page report">
      <p className="back-link">
        <Link href={programmeHref(id)}>{report ? t("prog.backToProgramme", { name: report.name }) : t("prog.backToList")}</Link>
      </p>
      <PageTitle title={report ? `${t("prog.reportTitle")} – ${report.name}` : t("prog.reportTitle")}>{t("prog.reportTitle")}</PageTitle>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!report && !error ? <Loading /> : null}
      {report ? (
        <>
          <p className="lead">{report.name}</p>
          <p>{t("prog.reportMeta", { time: formatDateTime(report.computedAt, locale), orgs: report.cohort.organisations, persons: report.cohort.persons })}</p>
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void exportCsv()} disabled={exporting}>
              {exporting ? t("prog.exporting") : t("prog.export")}
            </button>
          </div>
          {exportError ? <ErrorMessage error={exportError} /> : null}
          <dl className="stats">
            <div>
              <dt>{t("prog.baseline")}</dt>
              <dd>{t("prog.ofInvited", { submitted: report.baseline.submitted, invited: report.baseline.invited })}</dd>
            </div>
            <div>
              <dt>{t("prog.followUp")}</dt>
              <dd>{t("prog.ofInvited", { submitted: report.followUp.submitted, invited: report.followUp.invited })}</dd>
            </div>
          </dl>
          <div className="legend" role="note" aria-labelledby="prog-legend-title">
            <h2 id="prog-legend-title">{t("prog.legendTitle")}</h2>
            <p>
              <span className="legend-dash" aria-hidden="true">
                –
              </span>{" "}
              {t("prog.legendSuppressed", { k: report.k })}
            </p>
            <p>{t("prog.legendEmpty")}</p>
            <p>{t("prog.legendMatched")}</p>
          </div>

          <h2>{t("prog.targetsTitle")}</h2>
          {report.targets.length === 0 ? <p>{t("prog.noTargets")}</p> : null}
          {report.targets.map((target) => (
            <TargetSection key={target.id} target={target} />
          ))}

          <h2>{t("prog.ratesTitle")}</h2>
          <CycleRatesTable cycles={report.cycles} />
        </>
      ) : null}
    </div>
  );
}

function Met({ met }: { met: boolean | null }) {
  const { t } = useI18n();
  if (met === null) return <Suppressed />;
  return <span className={met ? "met met-yes" : "met met-no"}>{met ? t("prog.metYes") : t("prog.metNo")}</span>;
}

function TargetSection({ target }: { target: TargetResult }) {
  const { t, lang, locale } = useI18n();
  const total = target.total;
  const headingId = useId();
  const shareText = "suppressed" in total.share ? null : total.share.value;
  return (
    <section className="card target" aria-labelledby={headingId}>
      <h3 id={headingId}>{target.label[lang]}</h3>
      <p className={`target-verdict ${total.met === true ? "is-met" : total.met === false ? "is-not-met" : ""}`}>
        {total.met === null
          ? t("prog.verdictUnknown")
          : t(total.met ? "prog.verdictMet" : "prog.verdictNotMet", { share: shareText === null ? "–" : percent(shareText, locale), target: percent(target.targetShare, locale) })}
      </p>
      <p className="hint">
        {t("prog.targetFacts", { target: percent(target.targetShare, locale), population: t(`prog.population.${target.population}` as MessageKey) })}{" "}
        {target.comparable ? t("prog.comparable") : t("prog.notComparable")}
      </p>
      <TargetTable caption={t("prog.byGender", { target: target.label[lang] })} short={t("prog.byGenderShort")} rows={[...target.byGender]} total={total} comparable={target.comparable} />
      <TargetTable caption={t("prog.byAgeBand", { target: target.label[lang] })} short={t("prog.byAgeBandShort")} rows={[...target.byAgeBand]} total={total} comparable={target.comparable} />
    </section>
  );
}

function TargetTable({ caption, short, rows, total, comparable }: { caption: string; short: string; rows: TargetRow[]; total: TargetRow; comparable: boolean }) {
  const { t, lang } = useI18n();
  const captionId = useId();
  const row = (r: TargetRow, isTotal = false) => (
    <tr key={r.segment} className={isTotal ? "row-total" : undefined}>
      <th scope="row">{isTotal ? t("prog.all") : r.label[lang]}</th>
      <td className="num">{r.n ?? <Suppressed />}</td>
      <td className="num">
        <ShareCell cell={r.share} />
      </td>
      <td>
        <Met met={r.met} />
      </td>
      {comparable ? (
        <>
          <td className="num">{r.matched ?? <Suppressed />}</td>
          <td className="num">
            <ShareCell cell={r.baselineShare} />
          </td>
          <td className="num">
            <ShareCell cell={r.followUpShare} />
          </td>
          <td className="num">
            <ShareCell cell={r.change} signed />
          </td>
        </>
      ) : null}
    </tr>
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table>
        <caption id={captionId}>
          <span className="visually-hidden">{caption}</span>
          <span aria-hidden="true">{short}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("prog.colGroup")}</th>
            <th scope="col" className="num">
              {t("prog.colRespondents")}
            </th>
            <th scope="col" className="num">
              {t("prog.colShare")}
            </th>
            <th scope="col">{t("prog.colMet")}</th>
            {comparable ? (
              <>
                <th scope="col" className="num">
                  {t("prog.colMatched")}
                </th>
                <th scope="col" className="num">
                  {t("prog.colBaseline")}
                </th>
                <th scope="col" className="num">
                  {t("prog.colFollowUp")}
                </th>
                <th scope="col" className="num">
                  {t("prog.colChange")}
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>{rows.length ? rows.map((r) => row(r)) : null}</tbody>
        <tfoot>{row(total, true)}</tfoot>
      </table>
    </div>
  );
}

function CycleRatesTable({ cycles }: { cycles: CycleRates[] }) {
  const { t, locale } = useI18n();
  const attendance = (a: CycleRates["workshopAttendance"], cohort: number) =>
    a ? t("prog.rate", { part: a.attended, whole: cohort, rate: percent(a.rate, locale) }) : t("prog.notYet");
  const submission = (s: CycleRates["assignmentSubmission"]) => (s ? t("prog.rate", { part: s.submitted, whole: s.invited, rate: percent(s.rate, locale) }) : t("prog.notYet"));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="rates-caption">
      <table>
        <caption id="rates-caption">{t("prog.ratesCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("prog.colCycle")}</th>
            <th scope="col">{t("prog.colStatus")}</th>
            <th scope="col" className="num">
              {t("prog.colWorkshop")}
            </th>
            <th scope="col" className="num">
              {t("prog.colAssignment")}
            </th>
            <th scope="col" className="num">
              {t("prog.colLecture")}
            </th>
            <th scope="col" className="num">
              {t("prog.colReflection")}
            </th>
          </tr>
        </thead>
        <tbody>
          {cycles.map((c) => (
            <tr key={c.cycle}>
              <th scope="row">{t("prog.cycleN", { n: c.cycle })}</th>
              <td>
                <CycleStatusBadge status={c.status} />
              </td>
              <td className="num">{attendance(c.workshopAttendance, c.cohort)}</td>
              <td className="num">{submission(c.assignmentSubmission)}</td>
              <td className="num">{attendance(c.lectureAttendance, c.cohort)}</td>
              <td className="num">{submission(c.reflectionSubmission)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
