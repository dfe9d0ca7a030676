/**
 * The linked model of a round's published statistics, the common ground of protection and audit.
 *
 * Every published number of a round is a sum, over the responding organisations of one segment
 * (the whole round, an SNI section or division, a county or municipality, a size class) at one
 * release, of one quantity that each organisation contributes: a count (1 if it chose an answer),
 * a magnitude (its planned hires) or a score (its Likert answer). Shares, means and rates are
 * ratios of two such sums whose n is published beside them, so publishing one publishes both.
 *
 * Quantities that are tied per organisation (the levels of a need cell add up to the
 * organisations answering it) form a *family*; families share nothing but the respondents, so
 * each family is protected and audited on its own.
 *
 * Attacker model (conservative): the attacker knows the frame and who responded, with each
 * respondent's segments and the release it first counted in; so it knows which combinations of
 * segments hold respondents (an empty cell protects nothing) and how many. Organisations with the
 * same segments that first counted in the same release are indistinguishable in every published
 * number: they form one *atom*, and the model's unknowns are the atoms' sums of each quantity.
 * Every cell of every table of every release, and every difference between two releases, is the
 * sum of a set of atoms.
 */

export type QuantityKind = "count" | "magnitude" | "score";

export type QuantitySpec = {
  key: string;
  /** count: 0 or 1 per organisation; magnitude: >= 0, unbounded; score: within [min, max] per answering organisation. */
  kind: QuantityKind;
  /** The p% dominance rule applies (magnitudes such as planned hires). */
  dominance?: boolean;
  /**
   * Who took part, not what anyone answered (a programme's matched pairs: who answered the
   * baseline as well, which the attacker is taken to know per unit): never sensitive itself,
   * while its published values still bind the rest of the family.
   */
  participation?: boolean;
  score?: { min: number; max: number };
};

export type FamilySpec = {
  id: string;
  /** Quantities after the family's n (the organisations answering), which is quantity 0. */
  quantities: QuantitySpec[];
  /** Every respondent answers (a required question): n per atom is the known respondent count. */
  nKnown: boolean;
  /**
   * The attacker is taken to know each atom's n anyway (it is published through another family,
   * e.g. the organisations with a need behind the ways of meeting it): conservative, and it keeps
   * the families apart.
   */
  nAssumedKnown?: boolean;
  /**
   * false: the segments are the units' own private attributes (a person's gender and age band),
   * so the attacker does not know how many respondents each combination holds, only how many
   * responded by each release. Default true: registry attributes (industry, place, size).
   */
  segmentsPublic?: boolean;
  /**
   * Linear rows that hold for every organisation, hence for every atom: lower <= sum of
   * coefficient * quantity <= upper (coefficients by quantity index, n = 0).
   */
  rows: FamilyRow[];
  /** The organisation's contributions, n first (1), or null when it did not answer the family. */
  extract: (values: Readonly<Record<string, number>>) => number[] | null;
};

export type FamilyRow = { coeffs: Record<number, number>; lower: number; upper: number };

export type Unit = {
  id: string;
  /** Segment ids the organisation belongs to, e.g. "all", "section:C", "division:25". */
  segments: readonly string[];
  /** Index of the first release that counts it. */
  arrival: number;
  values: Readonly<Record<string, number>>;
};

export type CellKind = "table" | "difference";

export type ModelCell = {
  /** `${release}|${quantity key}|${segment}`, or `${release}-${release - 1}|...` for a difference. */
  key: string;
  kind: CellKind;
  release: number;
  quantity: number;
  segment: string;
  /** Atom indices (columns of one quantity). */
  atoms: number[];
  value: number;
  /** Contributions of the organisations in the cell (non-zero ones for counts and magnitudes). */
  contributions: number[];
  /** Organisations answering the family in the cell (the cell's n). */
  n: number;
};

export type Atom = { segments: readonly string[]; arrival: number; units: number[] };

export type FamilyModel = {
  family: FamilySpec;
  quantities: QuantitySpec[];
  atoms: Atom[];
  /** True atom sums, [quantity][atom]. */
  truth: number[][];
  /**
   * What the attacker knows of the atom's respondents (all of them, not only those answering the
   * family): their number, or with private segments the number of all respondents by its release.
   */
  respondents: number[];
  /** Per unit index (into `unitIds`): its contributions, or null. */
  contributions: (number[] | null)[];
  unitIds: string[];
  unitAtom: number[];
  cells: ModelCell[];
  cellByKey: Map<string, ModelCell>;
  releases: number;
  /** The family says every respondent answers, and the data agree. */
  nKnown: boolean;
};

