import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { earlierArrivals, programmeUnits, protectProgrammeRelease, type ProgrammeReleaseState } from "../../shared/indicators/programme-release";
import { programmeFamilies, programmeFamilyId } from "../../shared/indicators/programme-families";
import type { MeasuredParticipant } from "../../shared/indicators/programme-targets";
import { auditRelease, familyKey } from "../../shared/disclosure/release-protection";
import { buildFamilyModel } from "../../shared/disclosure/linked-model";
import type { DisclosureRules } from "../../shared/disclosure/rules";
import { DEFAULT_PROGRAMME_TARGETS } from "../../shared/instruments";
import { PROGRAMME_POPULATIONS, type ProgrammeTarget, type TargetResult } from "../../shared/schemas";

const RULES: DisclosureRules = { k: 3, p: 10, frequencyShare: 0.2 };
const UP_TO_DATE: ProgrammeTarget = DEFAULT_PROGRAMME_TARGETS.find((t) => t.id === "skills-up-to-date")!;
const STRATEGIC: ProgrammeTarget = DEFAULT_PROGRAMME_TARGETS.find((t) => t.id === "strategic-work")!;
const ORG_UP_TO_DATE: ProgrammeTarget = { ...UP_TO_DATE, id: "orgs-up-to-date", population: "organisations" };
const BASELINE_ASKS = new Set(["skillsUpToDate"]);
const comparable = (q: string) => BASELINE_ASKS.has(q);

let seq = 0;
const stamp = (day: number) => `2026-06-${String(day).padStart(2, "0")}T00:00:${String(++seq % 60).padStart(2, "0")}Z`;
type Spec = { gender?: string; age?: string; before?: number; after?: number; org?: string; day?: number; sni?: string; size?: string };
function person(s: Spec): MeasuredParticipant {
  const id = `p${++seq}`;
  const org = { sni: s.sni ?? "25110", sizeClass: s.size ?? "10-49" };
  return {
    personId: id,
    organisationId: s.org ?? `org-${id}`,
    gender: s.gender,
    ageBand: s.age ?? "30-44",
    organisation: org,
    baseline: s.before === undefined ? undefined : { answers: { skillsUpToDate: s.before }, submittedAt: "2026-01-01T00:00:00Z", ...org },
    followUp:
      s.after === undefined
        ? undefined
        : { answers: { skillsUpToDate: s.after, workMoreStrategically: s.after >= 4 ? "more" : "same" }, submittedAt: stamp(s.day ?? 1), ...org },
  };
}

/** Five women (4 of 5 up to date after, 3 before), three men, one non-binary, one who skipped the follow-up. */
const cohort = (): MeasuredParticipant[] => [
  person({ gender: "woman", before: 4, after: 5 }),
  person({ gender: "woman", before: 4, after: 4 }),
  person({ gender: "woman", age: "45-59", before: 4, after: 4 }),
  person({ gender: "woman", age: "45-59", before: 2, after: 2 }),
  person({ gender: "woman", age: "-29", before: 1, after: 5 }),
  person({ gender: "man", before: 2, after: 4 }),
  person({ gender: "man", age: "45-59", before: 1, after: 1 }),
  person({ gender: "man", age: "60-", before: 2, after: 2 }),
  person({ gender: "non-binary", before: 3, after: 5 }),
  person({ gender: "woman", before: 5 }),
];

const release = (participants: MeasuredParticipant[], targets: ProgrammeTarget[] = [UP_TO_DATE], earlier: ProgrammeReleaseState[] = []) =>
  protectProgrammeRelease({ targets, participants, comparable, rules: RULES, earlier });

/**
 * The independent audit over every release: the published cells are every table cell of each
 * release but those its state says it suppressed.
 */
async function audit(targets: ProgrammeTarget[], participantsAt: MeasuredParticipant[][], states: ProgrammeReleaseState[], rules = RULES) {
  const findings = [];
  const last = participantsAt.length - 1;
  const input = { participants: participantsAt[last], targets, comparable };
  const suppressed = new Set(states.flatMap((s) => s.suppressed));
  for (const population of PROGRAMME_POPULATIONS) {
    const families = programmeFamilies(population, targets, comparable);
    const units = programmeUnits(population, input, earlierArrivals(states), states.length - 1);
    const published = new Set<string>();
    for (const f of families)
      for (const c of buildFamilyModel(f, units, states.length).cells)
        if (c.kind === "table" && !suppressed.has(familyKey(f.id, c.key))) published.add(familyKey(f.id, c.key));
    findings.push(...(await auditRelease(families, units, states.length, published, rules)).flatMap((a) => a.findings));
  }
  return findings;
}

