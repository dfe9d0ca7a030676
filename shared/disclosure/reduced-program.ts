import type { Highs } from "highs";
import { LinearProgram, type SparseRow } from "./linear-program";
import { reduce, type Reduction } from "./reduce";

type Basis = ReturnType<LinearProgram["basis"]>;

/**
 * An LP over many columns kept as its exact reduction (reduce.ts): constants, columns bounded
 * only by their bounds, and one HiGHS model per component. Minimising or maximising a sum solves
 * only the components the sum touches (the feasible set is their product), each far smaller
 * than the whole. The same interface as LinearProgram for what the audit asks.
 *
 * `reference`: a point of the LP (the true table), which supplies the columns of the components
 * an objective does not touch, so that every solution returned is a whole point of the LP.
 */
export class ReducedProgram {
  readonly reduction: Reduction;
  private readonly programs: (LinearProgram | undefined)[];
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private objective: { columns: number[]; costs: number[] } = { columns: [], costs: [] };
  solves = 0;

  constructor(
    private readonly highs: Highs,
    readonly columns: number,
    lower: ArrayLike<number>,
    upper: ArrayLike<number>,
    rows: SparseRow[],
    private readonly reference: ArrayLike<number>,
  ) {
    this.reduction = reduce(columns, lower, upper, rows);
    this.programs = this.reduction.components.map(() => undefined);
    this.lower = Float64Array.from(this.reduction.lower);
    this.upper = Float64Array.from(this.reduction.upper);
  }

  private program(k: number): LinearProgram {
    let p = this.programs[k];
    if (!p) {
      const { columns, rows } = this.reduction.components[k];
      p = new LinearProgram(
        this.highs,
        columns.length,
        columns.map((c) => this.lower[c]),
        columns.map((c) => this.upper[c]),
        rows,
      );
      this.programs[k] = p;
    }
    return p;
  }

  /**
   * Bounds within the LP's own (the reduction's bounds are implied by the rows, so intersecting
   * with them changes no point). A constant stays: every point of the LP has that value there.
   */
  setColumnBounds(column: number, lower: number, upper: number): void {
    const r = this.reduction;
    const k = r.componentOf[column];
    if (k === -1) return;
    const lo = Math.max(lower, r.lower[column]);
    const hi = Math.min(upper, r.upper[column]);
    this.lower[column] = lo;
    this.upper[column] = hi;
    if (k >= 0 && this.programs[k]) (this.programs[k] as LinearProgram).setColumnBounds(r.local[column], lo, hi);
  }

  setObjective(columns: readonly number[], costs: readonly number[]): void {
    this.objective = { columns: [...columns], costs: [...costs] };
  }

  /** The components the objective touches, each with its local columns and costs. */
  private parts(): Map<number, { columns: number[]; costs: number[] }> {
    const out = new Map<number, { columns: number[]; costs: number[] }>();
    this.objective.columns.forEach((c, i) => {
      const k = this.reduction.componentOf[c];
      if (k < 0) return;
      let p = out.get(k);
      if (!p) out.set(k, (p = { columns: [], costs: [] }));
      p.columns.push(this.reduction.local[c]);
      p.costs.push(this.objective.costs[i]);
    });
    return out;
  }

  optimise(sense: "min" | "max", method: "primal" | "dual" = "primal"): { value: number; solution: Float64Array } | undefined {
    const r = this.reduction;
    if (r.infeasible) return undefined;
    const solution = Float64Array.from(this.reference);
    let value = 0;
    this.objective.columns.forEach((c, i) => {
      const k = r.componentOf[c];
      const cost = this.objective.costs[i];
      if (k === -1) value += cost * r.fixed[c];
      else if (k === -2) {
        // A column in no row: its bound, whichever the cost's sign and the sense favour.
        const low = (cost >= 0) === (sense === "min");
        solution[c] = low ? this.lower[c] : this.upper[c];
        value += cost * solution[c];
      }
    });
    for (let c = 0; c < this.columns; c++) if (r.componentOf[c] === -1) solution[c] = r.fixed[c];
    for (const [k, part] of this.parts()) {
      const p = this.program(k);
      p.setObjective(part.columns, part.costs);
      const got = p.optimise(sense, method);
      this.solves++;
      if (!got) return undefined;
      value += got.value;
      r.components[k].columns.forEach((c, i) => (solution[c] = got.solution[i]));
    }
    return { value, solution };
  }

  /** The bases of the components the objective touches, to return to after excursions. */
  basis(): Map<number, Basis> {
    const out = new Map<number, Basis>();
    for (const k of this.parts().keys()) out.set(k, this.program(k).basis());
    return out;
  }

  restoreBasis(bases: Map<number, Basis>): void {
    for (const [k, b] of bases) this.program(k).restoreBasis(b);
  }

  /** Minimum and maximum of sum(x[c]) over the given columns. */
  range(columns: readonly number[]): [number, number] | undefined {
    this.setObjective(columns, columns.map(() => 1));
    const lo = this.optimise("min");
    if (!lo) return undefined;
    const hi = this.optimise("max");
    if (!hi) return undefined;
    return [lo.value, hi.value];
  }

  dispose(): void {
    for (const p of this.programs) p?.dispose();
  }
}
