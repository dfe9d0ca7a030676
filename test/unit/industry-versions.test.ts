import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { divisionBridge2007To2025, isIndustryVersionAvailable, isKnownIndustryCode } from "../../shared/classifications/industry-versions";
import { mergeExports } from "../../shared/consortium/merge";
import { CreateOrganisationRequest } from "../../shared/schemas/organisation";
import { organisationRequest } from "../support/fixtures";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { exportRegion, regionArbitrary } from "../support/consortium";

/** A made-up correspondence in the shape SCB publishes (pairs of 5-digit codes), for the mechanics only. */
const FILE = {
  sni2025: { divisions: { "25": "Metallvaror", "28": "Maskiner", "33": "Reparation", "10": "Livsmedel" }, codes: { "25110": "x", "28110": "x", "33120": "x", "10111": "x" } },
  correspondence: {
    "25110": ["25110"], // 25 lies wholly in 25
    "25620": ["25620"],
    "28110": ["28110", "33120"], // 28 splits into 28 and 33
    "10111": ["10111"], // 10 and 11 fold into 10
    "11010": ["10990"],
  },
};

describe("industry classification versions", () => {
  it("has SNI 2007 and, until its list is generated, no SNI 2025", () => {
    expect(isIndustryVersionAvailable("SNI2007")).toBe(true);
    expect(isKnownIndustryCode("25110", "SNI2007")).toBe(true);
    expect(isIndustryVersionAvailable("SNI2025")).toBe(false);
    expect(isKnownIndustryCode("25110", "SNI2025")).toBeUndefined();
    expect(divisionBridge2007To2025()).toBeUndefined();
  });

  it("takes an organisation's code as SNI 2007 unless told, and refuses SNI 2025 while its list is missing", () => {
    const base = organisationRequest(0);
    const parsed = CreateOrganisationRequest.safeParse(base);
    expect(parsed.success && parsed.data.sniVersion).toBe("SNI2007");
    const refused = CreateOrganisationRequest.safeParse({ ...base, sniVersion: "SNI2025" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["sniVersion", "error.sniVersionUnavailable"]]);
    expect(CreateOrganisationRequest.safeParse({ ...base, sniVersion: "NACE" }).success).toBe(false);
  });

  it("reads SNI 2025's codes from the generated file once it is there", () => {
    expect(isIndustryVersionAvailable("SNI2025", FILE)).toBe(true);
    expect(isKnownIndustryCode("33120", "SNI2025", FILE)).toBe(true);
    expect(isKnownIndustryCode("99999", "SNI2025", FILE)).toBe(false);
  });

  it("bridges a division only when it lies wholly in one SNI 2025 division that takes no part of a split one", () => {
    const bridge = divisionBridge2007To2025(FILE)!;
    expect(Object.fromEntries(bridge)).toEqual({ "25": "25", "10": "10", "11": "10" });
  });

  it("merges an SNI 2007 region with an SNI 2025 region on bridged divisions only, and on no section", async () => {
    const [a, b] = fc.sample(fc.tuple(regionArbitrary("ostergotland", "05", 10), regionArbitrary("orebro", "18", 10)), { numRuns: 1, seed: 11 })[0];
    const made = await Promise.all([a, b].map((r) => exportRegion(r, DEFAULT_RULES)));
    const docs = [made[0].doc, { ...made[1].doc, classifications: { ...made[1].doc.classifications, industry: "SNI2025" as const } }];
    const merge = mergeExports(docs, { divisionBridge: divisionBridge2007To2025(FILE) });
    expect(merge.industryClassification).toBe("SNI2025");
    const segments = new Set(merge.cells.entries().map((e) => e.segment));
    expect([...segments].some((s) => s.startsWith("section:"))).toBe(false);
    // Östergötland's (SNI 2007) divisions 28, 45, 47, 62 do not cross the made-up bridge; Örebro's (SNI 2025) all stay.
    const orebro = new Set(docs[1].families.find((f) => f.id === "responses")!.cells.map((c) => c.segment).filter((s) => s.startsWith("industry:")));
    for (const s of segments) if (s.startsWith("industry:")) expect(orebro.has(s) || ["industry:25", "industry:10"].includes(s)).toBe(true);
    const total = merge.cells.get("responses", "n", "industry:25");
    const part = (i: number) => docs[i].families.find((f) => f.id === "responses")!.cells.find((c) => c.segment === "industry:25");
    const expected = [0, 1].reduce((s, i) => s + ((p) => (p && "value" in p ? p.n : 0))(part(i)), 0);
    if (total !== "suppressed") expect(total.n).toBe(expected);
  });
});
