import type { Answers, Instrument, NeedCell } from "../schemas/instrument";
import type { CompetencePlan } from "../schemas/feedback";
import { ssykLabel } from "../classifications/ssyk";
import { occupationRows } from "./feedback-comparisons";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The company's own needs (any level but "none") and recruitments, labelled from its instrument. */
export function planFromAnswers(instrument: Instrument, answers: Answers): Pick<CompetencePlan, "needs" | "recruitments"> {
  const questions = instrument.blocks.flatMap((b) => b.questions);
  const needs: CompetencePlan["needs"] = [];
  for (const q of questions) {
    if (q.type !== "needMatrix") continue;
    const matrix = isObject(answers[q.id]) ? (answers[q.id] as Record<string, Record<string, NeedCell>>) : {};
    for (const area of q.areas)
      for (const horizon of q.horizons) {
        const cell = matrix[area.value]?.[horizon.value];
        const level = q.levels.find((l) => l.value === cell?.level);
        if (!cell || !level || level.value === "none") continue;
        const method = q.methods.find((m) => m.value === cell.method);
        needs.push({ areaKey: area.value, area: area.label, horizon: horizon.label, level: level.label, ...(method ? { method: method.label } : {}), ...(typeof cell.people === "number" ? { people: cell.people } : {}) });
      }
  }
  const occupations = questions.find((q) => q.type === "occupations");
  const label = (list: readonly { value: string; label: { sv: string; en: string } }[], v: unknown) => list.find((o) => o.value === v)?.label;
  const recruitments: CompetencePlan["recruitments"] =
    occupations?.type === "occupations"
      ? occupationRows(instrument, answers).map((r) => {
          const educationLevel = label(occupations.educationLevels, r.educationLevel);
          const difficulty = label(occupations.difficulties, r.difficulty);
          return {
            ssyk: r.ssyk,
            label: ssykLabel(r.ssyk) ?? r.ssyk,
            ...(typeof r.hires12m === "number" ? { hires12m: r.hires12m } : {}),
            ...(typeof r.hires1to3y === "number" ? { hires1to3y: r.hires1to3y } : {}),
            ...(educationLevel ? { educationLevel } : {}),
            ...(difficulty ? { difficulty } : {}),
          };
        })
      : [];
  return { needs, recruitments };
}
