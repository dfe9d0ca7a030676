import type { Instrument } from "../schemas/instrument";
import type { FamilyRow, FamilySpec, QuantitySpec } from "../disclosure/linked-model";
import { segmentsOf, type Counters } from "./contributions";

/**
 * The families of quantities a skills-needs release publishes (linked-model.ts), from the
 * instrument and the occupations reported. Quantity keys are the contribution counters'
 * (contributions.ts); a family's n is quantity 0.
 *
 *   responses                    n = responding organisations (published as they are)
 *   lk|<q>                       a Likert statement's sum, n = answering
 *   need|<q>|<area>|<horizon>    organisations per level; n = answering the cell
 *   needm|<q>|<area>|<horizon>   organisations per way of meeting the need and the people needed
 *                                (a magnitude); n = organisations with a need
 *   occ|<ssyk>                   expected change (counts); n = organisations reporting the occupation
 *   occ|<ssyk>|diff, |edu        difficulty, education level (counts), n as above, taken as known
 *   occ|<ssyk>|<hires12m|hires1to3y|sought|hired>   a magnitude (p% rule), n as above, taken as known
 *   version 2's occupation fields, where the question asks them, n as above, taken as known:
 *   occ|<ssyk>|chg3y, |field, |exp   staff change in three years, field of education, new
 *                                    graduates or experienced (counts, one answer each)
 *   occ|<ssyk>|cert                  certificates required (counts, any number of them)
 *   occ|<ssyk>|<retire3y|women|men>  a magnitude (p% rule)
 *   opt|<q>|<option>             organisations choosing the option; n = responding organisations
 */
export const RESPONSES_FAMILY = "responses";

const get = (c: Readonly<Counters>, key: string) => c[key] ?? 0;
const count = (key: string): QuantitySpec => ({ key, kind: "count" });
const magnitude = (key: string): QuantitySpec => ({ key, kind: "magnitude", dominance: true });

/** A family whose quantities are read straight from the counters; n is `answered(c)`. */
function family(id: string, nKnown: boolean, quantities: QuantitySpec[], rows: FamilyRow[], answered: (c: Readonly<Counters>) => boolean): FamilySpec {
  return {
    id,
    nKnown,
    quantities,
    rows,
    extract: (c) => (answered(c) ? [1, ...quantities.map((q) => get(c, q.key))] : null),
  };
}

/** Each organisation gives at most one of quantities 1..count (one answer of a group). */
function atMostOneEach(count: number): FamilyRow {
  const coeffs: Record<number, number> = { 0: -1 };
  for (let i = 1; i <= count; i++) coeffs[i] = 1;
  return { coeffs, lower: -Infinity, upper: 0 };
}

