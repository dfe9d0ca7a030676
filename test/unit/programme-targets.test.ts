import { describe, expect, it } from "vitest";
import { groupOf, unitsOf, type MeasuredParticipant } from "../../shared/indicators/programme-targets";
import { meetsTarget } from "../../shared/indicators/programme-families";
import { DEFAULT_PROGRAMME_TARGETS, followUpV1, questionsOf } from "../../shared/instruments";

const answered = (answers: Record<string, unknown>, submittedAt: string, org?: { sni: string; sizeClass: string }) => ({ answers: answers as never, submittedAt, ...org });

describe("programme units", () => {
  it("places a participant by the follow-up answer, then the baseline answer, then the register; prefer-not-to-say is unknown", () => {
    const p = (baseline?: string, followUp?: string, registered?: string) => ({
      gender: registered,
      baseline: baseline ? answered({ gender: baseline }, "") : undefined,
      followUp: followUp ? answered({ gender: followUp }, "") : undefined,
    });
    expect(groupOf(p("man", "woman", "man"), "gender")).toBe("woman");
    expect(groupOf(p("man", undefined, "woman"), "gender")).toBe("man");
    expect(groupOf(p(undefined, undefined, "woman"), "gender")).toBe("woman");
    expect(groupOf(p(undefined, "prefer-not-to-say", "woman"), "gender")).toBe("unknown");
    expect(groupOf(p(), "gender")).toBe("unknown");
  });

  it("lets an organisation's first follow-up respondent stand for it, in the size class and SNI section its response recorded", () => {
    const participants: MeasuredParticipant[] = [
      { personId: "b", organisationId: "A", followUp: answered({ q: 1 }, "2026-06-02T00:00:00Z", { sni: "62010", sizeClass: "10-49" }) },
      { personId: "a", organisationId: "A", followUp: answered({ q: 2 }, "2026-06-01T00:00:00Z", { sni: "25110", sizeClass: "50-249" }) },
      { personId: "c", organisationId: "B", organisation: { sni: "41200", sizeClass: "0-9" } },
    ];
    expect(unitsOf(participants, "organisations")).toEqual([
      { id: "A", segments: ["all", "size:50-249", "section:C"], followUp: { q: 2 }, followUpAt: "2026-06-01T00:00:00Z", baseline: undefined },
      { id: "B", segments: ["all", "size:0-9", "section:F"], followUp: undefined, followUpAt: undefined, baseline: undefined },
    ]);
  });

  it("meets a target by answer value: likert numbers as strings, any chosen option of a multi-choice", () => {
    expect(meetsTarget(4, ["4", "5"])).toBe(true);
    expect(meetsTarget(3, ["4", "5"])).toBe(false);
    expect(meetsTarget(["a", "b"], ["b"])).toBe(true);
    expect(meetsTarget(undefined, ["4"])).toBeUndefined();
  });

  it("ships targets whose questions are in the follow-up instrument", () => {
    const ids = new Set(questionsOf(followUpV1).map((q) => q.id));
    for (const t of DEFAULT_PROGRAMME_TARGETS) expect(ids.has(t.questionId), t.id).toBe(true);
  });
});
