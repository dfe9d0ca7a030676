import type { RoundShortageView, ShortageRow, ShortageView } from "../../../../../shared/supply/schemas";
import { useI18n } from "../../../i18n";
import { formatPercent } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { DataTable } from "../components/DataTable";
import { ValueCell } from "../components/ValueCell";
import { useLookups } from "../lookups";
import { ownerApi } from "../session";
import { roundHref } from "./common";
import { useSupplyTexts } from "./texts";

/** A round's shortage occupations (GET /api/rounds/{id}/shortage): the companies' answers beside Yrkesbarometern. */
export function ShortagePage({ roundId }: { roundId: string }) {
  const st = useSupplyTexts();
  const { data, error, reload } = useLoad((signal) => ownerApi<RoundShortageView>(`/api/rounds/${encodeURIComponent(roundId)}/shortage`, { signal }), [roundId]);
  const view = data?.shortage ?? null;
  return (
    <div className="page">
      <p>
        <Link href={roundHref(roundId)}>{st("sup.backToRound")}</Link>
      </p>
      <PageTitle>{st("sup.shortTitle")}</PageTitle>
      <p className="lead">{st("sup.shortIntro")}</p>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && !view ? <p role="status">{st("sup.noRelease")}</p> : null}
      {view ? <ShortageContent view={view} /> : null}
    </div>
  );
}

/** Where companies report shortage that Yrkesbarometern does not, the reverse, and the table of both. */
export function ShortageContent({ view }: { view: ShortageView }) {
  const st = useSupplyTexts();
  const { locale } = useI18n();
  const lookups = useLookups();
  const county = (code: string) => lookups?.countyName(code) ?? code;
  const pct = (v: number) => formatPercent(v, locale);
  const name = (ssyk: string) => {
    const row = view?.rows.find((r) => r.ssyk === ssyk);
    return row ? `${row.ssyk} ${row.label}` : ssyk;
  };
  const list = (id: string, title: string, codes: string[]) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {codes.length ? (
        <ul>
          {codes.map((c) => (
            <li key={c}>{name(c)}</li>
          ))}
        </ul>
      ) : (
        <p>{st("sup.listNone")}</p>
      )}
    </section>
  );

  return (
        <>
          <p className="hint">{st("sup.thresholds", { failed: pct(view.thresholds.failedRecruitment), hard: pct(view.thresholds.hardShare) })}</p>
          {list("short-companies-only", st("sup.companiesOnlyTitle"), view.companiesOnly)}
          {list("short-national-only", st("sup.nationalOnlyTitle"), view.nationalOnly)}
          <DataTable<ShortageRow>
            caption={st("sup.shortCaption")}
            captionId="short-caption"
            columns={[
              { key: "occ", header: st("sup.colOccupation"), cell: (r) => `${r.ssyk} ${r.label}` },
              { key: "failed", header: st("sup.colFailed"), num: true, cell: (r) => <ValueCell cell={r.failedRecruitment} format={pct} emptyLabel={st("sup.empty")} /> },
              { key: "hard", header: st("sup.colHard"), num: true, cell: (r) => <ValueCell cell={r.hardShare} format={pct} emptyLabel={st("sup.empty")} /> },
              { key: "companies", header: st("sup.colCompanies"), cell: (r) => st(`sup.companies.${r.companies}`) },
              {
                key: "national",
                header: st("sup.colNational"),
                cell: (r) => (
                  <>
                    {st(`sup.assessment.${r.assessment}`)}
                    {r.national.map((a) => (
                      <span key={`${a.county}-${a.conceptId}`} className="cell-sub">
                        {`${a.occupation} (${county(a.county)}, ${a.round}): ${st(`sup.jobs.${a.jobOpportunities}`)}${a.forecast ? `, ${st(`sup.forecast.${a.forecast}`)}` : ""}`}
                      </span>
                    ))}
                  </>
                ),
              },
            ]}
            rows={view.rows}
            rowKey={(r) => r.ssyk}
          />
        </>
  );
}
