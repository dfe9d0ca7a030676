import { atomRows, listedLower, type FamilyModel, type ModelCell } from "./linked-model";
import type { SparseRow } from "./linear-program";

/** The model's LP rows over columns quantity * A + atom: what protection, audit and the deviation model share. */
/** Columns of a cell: quantity-major, atoms within. */
export const columnsOf = (model: FamilyModel, cell: ModelCell): number[] =>
  cell.atoms.map((a) => cell.quantity * model.atoms.length + a);

/** The atom rows of the model, over columns quantity * A + atom, for every atom. */
export function atomRowList(model: FamilyModel, shift?: (row: { coeffs: Record<number, number> }, atom: number) => number): SparseRow[] {
  const A = model.atoms.length;
  const rows: SparseRow[] = [];
  for (const spec of atomRows(model))
    for (let a = 0; a < A; a++) {
      const qs = Object.keys(spec.coeffs).map(Number);
      const s = shift ? shift(spec, a) : 0;
      rows.push({ indices: qs.map((q) => q * A + a), values: qs.map((q) => spec.coeffs[q]), lower: spec.lower - s, upper: spec.upper - s });
    }
  return rows;
}

/** What the attacker knows before any value: the atom rows, and with private segments that each listed row holds someone (listedLower). */
export function knownRowList(model: FamilyModel): SparseRow[] {
  const rows = atomRowList(model);
  for (const cell of model.cells) {
    const lower = listedLower(model, cell);
    if (lower > -Infinity) rows.push({ indices: columnsOf(model, cell), values: cell.atoms.map(() => 1), lower, upper: Infinity });
  }
  return rows;
}

