import { describe, expect, it } from "vitest";
import { shortageComparison } from "../../shared/supply/shortage";
import type { YrkesbarometerAssessment } from "../../shared/supply/schemas";
import { hidden, occupationTable, shown } from "../support/supply-fixtures";

const codes = ["7212", "2512", "8332"];
const assessment = (ssyk: string, recruitment: YrkesbarometerAssessment["recruitment"], county = "05"): YrkesbarometerAssessment => ({
  conceptId: `c${ssyk}`, occupation: `yrke ${ssyk}`, ssyk, county, jobOpportunities: "large", recruitment, round: "2025-2",
});

describe("shortage occupations", () => {
  it("lists where companies report a shortage that Yrkesbarometern does not, and the reverse", () => {
    const view = shortageComparison({
      counties: ["05"],
      tables: [occupationTable("failedRecruitment", codes, [], [shown(0.5), shown(0.05), shown(0.1)]), occupationTable("difficulty", codes, [], [shown(0.7), shown(0.1), shown(0.2)])],
      assessments: [assessment("7212", "balance"), assessment("2512", "shortage"), assessment("8332", "balance")],
    });
    expect(view.companiesOnly).toEqual(["7212"]);
    expect(view.nationalOnly).toEqual(["2512"]);
  });

  it("says nothing about an occupation whose cells are all suppressed", () => {
    const view = shortageComparison({
      counties: ["05"],
      tables: [occupationTable("failedRecruitment", codes, [], [hidden, shown(0.05), shown(0.1)]), occupationTable("difficulty", codes, [], [hidden, shown(0.1), shown(0.2)])],
      assessments: [assessment("7212", "shortage")],
    });
    const welders = view.rows.find((r) => r.ssyk === "7212")!;
    expect(welders.companies).toBe("unknown");
    expect(welders.failedRecruitment).toEqual({ suppressed: true });
    expect(view.nationalOnly).not.toContain("7212");
    expect(view.companiesOnly).not.toContain("7212");
  });

  it("reads Yrkesbarometern's assessment for the region's counties only", () => {
    const view = shortageComparison({
      counties: ["05"],
      tables: [occupationTable("failedRecruitment", codes, [], [shown(0), shown(0), shown(0)])],
      assessments: [assessment("8332", "shortage", "01")],
    });
    expect(view.rows.find((r) => r.ssyk === "8332")!.assessment).toBe("notAssessed");
  });

  it("takes a shortage from either published indicator", () => {
    const view = shortageComparison({
      counties: ["05"],
      tables: [occupationTable("failedRecruitment", codes, [], [hidden, shown(0.4), shown(0)]), occupationTable("difficulty", codes, [], [shown(0.6), hidden, shown(0)])],
      assessments: [],
    });
    expect(view.rows.map((r) => r.companies)).toEqual(["shortage", "shortage", "none"]);
  });
});
