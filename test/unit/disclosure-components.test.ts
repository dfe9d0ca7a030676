import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { reduce } from "../../shared/disclosure/reduce";
import { ReducedProgram } from "../../shared/disclosure/reduced-program";
import { LinearProgram, solver, type SparseRow } from "../../shared/disclosure/linear-program";
import { Reach } from "../../shared/disclosure/reach";
import { AtomPrior } from "../../shared/disclosure/atom-prior";
import { atomBounds, buildFamilyModel } from "../../shared/disclosure/linked-model";
import { atomRowList, columnsOf } from "../../shared/disclosure/model-rows";
import { LEVELS_FAMILY, org, roundArbitrary, unit } from "../support/disclosure";
import { TablePool } from "../../shared/disclosure/audit-tables";

const row = (indices: number[], lower: number, upper = lower, values = indices.map(() => 1)): SparseRow => ({ indices, values, lower, upper });

describe("the exact reduction of an LP", () => {
  it("fixes every column of a published zero over non-negative columns, and drops the row", () => {
    const r = reduce(3, [0, 0, 0], [5, 5, 5], [row([0, 1], 0), row([1, 2], 3)]);
    expect([...r.fixed].slice(0, 2)).toEqual([0, 0]);
    // Column 2 is left alone in its row: the row becomes its bound, 3.
    expect(r.fixed[2]).toBe(3);
    expect(r.components).toEqual([]);
  });

  it("turns a row left with one column into a bound on it", () => {
    const r = reduce(2, [2, 0], [2, Infinity], [row([1, 0], 0, Infinity, [1, -1])]);
    expect(r.fixed[0]).toBe(2);
    expect(Number.isNaN(r.fixed[1])).toBe(true);
    expect(r.lower[1]).toBe(2);
    expect(r.upper[1]).toBe(Infinity);
    expect(r.componentOf[1]).toBe(-2);
  });

  it("splits columns that no remaining row links into separate components", () => {
    const r = reduce(5, [0, 0, 0, 0, 0], [9, 9, 9, 9, 9], [row([0, 1], 4), row([2, 3], 5), row([3, 4], 6)]);
    expect(r.components.map((c) => c.columns)).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
    expect(r.components[1].rows.map((x) => x.indices)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it("says when no point satisfies the rows", () => {
    expect(reduce(2, [0, 0], [1, 1], [row([0, 1], 3)]).infeasible).toBe(true);
  });
});

/** A small LP with a known point: rows are sums over random columns, fixed to the point's sums or left as inequalities. */
const lpArbitrary = fc
  .record({
    point: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 12 }),
    rows: fc.array(fc.record({ members: fc.array(fc.nat(11), { minLength: 1, maxLength: 5 }), kind: fc.constantFrom("equal", "atMost", "free") }), { maxLength: 10 }),
    upper: fc.constantFrom(4, Infinity),
    objective: fc.array(fc.nat(11), { minLength: 1, maxLength: 4 }),
  })
  .map(({ point, rows, upper, objective }) => {
    const n = point.length;
    const sparse = rows.map(({ members, kind }) => {
      const indices = [...new Set(members.map((m) => m % n))];
      const sum = indices.reduce((s, c) => s + point[c], 0);
      return row(indices, kind === "equal" ? sum : -Infinity, kind === "free" ? Infinity : sum);
    });
    return { point, rows: sparse, upper, objective: [...new Set(objective.map((c) => c % n))] };
  });

describe("an LP solved by components", () => {
  it("gives the minimum and maximum of a sum that the whole LP gives, with a point of the LP", async () => {
    const highs = await solver();
    await fc.assert(
      fc.asyncProperty(lpArbitrary, async ({ point, rows, upper, objective }) => {
        const n = point.length;
        const lower = new Array<number>(n).fill(0);
        const uppers = new Array<number>(n).fill(upper);
        const whole = new LinearProgram(highs, n, lower, uppers, rows);
        const parts = new ReducedProgram(highs, n, lower, uppers, rows, point);
        try {
          const expected = whole.range(objective) as [number, number];
          expect(parts.range(objective)).toEqual([expect.closeTo(expected[0], 6), expected[1] === Infinity ? Infinity : expect.closeTo(expected[1], 6)]);
          parts.setObjective(objective, objective.map(() => 1));
          const best = parts.optimise("min");
          for (const r of rows) {
            const sum = r.indices.reduce((s, c) => s + (best as { solution: Float64Array }).solution[c], 0);
            expect(sum).toBeGreaterThanOrEqual(r.lower - 1e-6);
            expect(sum).toBeLessThanOrEqual(r.upper + 1e-6);
          }
        } finally {
          whole.dispose();
          parts.dispose();
        }
      }),
      { numRuns: 150, seed: 20261202 },
    );
  });

  it("answers for an attacker who knows more of some columns: their bounds narrow the components that hold them", async () => {
    const highs = await solver();
    // Two components: {0, 1} with x0 + x1 = 4, and {2, 3} with x2 + x3 = 2.
    const rows = [row([0, 1], 4), row([2, 3], 2)];
    const parts = new ReducedProgram(highs, 4, [0, 0, 0, 0], [4, 4, 4, 4], rows, [3, 1, 1, 1]);
    try {
      expect(parts.range([0])).toEqual([0, 4]);
      parts.setColumnBounds(1, 1, 1);
      expect(parts.range([0])).toEqual([3, 3]);
      expect(parts.range([2])).toEqual([0, 2]);
      parts.setColumnBounds(1, 0, 4);
      expect(parts.range([0])).toEqual([0, 4]);
    } finally {
      parts.dispose();
    }
  });
});

describe("the farthest a cell has been seen to go", () => {
  it("reaches a goal once a recorded table puts the cell there, and only for the cells from the given index on", () => {
    const reach = new Reach([[0, 1], [1, 2]]);
    reach.add([1, 2, 3], 1);
    expect(reach.reaches(1, "max", 5, 1e-6)).toBe(true);
    expect(reach.reaches(1, "max", 6, 1e-6)).toBe(false);
    expect(reach.reaches(1, "min", 5, 1e-6)).toBe(true);
    expect(reach.reaches(0, "max", 0, 1e-6)).toBe(false);
  });
});

describe("the a-priori interval atom by atom", () => {
  it("is the interval of the whole LP of atom rows and bounds, for the outsider and for an insider", async () => {
    const highs = await solver();
    await fc.assert(
      fc.asyncProperty(roundArbitrary(20, 2), async ({ units, releases }) => {
        const model = buildFamilyModel(LEVELS_FAMILY, units, releases);
        const outsider = atomBounds(model);
        const insider = atomBounds(model, 0);
        const whole = new LinearProgram(highs, model.atoms.length * model.quantities.length, outsider.lower.flat(), outsider.upper.flat(), atomRowList(model));
        const wholeInsider = new LinearProgram(highs, model.atoms.length * model.quantities.length, insider.lower.flat(), insider.upper.flat(), atomRowList(model));
        const prior = new AtomPrior(highs, model, outsider);
        try {
          for (const cell of model.cells.filter((c) => c.kind === "table")) {
            expect(prior.range(cell)).toEqual(whole.range(columnsOf(model, cell)));
            expect(prior.range(cell, model.unitAtom[0], insider)).toEqual(wholeInsider.range(columnsOf(model, cell)));
          }
        } finally {
          whole.dispose();
          wholeInsider.dispose();
          prior.dispose();
        }
      }),
      { numRuns: 20, seed: 7 },
    );
  });
});

describe("the tables the audit may use in place of solves", () => {
  // Two organisations of one level in division 25, three in division 28; only the whole round is published.
  const units = [0, 0, 1, 1, 2].map((level, i) => unit(`o${i}`, org(i < 2 ? "25100" : "28100", "0580"), { level }));
  const model = buildFamilyModel(LEVELS_FAMILY, units, 1);
  const all = model.cells.filter((c) => c.segment === "all" && c.kind === "table");
  const rows = [...atomRowList(model), ...all.map((c) => row(columnsOf(model, c), c.value))];

  it("keeps an offered table only if every published cell and atom row holds in it", () => {
    const pool = new TablePool(model, rows, atomBounds(model));
    expect(pool.offer(model.truth.flat())).toBe(true);
    const wrong = model.truth.flat();
    wrong[model.atoms.length + 0] += 1; // one more "none" in the first atom: the round's "none" no longer adds up
    expect(pool.offer(wrong)).toBe(false);
  });

  it("shows an insider only tables within what it knows of its own atom", () => {
    const outsider = atomBounds(model);
    const pool = new TablePool(model, rows, outsider);
    // The truth swapped between the atoms: division 25 with the "some" and division 28 with the "none".
    const A = model.atoms.length;
    const swapped = model.truth.flat();
    const [a25, a28] = [model.unitAtom[0], model.unitAtom[2]];
    for (const [q, d] of [[1, -2], [2, 2]] as const) {
      swapped[q * A + a25] += d;
      swapped[q * A + a28] -= d;
    }
    expect(pool.offer(swapped)).toBe(true);
    const noneIn25 = model.cellByKey.get("0|none|industry:25") as (typeof model.cells)[number];
    const cols = columnsOf(model, noneIn25);
    expect(pool.reaching(-1, outsider, cols, "min", 0, 1e-6)).toBe(0);
    // Organisation o0 answered "none" itself: no table with no "none" in its atom is one it cannot rule out.
    expect(pool.reaching(0, atomBounds(model, 0), cols, "min", 0, 1e-6)).toBeUndefined();
  });
});
