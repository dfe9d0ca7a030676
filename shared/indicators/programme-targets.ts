import type { Cell } from "../schemas/api";
import type { Answers } from "../schemas/instrument";
import { SIZE_CLASSES } from "../schemas/common";
import { TARGET_BREAKDOWNS, type ProgrammePopulation, type ProgrammeTarget, type TargetDimension, type TargetResult, type TargetRow } from "../schemas/programme";
import { AGE_BANDS, GENDERS } from "../schemas/person";
import { ageBandLabel } from "../instruments/programme-questions";
import { sectionLabel, sniDivision, sniSection } from "../classifications";
import { programmeFamilyId, quantityKey } from "./programme-families";
import type { ReleaseCells } from "./release-tables";

/**
 * A learning programme's targets, from its baseline and follow-up matched per unit (pure).
 *
 * Units of a target's population:
 *   professionals  every person of the cohort: their own baseline and follow-up response;
 *   organisations  every organisation of the cohort: its first submitted response (earliest
 *                  submittedAt, then lowest personId) of each measurement stands for it.
 *
 * Per target and unit: the unit meets the target when its answer to `questionId` is one of
 * `values` (programme-families.ts). Respondents: units with a follow-up answer; share = meeting /
 * respondents; met = share >= the target share. Matched: units with both a baseline and a
 * follow-up answer (only when the baseline asks the question); baselineShare and followUpShare are
 * the shares meeting among the matched, change = followUpShare - baselineShare.
 *
 * Breakdowns: a person by their own gender and age band (the follow-up answer, else the baseline
 * answer, else the registered attribute; "prefer-not-to-say" and none are "unknown"); an
 * organisation by its size class and SNI section, as its response recorded them. Every value is
 * read from the release's protected cells: shown only when each count it is computed from is
 * published, otherwise "suppressed", never a zero.
 */
export type MeasuredParticipant = {
  personId: string;
  organisationId: string;
  /** Registered person attributes, used when the measurements do not say. */
  gender?: string;
  ageBand?: string;
  /** The organisation as registered, used when neither response recorded it. */
  organisation?: { sni: string; sizeClass: string };
  baseline?: Measured;
  followUp?: Measured;
};
type Measured = { answers: Answers; submittedAt: string; sni?: string; sizeClass?: string };

/** A unit of one population with its segments ("all", "gender:woman", "size:10-49", "section:C"). */
export type MeasuredUnit = { id: string; segments: string[]; baseline?: Answers; followUp?: Answers; followUpAt?: string };

export const GENDER_GROUPS = ["woman", "man", "non-binary", "unknown"] as const;
export const AGE_GROUPS = [...AGE_BANDS, "unknown"] as const;

const GENDER_LABELS: Record<string, { sv: string; en: string }> = {
  woman: { sv: "Kvinnor", en: "Women" },
  man: { sv: "Män", en: "Men" },
  "non-binary": { sv: "Icke-binära", en: "Non-binary" },
  unknown: { sv: "Uppgift saknas", en: "Not stated" },
};
const ALL_LABEL = { sv: "Alla", en: "All" };

export function groupLabel(dimension: TargetDimension, group: string): { sv: string; en: string } {
  if (group === "unknown") return GENDER_LABELS.unknown;
  switch (dimension) {
    case "gender":
      return GENDER_LABELS[group] ?? { sv: group, en: group };
    case "ageBand":
      return ageBandLabel(group);
    case "size":
      return { sv: `${group} anställda`, en: `${group} employees` };
    case "section":
      return { sv: sectionLabel(group, "sv") ?? group, en: sectionLabel(group, "en") ?? group };
  }
}

/** The participant's group: follow-up answer, else baseline answer, else registered attribute; else "unknown". */
export function groupOf(p: Pick<MeasuredParticipant, "gender" | "ageBand" | "baseline" | "followUp">, dimension: "gender" | "ageBand"): string {
  const known: readonly string[] = dimension === "gender" ? GENDERS.filter((g) => g !== "prefer-not-to-say") : AGE_BANDS;
  for (const candidate of [p.followUp?.answers[dimension], p.baseline?.answers[dimension], p[dimension]]) {
    if (typeof candidate !== "string") continue;
    return known.includes(candidate) ? candidate : "unknown"; // prefer-not-to-say is an answer: unknown
  }
  return "unknown";
}

const byTime = (a: { submittedAt: string; personId: string }, b: { submittedAt: string; personId: string }) =>
  a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;

function organisationSegments(p: MeasuredParticipant): string[] {
  const recorded = p.followUp?.sni ? p.followUp : p.baseline?.sni ? p.baseline : undefined;
  const sni = recorded?.sni ?? p.organisation?.sni;
  const size = recorded?.sizeClass ?? p.organisation?.sizeClass;
  const section = sni ? sniSection(sniDivision(sni)) : undefined;
  return ["all", `size:${size && (SIZE_CLASSES as readonly string[]).includes(size) ? size : "unknown"}`, `section:${section ?? "unknown"}`];
}

