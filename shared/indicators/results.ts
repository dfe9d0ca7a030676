import type { Cell, ResultDimension, ResultTable } from "../schemas/api";
import type { Instrument } from "../schemas/instrument";
import { suppress, type CellStatus, type SuppressResult } from "../disclosure/suppress";
import { ssykLabel } from "../classifications/ssyk";
import { MATURITY_SCALE, type Counters } from "./contributions";

/**
 * buildResults: the result tables of a round from its kept aggregates (the counters of
 * contributions() plus `submitted`), with disclosure control applied. Rows are the segments of
 * one dimension (sorted by segment code; segments without a submitted response are left out),
 * `total` is the whole round.
 *
 * Tables (id: unit, columns; the value of a cell and its n):
 *   responses                      count    submitted responses; n = the same
 *   needShare.<area>.<horizon>     share    one column per need level: share (0..1) of the
 *                                           organisations answering the cell that chose the level;
 *                                           n = organisations answering. The need-share indicator
 *                                           is the "large" column.
 *   maturity                       mean     strategic maturity (mean of the organisations' means,
 *                                           1..5) and each Likert statement's mean; n = answering
 *   hires12m, hires1to3y           count    planned hires per occupation (SSYK); n = organisations
 *                                           reporting the occupation
 *   failedRecruitment              rate     (sought - hired) / sought per occupation (0..1);
 *                                           n = organisations reporting the occupation
 *   balance                        balance  % expecting more staff minus % expecting fewer
 *                                           (-100..100) per occupation; n = organisations answering
 *   options.<qid>                  share    per multi-choice question (collaboration interest):
 *                                           share (0..1) of responding organisations choosing each
 *                                           option; n = responses
 *
 * Disclosure control: every table is one suppress() call whose contributors are organisation
 * counts (the level / option counts, the number answering, `occ|<ssyk>|n`), so a derived value
 * (share, mean, rate) is suppressed exactly when its underlying counts are. The per-occupation
 * tables share one pattern (they have the same contributors, and their n is published in each),
 * so combining them reveals nothing that one of them hides. A row whose total is suppressed has
 * `n: null`. Suppressed cells carry their reason and never a value.
 */
export type SegmentCounters = { segment: string; label: string; counters: Counters };

export type BuildResultsInput = {
  instrument: Instrument;
  /** The dimension of the rows; carried for the caller, the tables do not depend on it. */
  by: ResultDimension;
  k: number;
  segments: SegmentCounters[];
  total: Counters;
  /** Column labels of occupations; default the SSYK 2012 label (Swedish, also used for en). */
  occupationLabel?: (ssyk: string) => { sv: string; en: string };
};

type Label = { sv: string; en: string };
type Column = { key: string; label: Label };

type TableSpec = {
  id: string;
  title: Label;
  unit: ResultTable["unit"];
  columns: Column[];
  /** Organisations behind the cell (the disclosure contributors). */
  contributors: (c: Counters, col: Column) => number;
  /** The cell's published value and n, computed from the segment's (or the total's) counters. */
  cell: (c: Counters, col: Column) => { value: number | null; n: number };
  /** The row totals of the contributors are published anyway (as every cell's n). */
  rowTotalsKnown?: boolean;
};

const get = (c: Counters, key: string) => c[key] ?? 0;
const submitted = (c: Counters) => get(c, "submitted");
const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const ratio = (num: number, den: number, digits: number): number | null => (den > 0 ? round(num / den, digits) : null);

