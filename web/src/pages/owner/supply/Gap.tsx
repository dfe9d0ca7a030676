import { useMemo, useState } from "react";
import type { AreaGap, EducationOffering, GapView, OccupationGap, RoundGapView } from "../../../../../shared/supply/schemas";
import { useI18n } from "../../../i18n";
import { formatNumber, formatPercent } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { DataTable } from "../components/DataTable";
import { ValueCell } from "../components/ValueCell";
import { ownerApi } from "../session";
import { DerivedValue, roundHref } from "./common";
import { useSupplyTexts } from "./texts";

/** The offerings within reach, nearest first: the first few by name and provider, the rest counted. */
function OfferingNames({ ids, byId }: { ids: string[]; byId: Map<string, EducationOffering> }) {
  const st = useSupplyTexts();
  if (ids.length === 0) return <>–</>;
  const shown = ids.slice(0, 3).map((id) => byId.get(id)).filter((o): o is EducationOffering => !!o);
  return (
    <ul className="plain-list">
      {shown.map((o) => (
        <li key={o.id}>
          {o.title} <span className="cell-sub">{o.provider}</span>
        </li>
      ))}
      {ids.length > shown.length ? <li>{st("sup.more", { n: ids.length - shown.length })}</li> : null}
    </ul>
  );
}

const reachText = (p: OccupationGap["places"], locale: string) => [p.municipality, p.county, p.distance].map((v) => formatNumber(v, locale, 0)).join(" / ");

/** A round's gap list (GET /api/rounds/{id}/supply-gap): published needs beside the offerings within reach. */
export function GapPage({ roundId }: { roundId: string }) {
  const st = useSupplyTexts();
  const { data, error, reload } = useLoad((signal) => ownerApi<RoundGapView>(`/api/rounds/${encodeURIComponent(roundId)}/supply-gap`, { signal }), [roundId]);
  const gap = data?.gap ?? null;
  return (
    <div className="page">
      <p>
        <Link href={roundHref(roundId)}>{st("sup.backToRound")}</Link>
      </p>
      <PageTitle>{st("sup.gapTitle")}</PageTitle>
      <p className="lead">{st("sup.gapIntro")}</p>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && !gap ? <p role="status">{st("sup.noRelease")}</p> : null}
      {gap ? <GapContent gap={gap} /> : null}
    </div>
  );
}

