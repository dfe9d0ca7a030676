import { atomBounds, atomRows, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
import { LinearProgram, solver, type SparseRow } from "./linear-program";
import { isProtected, protectionOf, type DisclosureRules, type Protection } from "./rules";

/**
 * The audit: what an attacker can still derive about each sensitive cell from everything
 * published in a round's releases, by linear programming (as tau-ARGUS's and sdcTable's audits
 * do). Unknowns are the atoms' sums; constraints are the atoms' a-priori bounds and rows and every
 * published cell of every release; the interval a sensitive cell can take is its minimum and
 * maximum. Sensitive cells are the table cells and the differences between releases that a rule
 * marks (rules.ts). Attackers: an outsider, and every organisation in a sensitive cell, which
 * knows its own answers (a tighter bound on its own atom).
 *
 * Independent of how the pattern was chosen (protect.ts works on deviations, this on values),
 * so it serves as the test oracle too.
 */
export type Attacker = { kind: "outsider" } | { kind: "insider"; unit: string };

export type AuditFinding = {
  family: string;
  cell: string;
  attacker: Attacker;
  value: number;
  interval: [number, number];
  needed: Protection;
};

export type FamilyAudit = {
  family: string;
  findings: AuditFinding[];
  sensitiveCells: number;
  attackers: number;
  solves: number;
  columns: number;
  rows: number;
};

export type Sensitive = { cell: ModelCell; protection: Protection };

export function sensitiveCells(model: FamilyModel, rules: DisclosureRules): Sensitive[] {
  const out: Sensitive[] = [];
  for (const cell of model.cells) {
    const protection = protectionOf(model, cell, rules);
    if (protection) out.push({ cell, protection });
  }
  return out;
}

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

const flat = (b: number[][]) => b.flat();

/**
 * The organisations to try as attackers besides the outsider: every one in a cell below the
 * threshold, every contributor to a small count, the two largest contributors to a dominated
 * magnitude.
 */
export function insidersOf(model: FamilyModel, sensitive: Sensitive[], k: number): number[] {
  const insiders = new Set<number>();
  for (const { cell, protection } of sensitive) {
    const q = cell.quantity;
    const members = cell.atoms.flatMap((a) => model.atoms[a].units);
    const own = (i: number) => (model.contributions[i] as number[])[q];
    if (protection.rule === "dominance") {
      const top = members
        .map((i) => ({ i, v: own(i) }))
        .sort((x, y) => y.v - x.v)
        .slice(0, 2);
      for (const t of top) insiders.add(t.i);
    } else for (const i of members) if (cell.n < k || own(i) !== 0) insiders.add(i);
  }
  return [...insiders].sort((x, y) => x - y);
}

export async function auditFamily(model: FamilyModel, published: ReadonlySet<string>, rules: DisclosureRules): Promise<FamilyAudit> {
  const highs = await solver();
  const sensitive = sensitiveCells(model, rules);
  const A = model.atoms.length;
  const Q = model.quantities.length;
  const columns = Q * A;
  const report: FamilyAudit = { family: model.family.id, findings: [], sensitiveCells: sensitive.length, attackers: 0, solves: 0, columns, rows: 0 };
  if (sensitive.length === 0 || A === 0) return report;

  const rows = atomRowList(model);
  for (const cell of model.cells)
    if (cell.kind === "table" && published.has(cell.key)) rows.push({ indices: columnsOf(model, cell), values: cell.atoms.map(() => 1), lower: cell.value, upper: cell.value });
  report.rows = rows.length;
  const outsider = atomBounds(model);
  const lp = new LinearProgram(highs, columns, flat(outsider.lower), flat(outsider.upper), rows);
  // What the attacker knows before any table, for cells whose interval falls short of the bound sums.
  let prior: LinearProgram | undefined;
  try {
    const attackers: { attacker: Attacker; unit?: number; bounds: Bounds }[] = [{ attacker: { kind: "outsider" }, bounds: outsider }];
    for (const i of insidersOf(model, sensitive, rules.k))
      attackers.push({ attacker: { kind: "insider", unit: model.unitIds[i] }, unit: i, bounds: atomBounds(model, i) });
    report.attackers = attackers.length;
    for (const { attacker, unit, bounds } of attackers) {
      const atom = unit === undefined ? -1 : model.unitAtom[unit];
      const setAtom = (target: LinearProgram, b: Bounds) => {
        for (let q = 0; q < Q; q++) target.setColumnBounds(q * A + atom, b.lower[q][atom], b.upper[q][atom]);
      };
      if (atom >= 0) setAtom(lp, bounds);
      for (const { cell, protection } of sensitive) {
        // An insider's own cell: it knows its own part, the others' part is what must stay protected.
        const cols = columnsOf(model, cell);
        const interval = lp.range(cols);
        report.solves += 2;
        if (!interval) throw new Error(`audit ${model.family.id}: the published values admit no table`);
        let apriori: [number, number] = [
          cell.atoms.reduce((s, a) => s + bounds.lower[cell.quantity][a], 0),
          cell.atoms.reduce((s, a) => s + bounds.upper[cell.quantity][a], 0),
        ];
        if (isProtected(interval, cell.value, apriori, protection)) continue;
        prior ??= new LinearProgram(highs, columns, flat(outsider.lower), flat(outsider.upper), atomRowList(model));
        if (atom >= 0) setAtom(prior, bounds);
        apriori = prior.range(cols) ?? apriori;
        if (atom >= 0) setAtom(prior, outsider);
        report.solves += 2;
        if (isProtected(interval, cell.value, apriori, protection)) continue;
        report.findings.push({ family: model.family.id, cell: cell.key, attacker, value: cell.value, interval, needed: protection });
      }
      if (atom >= 0) setAtom(lp, outsider);
    }
  } finally {
    lp.dispose();
    prior?.dispose();
  }
  return report;
}