export function buildResults(input: BuildResultsInput): ResultTable[] {
  const { instrument, k, total } = input;
  const rows = input.segments
    .filter((s) => submitted(s.counters) > 0)
    .slice()
    .sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
  const questions = instrument.blocks.flatMap((b) => b.questions);
  const tables: ResultTable[] = [];

  const emit = (spec: TableSpec, pattern?: SuppressResult) => {
    const p = pattern ?? patternOf(spec, rows, total, k);
    tables.push(render(spec, p, rows, total));
  };

  // Response counts.
  emit({
    id: "responses",
    title: { sv: "Antal svar", en: "Number of responses" },
    unit: "count",
    columns: [{ key: "submitted", label: { sv: "Svar", en: "Responses" } }],
    contributors: (c) => submitted(c),
    cell: (c) => ({ value: submitted(c), n: submitted(c) }),
  });

  // Need share per area x horizon, one column per level.
  for (const q of questions) {
    if (q.type !== "needMatrix") continue;
    for (const area of q.areas)
      for (const horizon of q.horizons) {
        const at = `${q.id}|${area.value}|${horizon.value}`;
        const answering = (c: Counters) => q.levels.reduce((s, l) => s + get(c, `need|${at}|${l.value}`), 0);
        emit({
          id: `needShare.${q.id === "needs" ? "" : `${q.id}.`}${area.value}.${horizon.value}`,
          title: {
            sv: `Kompetensbehov: ${area.label.sv}, ${horizon.label.sv.toLowerCase()}`,
            en: `Skills needs: ${area.label.en}, ${horizon.label.en.toLowerCase()}`,
          },
          unit: "share",
          columns: q.levels.map((l) => ({ key: l.value, label: l.label })),
          rowTotalsKnown: true,
          contributors: (c, col) => get(c, `need|${at}|${col.key}`),
          cell: (c, col) => {
            const n = answering(c);
            return { value: ratio(get(c, `need|${at}|${col.key}`), n, 4), n };
          },
        });
      }
  }

  // Strategic maturity and the Likert statements' means.
  const likerts = questions.filter((q) => q.type === "likert");
  if (likerts.length > 0) {
    const columns: Column[] = [];
    if (instrument.maturityQuestionIds.length > 0)
      columns.push({ key: "mat", label: { sv: "Strategisk mognad (medelvärde)", en: "Strategic maturity (mean)" } });
    for (const q of likerts) columns.push({ key: q.id, label: q.text });
    const n = (c: Counters, col: Column) => (col.key === "mat" ? get(c, "mat|n") : get(c, `lk|${col.key}|n`));
    emit({
      id: "maturity",
      title: { sv: "Strategiskt kompetensarbete (medelvärde 1–5)", en: "Strategic work with skills (mean 1–5)" },
      unit: "mean",
      columns,
      contributors: n,
      cell: (c, col) => {
        const count = n(c, col);
        const value =
          col.key === "mat" ? ratio(get(c, "mat|sum") / MATURITY_SCALE, count, 2) : ratio(get(c, `lk|${col.key}|sum`), count, 2);
        return { value, n: count };
      },
    });
  }

  // Per occupation: one suppression pattern shared by the four tables.
  if (questions.some((q) => q.type === "occupations")) {
    const codes = occupationCodes(total);
    const label = input.occupationLabel ?? ((code: string) => {
      const l = ssykLabel(code) ?? code;
      return { sv: l, en: l };
    });
    const columns: Column[] = codes.map((code) => ({ key: code, label: label(code) }));
    const orgs = (c: Counters, col: Column) => get(c, `occ|${col.key}|n`);
    const base = { columns, contributors: orgs };
    const pattern = patternOf(base, rows, total, k);
    emit(
      {
        ...base,
        id: "hires12m",
        title: { sv: "Planerade anställningar inom 12 månader", en: "Planned hires within 12 months" },
        unit: "count",
        cell: (c, col) => ({ value: get(c, `occ|${col.key}|hires12m`), n: orgs(c, col) }),
      },
      pattern,
    );
    emit(
      {
        ...base,
        id: "hires1to3y",
        title: { sv: "Planerade anställningar om 1–3 år", en: "Planned hires in 1–3 years" },
        unit: "count",
        cell: (c, col) => ({ value: get(c, `occ|${col.key}|hires1to3y`), n: orgs(c, col) }),
      },
      pattern,
    );
    emit(
      {
        ...base,
        id: "failedRecruitment",
        title: {
          sv: "Misslyckad rekrytering senaste 12 månaderna (andel av sökta personer)",
          en: "Failed recruitment in the last 12 months (share of people sought)",
        },
        unit: "rate",
        cell: (c, col) => {
          const sought = get(c, `occ|${col.key}|sought`);
          const hired = get(c, `occ|${col.key}|hired`);
          return { value: ratio(sought - hired, sought, 4), n: orgs(c, col) };
        },
      },
      pattern,
    );
    emit(
      {
        ...base,
        id: "balance",
        title: {
          sv: "Nettotal: andel som räknar med fler anställda minus andel som räknar med färre (12 månader)",
          en: "Balance: share expecting more staff minus share expecting fewer (12 months)",
        },
        unit: "balance",
        cell: (c, col) => {
          const more = get(c, `occ|${col.key}|chg|more`);
          const same = get(c, `occ|${col.key}|chg|same`);
          const fewer = get(c, `occ|${col.key}|chg|fewer`);
          const answering = more + same + fewer;
          return { value: ratio(100 * (more - fewer), answering, 1), n: answering };
        },
      },
      pattern,
    );
  }

  // Shares per option of every multi-choice question (collaboration interest).
  for (const q of questions) {
    if (q.type !== "multi") continue;
    emit({
      id: `options.${q.id}`,
      title: q.text,
      unit: "share",
      columns: q.options.map((o) => ({ key: o.value, label: o.label })),
      contributors: (c, col) => get(c, `opt|${q.id}|${col.key}`),
      cell: (c, col) => ({ value: ratio(get(c, `opt|${q.id}|${col.key}`), submitted(c), 4), n: submitted(c) }),
    });
  }

  return tables;
}

/** The SSYK codes reported in the round (counters `occ|<ssyk>|n` of the total), sorted. */
function occupationCodes(total: Counters): string[] {
  const codes = new Set<string>();
  for (const key of Object.keys(total)) {
    const m = /^occ\|(\d{4})\|n$/.exec(key);
    if (m && total[key] > 0) codes.add(m[1]);
  }
  return [...codes].sort();
}

function patternOf(spec: Pick<TableSpec, "columns" | "contributors" | "rowTotalsKnown">, rows: SegmentCounters[], total: Counters, k: number): SuppressResult {
  const contributors = rows.map((r) => spec.columns.map((col) => spec.contributors(r.counters, col)));
  return suppress({
    k,
    // The cost of hiding a cell is the number of organisations behind it.
    values: contributors,
    contributors,
    rowContributors: rows.map((r) => submitted(r.counters)),
    columnContributors: spec.columns.map((col) => spec.contributors(total, col)),
    totalContributors: submitted(total),
    rowTotalsKnown: spec.rowTotalsKnown,
  });
}

function render(spec: TableSpec, p: SuppressResult, rows: SegmentCounters[], total: Counters): ResultTable {
  const cellOf = (status: CellStatus, c: Counters, col: Column): Cell =>
    status.suppressed ? { suppressed: true } : spec.cell(c, col);
  return {
    id: spec.id,
    title: spec.title,
    unit: spec.unit,
    columns: spec.columns.map((c) => ({ key: c.key, label: c.label })),
    rows: rows.map((r, i) => ({
      segment: r.segment,
      label: r.label,
      n: p.rowTotals[i].suppressed ? null : submitted(r.counters),
      cells: spec.columns.map((col, j) => cellOf(p.cells[i][j], r.counters, col)),
    })),
    total: {
      n: p.grandTotal.suppressed ? null : submitted(total),
      cells: spec.columns.map((col, j) => cellOf(p.columnTotals[j], total, col)),
    },
  };
}
