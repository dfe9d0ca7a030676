import type { ResultTable } from "../schemas/api";
import { TREND_TABLE_PREFIXES, type TrendSeries, type TrendsView } from "../schemas/trends";

/**
 * Lines up the tables of several releases (oldest first) on what they share: a table by its id,
 * a column by its key, the region's total row. Rounds on different instrument versions, or with
 * other occupations reported, share fewer; what is left out is listed. Points are copied cells,
 * never computed, so each is exactly as its own release published (or suppressed) it.
 */
const isTrendTable = (id: string) => TREND_TABLE_PREFIXES.some((p) => (p.endsWith(".") ? id.startsWith(p) : id === p));

export function lineUpReleases(releases: readonly ResultTable[][]): Pick<TrendsView, "series" | "leftOut"> {
  if (releases.length === 0) return { series: [], leftOut: [] };
  const byId = releases.map((tables) => new Map(tables.filter((t) => isTrendTable(t.id)).map((t) => [t.id, t])));
  const ids = [...new Set(byId.flatMap((m) => [...m.keys()]))];
  const series: TrendSeries[] = [];
  const leftOut: TrendsView["leftOut"] = [];
  for (const id of ids) {
    const tables = byId.map((m) => m.get(id));
    if (tables.some((t) => !t)) {
      leftOut.push({ table: id, title: tables.findLast((t) => t)!.title });
      continue;
    }
    const present = tables as ResultTable[];
    // Labels as the newest release words them.
    const newest = present[present.length - 1];
    const keys = [...new Set(present.flatMap((t) => t.columns.map((c) => c.key)))];
    const columns: TrendSeries["columns"] = [];
    for (const key of keys) {
      const at = present.map((t) => t.columns.findIndex((c) => c.key === key));
      if (at.some((i) => i < 0)) {
        const label = present.findLast((t) => t.columns.some((c) => c.key === key))!.columns.find((c) => c.key === key)!.label;
        leftOut.push({ table: id, title: newest.title, column: key, label });
        continue;
      }
      const label = newest.columns[at[at.length - 1]].label;
      columns.push({ key, label, points: present.map((t, r) => t.total.cells[at[r]]) });
    }
    if (columns.length > 0) series.push({ id, title: newest.title, unit: newest.unit, columns });
  }
  return { series, leftOut };
}
