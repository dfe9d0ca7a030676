import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { FamilySpec, Unit } from "../../shared/disclosure/linked-model";
import { buildFamilyModel } from "../../shared/disclosure/linked-model";
import { auditFamily } from "../../shared/disclosure/audit";
import { auditRelease, familyKey, protectRelease } from "../../shared/disclosure/release-protection";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { HIRES_FAMILY, LEVELS_FAMILY, RESPONSES, org, perTablePublished, protectInOrder, roundArbitrary, unit } from "../support/disclosure";

const rules = DEFAULT_RULES;
const FAMILIES = [RESPONSES, LEVELS_FAMILY, HIRES_FAMILY];

/** Protects release after release, as the round would, and returns every published key. */
async function protectAll(families: FamilySpec[], units: Unit[], releases: number): Promise<Set<string>> {
  return (await protectInOrder(families, units, releases, rules)).published;
}

async function findingsOf(family: FamilySpec, units: Unit[], releases: number, published: Set<string>) {
  return (await auditFamily(buildFamilyModel(family, units, releases), published, rules)).findings;
}

/** Today's per-table method, release by release (results were live: every release is what a reader saw then). */
function perTableAll(family: FamilySpec, units: Unit[], releases: number): Set<string> {
  const out = new Set<string>();
  for (let r = 0; r < releases; r++) for (const k of perTablePublished(family, units, r, rules.k)) out.add(k);
  return out;
}

const levels = (division: string, municipality: string, counts: [none: number, some: number, large: number], prefix: string, arrival = 0): Unit[] =>
  counts.flatMap((n, level) => Array.from({ length: n }, (_, i) => unit(`${prefix}-${level}-${i}`, org(`${division}100`, municipality), { level }, arrival)));

describe("the attacks that broke the per-table method", () => {
  it("inside one table: cells with no organisation chosen as partners protect nothing", async () => {
    // Division 10's one large need is protected, per table, with its own empty "some" cell.
    const units = [
      ...levels("10", "0580", [6, 0, 1], "a"),
      ...levels("45", "0580", [2, 2, 2], "b"),
      ...levels("62", "0580", [2, 3, 0], "c"),
      ...levels("01", "0580", [2, 3, 2], "d"),
    ];
    const old = await findingsOf(LEVELS_FAMILY, units, 1, perTablePublished(LEVELS_FAMILY, units, 0, rules.k));
    const recovered = old.find((f) => f.cell === "0|large|industry:10" && f.attacker.kind === "outsider");
    // The attacker knows it cannot be more than the one it is.
    expect(recovered?.interval[1]).toBe(1);
    const published = await protectAll([LEVELS_FAMILY], units, 1);
    expect(await findingsOf(LEVELS_FAMILY, units, 1, new Set([...published].map((k) => k.slice("need/".length))))).toEqual([]);
  });

  it("across breakdowns: a section minus its published divisions gives the one organisation of the third", async () => {
    const units = [
      ...levels("25", "0580", [0, 0, 1], "a"),
      ...levels("28", "0581", [2, 2, 2], "b"),
      ...levels("47", "0583", [2, 2, 1], "c"),
      ...levels("45", "0583", [3, 3, 3], "d"),
    ];
    const old = await findingsOf(LEVELS_FAMILY, units, 1, perTablePublished(LEVELS_FAMILY, units, 0, rules.k));
    expect(old.length).toBeGreaterThan(0);
    const published = await protectAll([LEVELS_FAMILY], units, 1);
    const audits = await auditRelease([LEVELS_FAMILY], units, 1, published, rules);
    expect(audits.flatMap((a) => a.findings)).toEqual([]);
  });

  it("over time: the difference between two releases gives the one organisation that answered in between", async () => {
    const units = [...levels("28", "0580", [5, 5, 5], "early"), ...levels("28", "0580", [0, 0, 1], "late", 1)];
    const old = await findingsOf(LEVELS_FAMILY, units, 2, perTableAll(LEVELS_FAMILY, units, 2));
    expect(old.some((f) => f.cell.startsWith("1-0|"))).toBe(true);
    const published = await protectAll([LEVELS_FAMILY], units, 2);
    expect((await auditRelease([LEVELS_FAMILY], units, 2, published, rules)).flatMap((a) => a.findings)).toEqual([]);
    // The earlier release stays as it was published.
    expect(published.has(familyKey("need", "0|large|industry:28"))).toBe(true);
  });

  it("over time: a late organisation with an answer no earlier one gave is published around, not withheld, and keeps every answer it could have given", async () => {
    // The first release shows that none of division 28's five chose "large"; the one that answers later does.
    const early = [...levels("28", "0580", [5, 0, 0], "early"), ...levels("10", "0581", [2, 2, 2], "other"), ...levels("45", "0583", [3, 2, 3], "more")];
    const late = (level: number) => unit("late", org("28100", "0580"), { level }, 1);
    const first = await protectRelease({ families: [LEVELS_FAMILY], units: early, releases: 1, earlierSuppressed: new Set(), rules });
    expect(first.findings).toEqual([]);
    expect(first.published.has(familyKey("need", "0|large|industry:28"))).toBe(true);
    const units = [...early, late(2)];
    const second = await protectRelease({ families: [LEVELS_FAMILY], units, releases: 2, earlierSuppressed: first.suppressed, rules });
    expect(second.findings).toEqual([]);
    // As an attacker would: every other answer of the late organisation gives the same published figures.
    const figures = (us: Unit[]) => {
      const model = buildFamilyModel(LEVELS_FAMILY, us, 2);
      return model.cells.filter((c) => c.kind === "table" && second.published.has(familyKey("need", c.key))).map((c) => `${c.key}=${c.value}`);
    };
    for (const level of [0, 1]) expect(figures([...early, late(level)])).toEqual(figures(units));
  });

  it("magnitudes: of five organisations two with hires, each can compute the other's figure", async () => {
    const hires = [100, 20, 0, 0, 0];
    const units = hires.map((h, i) => unit(`o${i}`, org("28100", "0580"), { reports: 1, hires: h }));
    const old = await findingsOf(HIRES_FAMILY, units, 1, perTablePublished(HIRES_FAMILY, units, 0, rules.k));
    expect(old.some((f) => f.needed.rule === "dominance")).toBe(true);
    const published = await protectAll([HIRES_FAMILY], units, 1);
    expect(published.has(familyKey("hires", "0|hires|all"))).toBe(false);
    expect((await auditRelease([HIRES_FAMILY], units, 1, published, rules)).flatMap((a) => a.findings)).toEqual([]);
  });

  it("a single respondent cannot compute another single respondent's cell", async () => {
    const units = [
      ...levels("25", "0580", [0, 0, 1], "a"),
      ...levels("28", "0580", [0, 1, 0], "b"),
      ...levels("10", "0580", [3, 3, 3], "c"),
    ];
    const published = await protectAll([LEVELS_FAMILY], units, 1);
    const audits = await auditRelease([LEVELS_FAMILY], units, 1, published, rules);
    expect(audits.flatMap((a) => a.findings)).toEqual([]);
    expect(audits[0].attackers).toBeGreaterThan(1);
  });
});

