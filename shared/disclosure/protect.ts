import { atomBounds, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
import { LinearProgram, solver, type SparseRow } from "./linear-program";
import { atomRowList, auditFamily, columnsOf, sensitiveCells, type Attacker, type FamilyAudit } from "./audit";
import type { DisclosureRules } from "./rules";

/**
 * Secondary suppression of one family for its newest release, by deviation LPs (the partial
 * method of Fischetti and Salazar, as tau-ARGUS's optimal and modular methods use per
 * subproblem): for a sensitive cell and a direction, find the cheapest change of the atoms' sums
 * that moves the cell by its protection level while keeping every atom within what the attacker
 * knows, every identity, every earlier release's published cells and as many of this release's
 * cells as possible unchanged. The cells it has to change are suppressed; then an alternative
 * table exists in which the cell is that far off, and no attacker can rule it out.
 *
 * Columns: the deviations of the atoms' sums (quantity * A + atom), then for each cell c a pair
 * y+ and y- with sum over c's atoms of the deviation = y+ - y-. A published cell of an earlier
 * release has y+ = y- = 0; a published cell of this release costs (1 + n) per unit of change;
 * suppressed cells and differences between releases move freely.
 *
 * Primary cells are suppressed first; after every sensitive cell is protected against the
 * outsider, the audit (audit.ts) tries every attacker, and each finding is closed the same way
 * with that attacker's bounds, until the audit finds nothing or `maxRounds` is spent.
 */
export type FamilyProtection = {
  family: string;
  /** Keys of this release's suppressed table cells. */
  suppressed: Set<string>;
  audit: FamilyAudit;
  deviationSolves: number;
  deviationColumns: number;
  deviationRows: number;
};

export type ProtectFamilyInput = {
  model: FamilyModel;
  rules: DisclosureRules;
  /** Published keys of earlier releases' table cells (immutable). */
  earlierPublished: ReadonlySet<string>;
  maxRounds?: number;
};

const EPS = 1e-7;

export async function protectFamily(input: ProtectFamilyInput): Promise<FamilyProtection> {
  const { model, rules, earlierPublished } = input;
  const current = model.releases - 1;
  const highs = await solver();
  const A = model.atoms.length;
  const Q = model.quantities.length;
  const cells = model.cells;
  const sensitive = sensitiveCells(model, rules);
  const suppressed = new Set<string>();
  for (const { cell } of sensitive) if (cell.kind === "table" && cell.release === current) suppressed.add(cell.key);

  const outsider = atomBounds(model);
  const result: FamilyProtection = { family: model.family.id, suppressed, audit: emptyAudit(model), deviationSolves: 0, deviationColumns: 0, deviationRows: 0 };
  if (A === 0) return result;

  const base = Q * A;
  const yPlus = (j: number) => base + 2 * j;
  const yMinus = (j: number) => base + 2 * j + 1;
  const columns = base + 2 * cells.length;
  const lower = new Float64Array(columns);
  const upper = new Float64Array(columns);
  const setDeltaBounds = (b: Bounds, only?: number) => {
    for (let q = 0; q < Q; q++)
      for (let a = only ?? 0; a < (only === undefined ? A : only + 1); a++) {
        lower[q * A + a] = b.lower[q][a] - model.truth[q][a];
        upper[q * A + a] = b.upper[q][a] - model.truth[q][a];
      }
  };
  setDeltaBounds(outsider);
  const fixedAtZero = (c: ModelCell) => c.kind === "table" && c.release < current && earlierPublished.has(c.key);
  cells.forEach((c, j) => {
    const free = !fixedAtZero(c);
    upper[yPlus(j)] = free ? Infinity : 0;
    upper[yMinus(j)] = free ? Infinity : 0;
  });
  // Atom rows on deviations: row(x + d) within [lower, upper] <=> row(d) within [lower - row(x), upper - row(x)].
  const rows: SparseRow[] = atomRowList(model, (spec, a) =>
    Object.entries(spec.coeffs).reduce((s, [q, v]) => s + v * model.truth[Number(q)][a], 0),
  );
  const cellRow0 = rows.length;
  cells.forEach((c, j) => {
    const cols = columnsOf(model, c);
    rows.push({ indices: [...cols, yPlus(j), yMinus(j)], values: [...cols.map(() => 1), -1, 1], lower: 0, upper: 0 });
  });
  void cellRow0;
  const lp = new LinearProgram(highs, columns, lower, upper, rows);
  result.deviationColumns = columns;
  result.deviationRows = rows.length;

  const candidate = (c: ModelCell) => c.kind === "table" && c.release === current && !suppressed.has(c.key);
  const cost = (c: ModelCell) => 1 + c.n;
  const indexOf = new Map(cells.map((c, j) => [c.key, j]));

  /** Moves `cell` by `amount` (signed) at least cost; suppresses what had to move. False if impossible. */
  const push = (cell: ModelCell, amount: number): boolean => {
    const j = indexOf.get(cell.key) as number;
    const costCols: number[] = [];
    const costs: number[] = [];
    cells.forEach((c, i) => {
      if (!candidate(c)) return;
      costCols.push(yPlus(i), yMinus(i));
      costs.push(cost(c), cost(c));
    });
    lp.setObjective(costCols, costs);
    const [p, m] = amount > 0 ? [yPlus(j), yMinus(j)] : [yMinus(j), yPlus(j)];
    lp.setColumnBounds(p, Math.abs(amount), Math.abs(amount));
    lp.setColumnBounds(m, 0, 0);
    const solved = lp.optimise("min");
    result.deviationSolves++;
    lp.setColumnBounds(p, 0, upper[p]);
    lp.setColumnBounds(m, 0, upper[m]);
    if (!solved) return false;
    cells.forEach((c, i) => {
      if (candidate(c) && solved.solution[yPlus(i)] + solved.solution[yMinus(i)] > EPS) suppressed.add(c.key);
    });
    return true;
  };

  /** How far the cell can move at all, each way, within the attacker's bounds and rows (an LP with every cell free). */
  const reachByLp = (cell: ModelCell): [number, number] => {
    const j = indexOf.get(cell.key) as number;
    const saved: [number, number][] = [];
    cells.forEach((_, i) => {
      saved.push([upper[yPlus(i)], upper[yMinus(i)]]);
      lp.setColumnBounds(yPlus(i), 0, Infinity);
      lp.setColumnBounds(yMinus(i), 0, Infinity);
    });
    lp.setObjective([yPlus(j), yMinus(j)], [1, -1]);
    const up = lp.optimise("max")?.value ?? 0;
    const down = lp.optimise("min")?.value ?? 0;
    result.deviationSolves += 2;
    cells.forEach((_, i) => {
      lp.setColumnBounds(yPlus(i), 0, saved[i][0]);
      lp.setColumnBounds(yMinus(i), 0, saved[i][1]);
    });
    return [Math.max(0, -down), Math.max(0, up)];
  };
  /** The same from the atoms' bounds alone: never less than the LP's. */
  const reachByBounds = (cell: ModelCell): [number, number] => {
    let down = 0;
    let up = 0;
    for (const a of cell.atoms) {
      const c = cell.quantity * A + a;
      down -= lower[c];
      up += upper[c];
    }
    return [down, up];
  };

  const protect = (cell: ModelCell, lowerLevel: number, upperLevel: number): boolean => {
    const move = (reach: [number, number]) => {
      let ok = true;
      const upBy = Math.min(upperLevel, reach[1]);
      const downBy = Math.min(lowerLevel, reach[0]);
      if (upBy > EPS) ok = push(cell, upBy) && ok;
      if (downBy > EPS) ok = push(cell, -downBy) && ok;
      return ok;
    };
    // Rows (a count at most n, levels adding up to n) can leave less room than the bounds: then ask the LP.
    return move(reachByBounds(cell)) || move(reachByLp(cell));
  };

  const withAttacker = <T>(attacker: Attacker, run: () => T): T => {
    if (attacker.kind === "outsider") return run();
    const unit = model.unitIds.indexOf(attacker.unit);
    const atom = model.unitAtom[unit];
    const b = atomBounds(model, unit);
    setDeltaBounds(b, atom);
    for (let q = 0; q < Q; q++) lp.setColumnBounds(q * A + atom, lower[q * A + atom], upper[q * A + atom]);
    try {
      return run();
    } finally {
      setDeltaBounds(outsider, atom);
      for (let q = 0; q < Q; q++) lp.setColumnBounds(q * A + atom, lower[q * A + atom], upper[q * A + atom]);
    }
  };

  try {
    const ordered = [...sensitive].sort((x, y) => y.cell.release - x.cell.release || y.cell.n - x.cell.n || (x.cell.key < y.cell.key ? -1 : 1));
    for (const { cell, protection } of ordered) protect(cell, protection.lower, protection.upper);

    const maxRounds = input.maxRounds ?? 6;
    for (let round = 0; ; round++) {
      const published = publishedKeys(model, suppressed, earlierPublished);
      result.audit = await auditFamily(model, published, rules);
      if (result.audit.findings.length === 0 || round >= maxRounds) break;
      const before = suppressed.size;
      for (const f of result.audit.findings) {
        const cell = model.cellByKey.get(f.cell) as ModelCell;
        withAttacker(f.attacker, () => protect(cell, f.needed.lower, f.needed.upper));
      }
      if (suppressed.size === before) {
        // Nothing more to suppress in this release helps: the earlier releases pin the cell.
        break;
      }
    }
  } finally {
    lp.dispose();
  }
  return result;
}

/** The table cells published after suppression: earlier releases as given, this release all but the suppressed. */
export function publishedKeys(model: FamilyModel, suppressed: ReadonlySet<string>, earlierPublished: ReadonlySet<string>): Set<string> {
  const current = model.releases - 1;
  const out = new Set<string>();
  for (const c of model.cells) {
    if (c.kind !== "table") continue;
    if (c.release < current ? earlierPublished.has(c.key) : !suppressed.has(c.key)) out.add(c.key);
  }
  return out;
}

function emptyAudit(model: FamilyModel): FamilyAudit {
  return { family: model.family.id, findings: [], sensitiveCells: 0, attackers: 0, solves: 0, columns: 0, rows: 0 };
}
