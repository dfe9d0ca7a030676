/**
 * Disclosure control on a two-way table of counts whose row totals and column totals are
 * published too (rows = segments, columns = categories).
 *
 * Primary suppression:
 *   - an interior cell built from 1..k-1 contributors;
 *   - a column total built from 1..k-1 contributors;
 *   - a whole row (its cells and its total) whose segment has 1..k-1 contributors; the same for
 *     the totals row when the whole population has 1..k-1 contributors.
 *   Cells with 0 contributors are empty, not sensitive, and stay published.
 *
 * Secondary suppression: no suppressed value may be recomputable from the published cells and
 * totals. Model: the table augmented with its totals row and totals column. After flipping the
 * signs of the totals, every row and every column of the augmented table sums to zero, so the
 * equations are those of the incidence matrix of the bipartite graph rows x columns whose edges are
 * the suppressed cells. A suppressed cell is recomputable exactly when its edge is a bridge of that
 * graph (it lies on no cycle). While a bridge is left, the first one (row-major, totals last) is
 * closed with the cheapest rectangle: another row r2 and column c2 with (r,c2), (r2,c) and (r2,c2)
 * suppressed; cost = sum of the values newly suppressed (cells already suppressed cost nothing),
 * ties broken by fewer new cells, fewer new totals, then the lowest r2 and c2. Deterministic.
 *
 * The suppression pattern does not depend on the values except through the cost, so the same
 * pattern protects every additive table over the same cells (counts, sums, numerators, n).
 * With `rowTotalsKnown`, the totals column is taken as known: rectangles use interior columns only,
 * and a suppressed cell is protected by cycles among the interior and the totals row. (A table with
 * a single interior column then cannot protect anything; its cells equal the known row totals.)
 */
export type CellStatus = { suppressed: false } | { suppressed: true; reason: "primary" | "secondary" };

export type SuppressInput = {
  /** Threshold: a cell from fewer than k (but at least one) contributors is sensitive. */
  k: number;
  /** Interior values, rows x columns: the cost of suppressing a cell. Totals are their sums. */
  values: number[][];
  /** Interior contributor counts (organisations behind each cell), rows x columns. */
  contributors: number[][];
  /** Organisations in each row's segment (not the sum of the row: one may count in many columns). */
  rowContributors: number[];
  /** Organisations behind each column total; defaults to the column sums of `contributors`. */
  columnContributors?: number[];
  /** Organisations behind the grand total; defaults to the sum of `rowContributors`. */
  totalContributors?: number;
  /**
   * The row totals and the grand total are known to users whatever is shown (e.g. they are the n
   * every cell of a share table carries): the model treats them as published, and they are never
   * chosen for secondary suppression. A whole row still reports them as primary-suppressed.
   */
  rowTotalsKnown?: boolean;
};

export type SuppressResult = {
  cells: CellStatus[][];
  rowTotals: CellStatus[];
  columnTotals: CellStatus[];
  grandTotal: CellStatus;
};

const PUBLISHED = 0;
const PRIMARY = 1;
const SECONDARY = 2;

const sensitive = (contributors: number, k: number) => contributors > 0 && contributors < k;