const rows = (t: TargetResult, dimension: string) => t.breakdowns.find((b) => b.dimension === dimension)!.rows;

describe("a programme report release", () => {
  it("gives the share of follow-up respondents meeting the target and whether the target share is reached", async () => {
    const { targets } = await release(cohort());
    expect(targets[0].total).toMatchObject({ n: 9, share: { value: 0.6667, n: 9 }, met: false });
    expect(targets[0].targetShare).toBe(0.7);
  });

  it("matches baseline and follow-up per participant and reports the change among those with both", async () => {
    const same = { gender: "woman", age: "30-44" };
    const befores = [4, 4, 4, 2, 2, 2, 5];
    const afters = [5, 5, 4, 4, 2, 2, undefined];
    const [t] = (await release(befores.map((before, i) => person({ ...same, before, after: afters[i] })))).targets;
    expect(t.comparable).toBe(true);
    // The seventh has no follow-up: six matched, three up to date before, four after.
    expect(t.total).toMatchObject({ matched: 6, baselineShare: { value: 0.5, n: 6 }, followUpShare: { value: 0.6667, n: 6 }, change: { value: 0.1667, n: 6 } });
  });

  it("hides a gender group below k and never shows a hidden value as zero", async () => {
    const [t] = (await release(cohort())).targets;
    const gender = rows(t, "gender");
    expect(gender.map((r) => r.segment)).toEqual(["woman", "man", "non-binary"]);
    expect(gender.find((r) => r.segment === "non-binary")).toMatchObject({ n: null, share: { suppressed: true }, met: null, change: { suppressed: true } });
    expect(JSON.stringify(gender)).not.toMatch(/"value":0[,}]/);
  });

  it("keeps the total and the large groups of a cohort of forty at the default k of five", async () => {
    const genders = ["woman", "man", "woman", "man", "non-binary"];
    const ages = ["30-44", "45-59", "30-44", "-29", "60-"];
    const participants = Array.from({ length: 40 }, (_, i) =>
      person({ gender: genders[i % 5], age: ages[(i * 3) % 5], before: 1 + ((i * 7) % 5), after: i % 9 === 8 ? undefined : 1 + ((i * 3) % 5) }),
    );
    const result = await protectProgrammeRelease({ targets: [UP_TO_DATE], participants, comparable, rules: { k: 5, p: 10, frequencyShare: 0.2 }, earlier: [] });
    const [t] = result.targets;
    expect(t.total).toMatchObject({ n: 36, share: { n: 36 }, matched: 36, change: { n: 36 } });
    expect(rows(t, "gender").filter((r) => !("suppressed" in r.share)).length).toBeGreaterThan(0);
    expect(await audit([UP_TO_DATE], [participants], [result.state], { k: 5, p: 10, frequencyShare: 0.2 })).toEqual([]);
  });

  it("breaks persons down by age band as well, and nothing the two breakdowns and the total publish singles anyone out", async () => {
    const participants = cohort();
    const result = await release(participants);
    expect(rows(result.targets[0], "ageBand").map((r) => r.segment)).toEqual(["-29", "30-44", "45-59", "60-"]);
    expect(result.findings).toEqual([]);
    expect(await audit([UP_TO_DATE], [participants], [result.state])).toEqual([]);
  });

  it("suppresses the whole result when fewer than k answered the follow-up", async () => {
    const [t] = (await release(cohort().slice(0, 2))).targets;
    expect(t.total).toMatchObject({ n: null, share: { suppressed: true }, met: null });
  });

  it("counts an organisation once and breaks organisation targets down by size class and industry, never by gender", async () => {
    const participants = [
      person({ gender: "woman", org: "A", before: 4, after: 5, day: 1, size: "50-249" }),
      person({ gender: "man", org: "A", before: 2, after: 2, day: 2, size: "50-249" }),
      ...[1, 2, 3, 4].map((i) => person({ org: `B${i}`, before: 2, after: i < 4 ? 5 : 2, sni: "62010", size: "0-9" })),
    ];
    const [t] = (await release(participants, [ORG_UP_TO_DATE])).targets;
    expect(t.total).toMatchObject({ n: 5, share: { value: 0.8, n: 5 } }); // A by its first respondent, B1..B4
    expect(t.breakdowns.map((b) => b.dimension)).toEqual(["size", "section"]);
    expect(rows(t, "size").map((r) => r.segment)).toEqual(["0-9", "50-249"]);
    expect(rows(t, "section").map((r) => [r.segment, r.label.sv])).toEqual([
      ["J", expect.stringMatching(/information/i)],
      ["C", expect.stringMatching(/tillverkning/i)],
    ]);
  });

  it("has no change from baseline when the baseline does not ask the question", async () => {
    const [t] = (await release(cohort(), [STRATEGIC])).targets;
    expect(t.comparable).toBe(false);
    expect(t.total.change).toEqual({ value: null, n: 0 });
  });

  it("keeps respondents and matched pairs in one protected set: their counts together cannot give away the one non-binary answer (attack 4)", async () => {
    // Respondents W 5, M 5, NB 1, U 3; matched W 5, M 2, NB 1, U 3. Protected apart, the respondents
    // hide NB and U, the matched M and NB: U's published matched count (3) is then all of U's
    // respondents (4 - 1 for NB), so U's meeting count is its published follow-up count, and NB's
    // answer is the total minus W, M and U.
    const participants = [
      ...[5, 5, 4, 2, 5].map((after) => person({ gender: "woman", before: 2, after })),
      ...[5, 4].map((after) => person({ gender: "man", before: 2, after })),
      ...[5, 2, 2].map((after) => person({ gender: "man", after })),
      person({ gender: "non-binary", before: 2, after: 5 }),
      ...[4, 2, 5].map((after) => person({ before: 3, after })),
    ];
    const family = programmeFamilyId("professionals", "skillsUpToDate");
    const key = (quantity: string, group: string) => familyKey(family, `0|${quantity}|gender:${group}`);
    const perCount: ProgrammeReleaseState = {
      included: [],
      suppressed: [
        ...["non-binary", "unknown"].flatMap((g) => [key("n", g), key("meet|skills-up-to-date", g)]),
        ...["man", "non-binary"].flatMap((g) => [key("matched|skillsUpToDate", g), key("bmeet|skills-up-to-date", g), key("fmeet|skills-up-to-date", g)]),
      ],
    };
    const broken = await audit([UP_TO_DATE], [participants], [perCount]);
    expect(broken.some((f) => f.cell.includes("gender:non-binary"))).toBe(true);

    const result = await release(participants);
    expect(await audit([UP_TO_DATE], [participants], [result.state])).toEqual([]);
  });

  it("protects a second release together with the first, so the one late respondent cannot be read off their difference", async () => {
    const early = cohort().slice(0, 9);
    const late = [...early, person({ gender: "woman", before: 2, after: 5, day: 20 })];
    const first = await release(early);
    const second = await release(late, [UP_TO_DATE], [first.state]);
    expect(second.findings).toEqual([]);
    expect(await audit([UP_TO_DATE], [early, late], [first.state, second.state])).toEqual([]);
    const totals = [first, second].map((r) => r.targets[0].total);
    if (totals.every((t) => t.n !== null)) expect(totals[1].n! - totals[0].n!).not.toBe(1);
  });

  it("passes the audit on random cohorts with several targets, both populations and up to three releases", async () => {
    const targets = [UP_TO_DATE, { ...UP_TO_DATE, id: "top", values: ["5"] }, STRATEGIC, ORG_UP_TO_DATE];
    const spec = fc.record({
      gender: fc.constantFrom("woman", "man", "non-binary", undefined),
      age: fc.constantFrom("-29", "30-44", "45-59", "60-"),
      before: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      after: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      org: fc.constantFrom("o1", "o2", "o3", "o4", "o5", "o6"),
      size: fc.constantFrom("0-9", "10-49", "50-249"),
      sni: fc.constantFrom("25110", "62010", "41200"),
      day: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 3 }), async (specs, releases) => {
        const all = specs.map((s) => person(s));
        const states: ProgrammeReleaseState[] = [];
        const at: MeasuredParticipant[][] = [];
        for (let r = 0; r < releases; r++) {
          // Follow-up answers arrive over the days; release r counts those of day r + 1 and before.
          const counted = all.map((p) => (p.followUp && Number(p.followUp.submittedAt.slice(8, 10)) > r + 1 ? { ...p, followUp: undefined } : p));
          const result = await release(counted, targets, states);
          expect(result.findings).toEqual([]);
          states.push(result.state);
          at.push(counted);
        }
        expect(await audit(targets, at, states)).toEqual([]);
      }),
      { numRuns: 25, seed: 7 },
    );
  }, 120_000);
});
