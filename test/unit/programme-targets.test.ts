import { describe, expect, it } from "vitest";
import { computeTargets, groupOf, meetsTarget, type MeasuredParticipant } from "../../shared/indicators/programme-targets";
import { baselineV1, DEFAULT_PROGRAMME_TARGETS, followUpV1, questionsOf } from "../../shared/instruments";
import type { ProgrammeTarget } from "../../shared/schemas";

const UP_TO_DATE: ProgrammeTarget = DEFAULT_PROGRAMME_TARGETS.find((t) => t.id === "skills-up-to-date")!;
const STRATEGIC: ProgrammeTarget = DEFAULT_PROGRAMME_TARGETS.find((t) => t.id === "strategic-work")!;
const baselineQuestionIds = new Set(questionsOf(baselineV1).map((q) => q.id));

let seq = 0;
function person(gender: string | undefined, ageBand: string | undefined, before: number | undefined, after: number | undefined, org = `org${++seq}`): MeasuredParticipant {
  const id = `p${++seq}`;
  return {
    personId: id,
    organisationId: org,
    gender,
    ageBand,
    baseline: before === undefined ? undefined : { answers: { skillsUpToDate: before }, submittedAt: `2026-01-01T00:00:${String(seq).padStart(2, "0")}Z` },
    followUp: after === undefined ? undefined : { answers: { skillsUpToDate: after, workMoreStrategically: after >= 4 ? "more" : "same" }, submittedAt: `2026-06-01T00:00:${String(seq).padStart(2, "0")}Z` },
  };
}

/** Five women (4 of 5 up to date after, 1 before), three men (1 after, 0 before), one non-binary, one who skipped the follow-up. */
const COHORT: MeasuredParticipant[] = [
  person("woman", "30-44", 2, 5),
  person("woman", "30-44", 3, 4),
  person("woman", "45-59", 4, 4),
  person("woman", "45-59", 2, 2),
  person("woman", "-29", 1, 5),
  person("man", "30-44", 2, 4),
  person("man", "45-59", 1, 1),
  person("man", "60-", 2, 2),
  person("non-binary", "30-44", 3, 5),
  person("woman", "30-44", 5, undefined),
];

const compute = (targets: ProgrammeTarget[], participants = COHORT, k = 3) => computeTargets({ targets, participants, k, baselineQuestionIds });

describe("programme targets", () => {
  it("gives the share of follow-up respondents meeting the target and whether the target share is reached", () => {
    const [t] = compute([UP_TO_DATE]);
    expect(t.total.n).toBe(9);
    expect(t.total.share).toEqual({ value: 0.6667, n: 9 });
    expect(t.total.met).toBe(false);
    expect(t.targetShare).toBe(0.7);
  });

  it("matches baseline and follow-up per participant and reports the change among those with both", () => {
    const [t] = compute([UP_TO_DATE]);
    expect(t.comparable).toBe(true);
    expect(t.total.matched).toBe(9); // the tenth person has no follow-up
    expect(t.total.baselineShare).toEqual({ value: 0.1111, n: 9 }); // one of the nine was up to date before
    expect(t.total.followUpShare).toEqual({ value: 0.6667, n: 9 });
    expect(t.total.change).toEqual({ value: 0.5556, n: 9 });
  });

  it("reports women and men separately, suppressing a group below k and one more so it cannot be recomputed", () => {
    const [t] = compute([UP_TO_DATE]);
    const row = (g: string) => t.byGender.find((r) => r.segment === g)!;
    expect(t.byGender.map((r) => r.segment)).toEqual(["woman", "man", "non-binary"]);
    expect(row("woman")).toMatchObject({ n: 5, share: { value: 0.8, n: 5 }, met: true, matched: 5, change: { value: 0.6, n: 5 } });
    expect(row("non-binary")).toMatchObject({ n: null, share: { suppressed: true }, met: null, change: { suppressed: true } });
    // With the total published, the one non-binary answer would be total - women - men: men are hidden too.
    expect(row("man")).toMatchObject({ n: null, share: { suppressed: true }, met: null });
    expect(JSON.stringify(t.byGender)).not.toMatch(/"value":0[,}]/);
  });

  it("breaks down by age band the same way", () => {
    const [t] = compute([UP_TO_DATE]);
    expect(t.byAgeBand.map((r) => r.segment)).toEqual(["-29", "30-44", "45-59", "60-"]);
    const published = t.byAgeBand.filter((r) => r.n !== null);
    expect(published.map((r) => [r.segment, r.n])).toEqual([
      ["30-44", 4],
      ["45-59", 3],
    ]);
    expect(t.byAgeBand.find((r) => r.segment === "30-44")!.share).toEqual({ value: 1, n: 4 });
  });

  it("suppresses the whole result when fewer than k answered the follow-up", () => {
    const [t] = compute([UP_TO_DATE], COHORT.slice(0, 2), 3);
    expect(t.total).toMatchObject({ n: null, share: { suppressed: true }, met: null });
  });

  it("counts an organisation once, by its first follow-up response", () => {
    const sameOrg = [person("woman", "30-44", 4, 5, "A"), person("man", "30-44", 2, 2, "A"), person("man", "45-59", 2, 2, "B"), person("woman", "45-59", 2, 5, "C")];
    const [t] = compute([{ ...STRATEGIC, share: 0.5 }], sameOrg, 1);
    expect(t.total.n).toBe(3); // A, B, C
    expect(t.total.share).toEqual({ value: 0.6667, n: 3 }); // A (its first respondent says "more"), C
    expect(t.total.met).toBe(true);
  });

  it("has no change from baseline when the baseline does not ask the question", () => {
    const [t] = compute([STRATEGIC]);
    expect(t.comparable).toBe(false);
    expect(t.total.change).toEqual({ value: null, n: 0 });
  });

  it("places a participant by the follow-up answer, then the baseline answer, then the register; prefer-not-to-say is unknown", () => {
    const p = (baseline?: string, followUp?: string, registered?: string) => ({
      gender: registered,
      baseline: baseline ? { answers: { gender: baseline }, submittedAt: "" } : undefined,
      followUp: followUp ? { answers: { gender: followUp }, submittedAt: "" } : undefined,
    });
    expect(groupOf(p("man", "woman", "man"), "gender")).toBe("woman");
    expect(groupOf(p("man", undefined, "woman"), "gender")).toBe("man");
    expect(groupOf(p(undefined, undefined, "woman"), "gender")).toBe("woman");
    expect(groupOf(p(undefined, "prefer-not-to-say", "woman"), "gender")).toBe("unknown");
    expect(groupOf(p(), "gender")).toBe("unknown");
  });

  it("meets a target by answer value: likert numbers as strings, any chosen option of a multi-choice", () => {
    expect(meetsTarget(4, ["4", "5"])).toBe(true);
    expect(meetsTarget(3, ["4", "5"])).toBe(false);
    expect(meetsTarget(["a", "b"], ["b"])).toBe(true);
    expect(meetsTarget(undefined, ["4"])).toBeUndefined();
  });

  it("ships targets whose questions are in the follow-up instrument", () => {
    const ids = new Set(questionsOf(followUpV1).map((q) => q.id));
    for (const t of DEFAULT_PROGRAMME_TARGETS) expect(ids.has(t.questionId), t.id).toBe(true);
  });
});
