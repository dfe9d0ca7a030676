import { describe, expect, it } from "vitest";
import { answersSchema, pruneEmpty } from "../../shared/instruments/answers-schema";
import { getInstrument, INSTRUMENTS, skillsNeedsV1 } from "../../shared/instruments";
import { Instrument, type Answers } from "../../shared/schemas/instrument";

const draft = answersSchema(skillsNeedsV1, "draft");
const submit = answersSchema(skillsNeedsV1, "submit");

/** The issues of a failed parse as "path: message", for readable expectations. */
function issues(schema: typeof draft, answers: unknown): string[] {
  const r = schema.safeParse(answers);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const cell = (level: string, method?: string, people?: number) => ({ level, method, people });
const noNeed = { now: cell("none"), y1to3: cell("none"), y3to8: cell("none") };

function complete(): Answers {
  return {
    detailsCorrect: "yes",
    competencePlan: 4,
    longTermAnalysis: 2,
    individualPlans: 3,
    managementOwnership: 5,
    learningBudget: 1,
    educationPartners: 3,
    needs: {
      digitalisation: { now: cell("large", "both", 4), y1to3: cell("some", "upskill", 10), y3to8: cell("none") },
      greenTransition: noNeed,
      automation: noNeed,
    },
    occupations: [
      { ssyk: "2512", hires12m: 2, hires1to3y: 5, staffChange12m: "more", educationLevel: "university", difficulty: "hard", sought12m: 4, hired12m: 1 },
    ],
    collaboration: ["studyVisits", "teknikcollege"],
    comments: "Vi behöver fler svetsare.",
  };
}

describe("the skills-needs instrument v1", () => {
  it("conforms to the Instrument schema", () => {
    expect(Instrument.safeParse(skillsNeedsV1).success).toBe(true);
  });

  it("is found in the registry by id and version, and only that version", () => {
    expect(getInstrument("skills-needs", 1)).toBe(skillsNeedsV1);
    expect(getInstrument("skills-needs", 3)).toBeUndefined();
    expect(INSTRUMENTS).toContain(skillsNeedsV1);
  });

  it("has unique question ids, and its maturity questions are Likert questions of the instrument", () => {
    const questions = skillsNeedsV1.blocks.flatMap((b) => b.questions);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const id of skillsNeedsV1.maturityQuestionIds) expect(questions.find((q) => q.id === id)?.type).toBe("likert");
  });

  it("has every text in Swedish and English", () => {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        if ("sv" in v || "en" in v) {
          const t = v as { sv: string; en: string };
          expect(t.sv.trim()).not.toBe("");
          expect(t.en.trim()).not.toBe("");
        } else Object.values(v).forEach(walk);
      }
    };
    walk(skillsNeedsV1);
  });
});

describe("answersSchema, draft mode", () => {
  it("accepts an empty draft", () => {
    expect(issues(draft, {})).toEqual([]);
  });

  it("accepts a partial draft: a need cell with only a level, an occupation row with only a code", () => {
    expect(issues(draft, { competencePlan: 3, needs: { automation: { now: { level: "some" } } }, occupations: [{ ssyk: "2512" }] })).toEqual([]);
  });

  it("still checks the type and range of what is present", () => {
    expect(issues(draft, { competencePlan: 6, learningBudget: 0, individualPlans: 2.5, educationPartners: "3" }).sort()).toEqual([
      "competencePlan: error.max",
      "educationPartners: error.type",
      "individualPlans: error.integer",
      "learningBudget: error.min",
    ]);
  });

  it("rejects an option that the question does not offer, at the option's path", () => {
    expect(issues(draft, { detailsCorrect: "maybe" })).toEqual(["detailsCorrect: error.option"]);
    expect(issues(draft, { collaboration: ["studyVisits", "golf"] })).toEqual(["collaboration.1: error.option"]);
    expect(issues(draft, { needs: { digitalisation: { now: { level: "huge" } } } })).toEqual(["needs.digitalisation.now.level: error.option"]);
  });

  it("rejects people outside 0..100000 or not whole, at the cell's path", () => {
    expect(issues(draft, { needs: { digitalisation: { now: { level: "some", people: -1 } } } })).toEqual(["needs.digitalisation.now.people: error.min"]);
    expect(issues(draft, { needs: { automation: { y3to8: { people: 100001 } } } })).toEqual(["needs.automation.y3to8.people: error.max"]);
    expect(issues(draft, { needs: { automation: { y3to8: { people: 1.5 } } } })).toEqual(["needs.automation.y3to8.people: error.integer"]);
  });

  it("rejects an SSYK code that is not a known 4-digit unit group", () => {
    expect(issues(draft, { occupations: [{ ssyk: "2512" }, { ssyk: "9999" }, { ssyk: "251" }] })).toEqual([
      "occupations.1.ssyk: error.ssyk",
      "occupations.2.ssyk: error.ssyk",
    ]);
  });

  it("rejects more people hired than sought, at hired12m", () => {
    expect(issues(draft, { occupations: [{ ssyk: "2512", sought12m: 2, hired12m: 3 }] })).toEqual(["occupations.0.hired12m: error.hiredMoreThanSought"]);
  });

  it("rejects negative and fractional occupation counts", () => {
    expect(issues(draft, { occupations: [{ hires12m: -1, hires1to3y: 0.5 }] })).toEqual([
      "occupations.0.hires12m: error.min",
      "occupations.0.hires1to3y: error.integer",
    ]);
  });

  it("rejects more occupation rows than the question allows", () => {
    const rows = Array.from({ length: 11 }, () => ({ ssyk: "2512" }));
    expect(issues(draft, { occupations: rows })).toEqual(["occupations: error.tooManyRows"]);
  });

  it("rejects text longer than the question allows", () => {
    expect(issues(draft, { comments: "x".repeat(2001) })).toEqual(["comments: error.tooLong"]);
    expect(issues(draft, { comments: "x".repeat(2000) })).toEqual([]);
  });

  it("rejects unknown question ids and unknown fields, at their own path", () => {
    expect(issues(draft, { favouriteColour: "blue" })).toEqual(["favouriteColour: error.unknownField"]);
    expect(issues(draft, { needs: { robots: {} } })).toEqual(["needs.robots: error.unknownField"]);
    expect(issues(draft, { occupations: [{ ssyk: "2512", salary: 1 }] })).toEqual(["occupations.0.salary: error.unknownField"]);
  });

  it("rejects something that is not an answers object", () => {
    expect(issues(draft, null)).toEqual([": error.type"]);
    expect(issues(draft, [])).toEqual([": error.type"]);
  });
});

