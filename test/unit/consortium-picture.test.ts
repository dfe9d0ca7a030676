import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { fileReleaseSigner } from "../../functions/adapters/release-signer";
import { combinedExportSource, folderExportSource } from "../../functions/adapters/export-source";
import { signExport } from "../../functions/domain/export-signature";
import { consortiumPicture, type ConsortiumDeps } from "../../functions/domain/consortium";
import { consortiumXlsx } from "../../functions/domain/consortium-report";
import { consortiumTrends } from "../../functions/domain/consortium-trends";
import { exportRegion, regionArbitrary } from "../support/consortium";
import { offering } from "../support/supply-fixtures";

const root = mkdtempSync(path.join(tmpdir(), "kb-consortium-"));
const signers = { ostergotland: fileReleaseSigner(path.join(root, "keys", "ost.pem")), orebro: fileReleaseSigner(path.join(root, "keys", "ore.pem")) };
const [ost, ore] = fc.sample(fc.tuple(regionArbitrary("ostergotland", "05", 10), regionArbitrary("orebro", "18", 10)), { numRuns: 1, seed: 7 })[0];

async function shelfWith(files: Record<string, unknown>): Promise<ConsortiumDeps> {
  const dir = mkdtempSync(path.join(root, "shelf-"));
  for (const [name, doc] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), typeof doc === "string" ? doc : JSON.stringify(doc));
  }
  return {
    name: "Östra Mellansverige",
    members: [
      { id: "ostergotland", name: "Region Östergötland", publicKeyPem: signers.ostergotland.publicKeyPem },
      { id: "orebro", name: "Region Örebro län", publicKeyPem: signers.orebro.publicKeyPem },
      { id: "uppsala", name: "Region Uppsala", publicKeyPem: signers.orebro.publicKeyPem },
    ],
    source: combinedExportSource([folderExportSource(dir)]),
  };
}

const signed = async (region: typeof ost, signer = signers[region.id as keyof typeof signers], cutoff?: string) => {
  const { doc } = await exportRegion(region, DEFAULT_RULES);
  return signExport(cutoff ? { ...doc, release: { ...doc.release, cutoff } } : doc, signer);
};

