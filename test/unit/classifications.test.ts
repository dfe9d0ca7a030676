import { describe, expect, it } from "vitest";
import {
  countyName,
  countyOf,
  divisionLabel,
  isKnownMunicipality,
  isKnownSni,
  isKnownSsyk,
  municipalityName,
  sectionLabel,
  sniDivision,
  sniLabel,
  sniSection,
  ssykLabel,
  SECTIONS,
} from "../../shared/classifications";

describe("classifications", () => {
  it("maps an SNI code to its division and the division to its NACE section", () => {
    expect(sniDivision("28110")).toBe("28");
    expect(sniSection("28")).toBe("C");
    expect(sniSection("01")).toBe("A");
    expect(sniSection("62")).toBe("J");
    expect(sniSection("99")).toBe("U");
  });

  it("has no section for a division outside the NACE ranges", () => {
    expect(sniSection("04")).toBeUndefined();
    expect(sniSection("2")).toBeUndefined();
  });

  it("every division in the SNI list has a section", () => {
    for (let d = 1; d <= 99; d++) {
      const division = String(d).padStart(2, "0");
      if (divisionLabel(division)) expect(sniSection(division), division).toMatch(/^[A-U]$/);
    }
  });

  it("names sections in Swedish and English", () => {
    expect(sectionLabel("C", "sv")).toBe("Tillverkning");
    expect(sectionLabel("C", "en")).toBe("Manufacturing");
    expect(SECTIONS).toHaveLength(21);
    expect(sectionLabel("Z", "en")).toBeUndefined();
  });

  it("knows SNI labels at code and division level", () => {
    expect(isKnownSni("01110")).toBe(true);
    expect(isKnownSni("01119")).toBe(false);
    expect(sniLabel("01110")).toMatch(/^Odling av spannmål/);
    expect(divisionLabel("01")).toMatch(/^Jordbruk/);
  });

  it("knows municipalities and counties", () => {
    expect(municipalityName("0580")).toBe("Linköping");
    expect(isKnownMunicipality("0580")).toBe(true);
    expect(isKnownMunicipality("0599")).toBe(false);
    expect(countyOf("0580")).toBe("05");
    expect(countyName("05")).toBe("Östergötland");
  });

  it("knows SSYK 2012 unit groups, and only 4-digit ones", () => {
    expect(isKnownSsyk("2512")).toBe(true);
    expect(ssykLabel("2512")).toBe("Mjukvaru- och systemutvecklare m.fl.");
    expect(isKnownSsyk("251")).toBe(false);
    expect(isKnownSsyk("9999")).toBe(false);
  });

  it("does not treat inherited object keys as codes", () => {
    expect(isKnownSni("constructor")).toBe(false);
    expect(municipalityName("toString")).toBeUndefined();
  });
});
