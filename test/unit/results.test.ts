import { describe, expect, it } from "vitest";
import { buildResults, type SegmentCounters } from "../../shared/indicators/results";
import { contributions, segmentsOf, type Counters } from "../../shared/indicators/contributions";
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

/** The aggregate items as the submit path keeps them: contributions plus submitted, per segment. */
function aggregate(dimension: string): { segments: SegmentCounters[]; total: Counters } {
  const items = new Map<string, Counters>();
  for (const { org, answers } of responses)
    for (const s of segmentsOf(org)) {
      const key = `${s.dimension}#${s.value}`;
      const item = items.get(key) ?? {};
      for (const [k, v] of Object.entries({ ...contributions(skillsNeedsV1, answers), submitted: 1 })) item[k] = (item[k] ?? 0) + v;
      items.set(key, item);
    }
  const segments = [...items]
    .filter(([key]) => key.startsWith(`${dimension}#`))
    .map(([key, counters]) => ({ segment: key.split("#")[1], label: `Division ${key.split("#")[1]}`, counters }));
  return { segments, total: items.get("all#all")! };
}

function results(k: number) {
  return buildResults({ instrument: skillsNeedsV1, by: "industry", k, ...aggregate("industry") });
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

describe("buildResults: indicator values (k = 1, nothing suppressed)", () => {
  const tables = results(1);

  it("counts responses per segment and in total", () => {
    const t = table(tables, "responses");
    expect(t.rows.map((r) => [r.segment, r.n])).toEqual([
      ["25", 2],
      ["28", 1],
    ]);
    expect(grid(t)).toEqual({ "25": { submitted: v(2, 2) }, "28": { submitted: v(1, 1) }, total: { submitted: v(3, 3) } });
  });

  it("need share: the share of organisations per need level, n = organisations answering the cell", () => {
    const g = grid(table(tables, "needShare.digitalisation.now"));
    expect(g["25"]).toEqual({ none: v(0, 2), some: v(0.5, 2), large: v(0.5, 2) });
    expect(g["28"]).toEqual({ none: v(0, 1), some: v(0, 1), large: v(1, 1) });
    expect(g.total).toEqual({ none: v(0, 3), some: v(0.3333, 3), large: v(0.6667, 3) });
  });

  it("maturity: the mean of the organisations' means, and each statement's mean", () => {
    const g = grid(table(tables, "maturity"));
    // A: 4, B: 2, C: 28/6 = 4.667 (kept as 4667).
    expect(g["25"].mat).toEqual(v(3, 2));
    expect(g["28"].mat).toEqual(v(4.67, 1));
    expect(g.total.mat).toEqual(v(3.56, 3)); // (4000 + 2000 + 4667) / 3 / 1000 = 3.5557
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

  it("collaboration interest: share of responding organisations per option", () => {
    const g = grid(table(tables, "options.collaboration"));
    expect(g["25"].studyVisits).toEqual(v(1, 2));
    expect(g["25"].teknikcollege).toEqual(v(0.5, 2));
    expect(g["28"].studyVisits).toEqual(v(0, 1));
    expect(g.total.studyVisits).toEqual(v(0.6667, 3));
  });

  it("leaves out segments without a submitted response and sorts rows by segment", () => {
    const { segments, total } = aggregate("industry");
    const withEmpty = [{ segment: "01", label: "Empty", counters: { invited: 4 } }, ...segments.slice().reverse()];
    const t = table(buildResults({ instrument: skillsNeedsV1, by: "industry", k: 1, segments: withEmpty, total }), "responses");
    expect(t.rows.map((r) => r.segment)).toEqual(["25", "28"]);
  });
});

describe("buildResults: disclosure control (k = 2)", () => {
  const tables = results(2);
  const hidden = (c: Cell) => "suppressed" in c;

  it("hides the whole row of a segment with fewer than k organisations, in every table, its n too", () => {
    for (const t of tables) {
      const row = t.rows.find((r) => r.segment === "28")!;
      expect(row.n, t.id).toBeNull();
      for (const c of row.cells) expect(c, t.id).toEqual({ suppressed: true });
    }
  });

  it("hides another segment too where the total would give the small one away", () => {
    const t = table(tables, "responses");
    expect(t.rows.map((r) => r.cells[0])).toEqual([
      { suppressed: true },
      { suppressed: true },
    ]);
    expect(t.total.cells[0]).toEqual(v(3, 3));
  });

  it("hides an occupation total built from fewer than k organisations", () => {
    expect(grid(table(tables, "hires12m")).total["7212"]).toEqual({ suppressed: true });
  });

  it("gives the per-occupation tables one suppression pattern", () => {
    const pattern = (id: string) => {
      const t = table(tables, id);
      return [...t.rows.map((r) => r.cells), t.total.cells].map((cells) => cells.map(hidden));
    };
    for (const id of ["hires1to3y", "failedRecruitment", "balance"]) expect(pattern(id)).toEqual(pattern("hires12m"));
  });

  it("never carries a value or n in a suppressed cell", () => {
    for (const t of tables)
      for (const c of [...t.rows.flatMap((r) => r.cells), ...t.total.cells])
        if (hidden(c)) expect(Object.keys(c).sort()).toEqual(["suppressed"]);
  });
});
