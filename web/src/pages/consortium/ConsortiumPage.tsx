import { Suspense, lazy, useState } from "react";
import type { ConsortiumDimension, ConsortiumView } from "../../../../shared/schemas/consortium";
import type { ConsortiumTrendsView } from "../../../../shared/schemas/consortium-trends";
import { registerTexts, useI18n, type MessageKey } from "../../i18n";
import { consortiumSv } from "../../i18n/consortium-sv";
import { consortiumEn } from "../../i18n/consortium-en";
import { api } from "../../lib/api";
import { ErrorMessage, Loading, PageTitle } from "../../lib/ui";
import { useLoad } from "../../lib/use-load";
import { formatDateTime } from "../../lib/format";
import "../owner/texts";
import { groupTables, ResultTableView } from "../owner/rounds/Results";

registerTexts({ sv: consortiumSv, en: consortiumEn });
const Charts = lazy(() => import("../owner/rounds/Charts"));
const GapContent = lazy(() => import("../owner/supply/Gap").then((m) => ({ default: m.GapContent })));
const TrendSeriesView = lazy(() => import("../owner/trends/Trends").then((m) => ({ default: m.TrendSeriesView })));
const ShortageContent = lazy(() => import("../owner/supply/Shortage").then((m) => ({ default: m.ShortageContent })));

/** The merged picture holds answers up to the latest of the regions' cutoffs. */
const latestCutoff = (view: ConsortiumView) => view.regions.map((r) => r.release.cutoff).sort().at(-1) ?? "";

const DIMENSIONS: readonly ConsortiumDimension[] = ["region", "section", "industry"];

/**
 * The consortium's merged picture (functions/domain/consortium.ts): which regions' releases are in
 * it, what was left out, and the tables, by region or by industry summed over the regions.
 */
