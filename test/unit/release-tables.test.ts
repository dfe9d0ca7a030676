import { beforeAll, describe, expect, it } from "vitest";
import { contributions } from "../../shared/indicators/contributions";
import { releaseFamilies, reportedOccupations, unitSegments } from "../../shared/indicators/release-families";
import { buildReleaseTables } from "../../shared/indicators/release-tables";
import { familyKey, protectRelease } from "../../shared/disclosure/release-protection";
import { cellKey, type Unit } from "../../shared/disclosure/linked-model";
import { skillsNeedsV1 } from "../../shared/instruments";
import type { Answers } from "../../shared/schemas/instrument";
import type { Cell, ResultTable } from "../../shared/schemas/api";

const none = { level: "none" };
const flat = (level: string) => ({ now: { level, method: "upskill", people: 1 }, y1to3: none, y3to8: none });
const likerts = (values: number[]) => Object.fromEntries(skillsNeedsV1.maturityQuestionIds.map((id, i) => [id, values[i]]));
const occ = (ssyk: string, hires12m: number, hires1to3y: number, sought12m: number, hired12m: number, staffChange12m: string) => ({
  ssyk,
  hires12m,
  hires1to3y,
  sought12m,
  hired12m,
  staffChange12m,
  educationLevel: "upperSecondary",
  difficulty: "some",
});
const base = (digitalisationNow: string, maturity: number[]): Answers => ({
  detailsCorrect: "yes",
  ...likerts(maturity),
  needs: { digitalisation: flat(digitalisationNow), greenTransition: { now: none, y1to3: none, y3to8: none }, automation: { now: none, y1to3: none, y3to8: none } },
});

/** Three organisations: A and B in division 25, C in division 28. */
const responses: { org: { sni: string; municipality: string; sizeClass: string }; answers: Answers }[] = [
  {
    org: { sni: "25110", municipality: "0580", sizeClass: "10-49" },
    answers: { ...base("large", [4, 4, 4, 4, 4, 4]), occupations: [occ("2512", 2, 3, 4, 1, "more")], collaboration: ["studyVisits"] },
  },
  {
    org: { sni: "25620", municipality: "0580", sizeClass: "10-49" },
    answers: { ...base("some", [2, 2, 2, 2, 2, 2]), occupations: [occ("2512", 1, 0, 0, 0, "fewer")], collaboration: ["studyVisits", "teknikcollege"] },
  },
  {
    org: { sni: "28110", municipality: "0581", sizeClass: "50-249" },
    answers: { ...base("large", [5, 5, 5, 5, 5, 3]), occupations: [occ("2512", 5, 5, 6, 6, "more"), occ("7212", 1, 0, 0, 0, "same")], collaboration: [] },
  },
];

/** The release of the three with nothing sensitive (k = 1, p = 0), as tables by industry. */
async function release(): Promise<ResultTable[]> {
  const units: Unit[] = responses.map((r, i) => ({ id: `org${i}`, segments: unitSegments(r.org), arrival: 0, values: contributions(skillsNeedsV1, r.answers) }));
  const families = releaseFamilies(skillsNeedsV1, reportedOccupations(units.map((u) => u.values)));
  const p = await protectRelease({ families, units, releases: 1, earlierSuppressed: new Set(), rules: { k: 1, p: 0, frequencyShare: 0.2 } });
  return buildReleaseTables({
    instrument: skillsNeedsV1,
    cells: {
      get(family, quantity, segment) {
        const cell = p.models.get(family)?.cellByKey.get(cellKey(0, quantity, segment));
        if (!cell) return { value: 0, n: 0 };
        return p.published.has(familyKey(family, cell.key)) ? { value: cell.value, n: cell.n } : "suppressed";
      },
    },
    segments: [
      { id: "industry:25", value: "25", label: "Division 25" },
      { id: "industry:28", value: "28", label: "Division 28" },
    ],
    occupations: reportedOccupations(units.map((u) => u.values)),
    invited: (s) => ({ all: 4, "industry:25": 3, "industry:28": 1 })[s] ?? 0,
  });
}
const table = (tables: ResultTable[], id: string) => {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};
/** A table as { segment: { column: cell } }, the total under "total". */
function grid(t: ResultTable): Record<string, Record<string, Cell>> {
  const byColumn = (cells: Cell[]) => Object.fromEntries(t.columns.map((c, j) => [c.key, cells[j]]));
  return { ...Object.fromEntries(t.rows.map((r) => [r.segment, byColumn(r.cells)])), total: byColumn(t.total.cells) };
}
const v = (value: number | null, n: number) => ({ value, n });