describe("the consortium's picture", () => {
  it("merges the newest verified export of each member and names the member with none", async () => {
    const deps = await shelfWith({
      "ostergotland/a/release-0001.json": await signed(ost, undefined, "2025-11-30T00:00:00.000Z"),
      "ostergotland/b/release-0002.json": await signed(ost, undefined, "2026-11-30T00:00:00.000Z"),
      "orebro/c/release-0001.json": await signed(ore),
    });
    const view = await consortiumPicture(deps, "region");
    expect(view.regions.map((r) => [r.id, r.release.cutoff])).toEqual([
      ["ostergotland", "2026-11-30T00:00:00.000Z"],
      ["orebro", "2026-11-30T00:00:00.000Z"],
    ]);
    expect(view.missing).toEqual([{ id: "uppsala", name: "Region Uppsala" }]);
    expect(view.responses).toBe(ost.units.length + ore.units.length);
    const responses = view.tables.find((t) => t.id === "responses")!;
    expect(responses.rows.map((r) => r.label)).toEqual(["Region Östergötland", "Region Örebro län"]);
    expect(responses.total.cells[0]).toEqual({ value: ost.units.length + ore.units.length, n: ost.units.length + ore.units.length });
  });

  it("refuses an export signed with another region's key, an altered one, a stranger's and a broken file, and says why", async () => {
    const altered = await signed(ore);
    altered.payload.release.responses += 1;
    const deps = await shelfWith({
      "ostergotland/x.json": await signed(ost, signers.orebro),
      "orebro/y.json": altered,
      "halland/z.json": await signed({ ...ost, id: "halland" }, signers.orebro),
      "orebro/broken.json": "{not json",
    });
    const view = await consortiumPicture(deps, undefined);
    expect(view.regions).toEqual([]);
    expect(view.rejected.map((r) => r.name).sort()).toEqual(["halland/z.json", "orebro/broken.json", "orebro/y.json", "ostergotland/x.json"]);
    expect(view.rejected.find((r) => r.name === "halland/z.json")?.reason).toMatch(/member/);
    expect(view.rejected.find((r) => r.name === "orebro/y.json")?.reason).toMatch(/does not hold/);
  });

  it("holds the merged needs against every member's education offerings, each region's row reaching its own counties", async () => {
    const withSupply = async (region: typeof ost, offerings: ReturnType<typeof offering>[]) => {
      const { doc } = await exportRegion(region, DEFAULT_RULES);
      return signExport({ ...doc, supply: { offerings: offerings.map(({ contact: _c, ...o }) => o), assessments: [] } }, signers[region.id as keyof typeof signers]);
    };
    const deps = await shelfWith({
      "ostergotland/a.json": await withSupply(ost, [offering({ id: "linkoping-yh", municipality: "0580", sunLevel: "5", places: 12 })]),
      "orebro/b.json": await withSupply(ore, [offering({ id: "orebro-komvux", municipality: "1880", sunLevel: "3", places: 8 })]),
    });
    const { gap } = await consortiumPicture(deps, "region");
    expect(gap!.offerings.map((o) => o.id).sort()).toEqual(["linkoping-yh", "orebro-komvux"]);
    expect(gap!.offerings.some((o) => "contact" in o)).toBe(false);
    const scopes = new Set([...gap!.occupations, ...gap!.areas].map((o) => o.scope.label));
    expect(scopes).toEqual(new Set(["Östra Mellansverige", "Region Östergötland", "Region Örebro län"]));
    // A region reaches no offering of the other region's counties.
    for (const o of gap!.occupations.filter((x) => x.scope.label === "Region Örebro län")) expect(o.offeringIds).not.toContain("linkoping-yh");
  });

  it("lines the merged picture up year by year, each year's points the merged totals of that year's exports", async () => {
    const deps = await shelfWith({
      "ostergotland/2025.json": await signed(ost, undefined, "2025-11-30T00:00:00.000Z"),
      "ostergotland/2026.json": await signed({ ...ore, id: "ostergotland" }, signers.ostergotland, "2026-11-30T00:00:00.000Z"),
      "orebro/2026.json": await signed(ore, undefined, "2026-11-30T00:00:00.000Z"),
    });
    const trends = await consortiumTrends(deps);
    expect(trends.periods.map((p) => [p.period, p.regions])).toEqual([
      ["2025", ["ostergotland"]],
      ["2026", ["ostergotland", "orebro"]],
    ]);
    const latest = await consortiumPicture(deps, "region");
    for (const series of trends.series) {
      const table = latest.tables.find((t) => t.id === series.id)!;
      for (const c of series.columns) expect(c.points[1]).toEqual(table.total.cells[table.columns.findIndex((x) => x.key === c.key)]);
    }
    expect(trends.series.length).toBeGreaterThan(0);
  });

  it("counts an export in the year its round describes, where the round says so, rather than the year its answers were cut off", async () => {
    const describing = async (year: number, cutoff: string) => {
      const { doc } = await exportRegion(ost, DEFAULT_RULES);
      return signExport({ ...doc, round: { ...doc.round, id: `r-${year}`, referenceYear: year }, release: { ...doc.release, cutoff } }, signers.ostergotland);
    };
    const deps = await shelfWith({
      "ostergotland/2024.json": await describing(2024, "2026-11-02T00:00:00.000Z"),
      "ostergotland/2025.json": await describing(2025, "2026-11-30T00:00:00.000Z"),
      "orebro/2026.json": await signed(ore, undefined, "2026-11-30T00:00:00.000Z"),
    });
    expect((await consortiumTrends(deps)).periods.map((p) => [p.period, p.regions])).toEqual([
      ["2024", ["ostergotland"]],
      ["2025", ["ostergotland"]],
      ["2026", ["orebro"]],
    ]);
  });

  it("refuses an unknown breakdown with a clear 4xx error", async () => {
    await expect(consortiumPicture(await shelfWith({}), "municipality")).rejects.toMatchObject({ code: "validation" });
  });

  it("gives the merged picture as XLSX whose values are the merged tables'", async () => {
    const deps = await shelfWith({ "ostergotland/a.json": await signed(ost), "orebro/b.json": await signed(ore) });
    const view = await consortiumPicture(deps, "section");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await consortiumXlsx(deps, "section", "sv")) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBe(view.tables.length + 1);
    const text = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join("\n");
    expect(text).toContain("Östra Mellansverige");
    for (const t of view.tables) for (const c of t.total.cells) if ("suppressed" in c) expect(text).toMatch(/skyddad/);
  });
});