export const N_QUANTITY: QuantitySpec = { key: "n", kind: "count" };

export const cellKey = (release: number, quantity: string, segment: string) => `${release}|${quantity}|${segment}`;
export const differenceKey = (release: number, quantity: string, segment: string) => `${release}-${release - 1}|${quantity}|${segment}`;

/**
 * Builds a family's model over releases 0..releases-1. Table cells exist for every segment that
 * holds at least one organisation answering the family at that release; a difference cell for
 * every segment and release > 0 that gained such organisations since the release before and was
 * not empty before (an empty earlier cell makes the difference equal the table cell).
 */
export function buildFamilyModel(family: FamilySpec, units: readonly Unit[], releases: number): FamilyModel {
  const quantities = [N_QUANTITY, ...family.quantities];
  const Q = quantities.length;
  const atomIndex = new Map<string, number>();
  const atoms: Atom[] = [];
  const respondentsByAtomKey = new Map<string, number>();
  const atomKeyOf = (u: Unit) => `${u.arrival}#${u.segments.join("#")}`;
  for (const u of units) if (u.arrival < releases) respondentsByAtomKey.set(atomKeyOf(u), (respondentsByAtomKey.get(atomKeyOf(u)) ?? 0) + 1);

  const contributions: (number[] | null)[] = [];
  const unitAtom: number[] = [];
  const unitIds: string[] = [];
  for (const u of units) {
    if (u.arrival >= releases) continue;
    const c = family.extract(u.values);
    const i = unitIds.length;
    unitIds.push(u.id);
    contributions.push(c);
    if (!c) {
      unitAtom.push(-1);
      continue;
    }
    if (c.length !== Q) throw new Error(`family ${family.id}: ${c.length} contributions for ${Q} quantities`);
    const key = atomKeyOf(u);
    let a = atomIndex.get(key);
    if (a === undefined) {
      a = atoms.length;
      atomIndex.set(key, a);
      atoms.push({ segments: u.segments, arrival: u.arrival, units: [] });
    }
    atoms[a].units.push(i);
    unitAtom.push(a);
  }
  const A = atoms.length;
  const truth = Array.from({ length: Q }, () => new Array<number>(A).fill(0));
  for (let i = 0; i < unitIds.length; i++) {
    const c = contributions[i];
    if (!c) continue;
    for (let q = 0; q < Q; q++) truth[q][unitAtom[i]] += c[q];
  }
  const respondedBy = (r: number) => units.filter((u) => u.arrival <= r).length;
  const respondents = atoms.map((a) =>
    family.segmentsPublic === false ? respondedBy(a.arrival) : (respondentsByAtomKey.get(`${a.arrival}#${a.segments.join("#")}`) ?? 0),
  );
  // A family that claims every respondent answers but has an atom where some did not is one whose n is not known.
  const nKnown = family.nKnown && family.segmentsPublic !== false && atoms.every((a, i) => a.units.length === respondents[i]);

  // Atoms by segment, in arrival order.
  const bySegment = new Map<string, number[]>();
  for (let a = 0; a < A; a++)
    for (const s of atoms[a].segments) {
      let list = bySegment.get(s);
      if (!list) bySegment.set(s, (list = []));
      list.push(a);
    }

  const cells: ModelCell[] = [];
  const makeCell = (kind: CellKind, release: number, q: number, segment: string, atomList: number[]): ModelCell => {
    const members = atomList.flatMap((a) => atoms[a].units);
    const values = members.map((i) => (contributions[i] as number[])[q]);
    return {
      key: kind === "table" ? cellKey(release, quantities[q].key, segment) : differenceKey(release, quantities[q].key, segment),
      kind,
      release,
      quantity: q,
      segment,
      atoms: atomList,
      value: values.reduce((s, v) => s + v, 0),
      contributions: values.filter((v) => v !== 0).sort((x, y) => y - x),
      n: members.length,
    };
  };
  const segments = [...bySegment.keys()].sort();
  for (let r = 0; r < releases; r++)
    for (const s of segments) {
      const upTo = (bySegment.get(s) as number[]).filter((a) => atoms[a].arrival <= r);
      if (upTo.length === 0) continue;
      for (let q = 0; q < Q; q++) cells.push(makeCell("table", r, q, s, upTo));
      if (r === 0) continue;
      const before = upTo.filter((a) => atoms[a].arrival < r);
      const fresh = upTo.filter((a) => atoms[a].arrival === r);
      if (before.length === 0 || fresh.length === 0) continue;
      for (let q = 0; q < Q; q++) cells.push(makeCell("difference", r, q, s, fresh));
    }
  return {
    family,
    quantities,
    atoms,
    truth,
    respondents,
    contributions,
    unitIds,
    unitAtom,
    cells,
    cellByKey: new Map(cells.map((c) => [c.key, c])),
    releases,
    nKnown,
  };
}