describe("answersSchema, submit mode", () => {
  it("accepts a complete response", () => {
    expect(issues(submit, complete())).toEqual([]);
  });

  it("requires every required question, at its path", () => {
    expect(issues(submit, {})).toEqual([
      "detailsCorrect: error.required",
      ...skillsNeedsV1.maturityQuestionIds.map((id) => `${id}: error.required`),
      "needs: error.required",
    ]);
  });

  it("does not require the optional questions", () => {
    const a = complete();
    delete a.occupations;
    delete a.collaboration;
    delete a.comments;
    expect(issues(submit, a)).toEqual([]);
  });

  it("treats an empty choice as unanswered", () => {
    expect(issues(submit, { ...complete(), detailsCorrect: "" })).toEqual(["detailsCorrect: error.required"]);
  });

  it("requires every cell of a required need matrix", () => {
    const a = complete();
    (a.needs as Record<string, Record<string, unknown>>).automation = { now: cell("none") };
    expect(issues(submit, a)).toEqual(["needs.automation.y1to3: error.required", "needs.automation.y3to8: error.required"]);
  });

  it("requires method and people where the need is not none, and not where it is", () => {
    const a = complete();
    (a.needs as Record<string, Record<string, unknown>>).greenTransition = { now: { level: "large" }, y1to3: { level: "none" }, y3to8: { level: "some", method: "recruit" } };
    expect(issues(submit, a)).toEqual([
      "needs.greenTransition.now.method: error.required",
      "needs.greenTransition.now.people: error.required",
      "needs.greenTransition.y3to8.people: error.required",
    ]);
  });

  it("requires every field of an occupation row", () => {
    expect(issues(submit, { ...complete(), occupations: [{ ssyk: "2512", hires12m: 1 }] })).toEqual([
      "occupations.0.hires1to3y: error.required",
      "occupations.0.staffChange12m: error.required",
      "occupations.0.educationLevel: error.required",
      "occupations.0.difficulty: error.required",
      "occupations.0.sought12m: error.required",
      "occupations.0.hired12m: error.required",
    ]);
  });

  it("rejects the same occupation twice, at the second row", () => {
    const row = (complete().occupations as unknown[])[0];
    expect(issues(submit, { ...complete(), occupations: [row, row] })).toEqual(["occupations.1.ssyk: error.duplicate"]);
  });

  it("rejects the same option chosen twice", () => {
    expect(issues(submit, { ...complete(), collaboration: ["studyVisits", "studyVisits"] })).toEqual(["collaboration: error.duplicate"]);
  });
});

describe("pruneEmpty", () => {
  it("turns what a form holds for unanswered (null, empty string, NaN) into absent answers", () => {
    const raw = { detailsCorrect: "", competencePlan: null, learningBudget: Number.NaN, comments: "", occupations: [{ ssyk: "2512", hires12m: Number.NaN }] };
    expect(pruneEmpty(raw)).toEqual({ occupations: [{ ssyk: "2512" }] });
    expect(issues(draft, pruneEmpty(raw))).toEqual([]);
  });
});
