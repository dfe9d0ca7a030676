import loadHighs, { type Highs, type Model } from "highs";

/**
 * A linear program kept in one HiGHS model, for the many small solves of protection and audit:
 * the matrix and row bounds are fixed, objective and column bounds change between solves, and
 * HiGHS starts each solve from the last basis.
 */
let loaded: Promise<Highs> | undefined;
/** Loads the solver once per process (the WebAssembly module is a few MB). */
export const solver = (): Promise<Highs> => (loaded ??= loadHighs());

export type SparseRow = { indices: number[]; values: number[]; lower: number; upper: number };

/** Model statuses that answer the question (optimal, infeasible, unbounded). */
const SETTLED = new Set<number>([7, 8, 9, 10]);

export class SolveError extends Error {
  override name = "SolveError";
}

export class LinearProgram {
  private readonly model: Model;
  private readonly inf: number;
  private costed: number[] = [];
  private disposed = false;
  private method: "primal" | "dual" = "primal";

  constructor(
    private readonly highs: Highs,
    readonly columns: number,
    lower: ArrayLike<number>,
    upper: ArrayLike<number>,
    rows: SparseRow[],
  ) {
    this.inf = highs.infinity;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of rows) {
      // HiGHS wants each row's columns once; sum duplicates.
      const merged = new Map<number, number>();
      row.indices.forEach((c, i) => merged.set(c, (merged.get(c) ?? 0) + row.values[i]));
      for (const [c, v] of [...merged].sort((a, b) => a[0] - b[0]))
        if (v !== 0) {
          indices.push(c);
          values.push(v);
        }
      starts.push(indices.length);
    }
    this.model = highs.createModel({
      numCols: columns,
      numRows: rows.length,
      colCost: new Float64Array(columns),
      colLower: Float64Array.from(lower, (v) => this.finite(v)),
      colUpper: Float64Array.from(upper, (v) => this.finite(v)),
      rowLower: rows.map((r) => this.finite(r.lower)),
      rowUpper: rows.map((r) => this.finite(r.upper)),
      matrix: { format: "csr", numRows: rows.length, numCols: columns, starts, indices, values },
    });
    // Many small re-solves from the last basis: presolve would redo its work from scratch each
    // time, and after an objective change primal simplex (strategy 4) restarts from a feasible
    // basis (measured 2-4x faster than the default dual simplex here).
    this.model.options.set({ output_flag: false, presolve: "off", simplex_strategy: 4 });
  }

  private finite(v: number): number {
    return v === Infinity ? this.inf : v === -Infinity ? -this.inf : v;
  }

  setColumnBounds(column: number, lower: number, upper: number): void {
    this.model.changeColBounds(column, this.finite(lower), this.finite(upper));
  }

  setRowBounds(row: number, lower: number, upper: number): void {
    this.model.changeRowBounds(row, this.finite(lower), this.finite(upper));
  }

  /** Sets the objective to sum(costs[i] * x[columns[i]]), all other costs 0. */
  setObjective(columns: readonly number[], costs: readonly number[]): void {
    for (const c of this.costed) this.model.changeColCost(c, 0);
    columns.forEach((c, i) => this.model.changeColCost(c, costs[i]));
    this.costed = [...columns];
  }

  /**
   * Optimises the current objective; undefined when infeasible, Infinity-signed when unbounded.
   * `dual`: by dual simplex, for a re-solve after only bounds changed (the last basis stays dual
   * feasible, so few pivots are needed); otherwise primal simplex, for a new objective.
   */
  optimise(sense: "min" | "max", method: "primal" | "dual" = "primal"): { value: number; solution: Float64Array } | undefined {
    const { constants } = this.highs;
    this.model.changeObjectiveSense(sense === "min" ? constants.objectiveSense.minimize : constants.objectiveSense.maximize);
    if (method !== this.method) {
      this.model.options.set({ simplex_strategy: method === "dual" ? 1 : 4 });
      this.method = method;
    }
    this.model.run();
    let status = this.model.getModelStatus();
    if (!SETTLED.has(status)) {
      // The simplex gave up (seen with primal simplex on fully degenerate models): solve this one afresh with HiGHS's defaults.
      this.model.clearSolver();
      this.model.options.set({ simplex_strategy: 1 });
      this.model.run();
      status = this.model.getModelStatus();
      this.model.options.set({ simplex_strategy: this.method === "dual" ? 1 : 4 });
    }
    if (status === constants.modelStatus.infeasible) return undefined;
    if (status === constants.modelStatus.unbounded || status === constants.modelStatus.unboundedOrInfeasible)
      return { value: sense === "min" ? -Infinity : Infinity, solution: new Float64Array(this.columns) };
    if (status !== constants.modelStatus.optimal) throw new SolveError(`LP ended with status ${status}`);
    return { value: this.model.getObjectiveValue(), solution: Float64Array.from(this.model.getSolution().colValue) };
  }

  /** Minimum and maximum of sum(x[c]) over the given columns. */
  range(columns: readonly number[]): [number, number] | undefined {
    const r = this.rangeWithSolutions(columns);
    return r && [r.lo.value, r.hi.value];
  }

  /** The same with the solutions that attain them. */
  rangeWithSolutions(columns: readonly number[]): { lo: { value: number; solution: Float64Array }; hi: { value: number; solution: Float64Array } } | undefined {
    this.setObjective(columns, columns.map(() => 1));
    const lo = this.optimise("min");
    if (!lo) return undefined;
    const hi = this.optimise("max");
    if (!hi) return undefined;
    return { lo, hi };
  }

  /** The current basis, to return to after excursions (e.g. an insider's bounds). */
  basis(): { colStatus: Int32Array; rowStatus: Int32Array } {
    return this.model.getBasis();
  }

  restoreBasis(basis: { colStatus: Int32Array; rowStatus: Int32Array }): void {
    this.model.setBasis(basis);
  }

  /** The row duals of the last optimal solve: non-zero where a row binds the objective. */
  rowDuals(): Float64Array {
    return this.model.getSolution().rowDual;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}