export function suppress(input: SuppressInput): SuppressResult {
  const { k, values, contributors, rowContributors } = input;
  const R = values.length;
  const C = R > 0 ? values[0].length : (input.columnContributors?.length ?? 0);
  for (const row of [...values, ...contributors]) if (row.length !== C) throw new Error("suppress: ragged table");
  if (contributors.length !== R || rowContributors.length !== R) throw new Error("suppress: rows do not match");

  const columnContributors =
    input.columnContributors ?? Array.from({ length: C }, (_, j) => contributors.reduce((s, row) => s + row[j], 0));
  const totalContributors = input.totalContributors ?? rowContributors.reduce((s, v) => s + v, 0);

  // The augmented table: rows 0..R-1 and the totals row R; columns 0..C-1 and the totals column C.
  const value: number[][] = Array.from({ length: R + 1 }, () => new Array<number>(C + 1).fill(0));
  for (let i = 0; i < R; i++)
    for (let j = 0; j < C; j++) {
      const v = Math.abs(values[i][j]);
      value[i][j] = v;
      value[i][C] += v;
      value[R][j] += v;
      value[R][C] += v;
    }

  const state: number[][] = Array.from({ length: R + 1 }, () => new Array<number>(C + 1).fill(PUBLISHED));
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) if (sensitive(contributors[i][j], k)) state[i][j] = PRIMARY;
  for (let j = 0; j < C; j++) if (sensitive(columnContributors[j], k)) state[R][j] = PRIMARY;
  const segmentSizes = [...rowContributors, totalContributors];
  for (let i = 0; i <= R; i++) if (sensitive(segmentSizes[i], k)) state[i].fill(PRIMARY);

  const known = input.rowTotalsKnown === true;
  if (R > 0 && C > 0) {
    // Bridges no rectangle can close (only with known row totals and a single column) are skipped.
    const hopeless = new Set<string>();
    for (;;) {
      const bridge = firstBridge(state, R + 1, known ? C : C + 1, hopeless);
      if (!bridge) break;
      if (!closeWithRectangle(bridge[0], bridge[1], state, value, R, known ? C - 1 : C)) hopeless.add(bridge.join(","));
    }
  }

  const status = (s: number): CellStatus =>
    s === PUBLISHED ? { suppressed: false } : { suppressed: true, reason: s === PRIMARY ? "primary" : "secondary" };
  return {
    cells: Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => status(state[i][j]))),
    rowTotals: Array.from({ length: R }, (_, i) => status(state[i][C])),
    columnTotals: Array.from({ length: C }, (_, j) => status(state[R][j])),
    grandTotal: status(state[R][C]),
  };
}

/** Closes the bridge (r,c) with the cheapest rectangle using columns 0..maxColumn; false if none. */
function closeWithRectangle(r: number, c: number, state: number[][], value: number[][], R: number, maxColumn: number): boolean {
  const C = value[0].length - 1;
  let best: [cost: number, fresh: number, totals: number, r2: number, c2: number] | undefined;
  for (let r2 = 0; r2 <= R; r2++) {
    if (r2 === r) continue;
    for (let c2 = 0; c2 <= maxColumn; c2++) {
      if (c2 === c) continue;
      let cost = 0;
      let fresh = 0;
      let totals = 0;
      for (const [i, j] of [
        [r, c2],
        [r2, c],
        [r2, c2],
      ]) {
        if (state[i][j] !== PUBLISHED) continue;
        cost += value[i][j];
        fresh++;
        if (i === R || j === C) totals++;
      }
      const candidate: [number, number, number, number, number] = [cost, fresh, totals, r2, c2];
      if (!best || lexLess(candidate, best)) best = candidate;
    }
  }
  if (!best) return false;
  const [, , , r2, c2] = best;
  for (const [i, j] of [
    [r, c2],
    [r2, c],
    [r2, c2],
  ])
    if (state[i][j] === PUBLISHED) state[i][j] = SECONDARY;
  return true;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * The first bridge, in row-major order, of the bipartite graph rows x columns (the first `cols`
 * columns of the augmented table) whose edges are the suppressed cells (Tarjan's low-link,
 * iterative). Bridges listed in `skip` are not reported.
 */
function firstBridge(state: number[][], rows: number, cols: number, skip: ReadonlySet<string>): [number, number] | undefined {
  const n = rows + cols;
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++)
      if (state[i][j] !== PUBLISHED) {
        adj[i].push(rows + j);
        adj[rows + j].push(i);
      }
  const disc = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  let time = 0;
  let best: [number, number] | undefined;
  const consider = (a: number, b: number) => {
    const [i, j] = a < rows ? [a, b - rows] : [b, a - rows];
    if (skip.has(`${i},${j}`)) return;
    if (!best || i < best[0] || (i === best[0] && j < best[1])) best = [i, j];
  };
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1 || adj[root].length === 0) continue;
    // Stack frames: node, parent, next neighbour index. The graph is simple, so skipping the
    // parent node (not the edge) is enough.
    const stack: [number, number, number][] = [[root, -1, 0]];
    disc[root] = low[root] = time++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const [u, parent, idx] = frame;
      if (idx < adj[u].length) {
        frame[2]++;
        const v = adj[u][idx];
        if (v === parent) continue;
        if (disc[v] === -1) {
          disc[v] = low[v] = time++;
          stack.push([v, u, 0]);
        } else low[u] = Math.min(low[u], disc[v]);
      } else {
        stack.pop();
        if (parent !== -1) {
          low[parent] = Math.min(low[parent], low[u]);
          if (low[u] > disc[parent]) consider(parent, u);
        }
      }
    }
  }
  return best;
}
