import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { suppress, type CellStatus, type SuppressInput, type SuppressResult } from "../../shared/disclosure/suppress";

const P = { suppressed: true, reason: "primary" } as const;
const S = { suppressed: true, reason: "secondary" } as const;
const O = { suppressed: false } as const;

/** The augmented status grid: interior, row totals as the last column, column totals as the last row. */
function augmented(r: SuppressResult): CellStatus[][] {
  return [...r.cells.map((row, i) => [...row, r.rowTotals[i]]), [...r.columnTotals, r.grandTotal]];
}

// ---------------------------------------------------------------------------------------------
// Independent check by linear algebra (no graphs): the published cells and totals give the
// equations "row i sums to its total" and "column j sums to its total" over the augmented table.
// A suppressed cell is recoverable iff its unit vector lies in the row space of those equations
// restricted to the suppressed unknowns. Exact: fraction-free Gaussian elimination over BigInt.
// ---------------------------------------------------------------------------------------------

function abs(v: bigint) {
  return v < 0n ? -v : v;
}
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
function normalise(row: bigint[]): bigint[] {
  const g = row.reduce((acc, v) => gcd(acc, v), 0n);
  return g > 1n ? row.map((v) => v / g) : row;
}

/** Echelon form (pivot rows with increasing pivot columns) of an integer matrix. */
function echelon(matrix: bigint[][], width: number): { row: bigint[]; col: number }[] {
  let rows = matrix.map((r) => r.slice());
  const pivots: { row: bigint[]; col: number }[] = [];
  for (let col = 0; col < width && rows.length > 0; col++) {
    const at = rows.findIndex((r) => r[col] !== 0n);
    if (at === -1) continue;
    const pivot = rows[at];
    rows.splice(at, 1);
    rows = rows.map((r) => (r[col] === 0n ? r : normalise(r.map((v, j) => v * pivot[col] - pivot[j] * r[col]))));
    pivots.push({ row: pivot, col });
  }
  return pivots;
}

function inRowSpace(pivots: { row: bigint[]; col: number }[], vector: bigint[]): boolean {
  let v = vector.slice();
  for (const { row, col } of pivots) if (v[col] !== 0n) v = normalise(v.map((x, j) => x * row[col] - row[j] * v[col]));
  return v.every((x) => x === 0n);
}

/**
 * Which suppressed cells of the augmented table ((R+1) x (C+1)) can be recomputed. With
 * `rowTotalsKnown`, the totals column counts as published whatever its status.
 */
function recoverableCells(status: CellStatus[][], rowTotalsKnown = false): [number, number][] {
  const R = status.length - 1;
  const C = status[0].length - 1;
  const unknown: [number, number][] = [];
  for (let i = 0; i <= R; i++)
    for (let j = 0; j <= C; j++) if (status[i][j].suppressed && !(rowTotalsKnown && j === C)) unknown.push([i, j]);
  const index = new Map(unknown.map(([i, j], u) => [`${i},${j}`, u]));
  const equations: bigint[][] = [];
  const line = (cells: [number, number, bigint][]) => {
    const eq = new Array<bigint>(unknown.length).fill(0n);
    for (const [i, j, coef] of cells) {
      const u = index.get(`${i},${j}`);
      if (u !== undefined) eq[u] += coef;
    }
    equations.push(eq);
  };
  for (let i = 0; i <= R; i++) line([...Array.from({ length: C }, (_, j) => [i, j, 1n] as [number, number, bigint]), [i, C, -1n]]);
  for (let j = 0; j <= C; j++) line([...Array.from({ length: R }, (_, i) => [i, j, 1n] as [number, number, bigint]), [R, j, -1n]]);
  const pivots = echelon(equations, unknown.length);
  return unknown.filter((_, u) => inRowSpace(pivots, unknown.map((__, w) => (w === u ? 1n : 0n))));
}

