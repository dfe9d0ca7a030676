import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { auditAsInsider } from "../../shared/disclosure/insider-audit";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { HIRES_FAMILY, LEVELS_FAMILY, RESPONSES, org, protectInOrder, roundArbitrary, unit } from "../support/disclosure";

/**
 * A company reading its feedback knows every published cell of the release and its own answers.
 * The release's protection must hold against it on every sensitive cell, not only on those the
 * run-time audit tries it on.
 */
const rules = DEFAULT_RULES;
const FAMILIES = [RESPONSES, LEVELS_FAMILY, HIRES_FAMILY];

describe("the audit with the company reading its feedback as insider", () => {
  it("finds what a company could read off a published division total that holds it and one other", async () => {
    // Published without protection, the division's hires minus the company's own are the other's.
    const units = [unit("me", org("10100", "0580"), { reports: 1, hires: 30 }), unit("other", org("10100", "0580"), { reports: 1, hires: 70 })];
    const all = new Set(["hires/0|n|all", "hires/0|hires|all", "hires/0|n|industry:10", "hires/0|hires|industry:10"]);
    const findings = await auditAsInsider([HIRES_FAMILY], units, 1, all, rules, "me");
    expect(findings.some((f) => f.attacker.kind === "insider" && f.attacker.unit === "me")).toBe(true);
  });

  it("passes where a company that chose no need knows that much of the one large and the one some need of its division", async () => {
    // Found by the property below against an audit that tried insiders on their own quantity only.
    const units = [0, 0, 0, 2, 0, 0, 1].map((level, i) => unit(`org${i}`, org("10100", "0580", "0-9"), { level, reports: 0, hires: 0 }));
    const { published } = await protectInOrder(FAMILIES, units, 1, rules);
    for (const company of units.map((u) => u.id)) expect(await auditAsInsider(FAMILIES, units, 1, published, rules, company), company).toEqual([]);
  });

  it("passes on random rounds over the releases the feedback reads, whichever company reads it", async () => {
    await fc.assert(
      fc.asyncProperty(roundArbitrary(25, 3), fc.nat(), async ({ units, releases }, pick) => {
        const { published } = await protectInOrder(FAMILIES, units, releases, rules);
        const company = units[pick % units.length].id;
        expect(await auditAsInsider(FAMILIES, units, releases, published, rules, company)).toEqual([]);
      }),
      { numRuns: 100, seed: 20261203 },
    );
  }, 300_000);
});
