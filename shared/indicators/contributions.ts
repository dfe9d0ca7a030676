import type { Answers, Instrument, NeedCell, OccupationRow } from "../schemas/instrument";
import { countyOf, sniDivision } from "../classifications/codes";
import { sniSection } from "../classifications/nace";

/**
 * The counters one submitted response adds to every aggregate item it belongs to (see
 * segmentsOf). The caller adds `submitted: 1` beside them. Keys, `|`-separated:
 *
 *   lk|<qid>|sum, lk|<qid>|n                     likert: sum of the answers, number answering
 *   opt|<qid>|<value>                            single and multi: 1 per chosen option
 *   num|<qid>|sum, num|<qid>|n                   number
 *   need|<qid>|<area>|<horizon>|<level>          need matrix: 1 for the chosen level
 *   needm|<qid>|<area>|<horizon>|<method>        1 for the method (only when level != none)
 *   needp|<qid>|<area>|<horizon>                 people (only when level != none)
 *   occ|<ssyk>|n                                 1 per occupation reported (the contributors)
 *   occ|<ssyk>|hires12m, occ|<ssyk>|hires1to3y   planned hires
 *   occ|<ssyk>|sought, occ|<ssyk>|hired          people sought and hired in the last 12 months
 *   occ|<ssyk>|chg|<more|same|fewer>             1 for the expected staff change
 *   occ|<ssyk>|diff|<level>                      1 for the recruitment difficulty
 *   occ|<ssyk>|edu|<level>                       1 for the required education level
 *   version 2's occupation fields (only where the question asks them):
 *   occ|<ssyk>|chg3y|<more|same|fewer>           1 for the expected staff change in three years
 *   occ|<ssyk>|field|<SUN field>                 1 for the field of education
 *   occ|<ssyk>|exp|<option>                      1 for new graduates, experienced or either
 *   occ|<ssyk>|cert|<option>                     1 per certificate or licence required
 *   occ|<ssyk>|retire3y                          people retiring in 1-3 years
 *   occ|<ssyk>|women, occ|<ssyk>|men             people employed in the occupation now
 *   mat|sum, mat|n                               strategic maturity: mat|sum is the organisation's
 *                                                mean of the maturity questions it answered, times
 *                                                1000, rounded; mat|n is 1 if it answered any.
 *                                                The aggregate mean is mat|sum / mat|n / 1000.
 *
 * Every counter is an integer, so aggregates can be kept with DynamoDB ADD. Counters that would be
 * 0 are left out (an absent counter reads as 0). Text answers add nothing. Rows of the occupation
 * question with the same SSYK code (the submit schema forbids them) count as one organisation:
 * the sums are added, the first row's categories kept.
 */
export type Counters = Record<string, number>;

