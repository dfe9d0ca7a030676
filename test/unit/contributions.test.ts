import { describe, expect, it } from "vitest";
import { contributions, segmentsOf } from "../../shared/indicators/contributions";
import { skillsNeedsV1 } from "../../shared/instruments";
import { answersSchema } from "../../shared/instruments/answers-schema";
import type { Answers } from "../../shared/schemas/instrument";

const none = { level: "none" };

/** A submitted response, and below it the counters worked out by hand. */
const response: Answers = {
  detailsCorrect: "yes",
  competencePlan: 4,
  longTermAnalysis: 2,
  individualPlans: 3,
  managementOwnership: 5,
  learningBudget: 1,
  educationPartners: 4,
  needs: {
    digitalisation: { now: { level: "large", method: "both", people: 4 }, y1to3: { level: "some", method: "upskill", people: 10 }, y3to8: none },
    // Stale method and people on a "none" cell (left by the form) count for nothing.
    greenTransition: { now: { level: "none", method: "recruit", people: 7 }, y1to3: none, y3to8: { level: "some", method: "recruit", people: 0 } },
    automation: { now: none, y1to3: none, y3to8: none },
  },
  occupations: [
    { ssyk: "2512", hires12m: 2, hires1to3y: 5, staffChange12m: "more", educationLevel: "university", difficulty: "hard", sought12m: 4, hired12m: 1 },
    { ssyk: "7212", hires12m: 0, hires1to3y: 1, staffChange12m: "same", educationLevel: "upperSecondary", difficulty: "some", sought12m: 0, hired12m: 0 },
  ],
  collaboration: ["studyVisits", "teknikcollege"],
  comments: "Vi behöver fler svetsare.",
};

const expected = {
  "opt|detailsCorrect|yes": 1,
  "lk|competencePlan|sum": 4,
  "lk|competencePlan|n": 1,
  "lk|longTermAnalysis|sum": 2,
  "lk|longTermAnalysis|n": 1,
  "lk|individualPlans|sum": 3,
  "lk|individualPlans|n": 1,
  "lk|managementOwnership|sum": 5,
  "lk|managementOwnership|n": 1,
  "lk|learningBudget|sum": 1,
  "lk|learningBudget|n": 1,
  "lk|educationPartners|sum": 4,
  "lk|educationPartners|n": 1,
  "need|needs|digitalisation|now|large": 1,
  "needm|needs|digitalisation|now|both": 1,
  "needp|needs|digitalisation|now": 4,
  "need|needs|digitalisation|y1to3|some": 1,
  "needm|needs|digitalisation|y1to3|upskill": 1,
  "needp|needs|digitalisation|y1to3": 10,
  "need|needs|digitalisation|y3to8|none": 1,
  "need|needs|greenTransition|now|none": 1,
  "need|needs|greenTransition|y1to3|none": 1,
  "need|needs|greenTransition|y3to8|some": 1,
  "needm|needs|greenTransition|y3to8|recruit": 1,
  "need|needs|automation|now|none": 1,
  "need|needs|automation|y1to3|none": 1,
  "need|needs|automation|y3to8|none": 1,
  "occ|2512|n": 1,
  "occ|2512|hires12m": 2,
  "occ|2512|hires1to3y": 5,
  "occ|2512|sought": 4,
  "occ|2512|hired": 1,
  "occ|2512|chg|more": 1,
  "occ|2512|diff|hard": 1,
  "occ|2512|edu|university": 1,
  "occ|7212|n": 1,
  "occ|7212|hires1to3y": 1,
  "occ|7212|chg|same": 1,
  "occ|7212|diff|some": 1,
  "occ|7212|edu|upperSecondary": 1,
  "opt|collaboration|studyVisits": 1,
  "opt|collaboration|teknikcollege": 1,
  // maturity: mean of 4, 2, 3, 5, 1, 4 = 19 / 6 = 3.1666... -> 3167 (x 1000, rounded)
  "mat|sum": 3167,
  "mat|n": 1,
};

describe("contributions", () => {
  it("the hand-computed response is a valid submission", () => {
    expect(answersSchema(skillsNeedsV1, "submit").safeParse(response).success).toBe(true);
  });

  it("gives exactly the hand-computed counters (zero counters left out, text adds nothing)", () => {
    expect(contributions(skillsNeedsV1, response)).toEqual(expected);
  });

  it("gives integers only", () => {
    for (const v of Object.values(contributions(skillsNeedsV1, response))) expect(Number.isInteger(v)).toBe(true);
  });

  it("takes the maturity mean over the maturity questions answered only", () => {
    const c = contributions(skillsNeedsV1, { competencePlan: 5, longTermAnalysis: 2 });
    expect(c["mat|sum"]).toBe(3500);
    expect(c["mat|n"]).toBe(1);
  });

  it("adds no maturity counters when no maturity question is answered", () => {
    const c = contributions(skillsNeedsV1, { detailsCorrect: "no" });
    expect(c).toEqual({ "opt|detailsCorrect|no": 1 });
  });

  it("counts an occupation given twice as one organisation, adding its numbers", () => {
    const row = { ssyk: "2512", hires12m: 1, hires1to3y: 0, staffChange12m: "more", educationLevel: "university", difficulty: "easy", sought12m: 1, hired12m: 1 };
    const c = contributions(skillsNeedsV1, { occupations: [row, { ...row, difficulty: "hard" }] });
    expect(c["occ|2512|n"]).toBe(1);
    expect(c["occ|2512|hires12m"]).toBe(2);
    expect(c["occ|2512|diff|easy"]).toBe(1);
    expect(c["occ|2512|diff|hard"]).toBeUndefined();
  });
});

describe("segmentsOf", () => {
  it("lists the aggregate items of an organisation: all, division, section, municipality, county, size", () => {
    expect(segmentsOf({ sni: "28110", municipality: "0580", sizeClass: "50-249" })).toEqual([
      { dimension: "all", value: "all" },
      { dimension: "industry", value: "28" },
      { dimension: "section", value: "C" },
      { dimension: "municipality", value: "0580" },
      { dimension: "county", value: "05" },
      { dimension: "size", value: "50-249" },
    ]);
  });
});
