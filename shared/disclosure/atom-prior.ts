import type { Highs } from "highs";
import { atomRows, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
import { LinearProgram } from "./linear-program";

/**
 * What an attacker knows of a cell before any table: the least and greatest sum of its atoms
 * subject to the atoms' bounds and rows (linked-model.ts, atomRows). Each atom row holds one
 * atom's quantities only, so the LP falls apart into one small LP per atom, all with the same
 * rows: the cell's minimum (maximum) is the sum of its atoms' minima (maxima), each solved once
 * in an LP of the family's quantities and kept. An insider differs only on its own atom.
 */
export class AtomPrior {
  private readonly lp: LinearProgram;
  private readonly Q: number;
  /** Outsider's [min, max] per quantity and atom, solved when first asked. */
  private readonly cache = new Map<number, [number, number] | undefined>();
  solves = 0;

  constructor(
    highs: Highs,
    private readonly model: FamilyModel,
    private readonly outsider: Bounds,
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

  dispose(): void {
    this.lp.dispose();
  }
}
