import type { Cell } from "../schemas/api";
import type { Answers, AnswerValue } from "../schemas/instrument";
import type { ProgrammePopulation, ProgrammeTarget, TargetResult, TargetRow } from "../schemas/programme";
import { AGE_BANDS, GENDERS } from "../schemas/person";
import { suppress } from "../disclosure/suppress";
import { ageBandLabel } from "../instruments/programme-questions";

/**
 * A learning programme's targets from its baseline and follow-up, matched per participant (pure).
 *
 * Units of a target's population:
 *   professionals  every person of the cohort: their own baseline and follow-up response;
 *   organisations  every organisation of the cohort: its first submitted response (earliest
 *                  submittedAt, then lowest personId) of each measurement stands for it, and
 *                  the gender and age band of its follow-up respondent place it in a group.
 *
 * Per target and unit: the unit meets the target when its answer to `questionId` is one of
 * `values` (numbers compared as strings; a multi-choice answer meets it if any chosen value is one
 * of them); a unit without an answer is not counted. Respondents: units with a follow-up answer;
 * share = meeting / respondents; met = share >= the target share. Matched: units with both a
 * baseline and a follow-up answer (only when the baseline asks the question); baselineShare and
 * followUpShare are the shares meeting among the matched, change = followUpShare - baselineShare.
 *
 * Groups: gender and age band, taken from the follow-up answer, else the baseline answer, else
 * the person's registered attribute; "prefer-not-to-say" and none are the group "unknown". Rows are
 * listed in the order of the code lists (unknown last), only for groups with a respondent or a
 * matched unit.
 *
 * Disclosure control, per breakdown (gender, age band) and per count (respondents, matched): one
 * suppress() call on the one-column table of the groups' counts with the population's total, so
 * a group of 1..k-1 is suppressed (primary) and as many other groups or the total as needed so
 * that none can be recomputed from the total (secondary). Every value derived from a suppressed
 * count (share, met, change) is suppressed with it, never shown as zero. The total row is
 * suppressed when the whole population has 1..k-1 units.
 */
export type MeasuredParticipant = {
  personId: string;
  organisationId: string;
  /** Registered person attributes, used when the measurements do not say. */
  gender?: string;
  ageBand?: string;
  baseline?: { answers: Answers; submittedAt: string };
  followUp?: { answers: Answers; submittedAt: string };
};

export type ComputeTargetsInput = {
  targets: ProgrammeTarget[];
  participants: MeasuredParticipant[];
  k: number;
  /** Question ids of the baseline instrument (a target is comparable when its question is among them). */
  baselineQuestionIds: ReadonlySet<string>;
};

type Unit = { gender: string; ageBand: string; baseline?: Answers; followUp?: Answers };
type Dimension = "gender" | "ageBand";

export const GENDER_GROUPS = ["woman", "man", "non-binary", "unknown"] as const;
export const AGE_GROUPS = [...AGE_BANDS, "unknown"] as const;

const GENDER_LABELS: Record<string, { sv: string; en: string }> = {
  woman: { sv: "Kvinnor", en: "Women" },
  man: { sv: "Män", en: "Men" },
  "non-binary": { sv: "Icke-binära", en: "Non-binary" },
  unknown: { sv: "Uppgift saknas", en: "Not stated" },
};
const ALL_LABEL = { sv: "Alla", en: "All" };

export function groupLabel(dimension: Dimension, group: string): { sv: string; en: string } {
  if (group === "unknown") return GENDER_LABELS.unknown;
  return dimension === "gender" ? (GENDER_LABELS[group] ?? { sv: group, en: group }) : ageBandLabel(group);
}

/** The participant's group: follow-up answer, else baseline answer, else registered attribute; else "unknown". */
export function groupOf(p: Pick<MeasuredParticipant, "gender" | "ageBand" | "baseline" | "followUp">, dimension: Dimension): string {
  const known: readonly string[] = dimension === "gender" ? GENDERS.filter((g) => g !== "prefer-not-to-say") : AGE_BANDS;
  for (const candidate of [p.followUp?.answers[dimension], p.baseline?.answers[dimension], p[dimension]]) {
    if (typeof candidate !== "string") continue;
    return known.includes(candidate) ? candidate : "unknown"; // prefer-not-to-say is an answer: unknown
  }
  return "unknown";
}

/** Whether an answer meets the target; undefined when there is no answer. */
export function meetsTarget(answer: AnswerValue | undefined, values: readonly string[]): boolean | undefined {
  if (answer === undefined || answer === null || answer === "") return undefined;
  if (Array.isArray(answer)) return answer.length === 0 ? undefined : answer.some((v) => values.includes(String(v)));
  if (typeof answer === "number" || typeof answer === "string") return values.includes(String(answer));
  return undefined;
}

const byTime = (a: { submittedAt: string; personId: string }, b: { submittedAt: string; personId: string }) =>
  a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;

