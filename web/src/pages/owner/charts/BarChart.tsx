import "./charts.css";
import { useId, useState } from "react";
import type { ResultTable } from "../../../../../shared/schemas/api";
import { registerTexts, useI18n } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { ErrorMessage } from "../../../lib/ui";
import { formatCell, tableDomId } from "../rounds/result-format";
import { HatchPattern } from "../rounds/swatch";
import { CHART_TEXTS, type ChartTextKey } from "./chart-texts";
import { barChartSvg, barValue, positionOn, scaleFor, type Bar } from "./chart-svg";
import { chartFileName, savePng, saveSvg } from "./chart-download";

registerTexts(CHART_TEXTS);
export type { Bar } from "./chart-svg";

/** What every chart says it shows: where the figures come from, the release, its n and date. */
export type ChartMeta = { source: string; release: number; n: number; cutoff: string };

export function useChartText() {
  const { tMessage } = useI18n();
  return (key: ChartTextKey, vars?: Record<string, string | number>) => tMessage(key, vars);
}

/**
 * A horizontal bar chart: on the page as rows of small SVG bars (they reflow on a phone), and as
 * one standalone SVG or PNG file through its download buttons. The table the chart draws follows
 * it and is the accessible source (the caption links to it), so the drawing is hidden from
 * screen readers. A suppressed value is a hatched bar across the whole track labelled
 * "skyddat"/"suppressed", never an empty bar that could read as zero; nothing to compute is "..".
 */
export function BarChart({ title, unit, bars, tableId, note, meta }: { title: string; unit: ResultTable["unit"]; bars: Bar[]; tableId: string; note?: string; meta: ChartMeta }) {
  const { t, locale } = useI18n();
  const tc = useChartText();
  const uid = useId().replace(/[^\w-]/g, "");
  const [error, setError] = useState<unknown>(null);
  const hatch = `hatch-${uid}`;
  const scale = scaleFor(unit, bars);
  const pos = positionOn(scale);
  const zero = pos(0);
  const format = (v: number) => formatCell(v, unit, locale);
  const tick = (v: number) => (unit === "count" ? new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v) : formatCell(v, unit, locale));
  const source = tc("chartx.source", { source: meta.source, release: meta.release });
  const facts = tc("chartx.meta", { n: meta.n, date: formatDateTime(meta.cutoff, locale) });

  const file = () =>
    barChartSvg({ title, lines: [source, facts, ...(note ? [note] : [])], bars, scale, format, tick, words: { suppressed: t("chart.suppressed"), empty: "..", legend: tc("chartx.legend") } });
  const run = async (fn: () => void | Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  const about = <span className="visually-hidden"> {tc("chartx.downloadOf", { title })}</span>;

  return (
    <figure className="chart" aria-labelledby={`${uid}-cap`}>
      <figcaption id={`${uid}-cap`}>
        <span className="chart-title">{title}</span>{" "}
        <span className="chart-source">{source}.</span> <span className="chart-source">{facts}</span>{" "}
        <span className="chart-note">
          {note ? `${note} ` : ""}
          {t("chart.sameAsTable")} <a href={`#${tableDomId(tableId)}`}>{t("chart.toTable")}</a>
        </span>
      </figcaption>
      <div className="chart-body" aria-hidden="true">
        {bars.map((b) => {
          const v = barValue(b.cell);
          const value = v.kind === "value" ? v.value : 0;
          const from = Math.min(zero, pos(value));
          const width = Math.abs(pos(value) - zero);
          const patternId = `${hatch}-${b.key.replace(/[^\w-]/g, "")}`;
          return (
            <div className={b.total ? "chart-row chart-row-total" : "chart-row"} key={b.key}>
              <span className="chart-label">{b.label}</span>
              <svg className="chart-bar" width="100%" height="22" focusable="false">
                {v.kind === "suppressed" ? <HatchPattern id={patternId} /> : null}
                <rect x="0" y="2" width="100%" height="18" className="chart-track" />
                {v.kind === "suppressed" ? (
                  <rect x="0.5" y="2.5" width="99.5%" height="17" fill={`url(#${patternId})`} className="chart-suppressed" />
                ) : v.kind === "empty" ? null : (
                  <rect x={`${from}%`} y="2" width={`${Math.max(width, value === 0 ? 0 : 0.4)}%`} height="18" className={value < 0 ? "chart-fill chart-fill-negative" : "chart-fill"} />
                )}
                {scale.diverging ? <line x1={`${zero}%`} x2={`${zero}%`} y1="0" y2="22" className="chart-zero" /> : null}
              </svg>
              <span className={v.kind === "suppressed" ? "chart-value chart-value-suppressed" : "chart-value"}>
                {v.kind === "suppressed" ? t("chart.suppressed") : v.kind === "empty" ? ".." : format(value)}
              </span>
            </div>
          );
        })}
        <div className="chart-row chart-axis">
          <span className="chart-label" />
          <span className="chart-ticks">
            {scale.ticks.map((v) => (
              <span key={v} style={{ left: `${pos(v)}%` }}>
                {tick(v)}
              </span>
            ))}
          </span>
          <span className="chart-value" />
        </div>
      </div>
      <div className="chart-downloads">
        <button type="button" className="button button-secondary button-small" onClick={() => void run(() => saveSvg(file().svg, chartFileName(tableId, "svg")))}>
          {tc("chartx.downloadSvg")}
          {about}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() =>
            void run(() => {
              const { svg, width, height } = file();
              return savePng(svg, width, height, chartFileName(tableId, "png"));
            })
          }
        >
          {tc("chartx.downloadPng")}
          {about}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </figure>
  );
}
