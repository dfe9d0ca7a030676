import { useEffect, useState } from "react";
import { RESULT_DIMENSIONS, type Cell, type ResultDimension, type ResultTable, type ResultsView } from "../../../../shared/schemas/api";
import { useI18n, type MessageKey } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { formatNumber } from "./format";
import { Link } from "../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../lib/ui";
import { ownerApi } from "./session";

export function ResultsPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [by, setBy] = useState<ResultDimension>(() => {
    const q = new URLSearchParams(window.location.search).get("by");
    return (RESULT_DIMENSIONS as readonly string[]).includes(q ?? "") ? (q as ResultDimension) : "industry";
  });
  const [view, setView] = useState<ResultsView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    setView(null);
    window.history.replaceState(null, "", `${window.location.pathname}?by=${by}`);
    ownerApi<ResultsView>(`/api/rounds/${encodeURIComponent(id)}/results?by=${by}`, { signal: controller.signal }).then(setView, (e) => {
      if ((e as Error)?.name !== "AbortError") setError(e);
    });
    return () => controller.abort();
  }, [id, by, attempt]);

  return (
    <div className="page">
      <PageTitle>{t("results.title")}</PageTitle>
      <p>
        <Link href={`/owner/rounds/${encodeURIComponent(id)}`}>{t("results.back")}</Link>
      </p>
      <div className="field field-inline">
        <label htmlFor="results-by">{t("results.by")}</label>
        <select id="results-by" className="input input-select" value={by} onChange={(e) => setBy(e.target.value as ResultDimension)}>
          {RESULT_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`results.dim.${d}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      {error ? <ErrorMessage error={error} onRetry={() => setAttempt((a) => a + 1)} /> : null}
      {!view && !error ? <Loading /> : null}
      {view ? (
        <>
          <p>{t("results.meta", { responses: view.responses, time: formatDateTime(view.computedAt, locale) })}</p>
          <div className="legend" role="note" aria-labelledby="legend-title">
            <h2 id="legend-title">{t("results.legendTitle")}</h2>
            <p>{t("results.legendSuppressed", { k: view.k })}</p>
            <p>{t("results.legendN")}</p>
          </div>
          {view.tables.length === 0 ? <p>{t("results.none")}</p> : view.tables.map((table) => <ResultTableView key={table.id} table={table} />)}
        </>
      ) : null}
    </div>
  );
}

function ResultTableView({ table }: { table: ResultTable }) {
  const { t, lang } = useI18n();
  return (
    <div className="table-wrap result-table">
      <table>
        <caption>
          {table.title[lang]} <span className="caption-unit">({t(`results.unit.${table.unit}` as MessageKey)})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("results.colSegment")}</th>
            <th scope="col" className="num">
              {t("results.colN")}
            </th>
            {table.columns.map((c) => (
              <th scope="col" className="num" key={c.key}>
                {c.label[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.segment}>
              <th scope="row">{row.label && row.label !== row.segment ? `${row.segment} ${row.label}` : row.segment}</th>
              <td className="num">{row.n ?? <Suppressed />}</td>
              {row.cells.map((cell, i) => (
                <td className="num" key={table.columns[i]?.key ?? i}>
                  <CellValue cell={cell} unit={table.unit} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("results.total")}</th>
            <td className="num">{table.total.n ?? <Suppressed />}</td>
            {table.total.cells.map((cell, i) => (
              <td className="num" key={table.columns[i]?.key ?? i}>
                <CellValue cell={cell} unit={table.unit} />
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** A suppressed value: a dash for the eye, words for a screen reader; never a zero. */
function Suppressed() {
  const { t } = useI18n();
  return (
    <span className="suppressed">
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t("results.suppressed")}</span>
    </span>
  );
}

function CellValue({ cell, unit }: { cell: Cell; unit: ResultTable["unit"] }) {
  const { locale } = useI18n();
  if ("suppressed" in cell) return <Suppressed />;
  if (cell.value === null || cell.value === undefined || Number.isNaN(cell.value)) return <span>..</span>;
  let text: string;
  switch (unit) {
    case "share":
    case "rate":
      text = `${formatNumber(cell.value * 100, locale, 0)} %`;
      break;
    case "mean":
      text = formatNumber(cell.value, locale, 1);
      break;
    case "balance":
      text = `${cell.value > 0 ? "+" : ""}${formatNumber(cell.value, locale, 0)}`;
      break;
    default:
      text = formatNumber(cell.value, locale, 0);
  }
  return <span>{text}</span>;
}