export type Bounds = { lower: number[][]; upper: number[][] };

/** Whether the attacker knows every atom's n exactly. */
const nFixed = (model: FamilyModel) => model.nKnown || model.family.nAssumedKnown === true;

/**
 * What the attacker knows of each atom before any table: n within [1, respondents] (exactly the
 * respondents when every respondent answers), counts within [0, respondents], magnitudes and
 * scores >= 0. An insider also knows its own contributions: its atom's bounds shift by them, and
 * its own n and counts leave one organisation fewer unknown.
 */
export function atomBounds(model: FamilyModel, insider?: number): Bounds {
  const Q = model.quantities.length;
  const A = model.atoms.length;
  const lower = Array.from({ length: Q }, () => new Array<number>(A).fill(0));
  const upper = Array.from({ length: Q }, () => new Array<number>(A).fill(Infinity));
  for (let a = 0; a < A; a++) {
    const r = model.respondents[a];
    const answering = model.family.nAssumedKnown ? model.truth[0][a] : undefined;
    // With private segments the attacker does not know which combinations exist: an atom may be
    // empty as far as it knows, while each listed row holds at least one (listedLower).
    lower[0][a] = answering ?? (model.nKnown ? r : model.family.segmentsPublic === false ? 0 : 1);
    upper[0][a] = answering ?? r;
    // Where n is known, "a count is at most n" is a bound, not a row (atomRows).
    for (let q = 1; q < Q; q++) if (model.quantities[q].kind === "count") upper[q][a] = nFixed(model) ? upper[0][a] : r;
  }
  if (insider !== undefined) {
    const own = model.contributions[insider];
    const a = model.unitAtom[insider];
    if (own && a >= 0) {
      const r = model.respondents[a];
      for (let q = 0; q < Q; q++) {
        const kind = model.quantities[q].kind;
        if (q === 0) continue;
        lower[q][a] = own[q];
        if (kind === "count") upper[q][a] = (nFixed(model) ? upper[0][a] : r) - 1 + own[q];
      }
    }
  }
  return { lower, upper };
}

/**
 * Linear rows that hold for every atom: the family's own rows, each count at most n, each score
 * between min and max times n. Coefficients by quantity index.
 */
export function atomRows(model: FamilyModel): FamilyRow[] {
  const rows: FamilyRow[] = [...model.family.rows];
  model.quantities.forEach((q, i) => {
    if (i === 0) return;
    if (q.kind === "count" && !nFixed(model)) rows.push({ coeffs: { [i]: 1, 0: -1 }, lower: -Infinity, upper: 0 });
    if (q.kind === "score" && q.score) {
      rows.push({ coeffs: { [i]: 1, 0: -q.score.min }, lower: 0, upper: Infinity });
      rows.push({ coeffs: { [i]: 1, 0: -q.score.max }, lower: -Infinity, upper: 0 });
    }
  });
  return rows;
}

/**
 * The least a table cell's sum can be, known from the table alone: a published table lists every
 * segment with someone answering, so with private segments a listed row's n is at least 1 even
 * where it is suppressed. -Infinity where nothing is known beyond the atom bounds.
 */
export function listedLower(model: FamilyModel, cell: ModelCell): number {
  return model.family.segmentsPublic === false && cell.kind === "table" && cell.quantity === 0 ? 1 : -Infinity;
}

/** Which breakdown a segment's parent is in: a division lies in a section, a municipality in a county, the rest in the whole round. */
const PARENT_DIMENSION: Record<string, string> = { industry: "section", section: "all", municipality: "county", county: "all", size: "all" };

/** Each segment's parent segment: a division's section, a municipality's county, "all" for the rest. */
export function segmentParents(model: FamilyModel): Map<string, string> {
  const parent = new Map<string, string>();
  for (const atom of model.atoms)
    for (const s of atom.segments) {
      if (s === "all" || parent.has(s)) continue;
      const dim = PARENT_DIMENSION[s.split(":")[0]] ?? "all";
      parent.set(s, dim === "all" ? "all" : (atom.segments.find((x) => x.startsWith(`${dim}:`)) ?? "all"));
    }
  return parent;
}