export default function ConsortiumPage() {
  const { t, lang, locale } = useI18n();
  const [by, setBy] = useState<ConsortiumDimension>("region");
  const { data: view, error, reload } = useLoad((signal) => api<ConsortiumView>(`/api/consortium?by=${by}`, { signal }), [by], { resetOnChange: true });
  const { data: trends } = useLoad((signal) => api<ConsortiumTrendsView>("/api/consortium/trends", { signal }), []);
  const dimensions = view && !view.industryMerged ? DIMENSIONS.filter((d) => d === "region") : DIMENSIONS;
  const grouped = view ? groupTables(view.tables) : [];
  return (
    <div className="page results consortium">
      <PageTitle>{t("cons.title", { name: view?.name ?? "" })}</PageTitle>
      <p>{t("cons.intro")}</p>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!view && !error ? <Loading /> : null}
      {view ? (
        <>
          <section aria-labelledby="cons-regions">
            <h2 id="cons-regions">{t("cons.regionsTitle")}</h2>
            {view.regions.length === 0 ? <p>{t("cons.none")}</p> : null}
            {view.regions.length > 0 ? (
              <div className="table-wrap">
                <table className="data-table">
                  <caption>{t("cons.regionsCaption")}</caption>
                  <thead>
                    <tr>
                      {(["cons.colRegion", "cons.colRound", "cons.colRelease", "cons.colCutoff", "cons.colResponses", "cons.colInstrument", "cons.colSignature"] as MessageKey[]).map((k) => (
                        <th key={k} scope="col">
                          {t(k)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {view.regions.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.name}</th>
                        <td>{r.round.title}</td>
                        <td className="num">{r.release.number}</td>
                        <td>{formatDateTime(r.release.cutoff, locale)}</td>
                        <td className="num">
                          {r.release.responses} / {r.release.invited}
                        </td>
                        <td>
                          {r.instrument.id} v{r.instrument.version}
                        </td>
                        <td>
                          <code>{r.keyId.length > 24 ? `…${r.keyId.slice(-16)}` : r.keyId}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {view.regions.length > 0 ? <p>{t("cons.total", { responses: view.responses, invited: view.invited })}</p> : null}
            {view.missing.length > 0 ? <p role="note">{t("cons.missing", { names: view.missing.map((m) => m.name).join(", ") })}</p> : null}
            {view.rejected.length > 0 ? (
              <div role="note">
                <h3>{t("cons.rejectedTitle")}</h3>
                <ul>
                  {view.rejected.map((r) => (
                    <li key={r.name}>{t("cons.rejected", { name: r.name, reason: r.reason })}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
          {view.leftOut.length > 0 ? (
            <section aria-labelledby="cons-left-out">
              <h2 id="cons-left-out">{t("cons.leftOutTitle")}</h2>
              <p>{t("cons.leftOutIntro")}</p>
              <ul>
                {view.leftOut.map((q) => (
                  <li key={q.question}>{t("cons.leftOutItem", { question: q.text?.[lang] ?? q.question, regions: q.regions.join(", ") })}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {view.gap ? (
            <section aria-labelledby="cons-gap">
              <h2 id="cons-gap">{t("cons.gapTitle")}</h2>
              <p>{t("cons.gapIntro")}</p>
              <Suspense fallback={<Loading />}>
                <GapContent gap={view.gap} />
              </Suspense>
            </section>
          ) : null}
          {view.shortage ? (
            <section aria-labelledby="cons-shortage">
              <h2 id="cons-shortage">{t("cons.shortageTitle")}</h2>
              <p>{t("cons.shortageIntro")}</p>
              <Suspense fallback={<Loading />}>
                <ShortageContent view={view.shortage} />
              </Suspense>
            </section>
          ) : null}
          {trends && trends.periods.length > 0 ? (
            <section aria-labelledby="cons-trends">
              <h2 id="cons-trends">{t("cons.trendsTitle")}</h2>
              <p>{trends.periods.length === 1 ? t("cons.trendsOne") : t("cons.trendsIntro")}</p>
              <Suspense fallback={<Loading />}>
                <TrendSeriesView
                  view={trends}
                  points={trends.periods.map((p) => ({ key: p.period, label: p.period, head: t("cons.trendsPeriod", { period: p.period, regions: p.regions.length, n: p.responses }) }))}
                />
              </Suspense>
            </section>
          ) : null}
          {view.regions.length > 0 ? (
            <section aria-labelledby="cons-tables">
              <h2 id="cons-tables">{t("cons.tablesTitle")}</h2>
              <p>{view.industryMerged ? t("cons.industryVersion", { version: view.industryClassification?.replace("SNI", "SNI ") ?? "" }) : t("cons.industryNotMerged")}</p>
              <div className="results-toolbar">
                <div className="field field-inline">
                  <label htmlFor="cons-by">{t("cons.by")}</label>
                  <select id="cons-by" className="input input-select" value={by} onChange={(e) => setBy(e.target.value as ConsortiumDimension)}>
                    {dimensions.map((d) => (
                      <option key={d} value={d}>
                        {t(`cons.dim.${d}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </div>
                <a className="button button-secondary" href={`/api/consortium.xlsx?by=${by}&lang=${lang}`} download>
                  {t("cons.xlsx")}
                </a>
              </div>
              {grouped.map((g) => (
                <section key={g.key} className="result-group" aria-labelledby={`group-${g.key}`}>
                  <h3 id={`group-${g.key}`}>{t(g.title)}</h3>
                  <Suspense fallback={<Loading />}>
                    <Charts
                      group={g.key}
                      tables={g.tables}
                      roundName={view.name}
                      source={`${view.name} (${view.regions.map((r) => r.name).join(", ")})`}
                      release={{ number: Math.max(...view.regions.map((r) => r.release.number)), responses: view.responses, cutoff: latestCutoff(view) }}
                    />
                  </Suspense>
                  {g.tables.map((table) => (
                    <ResultTableView key={table.id} table={table} />
                  ))}
                </section>
              ))}
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
