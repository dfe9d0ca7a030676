import type { Highs } from "highs";
import { atomRows, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
import { LinearProgram, type SparseRow } from "./linear-program";
import { columnsOf, knownRowList } from "./model-rows";

/**
 * What an attacker knows of a cell before any table: the least and greatest sum of its atoms
 * subject to the atoms' bounds and rows (linked-model.ts, atomRows). Each atom row holds one
 * atom's quantities only, so the LP falls apart into one small LP per atom, all with the same
 * rows: the cell's minimum (maximum) is the sum of its atoms' minima (maxima), each solved once
 * in an LP of the family's quantities and kept. An insider differs only on its own atom.
 * With private segments the listed rows (linked-model.ts, listedLower) tie atoms together, so
 * such a family's cells are solved in the whole LP of what is known a priori.
 *
 * A cell of a later release is also judged against what the attacker knew before that release:
 * the a-priori bounds with every earlier release's published cells (`beforeRelease`). The cell is
 * the earlier cell plus the organisations that arrived since; where the earlier cell was
 * published, no pattern of the new release can hide more than the new organisations' own bounds,
 * and publishing the new release tells nothing of the cell that the attacker did not know.
 */
export class AtomPrior {
  private readonly lp: LinearProgram;
  private readonly Q: number;
  /** Outsider's [min, max] per quantity and atom, solved when first asked. */
  private readonly cache = new Map<number, [number, number] | undefined>();
  private coupledLp: LinearProgram | undefined;
  /** Per release r > 0: the LP of the a-priori rows and the published cells of releases before r. */
  private readonly earlierLps = new Map<number, LinearProgram>();
  solves = 0;

  constructor(
    private readonly highs: Highs,
    private readonly model: FamilyModel,
    private readonly outsider: Bounds,
    /** Keys of published table cells of earlier releases (any release may be among them). */
    private readonly published: ReadonlySet<string> = new Set(),
  ) {
    this.Q = model.quantities.length;
    const rows = atomRows(model).map((row) => {
      const qs = Object.keys(row.coeffs).map(Number);
      return { indices: qs, values: qs.map((q) => row.coeffs[q]), lower: row.lower, upper: row.upper };
    });
    this.lp = new LinearProgram(highs, this.Q, new Array<number>(this.Q).fill(0), new Array<number>(this.Q).fill(0), rows);
  }

  private solve(q: number, atom: number, b: Bounds): [number, number] | undefined {
    for (let k = 0; k < this.Q; k++) this.lp.setColumnBounds(k, b.lower[k][atom], b.upper[k][atom]);
    this.solves += 2;
    return this.lp.range([q]);
  }

  /** The cell's a-priori interval; `insider`: the atom whose bounds are `bounds` rather than the outsider's. */
  range(cell: ModelCell, insider = -1, bounds?: Bounds): [number, number] | undefined {
    if (this.model.family.segmentsPublic === false) return this.coupled(cell, insider, bounds);
    const q = cell.quantity;
    let lo = 0;
    let hi = 0;
    for (const a of cell.atoms) {
      let r: [number, number] | undefined;
      if (a === insider && bounds) r = this.solve(q, a, bounds);
      else {
        const key = q * this.model.atoms.length + a;
        if (!this.cache.has(key)) this.cache.set(key, this.solve(q, a, this.outsider));
        r = this.cache.get(key);
      }
      if (!r) return undefined;
      lo += r[0];
      hi += r[1];
    }
    return [lo, hi];
  }

  /**
   * The cell's interval before its own release: a-priori bounds and rows and every published
   * cell of the releases before it. For a cell of the first release, its a-priori interval.
   */
  beforeRelease(cell: ModelCell, insider = -1, bounds?: Bounds): [number, number] | undefined {
    if (cell.release === 0) return this.range(cell, insider, bounds);
    const A = this.model.atoms.length;
    let lp = this.earlierLps.get(cell.release);
    if (!lp) {
      const rows: SparseRow[] = knownRowList(this.model);
      for (const c of this.model.cells)
        if (c.kind === "table" && c.release < cell.release && this.published.has(c.key)) rows.push({ indices: columnsOf(this.model, c), values: c.atoms.map(() => 1), lower: c.value, upper: c.value });
      lp = new LinearProgram(this.highs, this.Q * A, this.outsider.lower.flat(), this.outsider.upper.flat(), rows);
      this.earlierLps.set(cell.release, lp);
    }
    const set = (b: Bounds) => {
      for (let k = 0; k < this.Q; k++) lp.setColumnBounds(k * A + insider, b.lower[k][insider], b.upper[k][insider]);
    };
    if (insider >= 0 && bounds) set(bounds);
    this.solves += 2;
    try {
      return lp.range(columnsOf(this.model, cell));
    } finally {
      if (insider >= 0 && bounds) set(this.outsider);
    }
  }

  private coupled(cell: ModelCell, insider: number, bounds?: Bounds): [number, number] | undefined {
    const A = this.model.atoms.length;
    const set = (b: Bounds) => {
      for (let k = 0; k < this.Q; k++) this.coupledLp!.setColumnBounds(k * A + insider, b.lower[k][insider], b.upper[k][insider]);
    };
    this.coupledLp ??= new LinearProgram(this.highs, this.Q * A, this.outsider.lower.flat(), this.outsider.upper.flat(), knownRowList(this.model));
    if (insider >= 0 && bounds) set(bounds);
    this.solves += 2;
    try {
      return this.coupledLp.range(columnsOf(this.model, cell));
    } finally {
      if (insider >= 0 && bounds) set(this.outsider);
    }
  }

  dispose(): void {
    this.lp.dispose();
    this.coupledLp?.dispose();
    for (const lp of this.earlierLps.values()) lp.dispose();
  }
}
