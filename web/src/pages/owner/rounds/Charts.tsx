import { useId } from "react";
import type { Cell, ResultTable } from "../../../../../shared/schemas/api";
import { useI18n } from "../../../i18n";
import { formatCell, segmentText, tableDomId } from "./result-format";
import { HatchPattern } from "./swatch";

/**
 * Simple horizontal bar charts in SVG, no library; loaded as their own chunk with the results.
 * Each chart draws the values of a table that follows it: the table is the accessible source (the
 * chart's caption says so and links to it), so the drawing itself is hidden from screen readers.
 * A suppressed value is a hatched bar across the whole track labelled "skyddat"/"suppressed",
 * never an empty bar that could read as zero; a value with nothing to compute is "..".
 */
type Bar = { key: string; label: string; cell: Cell; total?: boolean };
type Scale = { min: number; max: number; diverging?: boolean; ticks: number[] };

function scaleFor(unit: ResultTable["unit"], bars: Bar[]): Scale {
  if (unit === "share" || unit === "rate") return { min: 0, max: 1, ticks: [0, 0.5, 1] };
  if (unit === "balance") return { min: -100, max: 100, diverging: true, ticks: [-100, 0, 100] };
  if (unit === "mean") return { min: 0, max: 5, ticks: [0, 1, 2, 3, 4, 5] };
  const values = bars.map((b) => ("suppressed" in b.cell || b.cell.value === null ? 0 : b.cell.value));
  const top = niceMax(Math.max(1, ...values));
  return { min: 0, max: top, ticks: [0, top / 2, top] };
}

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export default function Charts({ group, tables }: { group: string; tables: ResultTable[] }) {
  const { t, lang } = useI18n();
  const total = t("results.total");
  const rowsOf = (table: ResultTable, col = 0): Bar[] => [
    ...table.rows.map((r) => ({ key: r.segment, label: segmentText(r), cell: r.cells[col] })),
    { key: "__total", label: total, cell: table.total.cells[col], total: true },
  ];
  const columnsOf = (table: ResultTable): Bar[] => table.columns.map((c, i) => ({ key: c.key, label: c.label[lang], cell: table.total.cells[i] }));

  if (group === "responses")
    return tables.map((table) => (
      <BarChart key={table.id} title={t("chart.responses")} unit="count" bars={rowsOf(table)} tableId={table.id} />
    ));
  if (group === "needs") {
    // One chart for the whole round: the share with a large need, per area x horizon.
    const bars = tables
      .map((table) => {
        const col = table.columns.findIndex((c) => c.key === "large");
        if (col < 0) return null;
        const title = table.title[lang];
        return { key: table.id, label: title.includes(": ") ? title.slice(title.indexOf(": ") + 2) : title, cell: table.total.cells[col] };
      })
      .filter((b): b is Bar => b !== null);
    return bars.length ? <BarChart title={t("chart.needs")} unit="share" bars={bars} tableId={tables[0].id} note={t("chart.needsNote")} /> : null;
  }
  if (group === "maturity")
    return tables.map((table) => <BarChart key={table.id} title={t("chart.maturity")} unit="mean" bars={rowsOf(table, 0)} tableId={table.id} />);
  // Per occupation (hires, failed recruitment, balance) and the multiple-choice questions: the round's totals.
  return tables
    .filter((table) => table.columns.length > 0)
    .map((table) => (
      <BarChart key={table.id} title={`${table.title[lang]} – ${t("chart.totalSuffix")}`} unit={table.unit} bars={columnsOf(table)} tableId={table.id} />
    ));
}

function BarChart({ title, unit, bars, tableId, note }: { title: string; unit: ResultTable["unit"]; bars: Bar[]; tableId: string; note?: string }) {
  const { t, locale } = useI18n();
  const uid = useId().replace(/[^\w-]/g, "");
  const hatch = `hatch-${uid}`;
  const scale = scaleFor(unit, bars);
  const pos = (v: number) => ((Math.max(scale.min, Math.min(scale.max, v)) - scale.min) / (scale.max - scale.min)) * 100;
  const zero = pos(0);
  const tick = (v: number) => (unit === "count" ? new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v) : formatCell(v, unit, locale));

  return (
    <figure className="chart" aria-labelledby={`${uid}-cap`}>
      <figcaption id={`${uid}-cap`}>
        <span className="chart-title">{title}</span>{" "}
        <span className="chart-note">
          {note ? `${note} ` : ""}
          {t("chart.sameAsTable")} <a href={`#${tableDomId(tableId)}`}>{t("chart.toTable")}</a>
        </span>
      </figcaption>
      <div className="chart-body" aria-hidden="true">
        {bars.map((b) => {
          const c = b.cell;
          const suppressed = !c || "suppressed" in c;
          const empty = !suppressed && (c.value === null || Number.isNaN(c.value));
          const value = !suppressed && !empty ? (c.value as number) : 0;
          const from = Math.min(zero, pos(value));
          const width = Math.abs(pos(value) - zero);
          return (
            <div className={b.total ? "chart-row chart-row-total" : "chart-row"} key={b.key}>
              <span className="chart-label">{b.label}</span>
              <svg className="chart-bar" width="100%" height="22" focusable="false">
                {suppressed ? <HatchPattern id={`${hatch}-${b.key.replace(/[^\w-]/g, "")}`} /> : null}
                <rect x="0" y="2" width="100%" height="18" className="chart-track" />
                {suppressed ? (
                  <rect x="0.5" y="2.5" width="99.5%" height="17" fill={`url(#${hatch}-${b.key.replace(/[^\w-]/g, "")})`} className="chart-suppressed" />
                ) : empty ? null : (
                  <rect x={`${from}%`} y="2" width={`${Math.max(width, value === 0 ? 0 : 0.4)}%`} height="18" className={value < 0 ? "chart-fill chart-fill-negative" : "chart-fill"} />
                )}
                {scale.diverging ? <line x1={`${zero}%`} x2={`${zero}%`} y1="0" y2="22" className="chart-zero" /> : null}
              </svg>
              <span className={suppressed ? "chart-value chart-value-suppressed" : "chart-value"}>
                {suppressed ? t("chart.suppressed") : empty ? ".." : formatCell(value, unit, locale)}
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
    </figure>
  );
}