/** The units of a population (see the module comment). */
export function unitsOf(participants: MeasuredParticipant[], population: ProgrammePopulation): Unit[] {
  if (population === "professionals")
    return participants.map((p) => ({
      gender: groupOf(p, "gender"),
      ageBand: groupOf(p, "ageBand"),
      baseline: p.baseline?.answers,
      followUp: p.followUp?.answers,
    }));
  const byOrg = new Map<string, MeasuredParticipant[]>();
  for (const p of participants) byOrg.set(p.organisationId, [...(byOrg.get(p.organisationId) ?? []), p]);
  const units: Unit[] = [];
  for (const [, members] of [...byOrg.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = (m: "baseline" | "followUp") =>
      members
        .filter((p) => p[m])
        .map((p) => ({ p, submittedAt: p[m]!.submittedAt, personId: p.personId }))
        .sort(byTime)[0]?.p;
    const baseline = first("baseline");
    const followUp = first("followUp");
    const respondent = followUp ?? baseline ?? members[0];
    units.push({
      gender: groupOf(respondent, "gender"),
      ageBand: groupOf(respondent, "ageBand"),
      baseline: baseline?.baseline?.answers,
      followUp: followUp?.followUp?.answers,
    });
  }
  return units;
}

type Tally = { respondents: number; meeting: number; matched: number; baselineMeeting: number; followUpMeeting: number };
const emptyTally = (): Tally => ({ respondents: 0, meeting: 0, matched: 0, baselineMeeting: 0, followUpMeeting: 0 });

function tallyOf(units: Unit[], target: ProgrammeTarget, comparable: boolean): Tally {
  const t = emptyTally();
  for (const u of units) {
    const after = meetsTarget(u.followUp?.[target.questionId], target.values);
    if (after === undefined) continue;
    t.respondents++;
    if (after) t.meeting++;
    if (!comparable) continue;
    const before = meetsTarget(u.baseline?.[target.questionId], target.values);
    if (before === undefined) continue;
    t.matched++;
    if (before) t.baselineMeeting++;
    if (after) t.followUpMeeting++;
  }
  return t;
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
const ratio = (num: number, den: number): Cell => (den > 0 ? { value: round4(num / den), n: den } : { value: null, n: 0 });

/** Row statuses of a one-column count table (groups x count, with the total): which counts are hidden. */
function countPattern(k: number, groups: number[], total: number) {
  const p = suppress({
    k,
    values: groups.map((n) => [n]),
    contributors: groups.map((n) => [n]),
    rowContributors: groups,
    columnContributors: [total],
    totalContributors: total,
  });
  return {
    rows: p.cells.map((row, i) => (row[0].suppressed ? row[0] : p.rowTotals[i])),
    total: p.columnTotals[0]?.suppressed ? p.columnTotals[0] : p.grandTotal,
  };
}

type Status = { suppressed: false } | { suppressed: true; reason: "primary" | "secondary" };

function row(segment: string, label: { sv: string; en: string }, t: Tally, target: ProgrammeTarget, comparable: boolean, respondents: Status, matched: Status): TargetRow {
  const hidden = (_s: Status): Cell => ({ suppressed: true });
  const share = respondents.suppressed ? hidden(respondents) : ratio(t.meeting, t.respondents);
  const noComparison: Cell = { value: null, n: 0 };
  const baselineShare = !comparable ? noComparison : matched.suppressed ? hidden(matched) : ratio(t.baselineMeeting, t.matched);
  const followUpShare = !comparable ? noComparison : matched.suppressed ? hidden(matched) : ratio(t.followUpMeeting, t.matched);
  const change: Cell =
    "value" in baselineShare && "value" in followUpShare && baselineShare.value !== null && followUpShare.value !== null
      ? { value: round4(followUpShare.value - baselineShare.value), n: t.matched }
      : "suppressed" in baselineShare
        ? baselineShare
        : noComparison;
  return {
    segment,
    label,
    n: respondents.suppressed ? null : t.respondents,
    share,
    met: "value" in share && share.value !== null ? share.value >= target.share : null,
    matched: !comparable ? 0 : matched.suppressed ? null : t.matched,
    baselineShare,
    followUpShare,
    change,
  };
}

export function computeTargets(input: ComputeTargetsInput): TargetResult[] {
  const { k } = input;
  return input.targets.map((target) => {
    const comparable = input.baselineQuestionIds.has(target.questionId);
    const units = unitsOf(input.participants, target.population);
    const total = tallyOf(units, target, comparable);
    const totals: { respondents: Status[]; matched: Status[] } = {
      respondents: [countPattern(k, [], total.respondents).total],
      matched: [countPattern(k, [], total.matched).total],
    };

    const breakdown = (dimension: Dimension): TargetRow[] => {
      const order: readonly string[] = dimension === "gender" ? GENDER_GROUPS : AGE_GROUPS;
      const groups = order
        .map((g) => ({ g, t: tallyOf(units.filter((u) => u[dimension] === g), target, comparable) }))
        .filter(({ t }) => t.respondents > 0 || t.matched > 0);
      const respondents = countPattern(k, groups.map(({ t }) => t.respondents), total.respondents);
      const matched = countPattern(k, groups.map(({ t }) => t.matched), total.matched);
      totals.respondents.push(respondents.total);
      totals.matched.push(matched.total);
      return groups.map(({ g, t }, i) => row(g, groupLabel(dimension, g), t, target, comparable, respondents.rows[i], matched.rows[i]));
    };
    const byGender = breakdown("gender");
    const byAgeBand = breakdown("ageBand");
    // The total is published with both breakdowns, so the strictest of the patterns holds for it.
    // (Secondary suppression picks the cheapest group first, so in practice only a total of
    // 1..k-1 units is hidden.)
    const strictest = (statuses: Status[]): Status => statuses.find((s) => s.suppressed) ?? { suppressed: false };
    return {
      id: target.id,
      label: target.label,
      questionId: target.questionId,
      population: target.population,
      targetShare: target.share,
      values: target.values,
      comparable,
      total: row("all", ALL_LABEL, total, target, comparable, strictest(totals.respondents), strictest(totals.matched)),
      byGender,
      byAgeBand,
    };
  });
}
