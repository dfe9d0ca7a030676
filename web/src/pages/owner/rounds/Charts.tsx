import type { ResultTable } from "../../../../../shared/schemas/api";
import { useI18n } from "../../../i18n";
import type { ReleaseSummary } from "../../../../../shared/schemas/release";
import { BarChart, useChartText, type Bar } from "../charts/BarChart";
import { segmentText } from "./result-format";

/**
 * The charts of one group of result tables, loaded as their own chunk with the results: which
 * values each chart draws from which table (charts/BarChart.tsx draws them).
 */
export default function Charts({
  group,
  tables,
  roundName,
  release,
  source,
}: {
  group: string;
  tables: ResultTable[];
  roundName: string;
  release: Pick<ReleaseSummary, "number" | "responses" | "cutoff">;
  /** Where the figures come from, when it is not one round (the consortium's merged releases). */
  source?: string;
}) {
  const { t, lang } = useI18n();
  const tc = useChartText();
  const meta = { source: source ?? tc("chartx.round", { name: roundName }), release: release.number, n: release.responses, cutoff: release.cutoff };
  const total = t("results.total");
  const rowsOf = (table: ResultTable, col = 0): Bar[] => [
    ...table.rows.map((r) => ({ key: r.segment, label: segmentText(r), cell: r.cells[col] })),
    { key: "__total", label: total, cell: table.total.cells[col], total: true },
  ];
  const columnsOf = (table: ResultTable): Bar[] => table.columns.map((c, i) => ({ key: c.key, label: c.label[lang], cell: table.total.cells[i] }));

  if (group === "responses")
    return tables.map((table) => <BarChart key={table.id} title={t("chart.responses")} unit="count" bars={rowsOf(table)} tableId={table.id} meta={meta} />);
  if (group === "needs") {
    // One chart for the whole round: the share with a large need, per area x horizon.
    const bars = tables
      .map((table): Bar | null => {
        const col = table.columns.findIndex((c) => c.key === "large");
        if (col < 0) return null;
        const title = table.title[lang];
        return { key: table.id, label: title.includes(": ") ? title.slice(title.indexOf(": ") + 2) : title, cell: table.total.cells[col] };
      })
      .filter((b): b is Bar => b !== null);
    return bars.length ? <BarChart title={t("chart.needs")} unit="share" bars={bars} tableId={tables[0].id} note={t("chart.needsNote")} meta={meta} /> : null;
  }
  if (group === "maturity")
    return tables.map((table) => <BarChart key={table.id} title={t("chart.maturity")} unit="mean" bars={rowsOf(table, 0)} tableId={table.id} meta={meta} />);
  // Per occupation (hires, failed recruitment, balance) and the multiple-choice questions: the round's totals.
  return tables
    .filter((table) => table.columns.length > 0)
    .map((table) => (
      <BarChart key={table.id} title={`${table.title[lang]} – ${t("chart.totalSuffix")}`} unit={table.unit} bars={columnsOf(table)} tableId={table.id} meta={meta} />
    ));
}