describe("the independent recoverability check itself", () => {
  it("finds a lone suppressed cell recoverable from its row total", () => {
    const grid = [
      [P, O, O],
      [O, O, O],
      [O, O, O],
    ];
    expect(recoverableCells(grid)).toEqual([[0, 0]]);
  });

  it("finds the four corners of a rectangle not recoverable", () => {
    const grid = [
      [P, S, O],
      [S, S, O],
      [O, O, O],
    ];
    expect(recoverableCells(grid)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("suppress: primary", () => {
  it("suppresses a cell built from 1..k-1 contributors, and not one from 0 or k", () => {
    const r = suppress({
      k: 3,
      values: [
        [0, 2, 3, 9],
        [5, 5, 5, 9],
      ],
      contributors: [
        [0, 2, 3, 9],
        [5, 5, 5, 9],
      ],
      rowContributors: [14, 24],
    });
    const primary = r.cells.map((row) => row.map((s) => s.suppressed && s.reason === "primary"));
    expect(primary).toEqual([
      [false, true, false, false],
      [false, false, false, false],
    ]);
  });

  it("suppresses a whole row, its total too, when its segment has fewer than k contributors", () => {
    const r = suppress({
      k: 5,
      values: [
        [1, 2],
        [10, 20],
        [30, 40],
      ],
      contributors: [
        [1, 2],
        [10, 20],
        [30, 40],
      ],
      rowContributors: [3, 30, 70],
    });
    expect(r.cells[0]).toEqual([P, P]);
    expect(r.rowTotals[0]).toEqual(P);
  });

  it("suppresses a column total built from 1..k-1 contributors", () => {
    const r = suppress({
      k: 5,
      values: [
        [2, 50],
        [1, 60],
      ],
      contributors: [
        [2, 50],
        [1, 60],
      ],
      rowContributors: [52, 61],
    });
    expect(r.columnTotals[0]).toEqual(P);
  });

  it("suppresses everything when the whole population has fewer than k contributors", () => {
    const r = suppress({ k: 5, values: [[1], [2]], contributors: [[1], [1]], rowContributors: [1, 1] });
    expect(augmented(r).flat().every((s) => s.suppressed)).toBe(true);
  });
});

describe("suppress: secondary", () => {
  it("closes a single sensitive cell with the cheapest rectangle, and nothing more", () => {
    // (0,1) is primary. Candidate rectangles (other row, other column) cost the values newly hidden:
    // rows 1/2 x columns 0/2: 10+40+30 = 80, 20+40+50 = 110, 10+60+5 = 75, 20+60+70 = 150; totals cost more.
    const values = [
      [10, 2, 20],
      [30, 40, 50],
      [5, 60, 70],
    ];
    const r = suppress({ k: 3, values, contributors: values, rowContributors: [32, 120, 135] });
    expect(r.cells).toEqual([
      [S, P, O],
      [O, O, O],
      [S, S, O],
    ]);
    expect(r.rowTotals).toEqual([O, O, O]);
    expect(r.columnTotals).toEqual([O, O, O]);
    expect(r.grandTotal).toEqual(O);
  });

  it("hides a second segment when one small segment is hidden in a one-column table", () => {
    const r = suppress({ k: 5, values: [[3], [40], [12]], contributors: [[3], [40], [12]], rowContributors: [3, 40, 12] });
    expect(r.cells.map((row) => row[0])).toEqual([P, O, S]);
    expect(recoverableCells(augmented(r))).toEqual([]);
  });

  it("leaves a table without sensitive cells untouched", () => {
    const values = [
      [10, 20],
      [30, 40],
    ];
    const r = suppress({ k: 5, values, contributors: values, rowContributors: [30, 70] });
    expect(augmented(r).flat().some((s) => s.suppressed)).toBe(false);
  });

  it("with known row totals, protects with interior columns and never hides a row total", () => {
    const values = [
      [10, 2, 20],
      [30, 40, 50],
      [5, 60, 70],
    ];
    const r = suppress({ k: 3, values, contributors: values, rowContributors: [32, 120, 135], rowTotalsKnown: true });
    expect(r.rowTotals.every((s) => !s.suppressed)).toBe(true);
    expect(r.grandTotal).toEqual(O);
    expect(recoverableCells(augmented(r), true)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

/** Random tables: rows x columns of contributors and independent values; segment sizes >= row max. */
const tables = (minColumns: number) =>
  fc
    .record({
      R: fc.integer({ min: 1, max: 5 }),
      C: fc.integer({ min: minColumns, max: 5 }),
      k: fc.integer({ min: 2, max: 5 }),
    })
    .chain(({ R, C, k }) =>
      fc.record({
        k: fc.constant(k),
        contributors: fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 })), { minLength: C, maxLength: C }), {
          minLength: R,
          maxLength: R,
        }),
        values: fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: C, maxLength: C }), { minLength: R, maxLength: R }),
        extra: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: R, maxLength: R }),
      }),
    )
    .map(
      ({ k, contributors, values, extra }): SuppressInput => ({
        k,
        contributors,
        values,
        rowContributors: contributors.map((row, i) => Math.max(0, ...row) + extra[i]),
      }),
    );

const sensitive = (n: number, k: number) => n > 0 && n < k;

describe("suppress: properties", () => {
  it("no suppressed value can be recomputed from the published cells and totals (checked by linear algebra)", () => {
    fc.assert(
      fc.property(tables(1), (input) => {
        expect(recoverableCells(augmented(suppress(input)))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("with known row totals, no suppressed interior or column-total value can be recomputed", () => {
    fc.assert(
      fc.property(tables(2), (input) => {
        const r = suppress({ ...input, rowTotalsKnown: true });
        expect(recoverableCells(augmented(r), true)).toEqual([]);
        expect(r.rowTotals.every((s, i) => !s.suppressed || sensitive(input.rowContributors[i], input.k))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("no cell, column total or segment with 1..k-1 contributors is published", () => {
    fc.assert(
      fc.property(tables(1), (input) => {
        const { k, contributors, rowContributors } = input;
        const r = suppress(input);
        contributors.forEach((row, i) =>
          row.forEach((n, j) => {
            if (sensitive(n, k)) expect(r.cells[i][j].suppressed).toBe(true);
          }),
        );
        rowContributors.forEach((n, i) => {
          if (sensitive(n, k)) expect([...r.cells[i], r.rowTotals[i]].every((s) => s.suppressed)).toBe(true);
        });
        contributors[0].forEach((_, j) => {
          if (sensitive(contributors.reduce((s, row) => s + row[j], 0), k)) expect(r.columnTotals[j].suppressed).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("marks a cell primary exactly when it is sensitive or in a sensitive segment", () => {
    fc.assert(
      fc.property(tables(1), (input) => {
        const r = suppress(input);
        r.cells.forEach((row, i) =>
          row.forEach((s, j) => {
            const primary = sensitive(input.contributors[i][j], input.k) || sensitive(input.rowContributors[i], input.k);
            const total = input.rowContributors.reduce((a, b) => a + b, 0);
            if (!sensitive(total, input.k)) expect(s.suppressed && s.reason === "primary").toBe(primary);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(tables(1), (input) => {
        expect(suppress(structuredClone(input))).toEqual(suppress(input));
      }),
      { numRuns: 100 },
    );
  });
});
