import { atomBounds, segmentParents, type Bounds, type FamilyModel, type ModelCell } from "./linked-model";
import { solver } from "./linear-program";
import { AtomPrior } from "./atom-prior";
import { columnsOf, knownRowList } from "./model-rows";
import { isProtected, protectionOf, type DisclosureRules, type Protection } from "./rules";
import { boundSums, TablePool } from "./audit-tables";
import { ReducedProgram } from "./reduced-program";

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
 *
 * Fewer and smaller solves, each giving the verdict the full LP would: the LP is kept as its
 * exact reduction, solved component by component (reduced-program.ts); a-priori intervals atom
 * by atom (atom-prior.ts); a side of an interval that a known table of the LP already takes as
 * far as the protection asks needs no solve (audit-tables.ts: the optimum is at least as far),
 * and is solved only when a finding reports it.
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
 * release, of any quantity of the family, in any segment of its own breakdown and of its
 * ancestors' breakdowns (the segments a published parent or the whole round ties it to), so that no organisation can read another's cell off a parent minus
 * its own, nor off the family's other quantities where it knows its own answer (the level it did
 * not choose: a company reading its feedback, test/integration/feedback.test.ts). Other
 * combinations an insider could use are left to the outsider's check: a deliberate bound on the
 * number of solves (DESIGN.md, budgets), noted in docs/disclosure-control.md.
 */
export function insidersOf(model: FamilyModel, sensitive: Sensitive[], k: number): Set<number>[] {
  const bySegment = new Map<string, Set<number>>();
  const key = (c: ModelCell, segment: string) => `${c.kind}|${c.release}|${segment}`;
  for (const s of sensitive) {
    const k2 = key(s.cell, s.cell.segment);
    let set = bySegment.get(k2);
    if (!set) bySegment.set(k2, (set = new Set()));
    for (const i of membersOf(model, s, k)) set.add(i);
  }
  const parents = segmentParents(model);
  // Every segment of the cell's breakdown and of its ancestors' breakdowns: an organisation alone
  // in a division of another section reads its section off the whole round (knowing its own
  // answer), then this section's division off that (test/unit/consortium-merge.test.ts found it).
  const dimensionOf = (segment: string) => segment.slice(0, Math.max(0, segment.lastIndexOf(":")));
  const byDimension = new Map<string, string[]>();
  for (const s of new Set(sensitive.map((x) => x.cell.segment))) {
    const d = dimensionOf(s);
    byDimension.set(d, [...(byDimension.get(d) ?? []), s]);
  }
  const reach = new Map<string, Set<string>>();
  const reachOf = (segment: string): Set<string> => {
    let out = reach.get(segment);
    if (out) return out;
    out = new Set<string>([segment]);
    for (let s: string | undefined = segment; s !== undefined; s = s === "all" ? undefined : (parents.get(s) ?? "all"))
      for (const x of byDimension.get(dimensionOf(s)) ?? [s]) out.add(x);
    reach.set(segment, out);
    return out;
  };
  return sensitive.map(({ cell }) => {
    const out = new Set<number>();
    for (const s of reachOf(cell.segment)) for (const i of bySegment.get(key(cell, s)) ?? []) out.add(i);
    return out;
  });
}

/**
 * `focus`: check only these cells against these attackers (the findings of an earlier audit of
 * the same model; sound because suppressing more only widens every interval). `known`: candidate
 * tables over the model's columns (e.g. protection's optimal tables), each used only once checked
 * to satisfy every published cell and atom row and bound (audit-tables.ts).
 */
