import { atomBounds, atomRows, segmentSiblings, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
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

/** The least and greatest sum of a cell's atoms within the bounds: the a-priori interval short of the atom rows. */
const boundSums = (cell: ModelCell, b: Bounds): [number, number] => [
  cell.atoms.reduce((s, a) => s + b.lower[cell.quantity][a], 0),
  cell.atoms.reduce((s, a) => s + b.upper[cell.quantity][a], 0),
];

/**
 * Tables (points of the outsider's LP: every atom row and published cell holds) found by the
 * audit's solves, to show without a solve that an insider cannot narrow a cell beyond a point.
 */
class TablePool {
  private readonly tables: Float64Array[] = [];
  private readonly A: number;
  private readonly Q: number;

  constructor(private readonly model: FamilyModel, tables: Float64Array[]) {
    this.A = model.atoms.length;
    this.Q = model.quantities.length;
    for (const t of tables) this.add(t);
  }

  add(table: Float64Array): void {
    this.tables.push(table);
  }

  /** Whether the table keeps within the insider's bounds on its own atom (the only ones that differ from the outsider's). */
  fits(unit: number, b: Bounds, table: Float64Array): boolean {
    const atom = this.model.unitAtom[unit];
    for (let q = 0; q < this.Q; q++) {
      const v = table[q * this.A + atom];
      if (v < b.lower[q][atom] - 1e-7 || v > b.upper[q][atom] + 1e-7) return false;
    }
    return true;
  }

  /** Whether the insider's bounds on its own atom are the outsider's: then its LP is the outsider's. */
  sameBounds(unit: number, b: Bounds, outsider: Bounds): boolean {
    const atom = this.model.unitAtom[unit];
    for (let q = 0; q < this.Q; q++) if (b.lower[q][atom] !== outsider.lower[q][atom] || b.upper[q][atom] !== outsider.upper[q][atom]) return false;
    return true;
  }

  /** The sum over `columns` of a table the insider cannot rule out that reaches the goal (at most it for "min"), if any. */
  reaching(unit: number, b: Bounds, columns: readonly number[], sense: "min" | "max", goal: number): number | undefined {
    for (const t of this.tables) {
      if (!this.fits(unit, b, t)) continue;
      let sum = 0;
      for (const c of columns) sum += t[c];
      if (sense === "min" ? sum <= goal + 1e-6 : sum >= goal - 1e-6) return sum;
    }
    return undefined;
  }
}

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

  const rows = atomRowList(model);
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
  const setAtom = (target: LinearProgram, atom: number, b: Bounds) => {
    for (let q = 0; q < Q; q++) target.setColumnBounds(q * A + atom, b.lower[q][atom], b.upper[q][atom]);
  };
  const check = (attacker: Attacker, atom: number, bounds: Bounds, cell: ModelCell, protection: Protection, interval: [number, number], exact?: () => [number, number]) => {
    let apriori = boundSums(cell, bounds);
    if (isProtected(interval, cell.value, apriori, protection)) return;
    prior ??= new LinearProgram(highs, columns, flat(outsider.lower), flat(outsider.upper), atomRowList(model));
    if (atom >= 0) setAtom(prior, atom, bounds);
    apriori = prior.range(columnsOf(model, cell)) ?? apriori;
    if (atom >= 0) setAtom(prior, atom, outsider);
    report.solves += 2;
    if (isProtected(interval, cell.value, apriori, protection)) return;
    if (exact) interval = exact();
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
    // The outsider: each sensitive cell's interval, with the optimal tables that attain it.
    const bases: ReturnType<LinearProgram["basis"]>[] = [];
    const outsiderRuns = sensitive.map(({ cell }) => {
      const cols = columnsOf(model, cell);
      lp.setObjective(cols, cols.map(() => 1));
      const run = (sense: "min" | "max") => {
        const r = lp.optimise(sense);
        report.solves++;
        if (!r) throw new Error(`audit ${model.family.id}: the published values admit no table`);
        bases.push(lp.basis());
        return r;
      };
      return { min: run("min"), max: run("max") };
    });
    // An unbounded optimum comes with no table.
    const pool = new TablePool(model, outsiderRuns.flatMap((r) => [r.min, r.max].filter((x) => Number.isFinite(x.value)).map((x) => x.solution)));
    // The insiders. An insider knows more than the outsider only of its own atom, so
    //   - where the outsider's optimal table keeps within what it knows there, that table is
    //     optimal for it too: its bound is the outsider's;
    //   - where any table known to satisfy every published cell (an optimum found for another
    //     cell or attacker) keeps within what it knows and reaches as far as the protection asks,
    //     the insider cannot rule that table out, so its interval reaches that far: the check
    //     passes on that side whatever the exact bound (it is solved only if a finding needs it);
    //   - otherwise its LP is the outsider's with its atom's bounds changed: dual simplex from the
    //     outsider's optimal basis (still dual feasible) re-solves it in a few pivots.
    const boundsOf = new Map(insiders.map((u) => [u, atomBounds(model, u)]));
    const solveInsider = (i: number, sense: "min" | "max", unit: number): number => {
      const cols = columnsOf(model, sensitive[i].cell);
      const atom = model.unitAtom[unit];
      lp.setObjective(cols, cols.map(() => 1));
      lp.restoreBasis(bases[2 * i + (sense === "min" ? 0 : 1)]);
      setAtom(lp, atom, boundsOf.get(unit) as Bounds);
      const r = lp.optimise(sense, "dual");
      report.solves++;
      setAtom(lp, atom, outsider);
      if (!r) throw new Error(`audit ${model.family.id}: the published values admit no table`);
      if (Number.isFinite(r.value)) pool.add(r.solution);
      return r.value;
    };
    const insiderRanges = sensitive.map(({ cell, protection }, i) => {
      const cols = columnsOf(model, cell);
      const out = new Map<number, { interval: [number, number]; exact: [boolean, boolean] }>();
      for (const unit of [...perCell[i]].sort((x, y) => x - y)) {
        const b = boundsOf.get(unit) as Bounds;
        const apriori = boundSums(cell, b);
        const interval: [number, number] = [outsiderRuns[i].min.value, outsiderRuns[i].max.value];
        const exact: [boolean, boolean] = [true, true];
        (["min", "max"] as const).forEach((sense, side) => {
          const run = outsiderRuns[i][sense];
          if (Number.isFinite(run.value) ? pool.fits(unit, b, run.solution) : pool.sameBounds(unit, b, outsider)) return;
          const goal = sense === "min" ? Math.max(apriori[0], cell.value - protection.lower) : Math.min(apriori[1], cell.value + protection.upper);
          const reached = pool.reaching(unit, b, cols, sense, goal);
          if (reached !== undefined) {
            interval[side] = reached;
            exact[side] = false;
          } else interval[side] = solveInsider(i, sense, unit);
        });
        out.set(unit, { interval, exact });
      }
      return out;
    });
    sensitive.forEach(({ cell, protection }, i) => check({ kind: "outsider" }, -1, outsider, cell, protection, [outsiderRuns[i].min.value, outsiderRuns[i].max.value]));
    for (const unit of insiders) {
      const attacker: Attacker = { kind: "insider", unit: model.unitIds[unit] };
      const bounds = boundsOf.get(unit) as Bounds;
      sensitive.forEach(({ cell, protection }, i) => {
        const r = insiderRanges[i].get(unit);
        if (!r) return;
        // A side known only to reach far enough is solved exactly before a finding reports it.
        const exact = (): [number, number] => [r.exact[0] ? r.interval[0] : solveInsider(i, "min", unit), r.exact[1] ? r.interval[1] : solveInsider(i, "max", unit)];
        check(attacker, model.unitAtom[unit], bounds, cell, protection, r.interval, exact);
      });
    }
  } finally {
    lp.dispose();
    prior?.dispose();
  }
  return report;
}
