import { atomBounds, atomRows, listedLower, segmentSiblings, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
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

/** What the attacker knows before any value: the atom rows, and with private segments that each listed row holds someone (listedLower). */
export function knownRowList(model: FamilyModel): SparseRow[] {
  const rows = atomRowList(model);
  for (const cell of model.cells) {
    const lower = listedLower(model, cell);
    if (lower > -Infinity) rows.push({ indices: columnsOf(model, cell), values: cell.atoms.map(() => 1), lower, upper: Infinity });
  }
  return rows;
}

const flat = (b: number[][]) => b.flat();

/**
 * The organisations of one sensitive cell that may attack: the second largest of a dominated
 * magnitude; the one or two organisations of a cell of one or two (all answering, or all
 * contributing to a count). In a cell of three or more below the threshold, one insider still
 * faces two unknowns; the outsider's check covers it.
 */
function membersOf(model: FamilyModel, { cell, protection }: Sensitive, k: number): number[] {
  const q = cell.quantity;
  const members = cell.atoms.flatMap((a) => model.atoms[a].units);
  const own = (i: number) => (model.contributions[i] as number[])[q];
  // The p% rule guards the largest contributor against the second largest (its protection level
  // assumes that one's knowledge); the largest attacking its own cell learns nothing of the others.
  if (protection.rule === "dominance") return members.sort((x, y) => own(y) - own(x)).slice(1, 2);
  if (cell.n < k && cell.n <= 2) return members;
  const contributing = members.filter((i) => own(i) !== 0);
  return contributing.length <= 2 ? contributing : [];
}

/**
 * The insiders to try against each sensitive cell: the members of the sensitive cells of the same
 * quantity and release in its own segment and in its siblings (the segments a published parent
 * ties it to), so that no organisation can read another's cell off a parent minus its own. Other
 * combinations an insider could use are left to the outsider's check: a deliberate bound on the
 * number of solves (DESIGN.md, budgets), noted in docs/disclosure-control.md.
 */
export function insidersOf(model: FamilyModel, sensitive: Sensitive[], k: number): Set<number>[] {
  const bySegment = new Map<string, Set<number>>();
  const key = (c: ModelCell, segment: string) => `${c.kind}|${c.release}|${c.quantity}|${segment}`;
  for (const s of sensitive) {
    const k2 = key(s.cell, s.cell.segment);
    let set = bySegment.get(k2);
    if (!set) bySegment.set(k2, (set = new Set()));
    for (const i of membersOf(model, s, k)) set.add(i);
  }
  const siblings = segmentSiblings(model);
  return sensitive.map(({ cell }) => {
    const out = new Set<number>();
    for (const s of siblings.get(cell.segment) ?? [cell.segment]) for (const i of bySegment.get(key(cell, s)) ?? []) out.add(i);
    return out;
  });
}

/**
 * `focus`: check only these cells against these attackers (the findings of an earlier audit of
 * the same model; sound because suppressing more only widens every interval).
 */
export async function auditFamily(
  model: FamilyModel,
  published: ReadonlySet<string>,
  rules: DisclosureRules,
  focus?: readonly { cell: string; attacker: Attacker }[],
): Promise<FamilyAudit> {
  const highs = await solver();
  const focusCells = focus && new Set(focus.map((f) => f.cell));
  const sensitive = sensitiveCells(model, rules).filter((s) => !focusCells || focusCells.has(s.cell.key));
  const A = model.atoms.length;
  const Q = model.quantities.length;
  const columns = Q * A;
  const report: FamilyAudit = { family: model.family.id, findings: [], sensitiveCells: sensitive.length, attackers: 0, solves: 0, columns, rows: 0 };
  if (sensitive.length === 0 || A === 0) return report;

  const rows = knownRowList(model);
  for (const cell of model.cells)
    if (cell.kind === "table" && published.has(cell.key)) rows.push({ indices: columnsOf(model, cell), values: cell.atoms.map(() => 1), lower: cell.value, upper: cell.value });
  report.rows = rows.length;
  const outsider = atomBounds(model);
  const lp = new LinearProgram(highs, columns, flat(outsider.lower), flat(outsider.upper), rows);
  // What the attacker knows before any table, for cells whose interval falls short of the bound sums.
  let prior: LinearProgram | undefined;
  const perCell = insidersOf(model, sensitive, rules.k);
  const insiders = [...new Set(perCell.flatMap((set) => [...set]))].sort((x, y) => x - y);
  report.attackers = 1 + insiders.length;
  const insiderAtoms = [...new Set(insiders.map((i) => model.unitAtom[i]))];
  const watched = insiderAtoms.flatMap((a) => Array.from({ length: Q }, (_, q) => q * A + a));
  const watchIndex = new Map(watched.map((c, i) => [c, i]));
  const setAtom = (target: LinearProgram, atom: number, b: Bounds) => {
    for (let q = 0; q < Q; q++) target.setColumnBounds(q * A + atom, b.lower[q][atom], b.upper[q][atom]);
  };
  const check = (attacker: Attacker, atom: number, bounds: Bounds, cell: ModelCell, protection: Protection, interval: [number, number]) => {
    let apriori: [number, number] = [
      cell.atoms.reduce((s, a) => s + bounds.lower[cell.quantity][a], 0),
      cell.atoms.reduce((s, a) => s + bounds.upper[cell.quantity][a], 0),
    ];
    if (isProtected(interval, cell.value, apriori, protection)) return;
    prior ??= new LinearProgram(highs, columns, flat(outsider.lower), flat(outsider.upper), knownRowList(model));
    if (atom >= 0) setAtom(prior, atom, bounds);
    apriori = prior.range(columnsOf(model, cell)) ?? apriori;
    if (atom >= 0) setAtom(prior, atom, outsider);
    report.solves += 2;
    if (isProtected(interval, cell.value, apriori, protection)) return;
    report.findings.push({ family: model.family.id, cell: cell.key, attacker, value: cell.value, interval, needed: protection });
  };
  if (focus) {
    try {
      for (const f of focus) {
        const s = sensitive.find((x) => x.cell.key === f.cell);
        if (!s) continue;
        const unit = f.attacker.kind === "insider" ? model.unitIds.indexOf(f.attacker.unit) : -1;
        const atom = unit >= 0 ? model.unitAtom[unit] : -1;
        const bounds = unit >= 0 ? atomBounds(model, unit) : outsider;
        if (atom >= 0) setAtom(lp, atom, bounds);
        const r = lp.range(columnsOf(model, s.cell));
        report.solves += 2;
        if (atom >= 0) setAtom(lp, atom, outsider);
        if (!r) throw new Error(`audit ${model.family.id}: the published values admit no table`);
        check(f.attacker, atom, bounds, s.cell, s.protection, r);
      }
    } finally {
      lp.dispose();
      prior?.dispose();
    }
    return report;
  }
  try {
    // The outsider; its optimal tables, where the insiders' atoms are concerned, serve the insiders below.
    const seen = sensitive.map(({ cell, protection }) => {
      const r = lp.rangeWithSolutions(columnsOf(model, cell));
      report.solves += 2;
      if (!r) throw new Error(`audit ${model.family.id}: the published values admit no table`);
      const interval: [number, number] = [r.lo.value, r.hi.value];
      check({ kind: "outsider" }, -1, outsider, cell, protection, interval);
      return { interval, lo: Float64Array.from(watched, (c) => r.lo.solution[c]), hi: Float64Array.from(watched, (c) => r.hi.solution[c]) };
    });
    // An insider knows more only of its own atom: where both optimal tables already keep within
    // what it knows there, its interval is the outsider's, and no solve is needed.
    for (const unit of insiders) {
      const atom = model.unitAtom[unit];
      const bounds = atomBounds(model, unit);
      const fits = (values: Float64Array) => {
        for (let q = 0; q < Q; q++) {
          const v = values[watchIndex.get(q * A + atom) as number];
          if (v < bounds.lower[q][atom] - 1e-7 || v > bounds.upper[q][atom] + 1e-7) return false;
        }
        return true;
      };
      const attacker: Attacker = { kind: "insider", unit: model.unitIds[unit] };
      let narrowed = false;
      sensitive.forEach(({ cell, protection }, i) => {
        if (!perCell[i].has(unit)) return;
        let interval = seen[i].interval;
        if (!fits(seen[i].lo) || !fits(seen[i].hi)) {
          if (!narrowed) setAtom(lp, atom, bounds);
          narrowed = true;
          const r = lp.range(columnsOf(model, cell));
          report.solves += 2;
          if (!r) throw new Error(`audit ${model.family.id}: the published values admit no table`);
          interval = r;
        }
        check(attacker, atom, bounds, cell, protection, interval);
      });
      if (narrowed) setAtom(lp, atom, outsider);
    }
  } finally {
    lp.dispose();
    prior?.dispose();
  }
  return report;
}
