import { useState } from "react";
import type { Cell } from "../../../../../shared/schemas/api";
import type { TrendsView } from "../../../../../shared/schemas/trends";
import { registerTexts, useI18n } from "../../../i18n";
import { formatNumber } from "../../../lib/format";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { useAccess } from "../access";
import { formatCell } from "../rounds/result-format";
import { HatchSwatch } from "../rounds/swatch";
import { ownerApi } from "../session";
import { LineChart, lineStyle } from "./LineChart";
import { TRENDS_TEXTS, type TrendsTextKey } from "./trends-texts";
import "./trends.css";

registerTexts(TRENDS_TEXTS);

const TABLE_ID = "trend-table";

/** The chosen project's rounds over time (GET /api/projects/{id}/trends): a line chart and its table. */
export default function TrendsPage() {
  const { tMessage, locale } = useI18n();
  const t = (key: TrendsTextKey, vars?: Record<string, string | number>) => tMessage(key, vars);
  const { project } = useAccess();
  const url = project ? `/api/projects/${encodeURIComponent(project.id)}/trends` : null;
  const { data, error, reload } = useLoad((signal) => (url ? ownerApi<TrendsView>(url, { signal }) : Promise.resolve(null)), [url], { resetOnChange: true });
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));

  return (
    <div className="page trends">
      <PageTitle>{t("trends.title")}</PageTitle>
      <p className="lead">{t("trends.intro")}</p>
      <p>{t("trends.protected")}</p>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.rounds.length === 0 ? <p role="status">{t("trends.none")}</p> : null}
      {data && data.rounds.length === 1 ? <p role="status">{t("trends.one")}</p> : null}
      {data ? (
        <TrendSeriesView
          view={data}
          points={data.rounds.map((r) => ({ key: r.id, label: r.name, head: t("trends.round", { name: r.name, date: date(r.closesAt), n: formatNumber(r.release.responses, locale) }) }))}
        />
      ) : null}
    </div>
  );
}

/** A chosen series as a line chart and its table, and what no trend shows; one point per round (or period). */
export function TrendSeriesView({ view: data, points }: { view: Pick<TrendsView, "series" | "leftOut">; points: { key: string; label: string; head: string }[] }) {
  const { tMessage, lang, locale } = useI18n();
  const t = (key: TrendsTextKey, vars?: Record<string, string | number>) => tMessage(key, vars);
  const [chosen, setChosen] = useState<string | null>(null);
  const series = data.series.find((s) => s.id === chosen) ?? data.series[0];
  const cellText = (c: Cell, unit: TrendsView["series"][number]["unit"]) =>
    "suppressed" in c ? <span className="suppressed">{t("trends.suppressed")}</span> : c.value === null ? <span className="empty-value">{t("trends.empty")}</span> : (
      <>
        {formatCell(c.value, unit, locale)} <span className="cell-n">(n = {formatNumber(c.n, locale)})</span>
      </>
    );
  return (
    <>
      {series ? (
        <>
          <div className="field field-inline">
            <label htmlFor="trend-series">{t("trends.show")}</label>
            <select id="trend-series" className="input input-select" value={series.id} onChange={(e) => setChosen(e.target.value)}>
              {data.series.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title[lang]}
                </option>
              ))}
            </select>
          </div>
          <LineChart
            series={series}
            labels={points.map((p) => p.label)}
            title={series.title[lang]}
            note={t("trends.chartNote")}
            tableHref={{ href: `#${TABLE_ID}`, text: t("trends.toTable") }}
            locale={locale}
          />
          <ul className="trend-legend" aria-hidden="true">
            {series.columns.map((c, i) => (
              <li key={c.key}>
                <svg width="36" height="12" focusable="false">
                  <line x1="0" x2="36" y1="6" y2="6" stroke={lineStyle(i).stroke} strokeWidth="2.5" strokeDasharray={lineStyle(i).dash} />
                </svg>
                {c.label[lang]}
              </li>
            ))}
            <li>
              <HatchSwatch width={16} height={12} /> {t("trends.suppressedLegend")}
            </li>
          </ul>
          <div className="table-scroll" role="region" aria-labelledby={`${TABLE_ID}-caption`} tabIndex={0}>
            <table id={TABLE_ID}>
              <caption id={`${TABLE_ID}-caption`}>{t("trends.tableCaption", { title: series.title[lang] })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("trends.colColumn")}</th>
                  {points.map((p) => (
                    <th scope="col" className="num" key={p.key}>
                      {p.head}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.columns.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.label[lang]}</th>
                    {c.points.map((p, i) => (
                      <td className="num" key={points[i]!.key}>
                        {cellText(p, series.unit)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {data.leftOut.length > 0 ? (
        <section aria-labelledby="trend-left-out">
          <h2 id="trend-left-out">{t("trends.leftOutTitle")}</h2>
          <p>{t("trends.leftOutText")}</p>
          <ul>
            {data.leftOut.map((l) => (
              <li key={`${l.table}|${l.column ?? ""}`}>
                {l.column ? t("trends.leftOutColumn", { table: l.title[lang], column: `${l.label?.[lang] ?? l.column}` }) : l.title[lang]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
