import { describe, expect, it } from "vitest";
import { OrganisationNumber, luhnValid } from "../../shared/schemas/common";

const messages = (input: unknown) => {
  const r = OrganisationNumber.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("organisation number", () => {
  it("accepts a valid number written without a hyphen", () => {
    expect(OrganisationNumber.parse("5560360793")).toBe("5560360793");
  });

  it("accepts a valid number with a hyphen after the sixth digit and normalises it away", () => {
    expect(OrganisationNumber.parse("556036-0793")).toBe("5560360793");
  });

  it("accepts other valid numbers (a public authority, a company)", () => {
    expect(OrganisationNumber.parse("212000-0142")).toBe("2120000142");
    expect(OrganisationNumber.parse("5567037485")).toBe("5567037485");
  });

  it("rejects a wrong check digit, with or without hyphen", () => {
    expect(messages("5560360794")).toEqual(["error.orgNumber.checkDigit"]);
    expect(messages("556036-0794")).toEqual(["error.orgNumber.checkDigit"]);
  });

  it("rejects a wrong format: too short, letters, hyphen in the wrong place", () => {
    expect(messages("556036079")).toContain("error.orgNumber.format");
    expect(messages("55603607AB")).toContain("error.orgNumber.format");
    expect(messages("5560-360793")).toContain("error.orgNumber.format");
  });

  it("Luhn: a single changed digit always breaks the check", () => {
    const valid = "5560360793";
    for (let i = 0; i < valid.length; i++)
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        expect(luhnValid(valid.slice(0, i) + d + valid.slice(i + 1))).toBe(false);
      }
  });
});