const add = (c: Counters, key: string, v: number) => {
  if (v !== 0 && Number.isFinite(v)) c[key] = (c[key] ?? 0) + v;
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

export const MATURITY_SCALE = 1000;

export function contributions(instrument: Instrument, answers: Answers): Counters {
  const c: Counters = {};
  const maturity: number[] = [];
  const maturityIds = new Set(instrument.maturityQuestionIds);
  for (const block of instrument.blocks) {
    for (const q of block.questions) {
      const a = answers[q.id];
      if (a === undefined || a === null) continue;
      switch (q.type) {
        case "likert":
          if (typeof a === "number" && Number.isInteger(a) && a >= 1 && a <= q.scale) {
            add(c, `lk|${q.id}|sum`, a);
            add(c, `lk|${q.id}|n`, 1);
            if (maturityIds.has(q.id)) maturity.push(a);
          }
          break;
        case "number":
          if (typeof a === "number" && Number.isFinite(a)) {
            add(c, `num|${q.id}|sum`, a);
            add(c, `num|${q.id}|n`, 1);
          }
          break;
        case "single":
          if (typeof a === "string" && q.options.some((o) => o.value === a)) add(c, `opt|${q.id}|${a}`, 1);
          break;
        case "multi":
          if (Array.isArray(a))
            for (const v of new Set(a as unknown[]))
              if (typeof v === "string" && q.options.some((o) => o.value === v)) add(c, `opt|${q.id}|${v}`, 1);
          break;
        case "text":
          break;
        case "needMatrix": {
          if (!isObject(a)) break;
          for (const area of q.areas) {
            const byHorizon = a[area.value];
            if (!isObject(byHorizon)) continue;
            for (const horizon of q.horizons) {
              const cell = byHorizon[horizon.value] as NeedCell | undefined;
              if (!isObject(cell) || !q.levels.some((l) => l.value === cell.level)) continue;
              const at = `${q.id}|${area.value}|${horizon.value}`;
              add(c, `need|${at}|${cell.level}`, 1);
              if (cell.level === "none") continue;
              if (typeof cell.method === "string" && q.methods.some((m) => m.value === cell.method)) add(c, `needm|${at}|${cell.method}`, 1);
              if (isCount(cell.people)) add(c, `needp|${at}`, cell.people);
            }
          }
          break;
        }
        case "occupations": {
          if (!Array.isArray(a)) break;
          const seen = new Set<string>();
          for (const row of a as OccupationRow[]) {
            if (!isObject(row) || typeof row.ssyk !== "string" || !/^\d{4}$/.test(row.ssyk)) continue;
            const p = `occ|${row.ssyk}`;
            const first = !seen.has(row.ssyk);
            seen.add(row.ssyk);
            if (first) add(c, `${p}|n`, 1);
            if (isCount(row.hires12m)) add(c, `${p}|hires12m`, row.hires12m);
            if (isCount(row.hires1to3y)) add(c, `${p}|hires1to3y`, row.hires1to3y);
            if (isCount(row.sought12m)) add(c, `${p}|sought`, row.sought12m);
            if (isCount(row.hired12m)) add(c, `${p}|hired`, row.hired12m);
            if (q.retirements1to3y && isCount(row.retirements1to3y)) add(c, `${p}|retire3y`, row.retirements1to3y);
            if (q.workforce && isCount(row.women)) add(c, `${p}|women`, row.women);
            if (q.workforce && isCount(row.men)) add(c, `${p}|men`, row.men);
            if (!first) continue;
            if (q.staffChanges.some((o) => o.value === row.staffChange12m)) add(c, `${p}|chg|${row.staffChange12m}`, 1);
            if (q.difficulties.some((o) => o.value === row.difficulty)) add(c, `${p}|diff|${row.difficulty}`, 1);
            if (q.educationLevels.some((o) => o.value === row.educationLevel)) add(c, `${p}|edu|${row.educationLevel}`, 1);
            if (q.staffChange3y && q.staffChanges.some((o) => o.value === row.staffChange3y)) add(c, `${p}|chg3y|${row.staffChange3y}`, 1);
            if (q.educationField?.options.some((o) => o.value === row.educationField)) add(c, `${p}|field|${row.educationField}`, 1);
            if (q.experience?.options.some((o) => o.value === row.experience)) add(c, `${p}|exp|${row.experience}`, 1);
            if (q.certificates && Array.isArray(row.certificates))
              for (const v of new Set<unknown>(row.certificates))
                if (q.certificates.options.some((o) => o.value === v)) add(c, `${p}|cert|${v}`, 1);
          }
          break;
        }
      }
    }
  }
  if (maturity.length > 0) {
    add(c, "mat|sum", Math.round((maturity.reduce((s, v) => s + v, 0) / maturity.length) * MATURITY_SCALE));
    add(c, "mat|n", 1);
  }
  return c;
}

export type SegmentDimension = "all" | "industry" | "section" | "municipality" | "county" | "size";
export type Segment = { dimension: SegmentDimension; value: string };

/**
 * The aggregate items a response from this organisation adds to: all, SNI division, SNI section,
 * municipality, county and size class. A division outside the NACE ranges gets no section.
 */
export function segmentsOf(org: { sni: string; municipality: string; sizeClass: string }): Segment[] {
  const division = sniDivision(org.sni);
  const section = sniSection(division);
  const out: Segment[] = [
    { dimension: "all", value: "all" },
    { dimension: "industry", value: division },
  ];
  if (section) out.push({ dimension: "section", value: section });
  out.push(
    { dimension: "municipality", value: org.municipality },
    { dimension: "county", value: countyOf(org.municipality) },
    { dimension: "size", value: org.sizeClass },
  );
  return out;
}
