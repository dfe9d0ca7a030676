/**
 * The farthest each of a list of cells has been seen to go, over tables (points of an LP: every
 * row and bound holds) that earlier solves found. A table the LP admits shows that the LP's
 * maximum of a cell is at least the cell's sum in it, and its minimum at most: where that already
 * reaches a goal, a solve would only confirm it.
 */
export class Reach {
  private readonly lowest: Float64Array;
  private readonly highest: Float64Array;

  constructor(private readonly cells: readonly (readonly number[])[]) {
    this.lowest = new Float64Array(cells.length).fill(Infinity);
    this.highest = new Float64Array(cells.length).fill(-Infinity);
  }

  /** Records a table for the cells from index `from` on (those before it are no longer asked about). */
  add(table: ArrayLike<number>, from = 0): void {
    for (let i = from; i < this.cells.length; i++) {
      let sum = 0;
      for (const c of this.cells[i]) sum += table[c];
      if (sum < this.lowest[i]) this.lowest[i] = sum;
      if (sum > this.highest[i]) this.highest[i] = sum;
    }
  }

  /** Whether a recorded table puts cell i at or beyond the goal (at most it for "min"), within the tolerance. */
  reaches(i: number, sense: "min" | "max", goal: number, tolerance: number): boolean {
    return sense === "max" ? this.highest[i] >= goal - tolerance : this.lowest[i] <= goal + tolerance;
  }
}
