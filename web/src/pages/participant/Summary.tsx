import { useEffect, useState, type ReactNode } from "react";
import type { Instrument, Question } from "../../../../shared/schemas";
import { useI18n } from "../../i18n";
import { loadSsyk } from "../../lib/codelists";
import { fieldId } from "./answers";
import { useLocal } from "./controls";

/**
 * All answers, block by block, as description lists: the review step before submitting (with an
 * "Ändra" link per block) and the printable summary on the thank-you page. A chunk of its own,
 * preloaded with the form's later parts (questions.tsx, preloadQuestionParts).
 */
type Answers = Record<string, unknown>;
export type SummaryProps = {
  instrument: Instrument;
  answers: Answers;
  /** Goes back to a block to change it; without it the summary has no "Ändra" links. */
  onEdit?: (block: number) => void;
  /** The level of the blocks' headings. @default 2 */
  level?: 2 | 3;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function useSsykLabels(needed: boolean): Map<string, string> | null {
  const [labels, setLabels] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    if (!needed) return;
    let live = true;
    loadSsyk().then(
      (list) => live && setLabels(new Map(list)),
      () => undefined, // the codes alone are still a readable summary
    );
    return () => {
      live = false;
    };
  }, [needed]);
  return labels;
}

export function Summary({ instrument, answers, onEdit, level = 2 }: SummaryProps) {
  const { t } = useI18n();
  const local = useLocal();
  const hasOccupations = instrument.blocks.some((b) => b.questions.some((q) => q.type === "occupations" && Array.isArray(answers[q.id])));
  const ssyk = useSsykLabels(hasOccupations);
  const H = level === 2 ? "h2" : "h3";
  return (
    <div className="summary">
      {instrument.blocks.map((block, i) => {
        const headingId = `summary-${block.id}`;
        return (
          <section className="summary-block" key={block.id} aria-labelledby={headingId}>
            <div className="summary-head">
              <H id={headingId}>{local(block.title)}</H>
              {onEdit ? (
                <a
                  className="summary-edit no-print"
                  href={`#${fieldId(block.questions[0]?.id ?? block.id)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    onEdit(i);
                  }}
                >
                  {t("review.edit")}
                  <span className="visually-hidden"> – {local(block.title)}</span>
                </a>
              ) : null}
            </div>
            <dl className="summary-list">
              {block.questions.map((q) => (
                <div key={q.id}>
                  <dt>{local(q.text)}</dt>
                  <dd>
                    <AnswerText q={q} value={answers[q.id]} ssyk={ssyk} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}

function AnswerText({ q, value, ssyk }: { q: Question; value: unknown; ssyk: Map<string, string> | null }): ReactNode {
  const { t, locale } = useI18n();
  const local = useLocal();
  const num = (n: unknown) => (typeof n === "number" ? new Intl.NumberFormat(locale).format(n) : String(n ?? ""));
  const none = <span className="summary-none">{t("review.noAnswer")}</span>;
  const empty = value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  if (empty) return none;
  switch (q.type) {
    case "single":
      return local(q.options.find((o) => o.value === value)?.label) || String(value);
    case "multi": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <ul className="summary-sub">
          {chosen.map((v) => (
            <li key={String(v)}>{local(q.options.find((o) => o.value === v)?.label) || String(v)}</li>
          ))}
        </ul>
      );
    }
    case "likert": {
      const n = Number(value);
      const anchor = n === 1 ? local(q.minLabel) : n === q.scale ? local(q.maxLabel) : "";
      return `${t("review.likert", { n: num(n), scale: num(q.scale) })}${anchor ? ` (${anchor})` : ""}`;
    }
    case "number":
      return `${num(value)}${q.unit ? ` ${local(q.unit)}` : ""}`;
    case "text":
      return <span className="summary-text">{String(value)}</span>;
    case "needMatrix": {
      if (!isObject(value)) return none;
      return (
        <ul className="summary-sub">
          {q.areas.map((a) => {
            const area = isObject(value[a.value]) ? (value[a.value] as Record<string, unknown>) : {};
            return (
              <li key={a.value}>
                <strong>{local(a.label)}</strong>
                <ul>
                  {q.horizons.map((h) => {
                    const cell = isObject(area[h.value]) ? (area[h.value] as Record<string, unknown>) : {};
                    const lvl = local(q.levels.find((l) => l.value === cell.level)?.label);
                    const method = local(q.methods.find((m) => m.value === cell.method)?.label);
                    const extra = [method, cell.people !== undefined ? `${t("matrix.people").toLowerCase()}: ${num(cell.people)}` : ""].filter(Boolean).join("; ");
                    return (
                      <li key={h.value}>
                        {local(h.label)}: {lvl || t("review.noAnswer")}
                        {extra ? ` (${extra})` : ""}
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      );
    }
    case "occupations": {
      const rows = Array.isArray(value) ? value.filter(isObject) : [];
      const opt = (list: { value: string; label: { sv: string; en: string } }[], v: unknown) => local(list.find((o) => o.value === v)?.label) || "–";
      // Version 2's fields, labelled by the instrument itself, where the question asks them.
      const v2Fields = (oq: typeof q, r: Record<string, unknown>): [string, string][] => [
        ...(oq.staffChange3y ? [[local(oq.staffChange3y.label), opt(oq.staffChanges, r.staffChange3y)] as [string, string]] : []),
        ...(oq.educationField ? [[local(oq.educationField.label), opt(oq.educationField.options, r.educationField)] as [string, string]] : []),
        ...(oq.experience ? [[local(oq.experience.label), opt(oq.experience.options, r.experience)] as [string, string]] : []),
        ...(oq.certificates
          ? [[local(oq.certificates.label), (Array.isArray(r.certificates) ? r.certificates : []).map((c) => opt(oq.certificates!.options, c)).join(", ") || "–"] as [string, string]]
          : []),
        ...(oq.retirements1to3y ? [[local(oq.retirements1to3y.label), num(r.retirements1to3y)] as [string, string]] : []),
        ...(oq.workforce ? [[`${local(oq.workforce.label)}: ${local(oq.workforce.women)}`, num(r.women)], [`${local(oq.workforce.label)}: ${local(oq.workforce.men)}`, num(r.men)]] as [string, string][] : []),
      ];
      return (
        <ol className="summary-sub summary-occupations">
          {rows.map((r, i) => {
            const code = String(r.ssyk ?? "");
            const label = ssyk?.get(code);
            return (
              <li key={i}>
                <strong>{label ? `${code} – ${label}` : code || t("occ.row", { n: i + 1 })}</strong>
                <dl className="summary-row">
                  <div>
                    <dt>{t("occ.hires12m")}</dt>
                    <dd>{num(r.hires12m)}</dd>
                  </div>
                  <div>
                    <dt>{t("occ.hires1to3y")}</dt>
                    <dd>{num(r.hires1to3y)}</dd>
                  </div>
                  <div>
                    <dt>{t("occ.staffChange12m")}</dt>
                    <dd>{opt(q.staffChanges, r.staffChange12m)}</dd>
                  </div>
                  <div>
                    <dt>{t("occ.educationLevel")}</dt>
                    <dd>{opt(q.educationLevels, r.educationLevel)}</dd>
                  </div>
                  <div>
                    <dt>{t("occ.difficulty")}</dt>
                    <dd>{opt(q.difficulties, r.difficulty)}</dd>
                  </div>
                  <div>
                    <dt>{t("occ.sought12m")}</dt>
                    <dd>{num(r.sought12m)}</dd>
                  </div>
                  <div>
                    <dt>{t("occ.hired12m")}</dt>
                    <dd>{num(r.hired12m)}</dd>
                  </div>
                  {v2Fields(q, r).map(([label, shown]) => (
                    <div key={label}>
                      <dt>{label}</dt>
                      <dd>{shown}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            );
          })}
        </ol>
      );
    }
    default:
      return String(value);
  }
}

export default Summary;
