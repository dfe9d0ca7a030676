import type { FamilyModel, ModelCell } from "./linked-model";

/** The region's disclosure rules. */
export type DisclosureRules = {
  /** Frequency threshold: fewer than k organisations behind a cell make it sensitive. */
  k: number;
  /** The p% rule: no contributor may estimate another's value to within p % of it. */
  p: number;
  /** Protection of a frequency-sensitive cell: this share of its value, and never less than one. */
  frequencyShare: number;
};

export const DEFAULT_RULES: DisclosureRules = { k: 5, p: 10, frequencyShare: 0.2 };

/** How far below and above its value a sensitive cell's interval must reach. */
export type Protection = { lower: number; upper: number; rule: "frequency" | "dominance" };

/**
 * The protection a cell needs, or null when it is not sensitive.
 *
 * Frequency rule: a cell whose n (organisations answering the family in it) is 1..k-1 is
 * sensitive, all its quantities with it (a zero among two organisations discloses both), except
 * an n the attacker knows anyway (every respondent answers). A count from 1..k-1 organisations is
 * sensitive whatever its n. A participation count (linked-model.ts) is never sensitive itself. Protection: `frequencyShare` of the value, at least 1.
 *
 * p% rule (magnitudes marked `dominance`): with X the cell's total and x1 >= x2 its two largest
 * contributions, the second contributor's estimate X - x2 of x1 must be off by p % of x1:
 * sensitive when X - x1 - x2 < p/100 * x1, protection p/100 * x1 - (X - x1 - x2) each way, as in
 * tau-ARGUS. A single contributor (x2 = 0) is covered by the same formula.
 */
export function protectionOf(model: FamilyModel, cell: ModelCell, rules: DisclosureRules): Protection | null {
  const quantity = model.quantities[cell.quantity];
  const isN = cell.quantity === 0;
  let needed: Protection | null = null;
  const frequency = (): Protection => {
    const level = Math.max(rules.frequencyShare * Math.abs(cell.value), 1);
    return { lower: level, upper: level, rule: "frequency" };
  };
  if (isN) {
    if (!model.nKnown && !model.family.nAssumedKnown && cell.n > 0 && cell.n < rules.k) needed = frequency();
    return needed;
  }
  if (quantity.participation) return null;
  if (cell.n > 0 && cell.n < rules.k) needed = frequency();
  else if (quantity.kind === "count" && cell.value > 0 && cell.value < rules.k) needed = frequency();
  if (quantity.dominance && cell.value > 0) {
    const [x1 = 0, x2 = 0] = cell.contributions;
    const level = (rules.p / 100) * x1 - (cell.value - x1 - x2);
    if (level > 0 && (!needed || level > needed.upper)) needed = { lower: level, upper: level, rule: "dominance" };
  }
  return needed;
}

/**
 * Whether an interval [lo, hi] an attacker can derive protects a cell of true value x, given
 * what the attacker knew before any table ([aLo, aHi]): it must reach x - lower and x + upper, or
 * the a-priori bound where that is nearer.
 */
export function isProtected(interval: [number, number], x: number, apriori: [number, number], p: Protection, tolerance = 1e-6): boolean {
  const [lo, hi] = interval;
  const needLo = Math.max(apriori[0], x - p.lower);
  const needHi = Math.min(apriori[1], x + p.upper);
  return lo <= needLo + tolerance && hi >= needHi - tolerance;
}