describe("protection of a round's releases", () => {
  it("suppresses every sensitive cell of the new release and says nothing about why", async () => {
    const units = [...levels("25", "0580", [0, 0, 2], "a"), ...levels("28", "0581", [3, 3, 3], "b")];
    const result = await protectRelease({ families: [LEVELS_FAMILY], units, releases: 1, earlierSuppressed: new Set(), rules });
    for (const key of ["0|large|industry:25", "0|none|industry:25", "0|some|industry:25"]) expect(result.suppressed.has(familyKey("need", key))).toBe(true);
    expect(result.findings).toEqual([]);
  });

  it("primary suppression alone is not enough, and the audit says which cells an attacker recovers", async () => {
    const units = [...levels("25", "0580", [0, 0, 1], "a"), ...levels("28", "0580", [2, 2, 2], "b")];
    const model = buildFamilyModel(LEVELS_FAMILY, units, 1);
    const primaryOnly = new Set(model.cells.filter((c) => !c.segment.endsWith(":25")).map((c) => c.key));
    const findings = (await auditFamily(model, primaryOnly, rules)).findings;
    expect(findings.map((f) => f.cell)).toContain("0|large|industry:25");
  });

  it("on random rounds with hierarchies, empty categories, skewed magnitudes and several releases, the audit finds nothing", async () => {
    await fc.assert(
      fc.asyncProperty(roundArbitrary(30, 3), async ({ units, releases }) => {
        const { published, findings } = await protectInOrder(FAMILIES, units, releases, rules);
        expect(findings).toEqual([]); // no release withheld
        const audits = await auditRelease(FAMILIES, units, releases, published, rules);
        expect(audits.flatMap((a) => a.findings)).toEqual([]);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  }, 300_000);
});
