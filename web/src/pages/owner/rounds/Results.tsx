import { lazy, Suspense, useEffect, useState } from "react";
import { RESULT_DIMENSIONS, type Cell, type ResultDimension, type ResultTable, type ResultsView } from "../../../../../shared/schemas/api";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatCell, segmentText, tableDomId } from "./result-format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { useAccess } from "../access";
import { HatchSwatch } from "./swatch";
import { ReleasePanel } from "./ReleasePanel";
import { DataTable, type Column } from "../components/DataTable";
import { Suppressed, ValueCell } from "../components/ValueCell";

// The charts are their own chunk: loaded with the results, never with any other page.
const Charts = lazy(() => import("./Charts"));

/** Groups of tables, in the order the page shows them. */
const GROUPS: { key: string; title: MessageKey; match: (id: string) => boolean }[] = [
  { key: "responses", title: "results.group.responses", match: (id) => id === "responses" || id === "responseRate" },
  { key: "needs", title: "results.group.needs", match: (id) => id.startsWith("needShare.") || id.startsWith("needMet.") },
  { key: "maturity", title: "results.group.maturity", match: (id) => id === "maturity" },
  {
    key: "occupations",
    title: "results.group.occupations",
    match: (id) => ["hires12m", "hires1to3y", "failedRecruitment", "balance", "difficulty", "education"].includes(id),
  },
  { key: "other", title: "results.group.other", match: () => true },
];

export function ResultsPage({ id }: { id: string }) {
  const { t, tMessage, locale } = useI18n();
  const [by, setBy] = useState<ResultDimension>(() => {
    const q = new URLSearchParams(window.location.search).get("by");
    return (RESULT_DIMENSIONS as readonly string[]).includes(q ?? "") ? (q as ResultDimension) : "industry";
  });
  useEffect(() => {
    window.history.replaceState(null, "", `${window.location.pathname}?by=${by}`);
  }, [by]);
  const [release, setRelease] = useState<number | null>(null);
  const {
    data: view,
    error,
    reload,
  } = useLoad(
    (signal) =>
      ownerApi<ResultsView>(`/api/rounds/${encodeURIComponent(id)}/results?by=${by}${release ? `&release=${release}` : ""}`, { signal }),
    [id, by, release],
    { resetOnChange: true },
  );

  const grouped = view ? groupTables(view.tables) : [];
  // The results carry no project: the current project's role decides what to offer (an analyst reads, and requests no release).
  const access = useAccess();
  const mayWork = access.can("manage") || access.can("programme-work");

  return (
    <div className="page results">
      <p className="back-link">
        {mayWork ? <Link href={`/owner/rounds/${encodeURIComponent(id)}`}>{t("results.back")}</Link> : <Link href="/owner/rounds">{t("owner.navRounds")}</Link>}
      </p>
      <PageTitle>{t("results.title")}</PageTitle>
      <p className="button-row">
        <Link href={`/owner/rounds/${encodeURIComponent(id)}/gap`}>{tMessage("sup.toGap")}</Link>
        <Link href={`/owner/rounds/${encodeURIComponent(id)}/shortage`}>{tMessage("sup.toShortage")}</Link>
      </p>
      <div className="results-toolbar">
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
      </div>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!view && !error ? <Loading /> : null}
      {view ? (
        <>
          <ReleasePanel
            roundId={id}
            view={view}
            by={by}
            mayRelease={mayWork}
            onChoose={setRelease}
            onReleased={() => {
              setRelease(null);
              void reload();
            }}
          />
          <div className="legend" role="note" aria-labelledby="legend-title">
            <h2 id="legend-title">{t("results.legendTitle")}</h2>
            <p>
              <span className="legend-swatch" aria-hidden="true">
                <HatchSwatch />
              </span>{" "}
              {t("results.legendSuppressed", { k: view.k })}
            </p>
            <p>{t("results.legendEmpty")}</p>
            <p>{t("results.legendN")}</p>
            <p>{t("results.legendCharts")}</p>
          </div>
          {grouped.length === 0 ? <p>{t("results.none")}</p> : null}
          {grouped.length > 0 ? (
            <nav className="toc" aria-labelledby="toc-title">
              <h2 id="toc-title">{t("results.toc")}</h2>
              <ul>
                {grouped.map((g) => (
                  <li key={g.key}>
                    <a href={`#group-${g.key}`}>{t(g.title)}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {grouped.map((g) => (
            <section key={g.key} className="result-group" aria-labelledby={`group-${g.key}`}>
              <h2 id={`group-${g.key}`} tabIndex={-1}>
                {t(g.title)}
              </h2>
              {view.release ? (
                <Suspense fallback={<Loading />}>
                  <Charts group={g.key} tables={g.tables} roundName={view.roundName} release={view.release} />
                </Suspense>
              ) : null}
              {g.tables.map((table) => (
                <ResultTableView key={table.id} table={table} />
              ))}
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}

export function groupTables(tables: ResultTable[]) {
  const out: { key: string; title: MessageKey; tables: ResultTable[] }[] = [];
  const used = new Set<string>();
  for (const g of GROUPS) {
    const list = tables.filter((tb) => !used.has(tb.id) && g.match(tb.id));
    list.forEach((tb) => used.add(tb.id));
    if (list.length) out.push({ key: g.key, title: g.title, tables: list });
  }
  return out;
}

type ResultRow = { segment: string; header: string; n: number | null; cells: Cell[] };

export function ResultTableView({ table }: { table: ResultTable }) {
  const { t, lang, locale } = useI18n();
  const columns: Column<ResultRow>[] = [
    { key: "segment", header: t("results.colSegment"), cell: (r) => r.header },
    { key: "n", header: t("results.colN"), num: true, cell: (r) => r.n ?? <Suppressed /> },
    ...table.columns.map(
      (c, i): Column<ResultRow> => ({
        key: c.key,
        header: c.label[lang],
        num: true,
        headClass: "col-head",
        cell: (r) => (r.cells[i] ? <ValueCell cell={r.cells[i]} format={(v) => formatCell(v, table.unit, locale)} emptyLabel={t("results.emptyValue")} /> : null),
      }),
    ),
  ];
  return (
    <DataTable
      caption={
        <>
          {table.title[lang]} <span className="caption-unit">({t(`results.unit.${table.unit}` as MessageKey)})</span>
        </>
      }
      columns={columns}
      rows={table.rows.map((row) => ({ segment: row.segment, header: segmentText(row), n: row.n, cells: row.cells }))}
      rowKey={(r) => r.segment}
      footRow={{ segment: "total", header: t("results.total"), n: table.total.n, cells: table.total.cells }}
      wrapperClass="result-table"
      wrapperId={tableDomId(table.id)}
    />
  );
}