export async function auditFamily(
  model: FamilyModel,
  published: ReadonlySet<string>,
  rules: DisclosureRules,
  focus?: readonly { cell: string; attacker: Attacker }[],
  known?: readonly ArrayLike<number>[],
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
  // The true table is a point of the LP (the published values are its sums).
  const lp = new ReducedProgram(highs, columns, flat(outsider.lower), flat(outsider.upper), rows, flat(model.truth));
  // What the attacker knows before any table, for cells whose interval falls short of the bound sums.
  let prior: AtomPrior | undefined;
  const perCell = insidersOf(model, sensitive, rules.k);
  const insiders = [...new Set(perCell.flatMap((set) => [...set]))].sort((x, y) => x - y);
  report.attackers = 1 + insiders.length;
  const setAtom = (target: { setColumnBounds: (c: number, lo: number, hi: number) => void }, atom: number, b: Bounds) => {
    for (let q = 0; q < Q; q++) target.setColumnBounds(q * A + atom, b.lower[q][atom], b.upper[q][atom]);
  };
  const check = (attacker: Attacker, atom: number, bounds: Bounds, cell: ModelCell, protection: Protection, interval: [number, number], exact?: () => [number, number]) => {
    let apriori = boundSums(cell, bounds);
    if (isProtected(interval, cell.value, apriori, protection)) return;
    prior ??= new AtomPrior(highs, model, outsider, published);
    const before = prior.solves;
    apriori = prior.range(cell, atom, bounds) ?? apriori;
    if (!isProtected(interval, cell.value, apriori, protection) && cell.kind === "table" && cell.release > 0) apriori = prior.beforeRelease(cell, atom, bounds) ?? apriori;
    report.solves += prior.solves - before;
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
    // Tables the pool holds stand in for solves where they reach far enough (audit-tables.ts);
    // where a side is settled that way and a finding needs the exact bound, it is solved then.
    const pool = new TablePool(model, rows, outsider);
    for (const t of known ?? []) pool.offer(t);
    const boundsOf = new Map(insiders.map((u) => [u, atomBounds(model, u)]));
    const goalOf = (s: Sensitive, b: Bounds, sense: "min" | "max") => {
      const apriori = boundSums(s.cell, b);
      return sense === "min" ? Math.max(apriori[0], s.cell.value - s.protection.lower) : Math.min(apriori[1], s.cell.value + s.protection.upper);
    };
    // The outsider's optimum per cell and side, solved when first needed, with the basis that attains it.
    const optima = new Map<string, { value: number; solution: Float64Array; basis: ReturnType<ReducedProgram["basis"]> }>();
    const solveOutsider = (i: number, sense: "min" | "max") => {
      const key = `${i}|${sense}`;
      let o = optima.get(key);
      if (o) return o;
      const cols = columnsOf(model, sensitive[i].cell);
      lp.setObjective(cols, cols.map(() => 1));
      const r = lp.optimise(sense);
      report.solves++;
      if (!r) throw new Error(`audit ${model.family.id}: the published values admit no table`);
      if (Number.isFinite(r.value)) pool.add(r.solution);
      optima.set(key, (o = { ...r, basis: lp.basis() }));
      return o;
    };
    // An insider knows more than the outsider only of its own atom: where the outsider's optimal
    // table (if solved already) keeps within what it knows there, that table is optimal for it
    // too. Otherwise its LP is the outsider's with its atom's bounds changed: from the outsider's
    // optimal basis (still dual feasible) dual simplex needs a few pivots; with no outsider's
    // optimum at hand, solving the insider's LP directly is one solve instead of two.
    const solveInsider = (i: number, sense: "min" | "max", unit: number): number => {
      const o = optima.get(`${i}|${sense}`);
      const b = boundsOf.get(unit) as Bounds;
      if (o && (Number.isFinite(o.value) ? pool.fits(unit, b, o.solution) : pool.sameBounds(unit, b))) return o.value;
      const cols = columnsOf(model, sensitive[i].cell);
      const atom = model.unitAtom[unit];
      lp.setObjective(cols, cols.map(() => 1));
      if (o) lp.restoreBasis(o.basis);
      setAtom(lp, atom, b);
      const r = lp.optimise(sense, o ? "dual" : "primal");
      report.solves++;
      setAtom(lp, atom, outsider);
      if (!r) throw new Error(`audit ${model.family.id}: the published values admit no table`);
      if (Number.isFinite(r.value)) pool.add(r.solution);
      return r.value;
    };
    type Side = { value: number; exact: boolean };
    const SIDES = ["min", "max"] as const;
    /** One side of an attacker's interval without a solve, if the optima and tables at hand settle it. */
    const settle = (i: number, sense: "min" | "max", unit: number): Side | undefined => {
      const b = unit >= 0 ? (boundsOf.get(unit) as Bounds) : outsider;
      const solved = optima.get(`${i}|${sense}`);
      if (solved && unit < 0) return { value: solved.value, exact: true };
      if (solved && (Number.isFinite(solved.value) ? pool.fits(unit, b, solved.solution) : pool.sameBounds(unit, b))) return { value: solved.value, exact: true };
      const reached = pool.reaching(unit, b, columnsOf(model, sensitive[i].cell), sense, goalOf(sensitive[i], b, sense), 1e-6);
      return reached === undefined ? undefined : { value: reached, exact: false };
    };
    /** One side of an attacker's interval: exact, or a table's sum that reaches the goal. */
    const side = (i: number, sense: "min" | "max", unit: number): Side =>
      settle(i, sense, unit) ?? { value: unit < 0 ? solveOutsider(i, sense).value : solveInsider(i, sense, unit), exact: true };
    const outsiderSides = sensitive.map((_, i) => SIDES.map((sense) => side(i, sense, -1)));
    // Before an insider's cells are solved one by one: one table within its knowledge that pushes
    // all its unsettled cells one way at once, which often settles most of them (as any table).
    const cellsOf = new Map<number, number[]>();
    perCell.forEach((units, i) => units.forEach((u) => cellsOf.set(u, [...(cellsOf.get(u) ?? []), i])));
    for (const unit of insiders)
      for (const sense of SIDES) {
        const open = (cellsOf.get(unit) ?? []).filter((i) => !settle(i, sense, unit));
        if (open.length < 2) continue;
        const cols = open.flatMap((i) => columnsOf(model, sensitive[i].cell));
        const atom = model.unitAtom[unit];
        lp.setObjective(cols, cols.map(() => 1));
        setAtom(lp, atom, boundsOf.get(unit) as Bounds);
        const r = lp.optimise(sense);
        report.solves++;
        setAtom(lp, atom, outsider);
        if (r && Number.isFinite(r.value)) pool.add(r.solution);
      }
    const exactly = (i: number, unit: number, sides: Side[]): [number, number] =>
      [0, 1].map((k) => (sides[k].exact ? sides[k].value : unit < 0 ? solveOutsider(i, SIDES[k]).value : solveInsider(i, SIDES[k], unit))) as [number, number];
    const results = sensitive.map((_, i) => {
      const out = new Map<number, Side[]>([[-1, outsiderSides[i]]]);
      for (const unit of [...perCell[i]].sort((x, y) => x - y)) out.set(unit, SIDES.map((sense) => side(i, sense, unit)));
      return out;
    });
    const verdict = (i: number, unit: number, attacker: Attacker) => {
      const sides = results[i].get(unit) as Side[];
      const b = unit >= 0 ? (boundsOf.get(unit) as Bounds) : outsider;
      const { cell, protection } = sensitive[i];
      check(attacker, unit >= 0 ? model.unitAtom[unit] : -1, b, cell, protection, [sides[0].value, sides[1].value], () => exactly(i, unit, sides));
    };
    sensitive.forEach((_, i) => verdict(i, -1, { kind: "outsider" }));
    for (const unit of insiders) {
      const attacker: Attacker = { kind: "insider", unit: model.unitIds[unit] };
      sensitive.forEach((_, i) => {
        if (results[i].has(unit)) verdict(i, unit, attacker);
      });
    }
  } finally {
    lp.dispose();
    prior?.dispose();
  }
  return report;
}
