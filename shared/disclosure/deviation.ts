import type { Highs } from "highs";
import { listedLower, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
import { LinearProgram, type SparseRow } from "./linear-program";
import { atomRowList, columnsOf } from "./model-rows";

/**
 * The cheapest cells to suppress so that one sensitive cell can move by a given amount: the
 * deviation model of secondary suppression (Kelly, Golden and Assad; the single-cell subproblems
 * of tau-ARGUS's and sdcTable's heuristics). Unknowns are the deviations y of the atoms' sums
 * from their true values, within the attacker's bounds and the model's rows; every published cell
 * of an earlier release keeps deviation 0; each published cell c of the new release may deviate
 * at a cost w_c per unit (|sum y| <= t_c, cost w_c t_c); suppressed cells deviate freely. The
 * cells with t_c > 0 at the minimum are those to suppress: with them hidden, the attacker's
 * tables include one where the sensitive cell is off by the amount asked.
 *
 * Cost: 1 + n per cell, so small cells go first; a segment's total ("all") costs ten times as
 * much, because the whole round's figure is what every reader looks at first.
 */
export class DeviationProgram {
  private readonly lp: LinearProgram;
  private readonly valueRow = new Map<string, number>();
  private readonly slackRows = new Map<string, [number, number]>();
  private readonly slackColumn = new Map<string, number>();
  private readonly current: number;

  constructor(
    highs: Highs,
    private readonly model: FamilyModel,
    private readonly outsider: Bounds,
    private readonly earlierPublished: ReadonlySet<string>,
    suppressed: ReadonlySet<string>,
  ) {
    const A = model.atoms.length;
    const Q = model.quantities.length;
    this.current = model.releases - 1;
    const truth = (q: number, a: number) => model.truth[q][a];
    // The model's rows hold for the alternative table x + y: shift each by its value at x.
    const rows: SparseRow[] = atomRowList(model, (spec, a) => Object.entries(spec.coeffs).reduce((s, [q, v]) => s + v * truth(Number(q), a), 0));
    const candidates = model.cells.filter((c) => c.kind === "table" && c.release === this.current);
    candidates.forEach((c, j) => this.slackColumn.set(c.key, Q * A + j));
    for (const cell of model.cells) {
      const cols = columnsOf(model, cell);
      const fixed = cell.kind === "table" && cell.release < this.current && earlierPublished.has(cell.key);
      this.valueRow.set(cell.key, rows.length);
      const [lower, upper] = fixed ? [0, 0] : this.freeBounds(cell);
      rows.push({ indices: cols, values: cols.map(() => 1), lower, upper });
      const t = this.slackColumn.get(cell.key);
      if (t === undefined) continue;
      const open = suppressed.has(cell.key);
      this.slackRows.set(cell.key, [rows.length, rows.length + 1]);
      rows.push({ indices: [...cols, t], values: [...cols.map(() => 1), -1], lower: -Infinity, upper: open ? Infinity : 0 });
      rows.push({ indices: [...cols, t], values: [...cols.map(() => 1), 1], lower: open ? -Infinity : 0, upper: Infinity });
    }
    const lower: number[] = [];
    const upper: number[] = [];
    for (let q = 0; q < Q; q++)
      for (let a = 0; a < A; a++) {
        lower.push(outsider.lower[q][a] - truth(q, a));
        upper.push(outsider.upper[q][a] - truth(q, a));
      }
    for (let j = 0; j < candidates.length; j++) {
      lower.push(0);
      upper.push(Infinity);
    }
    this.lp = new LinearProgram(highs, Q * A + candidates.length, lower, upper, rows);
    this.lp.setObjective(
      candidates.map((c) => this.slackColumn.get(c.key) as number),
      candidates.map((c) => (c.segment === "all" ? 10 : 1) * (1 + c.n)),
    );
  }

  /** How far a cell not fixed by an earlier release may deviate: freely, but for what the listed rows tell (listedLower). */
  private freeBounds(cell: ModelCell): [number, number] {
    return [listedLower(this.model, cell) - cell.value, Infinity];
  }

  /** The cell is suppressed from now on: it deviates freely. */
  hide(cell: ModelCell): void {
    const rows = this.slackRows.get(cell.key);
    if (!rows) return;
    for (const r of rows) this.lp.setRowBounds(r, -Infinity, Infinity);
  }

  /**
   * The cells of the new release to suppress so that `cell` can deviate by `by` (signed), for the
   * attacker whose bounds on `atom` are `bounds` (an insider; -1 for the outsider); undefined
   * when no choice of cells of this release allows it.
   */
  cheapest(cell: ModelCell, by: number, atom: number, bounds: Bounds): ModelCell[] | undefined {
    const Q = this.model.quantities.length;
    const A = this.model.atoms.length;
    const setAtom = (b: Bounds) => {
      for (let q = 0; q < Q; q++) this.lp.setColumnBounds(q * A + atom, b.lower[q][atom] - this.model.truth[q][atom], b.upper[q][atom] - this.model.truth[q][atom]);
    };
    const row = this.valueRow.get(cell.key) as number;
    const fixed = cell.kind === "table" && cell.release < this.current && this.earlierPublished.has(cell.key);
    if (fixed) return undefined;
    if (atom >= 0) setAtom(bounds);
    const [lower, upper] = this.freeBounds(cell);
    this.lp.setRowBounds(row, by > 0 ? Math.max(by, lower) : lower, by > 0 ? upper : by);
    try {
      const solved = this.lp.optimise("min");
      if (!solved) return undefined;
      const out: ModelCell[] = [];
      for (const [key, column] of this.slackColumn) if (solved.solution[column] > 1e-7) out.push(this.model.cellByKey.get(key) as ModelCell);
      return out;
    } finally {
      this.lp.setRowBounds(row, lower, upper);
      if (atom >= 0) setAtom(this.outsider);
    }
  }

  dispose(): void {
    this.lp.dispose();
  }
}
