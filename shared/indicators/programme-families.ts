import type { FamilyRow, FamilySpec, QuantitySpec } from "../disclosure/linked-model";
import type { Answers, AnswerValue } from "../schemas/instrument";
import type { ProgrammePopulation, ProgrammeTarget } from "../schemas/programme";

/**
 * The families of quantities a programme report publishes (linked-model.ts), one per population
 * and question: every target on the question is in it, so the respondents, the matched pairs and
 * each target's counts are protected as one set, with the rows that tie them per unit.
 *
 * A unit (a person, or an organisation through its first respondent) contributes, for question q
 * and target t on it:
 *   n          1 when its follow-up answers q (a unit that does not is outside the family)
 *   matched|q  1 when its baseline answers q as well (only when the baseline asks q)
 *   meet|t     its follow-up answer meets t
 *   bmeet|t    matched, and its baseline answer meets t
 *   fmeet|t    matched, and its follow-up answer meets t
 */
export const programmeFamilyId = (population: ProgrammePopulation, questionId: string) => `${population}|${questionId}`;

export const quantityKey = {
  matched: (questionId: string) => `matched|${questionId}`,
  meeting: (targetId: string) => `meet|${targetId}`,
  baselineMeeting: (targetId: string) => `bmeet|${targetId}`,
  followUpMeeting: (targetId: string) => `fmeet|${targetId}`,
};
const answeredKey = (questionId: string) => `ans|${questionId}`;

/** Whether an answer meets the target's values; undefined when there is no answer. */
export function meetsTarget(answer: AnswerValue | undefined, values: readonly string[]): boolean | undefined {
  if (answer === undefined || answer === null || answer === "") return undefined;
  if (Array.isArray(answer)) return answer.length === 0 ? undefined : answer.some((v) => values.includes(String(v)));
  if (typeof answer === "number" || typeof answer === "string") return values.includes(String(answer));
  return undefined;
}

/** A unit's contributions to every family of its population. */
export function targetCounters(
  unit: { baseline?: Answers; followUp?: Answers },
  targets: readonly ProgrammeTarget[],
  comparable: (questionId: string) => boolean,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of targets) {
    const after = meetsTarget(unit.followUp?.[t.questionId], t.values);
    if (after === undefined) continue;
    out[answeredKey(t.questionId)] = 1;
    if (after) out[quantityKey.meeting(t.id)] = 1;
    if (!comparable(t.questionId)) continue;
    const before = meetsTarget(unit.baseline?.[t.questionId], t.values);
    if (before === undefined) continue;
    out[quantityKey.matched(t.questionId)] = 1;
    if (before) out[quantityKey.baselineMeeting(t.id)] = 1;
    if (after) out[quantityKey.followUpMeeting(t.id)] = 1;
  }
  return out;
}

const count = (key: string): QuantitySpec => ({ key, kind: "count" });
const atMost = (smaller: number, larger: number): FamilyRow => ({ coeffs: { [smaller]: 1, [larger]: -1 }, lower: -Infinity, upper: 0 });

/** Every value of `a` is one of `b`'s: whoever meets a meets b. */
const nested = (a: ProgrammeTarget, b: ProgrammeTarget) => a.values.every((v) => b.values.includes(v));

export function programmeFamilies(population: ProgrammePopulation, targets: readonly ProgrammeTarget[], comparable: (questionId: string) => boolean): FamilySpec[] {
  const ofPopulation = targets.filter((t) => t.population === population);
  const questions = [...new Set(ofPopulation.map((t) => t.questionId))];
  return questions.map((questionId) => {
    const onQuestion = ofPopulation.filter((t) => t.questionId === questionId);
    const withBaseline = comparable(questionId);
    const quantities: QuantitySpec[] = [];
    const index = new Map<string, number>();
    const add = (key: string, participation = false) => {
      quantities.push({ ...count(key), ...(participation ? { participation } : {}) });
      index.set(key, quantities.length); // n is quantity 0
    };
    // Who answered the baseline too is participation, which the attacker is taken to know (the
    // baseline's response rate is published live): never sensitive itself, it binds n and the rest.
    if (withBaseline) add(quantityKey.matched(questionId), true);
    for (const t of onQuestion) {
      add(quantityKey.meeting(t.id));
      if (withBaseline) {
        add(quantityKey.baselineMeeting(t.id));
        add(quantityKey.followUpMeeting(t.id));
      }
    }
    const at = (key: string) => index.get(key) as number;
    const rows: FamilyRow[] = [];
    if (withBaseline) {
      const matched = at(quantityKey.matched(questionId));
      for (const t of onQuestion) {
        const meet = at(quantityKey.meeting(t.id));
        const bmeet = at(quantityKey.baselineMeeting(t.id));
        const fmeet = at(quantityKey.followUpMeeting(t.id));
        rows.push(atMost(bmeet, matched), atMost(fmeet, matched), atMost(fmeet, meet));
        // Those meeting the target without a match are among the unmatched respondents.
        rows.push({ coeffs: { [meet]: 1, [fmeet]: -1, 0: -1, [matched]: 1 }, lower: -Infinity, upper: 0 });
      }
    }
    for (const a of onQuestion)
      for (const b of onQuestion) {
        if (a === b || !nested(a, b)) continue;
        rows.push(atMost(at(quantityKey.meeting(a.id)), at(quantityKey.meeting(b.id))));
        if (withBaseline) {
          rows.push(atMost(at(quantityKey.baselineMeeting(a.id)), at(quantityKey.baselineMeeting(b.id))));
          rows.push(atMost(at(quantityKey.followUpMeeting(a.id)), at(quantityKey.followUpMeeting(b.id))));
        }
      }
    const answered = answeredKey(questionId);
    return {
      id: programmeFamilyId(population, questionId),
      // A person's gender and age band are their own: how many respondents each group holds is
      // not known, and n is protected like any count. An organisation's size and industry are in
      // the register: who responded and where is known, and so is n where every one answered.
      nKnown: population === "organisations",
      segmentsPublic: population === "organisations",
      quantities,
      rows,
      extract: (c) => (c[answered] ? [1, ...quantities.map((q) => c[q.key] ?? 0)] : null),
    } satisfies FamilySpec;
  });
}
