import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { supplyGap } from "../../shared/supply/gap";
import type { SsykSunMapping } from "../../shared/supply/ssyk-sun-mapping";
import type { Cell } from "../../shared/schemas/api";
import { areaTables, hidden, occupationTable, offering, shown } from "../support/supply-fixtures";

const mapping: SsykSunMapping = {
  version: "test",
  occupations: { "7212": { fields: ["521"], level: "secondary" }, "2512": { fields: ["481"], level: "postSecondary" } },
  areas: { digitalisation: ["48"] },
};
const base = { counties: ["05"], totalLabel: "Östergötland", mapping };
const hires = (total: Cell[], rows: { segment: string; cells: Cell[] }[] = []) => occupationTable("hires12m", ["7212", "2512"], rows, total);

describe("the gap list", () => {
  it("subtracts the places of offerings within reach from a published need", () => {
    const view = supplyGap({ ...base, tables: [hires([shown(30), shown(4)])], offerings: [offering({ sunField: "521c", sunLevel: "3", places: 12 })] });
    const welders = view.occupations.find((o) => o.scope.kind === "total" && o.ssyk === "7212")!;
    expect(welders.places.county).toBe(12);
    expect(welders.unmet12m).toBe(18);
  });

  it("never shows a number for a suppressed need, nor lists it among the largest", () => {
    const view = supplyGap({ ...base, tables: [hires([hidden, shown(4)])], offerings: [] });
    const welders = view.occupations.find((o) => o.scope.kind === "total" && o.ssyk === "7212")!;
    expect(welders.hires12m).toEqual({ suppressed: true });
    expect(welders.unmet12m).toBe("suppressed");
    expect(view.largestUnmet.map((u) => u.code)).not.toContain("7212");
  });

  it("counts an offering in its nearest tier only: own municipality, then county, then distance", () => {
    const rows = [{ segment: "0580", cells: [shown(10), shown(1)] }];
    const offerings = [
      offering({ id: "here", municipality: "0580", sunLevel: "3", places: 5 }),
      offering({ id: "county", municipality: "0581", sunLevel: "3", places: 7 }),
      offering({ id: "remote", municipality: "1280", form: "distance", sunLevel: "3", places: 3 }),
      offering({ id: "far", municipality: "1280", sunLevel: "3", places: 100 }),
    ];
    const view = supplyGap({ ...base, tables: [hires([shown(10), shown(1)], rows)], offerings });
    const linkoping = view.occupations.find((o) => o.scope.segment === "0580" && o.ssyk === "7212")!;
    expect(linkoping.places).toEqual({ municipality: 5, county: 7, distance: 3 });
    expect(linkoping.offeringIds).toEqual(["here", "county", "remote"]);
  });

  it("holds an occupation to the level the release says it asks for, over the mapping's usual level", () => {
    const education = occupationTable("education", ["7212", "2512"], [], [shown(0.8), shown(0.9)]);
    const offerings = [offering({ id: "komvux", sunLevel: "3", places: 20 }), offering({ id: "yh", sunLevel: "5", places: 6 })];
    const view = supplyGap({ ...base, tables: [hires([shown(30), shown(4)]), education], offerings });
    const welders = view.occupations.find((o) => o.scope.kind === "total" && o.ssyk === "7212")!;
    expect(welders.level).toBe("postSecondary");
    expect(welders.offeringIds).toEqual(["yh"]);
  });

  it("falls back to the mapping's level where the education share is suppressed", () => {
    const education = occupationTable("education", ["7212", "2512"], [], [hidden, hidden]);
    const offerings = [offering({ id: "komvux", sunLevel: "3" }), offering({ id: "yh", sunLevel: "5" })];
    const view = supplyGap({ ...base, tables: [hires([shown(30), shown(4)]), education], offerings });
    expect(view.occupations.find((o) => o.scope.kind === "total" && o.ssyk === "7212")!.offeringIds).toEqual(["komvux"]);
  });

  it("puts competence areas' people needed next to the offerings of the mapped fields", () => {
    const tables = [hires([shown(1), shown(1)]), ...areaTables("digitalisation", "now", [], { large: shown(0.4), people: shown(25) })];
    const view = supplyGap({ ...base, tables, offerings: [offering({ sunField: "481", places: 10 })] });
    const area = view.areas.find((a) => a.scope.kind === "total" && a.area === "digitalisation")!;
    expect(area.unmet).toBe(15);
    expect(view.largestUnmet[0]).toMatchObject({ what: "area", code: "digitalisation", unmet: 15 });
  });

  it("lists the largest unmet needs of the total, largest first", () => {
    const view = supplyGap({ ...base, tables: [hires([shown(30), shown(50)])], offerings: [] });
    expect(view.largestUnmet.map((u) => [u.code, u.unmet])).toEqual([["2512", 50], ["7212", 30]]);
  });

  it("reaches, for a consortium's row by region, the offerings of that region's counties", () => {
    const rows = [{ segment: "ostergotland", cells: [shown(20), shown(1)] }, { segment: "uppsala", cells: [shown(20), shown(1)] }];
    const offerings = [offering({ municipality: "0580", sunLevel: "3", places: 8 }), offering({ municipality: "0380", sunLevel: "3", places: 5 })];
    const counties: Record<string, string[]> = { ostergotland: ["05"], uppsala: ["03"] };
    const view = supplyGap({ ...base, counties: ["05", "03"], tables: [hires([shown(40), shown(2)], rows)], offerings, segmentCounties: (s) => counties[s] });
    const welders = (segment: string) => view.occupations.find((o) => o.scope.segment === segment && o.ssyk === "7212")!;
    expect([welders("ostergotland").unmet12m, welders("uppsala").unmet12m, welders("all").unmet12m]).toEqual([12, 15, 27]);
    expect(welders("uppsala").scope.kind).toBe("region");
  });

  it("keeps every suppressed need suppressed, whatever the tables and offerings (property)", () => {
    const cell = fc.oneof(fc.constant<Cell>(hidden), fc.integer({ min: 0, max: 500 }).map((v) => shown(v)));
    const segment = fc.constantFrom("0580", "0581", "0583", "05");
    const someOffering = fc.record({ municipality: fc.constantFrom("0580", "0581", "1280"), places: fc.integer({ min: 1, max: 60 }), sunField: fc.constantFrom("521", "481", "722"), sunLevel: fc.constantFrom("3", "5") });
    fc.assert(
      fc.property(fc.array(fc.record({ segment, a: cell, b: cell }), { maxLength: 4 }), cell, cell, fc.array(someOffering, { maxLength: 6 }), (rows, ta, tb, offs) => {
        const table = hires([ta, tb], rows.map((r) => ({ segment: r.segment, cells: [r.a, r.b] })));
        const view = supplyGap({ ...base, tables: [table], offerings: offs.map((o) => offering(o)) });
        for (const o of view.occupations) if ("suppressed" in o.hires12m) expect(o.unmet12m).toBe("suppressed");
        const hiddenTotals = ["7212", "2512"].filter((_, i) => "suppressed" in [ta, tb][i]!);
        for (const u of view.largestUnmet) expect(hiddenTotals).not.toContain(u.code);
      }),
    );
  });
});
