import type { Bounds, FamilyModel, ModelCell } from "./linked-model";
import type { SparseRow } from "./linear-program";

/** The least and greatest sum of a cell's atoms within the bounds: the a-priori interval short of the atom rows. */
export const boundSums = (cell: ModelCell, b: Bounds): [number, number] => [
  cell.atoms.reduce((s, a) => s + b.lower[cell.quantity][a], 0),
  cell.atoms.reduce((s, a) => s + b.upper[cell.quantity][a], 0),
];

/** Slack for a table's rows and bounds, as the solver's own tables keep them (its feasibility tolerance is 1e-7). */
const SLACK = 1e-7;
const within = (v: number, lower: number, upper: number) => v >= lower - SLACK * Math.max(1, Math.abs(lower)) && v <= upper + SLACK * Math.max(1, Math.abs(upper));

/**
 * Tables the audit knows to be points of the outsider's LP (every atom row and published cell
 * holds, every atom within its a-priori bounds): its own optimal tables, and tables offered from
 * elsewhere (protection's) that it has checked row by row. A point of an LP shows that its
 * maximum of a cell is at least the cell's sum there, and its minimum at most; for an insider,
 * whose LP differs only in the bounds on its own atom, so does any table within those bounds.
 * Where that reaches as far as the protection asks, the check passes without a solve.
 */
export class TablePool {
  private readonly tables: Float64Array[] = [];
  private readonly A: number;
  private readonly Q: number;

  constructor(
    private readonly model: FamilyModel,
    private readonly rows: readonly SparseRow[],
    private readonly outsider: Bounds,
  ) {
    this.A = model.atoms.length;
    this.Q = model.quantities.length;
  }

  /** A table the audit's own LP produced. */
  add(table: Float64Array): void {
    this.tables.push(table);
  }

  /** A table from elsewhere: kept only if it is a point of this LP. */
  offer(table: ArrayLike<number>): boolean {
    if (table.length !== this.A * this.Q) return false;
    for (let q = 0; q < this.Q; q++)
      for (let a = 0; a < this.A; a++) if (!within(table[q * this.A + a], this.outsider.lower[q][a], this.outsider.upper[q][a])) return false;
    for (const row of this.rows) {
      let sum = 0;
      for (let i = 0; i < row.indices.length; i++) sum += row.values[i] * table[row.indices[i]];
      if (!within(sum, row.lower, row.upper)) return false;
    }
    // Tables are only read, so one handed over as a Float64Array is kept as it is.
    this.tables.push(table instanceof Float64Array ? table : Float64Array.from(table));
    return true;
  }

  /** Whether the table keeps within the insider's bounds on its own atom (the only ones that differ from the outsider's). */
  fits(unit: number, b: Bounds, table: Float64Array): boolean {
    const atom = this.model.unitAtom[unit];
    for (let q = 0; q < this.Q; q++) {
      const v = table[q * this.A + atom];
      if (v < b.lower[q][atom] - SLACK || v > b.upper[q][atom] + SLACK) return false;
    }
    return true;
  }

  /** Whether the insider's bounds on its own atom are the outsider's: then its LP is the outsider's. */
  sameBounds(unit: number, b: Bounds): boolean {
    const atom = this.model.unitAtom[unit];
    for (let q = 0; q < this.Q; q++) if (b.lower[q][atom] !== this.outsider.lower[q][atom] || b.upper[q][atom] !== this.outsider.upper[q][atom]) return false;
    return true;
  }

  /**
   * The sum over `columns` of a table the attacker cannot rule out (the outsider: unit -1) that
   * reaches the goal (at most it for "min", within the tolerance), if there is one.
   */
  reaching(unit: number, b: Bounds, columns: readonly number[], sense: "min" | "max", goal: number, tolerance: number): number | undefined {
    for (const t of this.tables) {
      if (unit >= 0 && !this.fits(unit, b, t)) continue;
      let sum = 0;
      for (const c of columns) sum += t[c];
      if (sense === "min" ? sum <= goal + tolerance : sum >= goal - tolerance) return sum;
    }
    return undefined;
  }
}