/** The units of a population (see the module comment). */
export function unitsOf(participants: readonly MeasuredParticipant[], population: ProgrammePopulation): MeasuredUnit[] {
  if (population === "professionals")
    return participants.map((p) => ({
      id: p.personId,
      segments: ["all", `gender:${groupOf(p, "gender")}`, `ageBand:${groupOf(p, "ageBand")}`],
      baseline: p.baseline?.answers,
      followUp: p.followUp?.answers,
      followUpAt: p.followUp?.submittedAt,
    }));
  const byOrg = new Map<string, MeasuredParticipant[]>();
  for (const p of participants) byOrg.set(p.organisationId, [...(byOrg.get(p.organisationId) ?? []), p]);
  const units: MeasuredUnit[] = [];
  for (const [organisationId, members] of [...byOrg.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = (m: "baseline" | "followUp") =>
      members
        .filter((p) => p[m])
        .map((p) => ({ p, submittedAt: p[m]!.submittedAt, personId: p.personId }))
        .sort(byTime)[0]?.p;
    const baseline = first("baseline");
    const followUp = first("followUp");
    units.push({
      id: organisationId,
      segments: organisationSegments(followUp ?? baseline ?? members[0]),
      baseline: baseline?.baseline?.answers,
      followUp: followUp?.followUp?.answers,
      followUpAt: followUp?.followUp?.submittedAt,
    });
  }
  return units;
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
const ratio = (num: number, den: number): Cell => (den > 0 ? { value: round4(num / den), n: den } : { value: null, n: 0 });
const SUPPRESSED: Cell = { suppressed: true };

/** A segment's row of a target, from the release's cells. */
function targetRow(cells: ReleaseCells, target: ProgrammeTarget, comparable: boolean, segment: string, label: { sv: string; en: string }): TargetRow {
  const family = programmeFamilyId(target.population, target.questionId);
  const get = (quantity: string) => cells.get(family, quantity, segment);
  const n = get("n");
  const meet = get(quantityKey.meeting(target.id));
  const share = n === "suppressed" || meet === "suppressed" ? SUPPRESSED : ratio(meet.value, n.value);
  const noComparison: Cell = { value: null, n: 0 };
  let matched: number | null = 0;
  let baselineShare: Cell = noComparison;
  let followUpShare: Cell = noComparison;
  let change: Cell = noComparison;
  if (comparable) {
    const m = get(quantityKey.matched(target.questionId));
    const before = get(quantityKey.baselineMeeting(target.id));
    const after = get(quantityKey.followUpMeeting(target.id));
    matched = m === "suppressed" ? null : m.value;
    baselineShare = m === "suppressed" || before === "suppressed" ? SUPPRESSED : ratio(before.value, m.value);
    followUpShare = m === "suppressed" || after === "suppressed" ? SUPPRESSED : ratio(after.value, m.value);
    change =
      m === "suppressed" || before === "suppressed" || after === "suppressed"
        ? SUPPRESSED
        : m.value > 0
          ? { value: round4((after.value - before.value) / m.value), n: m.value }
          : noComparison;
  }
  return {
    segment,
    label,
    n: n === "suppressed" ? null : n.value,
    share,
    met: "value" in share && share.value !== null ? share.value >= target.share : null,
    matched,
    baselineShare,
    followUpShare,
    change,
  };
}

const ORDER: Record<TargetDimension, readonly string[] | null> = { gender: GENDER_GROUPS, ageBand: AGE_GROUPS, size: [...SIZE_CLASSES, "unknown"], section: null };

/** A breakdown's segment values in display order: code-list order, or by name (sections), "unknown" last. */
function ordered(dimension: TargetDimension, values: Iterable<string>): string[] {
  const order = ORDER[dimension];
  const rank = (v: string) => (v === "unknown" ? Infinity : order ? order.indexOf(v) : 0);
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b) || groupLabel(dimension, a).sv.localeCompare(groupLabel(dimension, b).sv, "sv"));
}

export type TargetResultsInput = {
  targets: readonly ProgrammeTarget[];
  /** Whether the baseline asks the question, so a change can be computed. */
  comparable: (questionId: string) => boolean;
  cells: ReleaseCells;
  /** The segments with a unit answering the target's question, per family. */
  segments: (family: string) => Iterable<string>;
};

export function targetResults(input: TargetResultsInput): TargetResult[] {
  return input.targets.map((target) => {
    const comparable = input.comparable(target.questionId);
    const present = [...input.segments(programmeFamilyId(target.population, target.questionId))];
    const row = (segment: string, label: { sv: string; en: string }) => targetRow(input.cells, target, comparable, segment, label);
    return {
      id: target.id,
      label: target.label,
      questionId: target.questionId,
      population: target.population,
      targetShare: target.share,
      values: target.values,
      comparable,
      total: row("all", ALL_LABEL),
      breakdowns: TARGET_BREAKDOWNS[target.population].map((dimension) => {
        const prefix = `${dimension}:`;
        const values = ordered(dimension, present.filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length)));
        return { dimension, rows: values.map((v) => ({ ...row(`${prefix}${v}`, groupLabel(dimension, v)), segment: v })) };
      }),
    };
  });
}
