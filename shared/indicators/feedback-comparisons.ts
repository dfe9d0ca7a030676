import type { Answers, Instrument, NeedCell, OccupationRow, Option } from "../schemas/instrument";
import type { ResultTable } from "../schemas/api";
import type { FeedbackTable, OwnAnswer } from "../schemas/feedback";

/**
 * A company's answers beside the release's tables (release-tables.ts) of its division, section
 * and the whole round. Only cells as the release published them are copied, suppressed ones as
 * suppressed; the company's own side comes from its answers alone. Tables are those the company
 * can set itself against: its needs by area and horizon, its strategic work, and per occupation
 * it recruits in its planned hires, staff change and difficulty.
 */
export type FeedbackSegments = { division: string; section?: string };
export type FeedbackReleaseTables = { industry: ResultTable[]; section: ResultTable[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optionAnswer = (options: readonly Option[], value: unknown): OwnAnswer | null => {
  const o = options.find((x) => x.value === value);
  return o ? { kind: "option", label: o.label } : null;
};
const valueAnswer = (value: unknown): OwnAnswer | null => (typeof value === "number" ? { kind: "value", value } : null);

/** The company's occupation rows, by SSYK code (an instrument admits one row per code). */
export function occupationRows(instrument: Instrument, answers: Answers): OccupationRow[] {
  const q = instrument.blocks.flatMap((b) => b.questions).find((x) => x.type === "occupations");
  const rows = q ? answers[q.id] : undefined;
  return Array.isArray(rows) ? (rows.filter((r) => isObject(r) && typeof r.ssyk === "string") as OccupationRow[]) : [];
}

export function feedbackComparisons(instrument: Instrument, answers: Answers, tables: FeedbackReleaseTables, at: FeedbackSegments): FeedbackTable[] {
  const questions = instrument.blocks.flatMap((b) => b.questions);
  const byId = (list: ResultTable[]) => new Map(list.map((t) => [t.id, t]));
  const industry = byId(tables.industry);
  const section = byId(tables.section);
  const out: FeedbackTable[] = [];

  /** The table's columns the company answered to (`keep`), with its rows for the company's segments. */
  const add = (id: string, own: (key: string) => OwnAnswer | null, keep: (key: string) => boolean = () => true) => {
    const t = industry.get(id);
    if (!t) return;
    const indices = t.columns.map((c, i) => (keep(c.key) ? i : -1)).filter((i) => i >= 0);
    if (indices.length === 0) return;
    const pick = (cells: ResultTable["total"]["cells"]) => indices.map((i) => cells[i]);
    const scopes: FeedbackTable["scopes"] = [];
    const division = t.rows.find((r) => r.segment === at.division);
    if (division) scopes.push({ scope: "division", code: division.segment, label: division.label, n: division.n, cells: pick(division.cells) });
    const sectionRow = at.section ? section.get(id)?.rows.find((r) => r.segment === at.section) : undefined;
    if (sectionRow) scopes.push({ scope: "section", code: sectionRow.segment, label: sectionRow.label, n: sectionRow.n, cells: pick(sectionRow.cells) });
    scopes.push({ scope: "region", code: "all", label: "", n: t.total.n, cells: pick(t.total.cells) });
    out.push({ id, title: t.title, unit: t.unit, columns: indices.map((i) => ({ key: t.columns[i].key, label: t.columns[i].label, own: own(t.columns[i].key) })), scopes });
  };

  for (const q of questions) {
    if (q.type !== "needMatrix") continue;
    const matrix = isObject(answers[q.id]) ? (answers[q.id] as Record<string, Record<string, NeedCell>>) : {};
    for (const area of q.areas)
      for (const horizon of q.horizons) {
        const level = matrix[area.value]?.[horizon.value]?.level;
        add(`needShare.${q.id === "needs" ? "" : `${q.id}.`}${area.value}.${horizon.value}`, (key) => (key === level ? { kind: "chosen" } : null));
      }
  }
  const likerts = new Map(questions.filter((q) => q.type === "likert").map((q) => [q.id, q]));
  // The maturity index is a mean of means; the company's own statements are beside it, not an index of one.
  add("maturity", (key) => (likerts.has(key) ? valueAnswer(answers[key]) : null));

  const occupationQuestion = questions.find((q) => q.type === "occupations");
  const rows = new Map(occupationRows(instrument, answers).map((r) => [r.ssyk, r]));
  if (occupationQuestion?.type === "occupations" && rows.size > 0) {
    const mine = (key: string) => rows.has(key);
    add("hires12m", (key) => valueAnswer(rows.get(key)?.hires12m), mine);
    add("hires1to3y", (key) => valueAnswer(rows.get(key)?.hires1to3y), mine);
    add("balance", (key) => optionAnswer(occupationQuestion.staffChanges, rows.get(key)?.staffChange12m), mine);
    add("difficulty", (key) => optionAnswer(occupationQuestion.difficulties, rows.get(key)?.difficulty), mine);
  }
  return out;
}
