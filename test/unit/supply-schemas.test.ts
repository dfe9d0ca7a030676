import { describe, expect, it } from "vitest";
import { EducationOfferingRequest } from "../../shared/supply/schemas";
import { offeringRequest } from "../support/supply-fixtures";

const issues = (over: Record<string, unknown>) => {
  const parsed = EducationOfferingRequest.safeParse({ ...offeringRequest(), ...over });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
};

describe("an education offering", () => {
  it("is valid as the CSV template's example row says it", () => {
    expect(issues({})).toEqual([]);
  });

  it("names a SUN 2020 field of the code list, at any of its levels", () => {
    expect(issues({ sunField: "5" })).toEqual([]);
    expect(issues({ sunField: "522c" })).toEqual([]);
    expect(issues({ sunField: "528" })).toEqual(["sunField error.sun.field"]);
  });

  it("is at upper secondary level or above", () => {
    expect(issues({ sunLevel: "537" })).toEqual([]);
    expect(issues({ sunLevel: "206" })).toEqual(["sunLevel error.sun.level"]);
  });

  it("is in a municipality that exists and starts on a real date", () => {
    expect(issues({ municipality: "0599", startDate: "2026-02-30" })).toEqual(["municipality error.municipality.unknown", "startDate error.date"]);
  });
});
