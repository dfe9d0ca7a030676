import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { skolverketCandidates, susaCandidates, yrkesbarometerAssessments } from "../../shared/supply/provider-formats";
import { EducationOfferingRequest } from "../../shared/supply/schemas";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../infra/local/data/supply/${name}`, import.meta.url), "utf8"));
const valid = (records: Record<string, unknown>[]) => records.map((r) => EducationOfferingRequest.safeParse(r).success);

describe("provider formats", () => {
  it("reads every event of Skolverket's planned educations as an offering once the file's SUN field and places are named", () => {
    const { candidates, errors } = skolverketCandidates(fixture("skolverket-adult-education-v3.json"), { sunField: "521", places: 20 });
    expect(errors).toEqual([]);
    expect(valid(candidates.map((c) => c.record))).toEqual([true, true, true, true]);
    expect(candidates.map((c) => c.record.form)).toEqual(["campus", "campus", "partTime", "distance"]);
  });

  it("leaves a Skolverket event without a SUN field invalid rather than guessing one", () => {
    const { candidates } = skolverketCandidates(fixture("skolverket-adult-education-v3.json"), { places: 20 });
    const parsed = EducationOfferingRequest.safeParse(candidates[0]!.record);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain("sunField");
  });

  it("reads Susa-navet's events with the SUN field of their education and the provider's name", () => {
    const { candidates, errors } = susaCandidates(fixture("susa-navet-export.json"), {});
    expect(errors).toEqual([]);
    expect(valid(candidates.map((c) => c.record))).toEqual([true, true, true, true]);
    expect(candidates[1]!.record).toMatchObject({ provider: "Linköpings universitet (exempel)", sunField: "521a", kind: "university", places: 120 });
  });

  it("reports a Susa-navet event whose education is not in the file, by its position", () => {
    const doc = fixture("susa-navet-export.json");
    doc.educationEvents[2].education = "no.such.info";
    expect(susaCandidates(doc, {}).errors).toEqual([{ line: 3, field: "education", message: "error.import.unknownEducation" }]);
  });

  it("reads Yrkesbarometern's records per occupation and county, the county by its name", () => {
    const { items, errors } = yrkesbarometerAssessments(fixture("yrkesbarometer.json"));
    expect(errors).toEqual([]);
    expect(items[0]).toMatchObject({ ssyk: "7212", county: "05", recruitment: "shortage", jobOpportunities: "large", forecast: "increase" });
    expect(items.at(-1)!.county).toBe("06");
  });

  it("reports a Yrkesbarometer value it does not know instead of reading it as something else", () => {
    const doc = fixture("yrkesbarometer.json");
    doc[1].rekryteringssituation = "ganska svårt";
    expect(yrkesbarometerAssessments(doc).errors).toEqual([{ line: 2, field: "rekryteringssituation", message: "error.import.value" }]);
  });
});
