import type { Cell } from "../../../../shared/schemas/api";
import type { FeedbackTable, FeedbackView } from "../../../../shared/schemas/feedback";
import { formatNumber, formatPercent } from "../../lib/format";
import { useFeedbackTexts } from "./texts";

/**
 * The company's answers beside its division's, section's and region's published cells: one row
 * per question (or measure), one column for its own answer and one per scope. A suppressed cell
 * reads "suppressed" and nothing else.
 */
type Scope = FeedbackTable["scopes"][number];

/** As the results pages show them: shares and rates in per cent, balances signed, means with a decimal. */
function formatCell(value: number, unit: FeedbackTable["unit"], locale: string): string {
  if (unit === "share" || unit === "rate") return formatPercent(value, locale);
  if (unit === "balance") return `${value > 0 ? "+" : value < 0 ? "−" : ""}${formatNumber(Math.abs(value), locale, 0)}`;
  return formatNumber(value, locale, unit === "mean" ? 1 : 0);
}
type Row = { key: string; head: string; own: string; unit: FeedbackTable["unit"]; cells: Map<Scope["scope"], { cell: Cell; n: number | null }> };

function PublishedValue({ cell, unit }: { cell: Cell | undefined; unit: FeedbackTable["unit"] }) {
  const { t, locale } = useFeedbackTexts();
  if (!cell) return <>{t("fb.noAnswer")}</>;
  if ("suppressed" in cell) return <span className="suppressed">{t("fb.suppressed")}</span>;
  if (cell.value === null) return <span className="empty-value">{t("fb.empty")}</span>;
  return (
    <>
      {formatCell(cell.value, unit, locale)} <span className="cell-n">{t("fb.n", { n: formatNumber(cell.n, locale) })}</span>
    </>
  );
}

function ComparisonTable({ id, caption, rows, scopes }: { id: string; caption: string; rows: Row[]; scopes: Scope[] }) {
  const { t } = useFeedbackTexts();
  const scopeHead = (s: Scope) =>
    s.scope === "region" ? t("fb.colRegion") : t(s.scope === "division" ? "fb.colDivision" : "fb.colSection", { code: s.code });
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="feedback-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{t("fb.colYours")}</th>
            {scopes.map((s) => (
              <th scope="col" key={s.scope} className="num">
                {scopeHead(s)}
                {s.label ? <span className="scope-label">{s.label}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.head}</th>
              <td>{r.own}</td>
              {scopes.map((s) => (
                <td key={s.scope} className="num">
                  <PublishedValue cell={r.cells.get(s.scope)?.cell} unit={r.unit} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Comparisons({ view }: { view: FeedbackView }) {
  const { t, local, locale } = useFeedbackTexts();
  const needs = view.comparisons.filter((c) => c.id.startsWith("needShare."));
  const maturity = view.comparisons.find((c) => c.id === "maturity");
  const perOccupation = ["hires12m", "hires1to3y", "balance", "difficulty"] as const;
  const occupationTables = perOccupation.map((id) => view.comparisons.find((c) => c.id === id)).filter((c): c is FeedbackTable => !!c);
  const scopes = view.comparisons[0]?.scopes ?? [];
  const at = (table: FeedbackTable, column: number) => new Map(table.scopes.map((s) => [s.scope, { cell: s.cells[column], n: s.n }]));
  const ownText = (own: FeedbackTable["columns"][number]["own"], label: string) =>
    !own ? t("fb.noAnswer") : own.kind === "chosen" ? label : own.kind === "value" ? formatNumber(own.value, locale) : local(own.label);

  const needRows: Row[] = needs.map((table) => {
    const chosen = table.columns.findIndex((c) => c.own?.kind === "chosen");
    return {
      key: table.id,
      head: local(table.title).replace(/^[^:]*:\s*/, ""),
      own: chosen >= 0 ? local(table.columns[chosen].label) : t("fb.noAnswer"),
      unit: table.unit,
      cells: chosen >= 0 ? at(table, chosen) : new Map(),
    };
  });
  const maturityRows: Row[] = (maturity?.columns ?? []).map((c, i) => ({
    key: c.key,
    head: local(c.label),
    own: ownText(c.own, local(c.label)),
    unit: maturity!.unit,
    cells: at(maturity!, i),
  }));
  const occupations = occupationTables[0]?.columns ?? [];
  return (
    <>
      {needRows.length > 0 ? (
        <section aria-labelledby="fb-needs">
          <h3 id="fb-needs">{t("fb.needs.title")}</h3>
          <ComparisonTable id="fb-needs-table" caption={t("fb.needs.caption")} rows={needRows} scopes={scopes} />
        </section>
      ) : null}
      {maturityRows.length > 0 ? (
        <section aria-labelledby="fb-maturity">
          <h3 id="fb-maturity">{t("fb.maturity.title")}</h3>
          <ComparisonTable id="fb-maturity-table" caption={t("fb.maturity.caption")} rows={maturityRows} scopes={scopes} />
        </section>
      ) : null}
      {occupations.length > 0 ? (
        <section aria-labelledby="fb-recruitment">
          <h3 id="fb-recruitment">{t("fb.recruitment.title")}</h3>
          {occupations.map((occupation) => (
            <ComparisonTable
              key={occupation.key}
              id={`fb-occ-${occupation.key}`}
              caption={t("fb.recruitment.caption", { occupation: `${occupation.key} ${local(occupation.label)}` })}
              scopes={scopes}
              rows={occupationTables.map((table) => {
                const i = table.columns.findIndex((c) => c.key === occupation.key);
                return { key: table.id, head: t(`fb.measure.${table.id as (typeof perOccupation)[number]}`), own: ownText(table.columns[i]?.own ?? null, ""), unit: table.unit, cells: i >= 0 ? at(table, i) : new Map() };
              })}
            />
          ))}
        </section>
      ) : null}
    </>
  );
}
