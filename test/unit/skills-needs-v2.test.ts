import { describe, expect, it } from "vitest";
import { contributions } from "../../shared/indicators/contributions";
import { releaseFamilies, reportedOccupations, unitSegments } from "../../shared/indicators/release-families";
import { buildReleaseTables } from "../../shared/indicators/release-tables";
import { auditRelease, familyKey, protectRelease } from "../../shared/disclosure/release-protection";
import { cellKey, type Unit } from "../../shared/disclosure/linked-model";
import { DEFAULT_RULES, type DisclosureRules } from "../../shared/disclosure/rules";
import { answersSchema, getInstrument, latestVersion, skillsNeedsV1, skillsNeedsV2 } from "../../shared/instruments";
import type { Answers, OccupationRow } from "../../shared/schemas/instrument";
import { Instrument } from "../../shared/schemas/instrument";
import type { ResultTable } from "../../shared/schemas/api";
import { DEMO_ORGANISATIONS, demoAnswers } from "../../infra/local/seed-demo";

const questions = (i: typeof skillsNeedsV1) => i.blocks.flatMap((b) => b.questions);
const v1Row: OccupationRow = { ssyk: "7212", hires12m: 2, hires1to3y: 3, staffChange12m: "more", educationLevel: "upperSecondary", difficulty: "hard", sought12m: 4, hired12m: 1 };
const v2Row = (ssyk: string, more: Partial<OccupationRow> = {}): OccupationRow => ({
  ...v1Row,
  ssyk,
  staffChange3y: "more",
  educationField: "52",
  experience: "either",
  certificates: ["welding", "hotWork"],
  retirements1to3y: 1,
  women: 2,
  men: 6,
  ...more,
});
const issues = (mode: "draft" | "submit", answers: unknown, instrument = skillsNeedsV2) => {
  const r = answersSchema(instrument, mode).safeParse(answers);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("skills-needs version 2 as data", () => {
  it("is a valid instrument, and the newest skills-needs version", () => {
    expect(Instrument.safeParse(skillsNeedsV2).success).toBe(true);
    expect(getInstrument("skills-needs", 2)).toBe(skillsNeedsV2);
    expect(latestVersion("skills-needs")).toBe(2);
    expect(latestVersion("baseline")).toBe(1);
  });

  it("asks every version 1 question with the same id, type and options, so the families they feed mean the same", () => {
    const v2 = new Map(questions(skillsNeedsV2).map((q) => [q.id, q]));
    for (const q of questions(skillsNeedsV1)) {
      const { staffChange3y, educationField, experience, certificates, retirements1to3y, workforce, ...shared } = v2.get(q.id) as Record<string, unknown>;
      expect(shared, q.id).toEqual(q);
      expect([staffChange3y, educationField, experience, certificates, retirements1to3y, workforce].some(Boolean)).toBe(q.type === "occupations");
    }
  });

  it("gives every version 1 family the same quantities and kinds, and adds only new families", () => {
    const shape = (fs: ReturnType<typeof releaseFamilies>) => new Map(fs.map((f) => [f.id, JSON.stringify([f.nKnown, f.nAssumedKnown, f.quantities, f.rows])]));
    const v1 = shape(releaseFamilies(skillsNeedsV1, ["7212"]));
    const v2 = shape(releaseFamilies(skillsNeedsV2, ["7212"]));
    for (const [id, s] of v1) expect(v2.get(id), id).toBe(s);
    expect([...v2.keys()].filter((id) => !v1.has(id)).sort()).toEqual(
      [
        "occ|7212|cert", "occ|7212|chg3y", "occ|7212|exp", "occ|7212|field", "occ|7212|men", "occ|7212|retire3y", "occ|7212|women",
        ...questions(skillsNeedsV2).flatMap((q) => (q.type === "multi" && !questions(skillsNeedsV1).some((o) => o.id === q.id) ? q.options.map((o) => `opt|${q.id}|${o.value}`) : [])),
      ].sort(),
    );
  });

  it("counts version 1 answers the same under version 2", () => {
    const answers = demoAnswers(skillsNeedsV1, DEMO_ORGANISATIONS[0]!, 3);
    expect(contributions(skillsNeedsV2, answers)).toEqual(contributions(skillsNeedsV1, answers));
  });
});

describe("skills-needs version 2: answers", () => {
  it("accepts a complete occupation row, certificates left out or empty", () => {
    expect(issues("submit", { occupations: [v2Row("7212"), v2Row("2512", { certificates: [] }), { ...v2Row("8211"), certificates: undefined }] }).filter((i) => i.startsWith("occupations"))).toEqual([]);
  });

  it("on submit needs each of version 2's row fields except certificates", () => {
    const { staffChange3y, educationField, experience, retirements1to3y, women, men, ...row } = v2Row("7212");
    expect(issues("submit", { occupations: [row] }).filter((i) => i.startsWith("occupations")).sort()).toEqual(
      ["educationField", "experience", "men", "retirements1to3y", "staffChange3y", "women"].map((f) => `occupations.0.${f}: error.required`),
    );
    expect(issues("draft", { occupations: [row] })).toEqual([]);
  });

  it("rejects an unknown field of education, a repeated certificate and a negative number of retirements", () => {
    expect(issues("draft", { occupations: [v2Row("7212", { educationField: "99", certificates: ["welding", "welding"], retirements1to3y: -1 })] }).sort()).toEqual([
      "occupations.0.certificates: error.duplicate",
      "occupations.0.educationField: error.option",
      "occupations.0.retirements1to3y: error.min",
    ]);
  });

  it("keeps version 1 as it was: a version 2 field in a version 1 row is an unknown field", () => {
    expect(issues("draft", { occupations: [v2Row("7212")] }, skillsNeedsV1)).toContain("occupations.0.staffChange3y: error.unknownField");
    expect(issues("draft", { inclusionRoles: ["placement"] }, skillsNeedsV1)).toContain("inclusionRoles: error.unknownField");
  });
});

describe("skills-needs version 2: contributions", () => {
  it("adds version 2's occupation counters beside version 1's", () => {
    const c = contributions(skillsNeedsV2, { occupations: [v2Row("7212")], inclusionRoles: ["placement", "traineePost"] });
    expect(c).toMatchObject({
      "occ|7212|n": 1,
      "occ|7212|chg|more": 1,
      "occ|7212|chg3y|more": 1,
      "occ|7212|field|52": 1,
      "occ|7212|exp|either": 1,
      "occ|7212|cert|welding": 1,
      "occ|7212|cert|hotWork": 1,
      "occ|7212|retire3y": 1,
      "occ|7212|women": 2,
      "occ|7212|men": 6,
      "opt|inclusionRoles|placement": 1,
      "opt|inclusionRoles|traineePost": 1,
    });
  });

  it("ignores version 2's fields under version 1", () => {
    const c = contributions(skillsNeedsV1, { occupations: [v2Row("7212")] });
    expect(Object.keys(c).filter((k) => /\|(chg3y|field|exp|cert|retire3y|women|men)/.test(k))).toEqual([]);
  });
});

type Response = { org: { sni: string; municipality: string; sizeClass: string }; answers: Answers };

async function release(responses: Response[], rules: DisclosureRules) {
  const units: Unit[] = responses.map((r, i) => ({ id: `org${i}`, segments: unitSegments(r.org), arrival: 0, values: contributions(skillsNeedsV2, r.answers) }));
  const occupations = reportedOccupations(units.map((u) => u.values));
  const families = releaseFamilies(skillsNeedsV2, occupations);
  const p = await protectRelease({ families, units, releases: 1, earlierSuppressed: new Set(), rules });
  const tables = buildReleaseTables({
    instrument: skillsNeedsV2,
    cells: {
      get(family, quantity, segment) {
        const cell = p.models.get(family)?.cellByKey.get(cellKey(0, quantity, segment));
        if (!cell) return { value: 0, n: 0 };
        return p.published.has(familyKey(family, cell.key)) ? { value: cell.value, n: cell.n } : "suppressed";
      },
    },
    segments: [...new Set(responses.map((r) => r.org.sni.slice(0, 2)))].sort().map((d) => ({ id: `industry:${d}`, value: d, label: d })),
    occupations,
    invited: () => responses.length,
  });
  return { p, tables, families, units };
}
const total = (tables: ResultTable[], id: string) => {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return Object.fromEntries(t.columns.map((c, j) => [c.key, t.total.cells[j]]));
};
const openRules: DisclosureRules = { k: 1, p: 0, frequencyShare: 0.2 };

describe("skills-needs version 2: release tables", () => {
  const three: Response[] = [
    { org: { sni: "25110", municipality: "0580", sizeClass: "10-49" }, answers: { occupations: [v2Row("7212")] } },
    { org: { sni: "25620", municipality: "0580", sizeClass: "10-49" }, answers: { occupations: [v2Row("7212", { staffChange3y: "fewer", experience: "experienced", certificates: [], women: 0, men: 4, educationField: "54" })] } },
    { org: { sni: "28110", municipality: "0581", sizeClass: "50-249" }, answers: { occupations: [v2Row("7212", { staffChange3y: "same", experience: "newGraduates", retirements1to3y: 3, women: 2, men: 2 })] } },
  ];

  it("balance in three years is % expecting more minus % expecting fewer", async () => {
    const { tables } = await release(three, openRules);
    expect(total(tables, "balance3y")["7212"]).toEqual({ value: 0, n: 3 });
  });

  it("new graduates, retirements, and the shares of women and men among the employees", async () => {
    const { tables } = await release(three, openRules);
    expect(total(tables, "newGraduates")["7212"]).toEqual({ value: 0.6667, n: 3 });
    expect(total(tables, "retirements1to3y")["7212"]).toEqual({ value: 5, n: 3 });
    expect(total(tables, "womenShare")["7212"]).toEqual({ value: 0.25, n: 3 });
    expect(total(tables, "menShare")["7212"]).toEqual({ value: 0.75, n: 3 });
  });

  it("field of education and certificates: the share of the organisations reporting the occupation per option", async () => {
    const { tables } = await release(three, openRules);
    expect(total(tables, "educationField.7212")).toMatchObject({ "52": { value: 0.6667, n: 3 }, "54": { value: 0.3333, n: 3 }, "72": { value: 0, n: 3 } });
    expect(total(tables, "certificates.7212")).toMatchObject({ welding: { value: 0.6667, n: 3 }, forklift: { value: 0, n: 3 } });
  });
});

describe("skills-needs version 2: protected with the same machinery", () => {
  const demo: Response[] = DEMO_ORGANISATIONS.slice(0, 24).map((org, i) => ({ org, answers: demoAnswers(skillsNeedsV2, org, 100 + i) }));

  it("the demo's version 2 answers pass the submit schema", () => {
    for (const r of demo) expect(issues("submit", r.answers)).toEqual([]);
  });

  it("the audit finds nothing in what protection publishes, and no suppressed value reaches the tables", async () => {
    const { p, tables, families, units } = await release(demo, DEFAULT_RULES);
    expect(p.findings).toEqual([]);
    const audits = await auditRelease(families, units, 1, p.published, DEFAULT_RULES);
    expect(audits.flatMap((a) => a.findings)).toEqual([]);
    // Wherever a new family's quantity is suppressed in a row's segment, every table cell that
    // reads it there says "suppressed" (it is protected by the same release cells).
    const readers: Record<string, string[]> = { retire3y: ["retirements1to3y"], women: ["womenShare", "menShare"], men: ["womenShare", "menShare"], chg3y: ["balance3y"], exp: ["newGraduates"] };
    let checked = 0;
    for (const key of p.suppressed) {
      const m = /^occ\|(\d{4})\|(\w+)\/0\|[^|]*(?:\|[^|]*)*\|(all|industry:\d{2})$/.exec(key);
      if (!m || !readers[m[2]!]) continue;
      const [, code, group, segment] = m;
      for (const id of readers[group!]!) {
        const t = tables.find((x) => x.id === id)!;
        const cells = segment === "all" ? t.total.cells : t.rows.find((r) => `industry:${r.segment}` === segment)?.cells;
        if (!cells) continue;
        expect(cells[t.columns.findIndex((c) => c.key === code)], `${id} ${code} ${segment}`).toEqual({ suppressed: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