/** The gap list's tables: the largest unmet needs, then per scope the occupations and the competence areas. */
export function GapContent({ gap }: { gap: GapView }) {
  const st = useSupplyTexts();
  const { locale, lang } = useI18n();
  const [scope, setScope] = useState("all");
  const scopes = useMemo(() => {
    const seen = new Map<string, string>();
    for (const o of gap?.occupations ?? []) if (!seen.has(o.scope.segment)) seen.set(o.scope.segment, o.scope.kind === "total" ? st("sup.scopeTotal") : `${o.scope.segment} ${o.scope.label}`);
    for (const a of gap?.areas ?? []) if (!seen.has(a.scope.segment)) seen.set(a.scope.segment, a.scope.kind === "total" ? st("sup.scopeTotal") : `${a.scope.segment} ${a.scope.label}`);
    return [...seen];
  }, [gap, st]);
  const offeringsById = useMemo(() => new Map((gap?.offerings ?? []).map((o) => [o.id, o])), [gap]);
  const scopeLabel = scopes.find(([s]) => s === scope)?.[1] ?? st("sup.scopeTotal");
  const horizon = (h: string) => (h === "12m" || h === "1to3y" ? st(`sup.horizon.${h}`) : h);
  const pct = (v: number) => formatPercent(v, locale);
  const count = (v: number) => formatNumber(v, locale, 0);

  return (
        <>
          <p className="hint">{st("sup.mapping", { version: gap.mappingVersion })}</p>
          <section aria-labelledby="gap-largest-title">
            <h2 id="gap-largest-title">{st("sup.largestTitle")}</h2>
            <DataTable
              caption={st("sup.largestCaption")}
              captionId="gap-largest-caption"
              columns={[
                { key: "what", header: st("sup.colWhat"), cell: (u) => (u.what === "occupation" ? `${u.code} ${u.label}` : u.label) },
                { key: "horizon", header: st("sup.colHorizon"), cell: (u) => horizon(u.horizon) },
                { key: "need", header: st("sup.colNeed"), num: true, cell: (u) => count(u.need) },
                { key: "places", header: st("sup.colPlaces"), num: true, cell: (u) => count(u.places) },
                { key: "unmet", header: st("sup.colUnmet"), num: true, cell: (u) => count(u.unmet) },
              ]}
              rows={gap.largestUnmet}
              rowKey={(u) => `${u.what}-${u.code}-${u.horizon}`}
              empty={st("sup.largestNone")}
            />
          </section>
          <div className="field field-inline">
            <label htmlFor="gap-scope">{st("sup.scope")}</label>
            <select id="gap-scope" className="input input-select" value={scope} onChange={(e) => setScope(e.target.value)}>
              {scopes.map(([s, label]) => (
                <option key={s} value={s}>{label}</option>
              ))}
            </select>
          </div>
          <section aria-labelledby="gap-occ-title">
            <h2 id="gap-occ-title">{st("sup.occTitle")}</h2>
            <DataTable<OccupationGap>
              caption={st("sup.occCaption", { scope: scopeLabel })}
              captionId="gap-occ-caption"
              columns={[
                { key: "occ", header: st("sup.colOccupation"), cell: (o) => (<>{`${o.ssyk} ${o.label}`}{o.fields.length === 0 ? <span className="cell-sub">{st("sup.notMapped")}</span> : <span className="cell-sub">SUN {o.fields.join(", ")}</span>}</>) },
                { key: "h12", header: st("sup.colHires12m"), num: true, cell: (o) => <ValueCell cell={o.hires12m} format={count} emptyLabel={st("sup.empty")} /> },
                { key: "h13", header: st("sup.colHires1to3y"), num: true, cell: (o) => <ValueCell cell={o.hires1to3y} format={count} emptyLabel={st("sup.empty")} /> },
                { key: "level", header: st("sup.colLevelAsked"), cell: (o) => st(`sup.level.${o.level}`) },
                { key: "reach", header: st("sup.colReach"), num: true, cellClass: "nowrap", cell: (o) => reachText(o.places, locale) },
                { key: "unmet", header: st("sup.colUnmet12m"), num: true, cell: (o) => <DerivedValue value={o.unmet12m} /> },
                { key: "unmet13", header: st("sup.colUnmet1to3y"), num: true, cell: (o) => <DerivedValue value={o.unmet1to3y} /> },
                { key: "offerings", header: st("sup.colOfferings"), cell: (o) => <OfferingNames ids={o.offeringIds} byId={offeringsById} /> },
              ]}
              rows={gap.occupations.filter((o) => o.scope.segment === scope)}
              rowKey={(o) => o.ssyk}
              empty={st("sup.occNone")}
            />
          </section>
          <section aria-labelledby="gap-area-title">
            <h2 id="gap-area-title">{st("sup.areaTitle")}</h2>
            <DataTable<AreaGap>
              caption={st("sup.areaCaption", { scope: scopeLabel })}
              captionId="gap-area-caption"
              columns={[
                { key: "area", header: st("sup.colArea"), cell: (a) => a.label[lang] },
                { key: "large", header: st("sup.colLarge"), num: true, cell: (a) => <ValueCell cell={a.largeNeedShare} format={pct} emptyLabel={st("sup.empty")} /> },
                { key: "people", header: st("sup.colPeople"), num: true, cell: (a) => <ValueCell cell={a.people} format={count} emptyLabel={st("sup.empty")} /> },
                { key: "reach", header: st("sup.colReach"), num: true, cellClass: "nowrap", cell: (a) => reachText(a.places, locale) },
                { key: "unmet", header: st("sup.colUnmet"), num: true, cell: (a) => <DerivedValue value={a.unmet} /> },
              ]}
              rows={gap.areas.filter((a) => a.scope.segment === scope)}
              rowKey={(a) => `${a.area}-${a.horizon}`}
              empty={st("sup.areaNone")}
            />
          </section>
        </>
  );
}
