import { describe, expect, it } from "vitest";
import { lineUpReleases } from "../../shared/indicators/trend-series";
import type { Cell, ResultTable } from "../../shared/schemas";

const label = (s: string) => ({ sv: s, en: s });
const table = (id: string, columns: [string, Cell][], unit: ResultTable["unit"] = "share"): ResultTable => ({
  id,
  title: label(id),
  unit,
  columns: columns.map(([key]) => ({ key, label: label(key) })),
  rows: [{ segment: "25", label: "Division 25", n: 9, cells: columns.map(() => ({ value: 0.99, n: 9 })) }],
  total: { n: 20, cells: columns.map(([, c]) => c) },
});

describe("lining up releases for a trend", () => {
  it("keeps the tables and columns every release has, with the region's total of each release in order", () => {
    const first = [table("needShare.automation.now", [["none", { value: 0.5, n: 10 }], ["large", { suppressed: true }]])];
    const second = [table("needShare.automation.now", [["none", { value: 0.4, n: 12 }], ["large", { value: 0.2, n: 12 }]])];
    const { series, leftOut } = lineUpReleases([first, second]);
    expect(series).toEqual([
      {
        id: "needShare.automation.now",
        title: label("needShare.automation.now"),
        unit: "share",
        columns: [
          { key: "none", label: label("none"), points: [{ value: 0.5, n: 10 }, { value: 0.4, n: 12 }] },
          { key: "large", label: label("large"), points: [{ suppressed: true }, { value: 0.2, n: 12 }] },
        ],
      },
    ]);
    expect(leftOut).toEqual([]);
  });

  it("leaves out a table one instrument version lacks, and an occupation one round did not report, and lists both", () => {
    const v1 = [table("hires12m", [["7212", { value: 4, n: 3 }]], "count")];
    const v2 = [table("hires12m", [["7212", { value: 6, n: 4 }], ["2512", { value: 2, n: 3 }]], "count"), table("needShare.batteries.y1to3", [["none", { value: 1, n: 5 }]])];
    const { series, leftOut } = lineUpReleases([v1, v2]);
    expect(series.map((s) => [s.id, s.columns.map((c) => c.key)])).toEqual([["hires12m", ["7212"]]]);
    expect(leftOut).toEqual(expect.arrayContaining([
      { table: "hires12m", title: label("hires12m"), column: "2512", label: label("2512") },
      { table: "needShare.batteries.y1to3", title: label("needShare.batteries.y1to3") },
    ]));
  });

  it("reads only the trend's tables, never a row of a segment", () => {
    const tables = [table("maturity", [["mat", { value: 3, n: 5 }]], "mean"), table("balance", [["7212", { value: 10, n: 5 }]], "balance")];
    const { series } = lineUpReleases([tables, tables]);
    expect(series.map((s) => s.id)).toEqual(["balance"]);
    expect(JSON.stringify(series)).not.toContain("0.99");
  });
});