export function releaseFamilies(instrument: Instrument, occupationCodes: readonly string[]): FamilySpec[] {
  const questions = instrument.blocks.flatMap((b) => b.questions);
  // Who responded is what the attacker is assumed to know (linked-model.ts): the counts need no protection.
  const out: FamilySpec[] = [family(RESPONSES_FAMILY, true, [], [], () => true)];

  // One family per statement. Maturity is not a quantity of its own: an organisation's maturity is
  // the mean of its statements, so the table shows it only where every statement it averages is
  // published (release-tables.ts), and it tells nothing they do not.
  for (const q of questions) {
    if (q.type !== "likert") continue;
    const score: QuantitySpec = { key: `lk|${q.id}|sum`, kind: "score", score: { min: 1, max: q.scale } };
    out.push(family(`lk|${q.id}`, q.required, [score], [], (c) => get(c, `lk|${q.id}|n`) > 0));
  }

  for (const q of questions) {
    if (q.type !== "needMatrix") continue;
    for (const area of q.areas)
      for (const horizon of q.horizons) {
        const at = `${q.id}|${area.value}|${horizon.value}`;
        const levels = q.levels.map((l) => count(`need|${at}|${l.value}`));
        const levelsSum: Record<number, number> = { 0: -1 };
        levels.forEach((_, i) => (levelsSum[1 + i] = 1));
        out.push(family(`need|${at}`, q.required, levels, [{ coeffs: levelsSum, lower: 0, upper: 0 }], (c) => levels.some((l) => get(c, l.key) > 0)));
        // How the need will be met and for how many people, among the organisations with a need:
        // their own family, whose n (the levels' some + large) the attacker is taken to know.
        const needing = q.levels.filter((l) => l.value !== "none").map((l) => `need|${at}|${l.value}`);
        const methods = q.methods.map((m) => count(`needm|${at}|${m.value}`));
        const methodsRow: Record<number, number> = { 0: -1 };
        methods.forEach((_, i) => (methodsRow[1 + i] = 1));
        out.push({
          ...family(`needm|${at}`, false, [...methods, magnitude(`needp|${at}`)], [{ coeffs: methodsRow, lower: -Infinity, upper: 0 }], (c) => needing.some((k) => get(c, k) > 0)),
          nAssumedKnown: true,
        });
      }
  }

  const occupations = questions.find((q) => q.type === "occupations");
  if (occupations && occupations.type === "occupations")
    for (const code of occupationCodes) {
      const p = `occ|${code}`;
      const reports = (c: Readonly<Counters>) => get(c, `${p}|n`) > 0;
      // The organisations reporting the occupation, with their expected change: n is protected here.
      const changes = occupations.staffChanges.map((o) => count(`${p}|chg|${o.value}`));
      out.push(family(p, false, changes, [atMostOneEach(changes.length)], reports));
      // The other answers each in a family of its own, whose n (the same organisations) the
      // attacker is taken to know: conservative, and small models.
      const { staffChange3y, educationField, experience, certificates, retirements1to3y, workforce } = occupations;
      const choices = (group: string, options: readonly { value: string }[]) => options.map((o) => count(`${p}|${group}|${o.value}`));
      const groups: [string, QuantitySpec[]][] = [
        [`${p}|diff`, choices("diff", occupations.difficulties)],
        [`${p}|edu`, choices("edu", occupations.educationLevels)],
        ...(staffChange3y ? [[`${p}|chg3y`, choices("chg3y", occupations.staffChanges)] as [string, QuantitySpec[]]] : []),
        ...(educationField ? [[`${p}|field`, choices("field", educationField.options)] as [string, QuantitySpec[]]] : []),
        ...(experience ? [[`${p}|exp`, choices("exp", experience.options)] as [string, QuantitySpec[]]] : []),
      ];
      for (const [id, quantities] of groups) out.push({ ...family(id, false, quantities, [atMostOneEach(quantities.length)], reports), nAssumedKnown: true });
      // Any number of certificates: each is a count of its own, at most n, and no row ties them.
      if (certificates) out.push({ ...family(`${p}|cert`, false, choices("cert", certificates.options), [], reports), nAssumedKnown: true });
      const magnitudes = ["hires12m", "hires1to3y", "sought", "hired", ...(retirements1to3y ? ["retire3y"] : []), ...(workforce ? ["women", "men"] : [])];
      for (const m of magnitudes) out.push({ ...family(`${p}|${m}`, false, [magnitude(`${p}|${m}`)], [], reports), nAssumedKnown: true });
    }

  for (const q of questions) {
    if (q.type !== "multi") continue;
    // Each option on its own: choosing one says nothing of the others, and n is every respondent.
    for (const o of q.options) out.push(family(`opt|${q.id}|${o.value}`, true, [count(`opt|${q.id}|${o.value}`)], [], () => true));
  }
  return out;
}

/** The SSYK codes reported by any of the organisations, sorted. */
export function reportedOccupations(contributions: readonly Readonly<Counters>[]): string[] {
  const codes = new Set<string>();
  for (const c of contributions)
    for (const key of Object.keys(c)) {
      const m = /^occ\|(\d{4})\|n$/.exec(key);
      if (m && c[key] > 0) codes.add(m[1]);
    }
  return [...codes].sort();
}

/** An organisation's segment ids in a release's model: "all", "industry:25", "section:C", "municipality:0580", "county:05", "size:10-49". */
export function unitSegments(org: { sni: string; municipality: string; sizeClass: string }): string[] {
  return segmentsOf(org).map((s) => (s.dimension === "all" ? "all" : `${s.dimension}:${s.value}`));
}
