import { lazy, Suspense, useId, useState } from "react";
import type { CycleRates, ProgrammeReleaseSummary, ProgrammeReport, TargetResult, TargetRow } from "../../../../../shared/schemas";
import { ReportReleasePanel } from "./ReportReleasePanel";
import { useI18n, type MessageKey } from "../../../i18n";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { useAccess } from "../access";
import { DataTable, type Column } from "../components/DataTable";
import { Suppressed } from "../components/ValueCell";
import { CycleStatusBadge, download, percent, programmeHref, ShareCell } from "./common";
import { tableDomId } from "../rounds/result-format";

// The charts are their own chunk, loaded with the report only.
const TargetChart = lazy(() => import("./TargetChart"));

/**
 * The programme's report: the targets met or not as a protected release published them (persons
 * by gender and age band, organisations by size class and industry), and the cycles' live rates.
 */
export function ReportPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [release, setRelease] = useState<number | null>(null);
  const query = release === null ? "" : `?release=${release}`;
  const { data: report, error, reload } = useLoad(() => ownerApi<ProgrammeReport>(`/api/programmes/${encodeURIComponent(id)}/report${query}`), [id, query]);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  // The report carries no project: the current project's role decides what to offer.
  const mayWork = useAccess().can("programme-work");

  /** The report as CSV, or as XLSX in the page's language. */
  async function exportFile(kind: "csv" | "xlsx") {
    setExporting(true);
    setExportError(null);
    try {
      const path = kind === "csv" ? `export.csv${query}` : `report.xlsx${query ? `${query}&` : "?"}lang=${lang}`;
      await download(`/api/programmes/${encodeURIComponent(id)}/${path}`, `program-${id}.${kind}`);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="page report">
      <p className="back-link">
        {mayWork ? (
          <Link href={programmeHref(id)}>{report ? t("prog.backToProgramme", { name: report.name }) : t("prog.backToList")}</Link>
        ) : (
          <Link href="/owner/programmes">{t("prog.backToList")}</Link>
        )}
      </p>
      <PageTitle title={report ? `${t("prog.reportTitle")} – ${report.name}` : t("prog.reportTitle")}>{t("prog.reportTitle")}</PageTitle>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!report && !error ? <Loading /> : null}
      {report ? (
        <>
          <p className="lead">{report.name}</p>
          <p>{t("prog.reportMeta", { orgs: report.cohort.organisations, persons: report.cohort.persons })}</p>
          <ReportReleasePanel
            report={report}
            mayRelease={mayWork}
            onChoose={setRelease}
            onReleased={() => {
              setRelease(null);
              void reload();
            }}
          />
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void exportFile("csv")} disabled={exporting}>
              {exporting ? t("prog.exporting") : t("prog.export")}
            </button>
            {report.release ? (
              <button type="button" className="button button-secondary" onClick={() => void exportFile("xlsx")} disabled={exporting}>
                {t("prog.exportXlsx")}
              </button>
            ) : null}
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
          {report.targets.length === 0 ? <p>{report.release ? t("prog.noTargets") : t("prog.release.noTargetsYet")}</p> : null}
          {report.targets.map((target) => (
            <TargetSection key={target.id} target={target} programme={report.name} release={report.release} />
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

function TargetSection({ target, programme, release }: { target: TargetResult; programme: string; release: ProgrammeReleaseSummary | null }) {
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
      {target.breakdowns.map((b) => {
        const caption = t(`prog.by.${b.dimension}` as MessageKey, { target: target.label[lang] });
        const tableId = `${target.id}-${b.dimension}`;
        return (
          <div key={b.dimension}>
            {release ? (
              <Suspense fallback={<Loading />}>
                <TargetChart target={target} caption={caption} rows={b.rows} tableId={tableId} programme={programme} release={release} />
              </Suspense>
            ) : null}
            <TargetTable caption={caption} short={t(`prog.byShort.${b.dimension}` as MessageKey)} rows={b.rows} total={total} comparable={target.comparable} wrapperId={tableDomId(tableId)} />
          </div>
        );
      })}
    </section>
  );
}

function TargetTable({ caption, short, rows, total, comparable, wrapperId }: { caption: string; short: string; rows: TargetRow[]; total: TargetRow; comparable: boolean; wrapperId: string }) {
  const { t, lang } = useI18n();
  const share = (key: string, header: string, of: (r: TargetRow) => TargetRow["share"], signed = false): Column<TargetRow> => ({
    key,
    header,
    num: true,
    cell: (r) => <ShareCell cell={of(r)} signed={signed} />,
  });
  const columns: Column<TargetRow>[] = [
    { key: "group", header: t("prog.colGroup"), cell: (r) => (r === total ? t("prog.all") : r.label[lang]) },
    { key: "n", header: t("prog.colRespondents"), num: true, cell: (r) => r.n ?? <Suppressed /> },
    share("share", t("prog.colShare"), (r) => r.share),
    { key: "met", header: t("prog.colMet"), cell: (r) => <Met met={r.met} /> },
    ...(comparable
      ? [
          { key: "matched", header: t("prog.colMatched"), num: true, cell: (r: TargetRow) => r.matched ?? <Suppressed /> },
          share("baseline", t("prog.colBaseline"), (r) => r.baselineShare),
          share("followUp", t("prog.colFollowUp"), (r) => r.followUpShare),
          share("change", t("prog.colChange"), (r) => r.change, true),
        ]
      : []),
  ];
  return (
    <DataTable
      caption={
        <>
          <span className="visually-hidden">{caption}</span>
          <span aria-hidden="true">{short}</span>
        </>
      }
      columns={columns}
      rows={rows}
      rowKey={(r) => r.segment}
      rowClass={(r) => (r === total ? "row-total" : undefined)}
      footRow={total}
      wrapperId={wrapperId}
    />
  );
}

function CycleRatesTable({ cycles }: { cycles: CycleRates[] }) {
  const { t, locale } = useI18n();
  const attendance = (a: CycleRates["workshopAttendance"], cohort: number) =>
    a ? t("prog.rate", { part: a.attended, whole: cohort, rate: percent(a.rate, locale) }) : t("prog.notYet");
  const submission = (s: CycleRates["assignmentSubmission"]) => (s ? t("prog.rate", { part: s.submitted, whole: s.invited, rate: percent(s.rate, locale) }) : t("prog.notYet"));
  return (
    <DataTable
      caption={t("prog.ratesCaption")}
      captionId="rates-caption"
      columns={[
        { key: "cycle", header: t("prog.colCycle"), cell: (c) => t("prog.cycleN", { n: c.cycle }) },
        { key: "status", header: t("prog.colStatus"), cell: (c) => <CycleStatusBadge status={c.status} /> },
        { key: "workshop", header: t("prog.colWorkshop"), num: true, cell: (c) => attendance(c.workshopAttendance, c.cohort) },
        { key: "assignment", header: t("prog.colAssignment"), num: true, cell: (c) => submission(c.assignmentSubmission) },
        { key: "lecture", header: t("prog.colLecture"), num: true, cell: (c) => attendance(c.lectureAttendance, c.cohort) },
        { key: "reflection", header: t("prog.colReflection"), num: true, cell: (c) => submission(c.reflectionSubmission) },
      ]}
      rows={cycles}
      rowKey={(c) => c.cycle}
    />
  );
}
