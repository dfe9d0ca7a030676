import type { Cell, ResultTable } from "../schemas/api";
import type { ShortageRow, ShortageView, YrkesbarometerAssessment } from "./schemas";

/**
 * Shortage occupations: per occupation, the region's failed-recruitment rate and the share of
 * organisations finding it hard to recruit (both read from a release's published cells, the total
 * row) beside Arbetsförmedlingen's Yrkesbarometer assessment for the region's counties, and the
 * two lists where they disagree.
 *
 * Companies report a shortage when a published failed-recruitment rate or hard share reaches its
 * threshold; "none" needs every published one below it and at least one published; a suppressed
 * or empty cell says nothing, so an occupation whose cells are all hidden is "unknown" and stands
 * in neither list (never guessed). Yrkesbarometern reports a shortage when any of the counties'
 * assessments of the SSYK code says "shortage"; "none" when it was assessed and none does.
 */
export type ShortageInput = {
  tables: readonly ResultTable[];
  assessments: readonly YrkesbarometerAssessment[];
  counties: readonly string[];
  thresholds?: { failedRecruitment: number; hardShare: number };
};

/** Failed recruitment of a third of the people sought, or half of the organisations finding it hard. */
export const DEFAULT_SHORTAGE_THRESHOLDS = { failedRecruitment: 0.3, hardShare: 0.5 } as const;

const SUPPRESSED: Cell = { suppressed: true };

function totalCell(table: ResultTable | undefined, column: string): Cell {
  const i = table?.columns.findIndex((c) => c.key === column) ?? -1;
  return (i >= 0 ? table?.total.cells[i] : undefined) ?? SUPPRESSED;
}

const published = (cell: Cell): number | undefined => ("suppressed" in cell || cell.value === null ? undefined : cell.value);

export function shortageComparison(input: ShortageInput): ShortageView {
  const thresholds = input.thresholds ?? DEFAULT_SHORTAGE_THRESHOLDS;
  const failed = input.tables.find((t) => t.id === "failedRecruitment");
  const difficulty = input.tables.find((t) => t.id === "difficulty");
  const columns = new Map<string, string>();
  for (const t of [failed, difficulty]) for (const c of t?.columns ?? []) if (!columns.has(c.key)) columns.set(c.key, c.label.sv);

  const rows: ShortageRow[] = [...columns].map(([ssyk, label]) => {
    const failedRecruitment = totalCell(failed, ssyk);
    const hardShare = totalCell(difficulty, ssyk);
    const shown = [
      [published(failedRecruitment), thresholds.failedRecruitment],
      [published(hardShare), thresholds.hardShare],
    ].filter((p): p is [number, number] => p[0] !== undefined);
    const companies = shown.length === 0 ? "unknown" : shown.some(([v, t]) => v >= t) ? "shortage" : "none";
    const national = input.assessments.filter((a) => a.ssyk === ssyk && input.counties.includes(a.county));
    const assessment = national.length === 0 ? "notAssessed" : national.some((a) => a.recruitment === "shortage") ? "shortage" : "none";
    return { ssyk, label, failedRecruitment, hardShare, companies, national, assessment };
  });
  return {
    counties: [...input.counties],
    thresholds: { ...thresholds },
    rows,
    companiesOnly: rows.filter((r) => r.companies === "shortage" && r.assessment === "none").map((r) => r.ssyk),
    nationalOnly: rows.filter((r) => r.companies === "none" && r.assessment === "shortage").map((r) => r.ssyk),
  };
}