describe("release tables: indicator values (nothing sensitive)", () => {
  let tables: ResultTable[];
  beforeAll(async () => {
    tables = await release();
  });

  it("counts responding and invited organisations and the response rate per segment and in total", () => {
    const t = table(tables, "responses");
    expect(t.rows.map((r) => [r.segment, r.n])).toEqual([
      ["25", 2],
      ["28", 1],
    ]);
    expect(grid(t)).toEqual({
      "25": { submitted: v(2, 2), invited: v(3, 3) },
      "28": { submitted: v(1, 1), invited: v(1, 1) },
      total: { submitted: v(3, 3), invited: v(4, 4) },
    });
    expect(grid(table(tables, "responseRate")).total).toEqual({ rate: v(0.75, 3) });
  });

  it("need share: the share of organisations per need level, n = organisations answering the cell", () => {
    const g = grid(table(tables, "needShare.digitalisation.now"));
    expect(g["25"]).toEqual({ none: v(0, 2), some: v(0.5, 2), large: v(0.5, 2) });
    expect(g["28"]).toEqual({ none: v(0, 1), some: v(0, 1), large: v(1, 1) });
    expect(g.total).toEqual({ none: v(0, 3), some: v(0.3333, 3), large: v(0.6667, 3) });
  });

  it("how a need will be met: shares among the organisations with a need, and the people needed", () => {
    const g = grid(table(tables, "needMet.digitalisation.now"));
    expect(g.total).toEqual({ upskill: v(1, 3), recruit: v(0, 3), both: v(0, 3), people: v(3, 3) });
    expect(grid(table(tables, "needMet.automation.now")).total).toEqual({ upskill: v(null, 0), recruit: v(null, 0), both: v(null, 0), people: v(0, 0) });
  });

  it("maturity: each statement's mean, and strategic maturity as their mean", () => {
    const g = grid(table(tables, "maturity"));
    expect(g["25"].mat).toEqual(v(3, 2));
    expect(g["28"].mat).toEqual(v(4.67, 1));
    expect(g.total.mat).toEqual(v(3.56, 3)); // statements' means 11/3 (five times) and 3
    expect(g.total.educationPartners).toEqual(v(3, 3)); // (4 + 2 + 3) / 3
  });

  it("planned hires per occupation, n = organisations reporting the occupation", () => {
    const t12 = grid(table(tables, "hires12m"));
    expect(table(tables, "hires12m").columns.map((c) => c.key)).toEqual(["2512", "7212"]);
    expect(t12["25"]).toEqual({ "2512": v(3, 2), "7212": v(0, 0) });
    expect(t12["28"]).toEqual({ "2512": v(5, 1), "7212": v(1, 1) });
    expect(t12.total).toEqual({ "2512": v(8, 3), "7212": v(1, 1) });
    expect(grid(table(tables, "hires1to3y")).total).toEqual({ "2512": v(8, 3), "7212": v(0, 1) });
  });

  it("failed-recruitment rate is (sought - hired) / sought, and empty (null) where nobody was sought", () => {
    const g = grid(table(tables, "failedRecruitment"));
    expect(g["25"]["2512"]).toEqual(v(0.75, 2)); // (4 - 1) / 4
    expect(g["28"]["2512"]).toEqual(v(0, 1)); // (6 - 6) / 6
    expect(g.total["2512"]).toEqual(v(0.3, 3)); // (10 - 7) / 10
    expect(g["28"]["7212"]).toEqual(v(null, 1));
    expect(g["25"]["7212"]).toEqual(v(null, 0));
  });

  it("balance is % expecting more minus % expecting fewer, -100..100", () => {
    const g = grid(table(tables, "balance"));
    expect(g["25"]["2512"]).toEqual(v(0, 2)); // one more, one fewer
    expect(g["28"]["2512"]).toEqual(v(100, 1));
    expect(g.total["2512"]).toEqual(v(33.3, 3)); // (2 - 1) / 3
    expect(g.total["7212"]).toEqual(v(0, 1)); // same
  });

  it("recruitment difficulty and education level by occupation", () => {
    expect(grid(table(tables, "difficulty")).total["2512"]).toEqual(v(0, 3)); // all "some"
    expect(grid(table(tables, "education")).total["2512"]).toEqual(v(0, 3)); // all upper secondary
  });

  it("collaboration interest: share of responding organisations per option", () => {
    const g = grid(table(tables, "options.collaboration"));
    expect(g["25"].studyVisits).toEqual(v(1, 2));
    expect(g["25"].teknikcollege).toEqual(v(0.5, 2));
    expect(g["28"].studyVisits).toEqual(v(0, 1));
    expect(g.total.studyVisits).toEqual(v(0.6667, 3));
  });
});
