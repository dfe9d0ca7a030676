import type { SparseRow } from "./linear-program";

/**
 * Exact reductions of an LP's feasible set { x : lower <= x <= upper, row.lower <= row · x <= row.upper },
 * before the many min/max solves of protection and audit:
 *   - a column whose bounds meet is a constant, and leaves every row it is in;
 *   - a row left with one column is a bound on it;
 *   - a row whose least (greatest) possible activity equals its upper (lower) bound forces every
 *     column in it to the bound that attains that activity (e.g. a published zero over counts);
 *   - a row no point within the bounds can violate says nothing and is dropped.
 * Each step replaces the set by the same set (only the description changes), so every minimum and
 * maximum over it is unchanged. What is left falls apart into *components*: sets of columns
 * linked by the rows left. The feasible set is the product of the components' sets, so the
 * minimum of a sum over columns is the sum of each component's minimum over its own columns,
 * plus the constants, plus the lower bounds of columns in no row (and likewise the maximum).
 */
export type Component = {
  /** Column indices of the original LP, ascending. */
  columns: number[];
  /** Rows over local indices (positions in `columns`), bounds net of the constants. */
  rows: SparseRow[];
};

export type Reduction = {
  columns: number;
  /** The constant of each column that is one, NaN for the others. */
  fixed: Float64Array;
  /** Bounds of the columns, tightened by the rows. */
  lower: Float64Array;
  upper: Float64Array;
  components: Component[];
  /** Component of each column; -1 for a constant, -2 for a column in no row left (bounded only by its bounds). */
  componentOf: Int32Array;
  /** Position of each column in its component's `columns`. */
  local: Int32Array;
  /** No point satisfies the rows and bounds. */
  infeasible: boolean;
};

/** Relative slack for comparisons of activities with row bounds: the data are integers, sums of a few thousand at most. */
const EPS = 1e-9;
const near = (a: number, b: number) => a === b || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b)));

export function reduce(columns: number, lower: ArrayLike<number>, upper: ArrayLike<number>, rows: readonly SparseRow[]): Reduction {
  const lo = Float64Array.from(lower);
  const hi = Float64Array.from(upper);
  const fixed = new Float64Array(columns).fill(NaN);
  let infeasible = false;
  const fix = (c: number, v: number) => {
    if (v < lo[c] - EPS * Math.max(1, Math.abs(v)) || v > hi[c] + EPS * Math.max(1, Math.abs(v))) infeasible = true;
    fixed[c] = v;
    lo[c] = hi[c] = v;
  };
  for (let c = 0; c < columns; c++) {
    if (lo[c] > hi[c]) infeasible = true;
    else if (lo[c] === hi[c]) fixed[c] = lo[c];
  }

  // Rows with duplicate columns summed and zeros dropped; null once a row is dropped.
  const live: ({ cols: number[]; vals: number[]; lower: number; upper: number } | null)[] = rows.map((row) => {
    const merged = new Map<number, number>();
    row.indices.forEach((c, i) => merged.set(c, (merged.get(c) ?? 0) + row.values[i]));
    const entries = [...merged].filter(([, v]) => v !== 0);
    return { cols: entries.map((e) => e[0]), vals: entries.map((e) => e[1]), lower: row.lower, upper: row.upper };
  });

  for (let changed = true; changed && !infeasible; ) {
    changed = false;
    for (let r = 0; r < live.length && !infeasible; r++) {
      const row = live[r];
      if (!row) continue;
      // Constants leave the row.
      if (row.cols.some((c) => !Number.isNaN(fixed[c]))) {
        const cols: number[] = [];
        const vals: number[] = [];
        let shift = 0;
        row.cols.forEach((c, i) => {
          if (Number.isNaN(fixed[c])) {
            cols.push(c);
            vals.push(row.vals[i]);
          } else shift += row.vals[i] * fixed[c];
        });
        row.cols = cols;
        row.vals = vals;
        row.lower -= shift;
        row.upper -= shift;
      }
      if (row.cols.length === 0) {
        if (row.lower > EPS * Math.max(1, Math.abs(row.lower)) || row.upper < -EPS * Math.max(1, Math.abs(row.upper))) infeasible = true;
        live[r] = null;
        continue;
      }
      if (row.cols.length === 1) {
        const [c] = row.cols;
        const [a] = row.vals;
        const b1 = row.lower / a;
        const b2 = row.upper / a;
        const [l, u] = a > 0 ? [b1, b2] : [b2, b1];
        if (l > lo[c]) lo[c] = l;
        if (u < hi[c]) hi[c] = u;
        if (lo[c] > hi[c] && !near(lo[c], hi[c])) infeasible = true;
        else if (near(lo[c], hi[c])) fix(c, Number.isFinite(row.lower) && Number.isFinite(row.upper) && near(row.lower, row.upper) ? row.lower / a : lo[c]);
        live[r] = null;
        changed = true;
        continue;
      }
      let least = 0;
      let most = 0;
      row.cols.forEach((c, i) => {
        const a = row.vals[i];
        least += a > 0 ? a * lo[c] : a * hi[c];
        most += a > 0 ? a * hi[c] : a * lo[c];
      });
      if (least > row.upper && !near(least, row.upper)) infeasible = true;
      else if (most < row.lower && !near(most, row.lower)) infeasible = true;
      else if (Number.isFinite(least) && near(least, row.upper)) {
        row.cols.forEach((c, i) => fix(c, row.vals[i] > 0 ? lo[c] : hi[c]));
        live[r] = null;
        changed = true;
      } else if (Number.isFinite(most) && near(most, row.lower)) {
        row.cols.forEach((c, i) => fix(c, row.vals[i] > 0 ? hi[c] : lo[c]));
        live[r] = null;
        changed = true;
      } else if (least >= row.lower && most <= row.upper) {
        live[r] = null;
        changed = true;
      }
    }
  }

  if (infeasible) return { columns, fixed, lower: lo, upper: hi, components: [], componentOf: new Int32Array(columns).fill(-1), local: new Int32Array(columns).fill(-1), infeasible };

  // Components of the columns the rows left still link (union-find).
  const parent = Int32Array.from({ length: columns }, (_, i) => i);
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]];
    return c;
  };
  const inRow = new Uint8Array(columns);
  for (const row of live) {
    if (!row) continue;
    for (const c of row.cols) inRow[c] = 1;
    for (let i = 1; i < row.cols.length; i++) {
      const a = find(row.cols[0]);
      const b = find(row.cols[i]);
      if (a !== b) parent[b] = a;
    }
  }
  const componentOf = new Int32Array(columns).fill(-2);
  const local = new Int32Array(columns).fill(-1);
  const components: Component[] = [];
  const byRoot = new Map<number, number>();
  for (let c = 0; c < columns; c++) {
    if (!Number.isNaN(fixed[c])) {
      componentOf[c] = -1;
      continue;
    }
    if (!inRow[c]) continue;
    const root = find(c);
    let k = byRoot.get(root);
    if (k === undefined) {
      k = components.length;
      byRoot.set(root, k);
      components.push({ columns: [], rows: [] });
    }
    componentOf[c] = k;
    local[c] = components[k].columns.length;
    components[k].columns.push(c);
  }
  for (const row of live) {
    if (!row) continue;
    components[componentOf[row.cols[0]]].rows.push({ indices: row.cols.map((c) => local[c]), values: row.vals, lower: row.lower, upper: row.upper });
  }
  return { columns, fixed, lower: lo, upper: hi, components, componentOf, local, infeasible };
}
