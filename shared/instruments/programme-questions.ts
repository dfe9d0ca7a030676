import type { Block, Question } from "../schemas/instrument";
import { AGE_BANDS } from "../schemas/person";

/**
 * Questions the baseline and the follow-up share, so that a target can be compared before and
 * after per participant. Used by baseline-v1 and follow-up-v1; frozen with them.
 */
const agree = {
  minLabel: { sv: "Stämmer inte alls", en: "Not at all" },
  maxLabel: { sv: "Stämmer helt", en: "Completely" },
};
const likert = (id: string, sv: string, en: string, required = true): Question => ({
  id,
  type: "likert",
  scale: 5,
  required,
  text: { sv, en },
  ...agree,
});

export const aboutYouBlock: Block = {
  id: "aboutYou",
  title: { sv: "Om dig", en: "About you" },
  intro: {
    sv: "Frågorna om kön och ålder är frivilliga. De används bara för att redovisa resultaten för kvinnor och män och per åldersgrupp, aldrig för små grupper.",
    en: "The questions about gender and age are optional. They are only used to report the results for women and men and by age group, never for small groups.",
  },
  questions: [
    {
      id: "role",
      type: "single",
      required: false,
      text: { sv: "Vilken roll har du?", en: "What is your role?" },
      options: [
        { value: "manager", label: { sv: "Chef eller ledare", en: "Manager or leader" } },
        { value: "hr", label: { sv: "HR eller kompetensansvarig", en: "HR or responsible for skills" } },
        { value: "employee", label: { sv: "Medarbetare", en: "Employee" } },
        { value: "other", label: { sv: "Annan roll", en: "Other role" } },
      ],
    },
    {
      id: "gender",
      type: "single",
      required: false,
      text: { sv: "Kön", en: "Gender" },
      options: [
        { value: "woman", label: { sv: "Kvinna", en: "Woman" } },
        { value: "man", label: { sv: "Man", en: "Man" } },
        { value: "non-binary", label: { sv: "Icke-binär", en: "Non-binary" } },
        { value: "prefer-not-to-say", label: { sv: "Vill inte uppge", en: "Prefer not to say" } },
      ],
    },
    {
      id: "ageBand",
      type: "single",
      required: false,
      text: { sv: "Ålder", en: "Age" },
      options: AGE_BANDS.map((a) => ({ value: a, label: ageBandLabel(a) })),
    },
  ],
};

export function ageBandLabel(band: string): { sv: string; en: string } {
  if (band.startsWith("-")) return { sv: `${band.slice(1)} år eller yngre`, en: `${band.slice(1)} or younger` };
  if (band.endsWith("-")) return { sv: `${band.slice(0, -1)} år eller äldre`, en: `${band.slice(0, -1)} or older` };
  return { sv: `${band.replace("-", "–")} år`, en: band.replace("-", "–") };
}

export const skillsWorkBlock: Block = {
  id: "skillsWork",
  title: { sv: "Arbetet med kompetensutveckling", en: "Work with skills development" },
  intro: { sv: "Hur väl stämmer påståendena in på din arbetsplats i dag?", en: "How well do the statements describe your workplace today?" },
  questions: [
    likert("strategicWork", "Vi arbetar strategiskt med kompetensutveckling.", "We work strategically with skills development."),
    likert("competencePlan", "Vi har en plan för vilken kompetens vi behöver de kommande åren.", "We have a plan for the skills we will need in the coming years."),
  ],
};

export const ownSkillsBlock: Block = {
  id: "ownSkills",
  title: { sv: "Dina egna kunskaper", en: "Your own skills" },
  intro: { sv: "Hur väl stämmer påståendena in på dig i dag?", en: "How well do the statements describe you today?" },
  questions: [
    likert("skillsDigitalisation", "Mina kunskaper inom digitalisering är aktuella.", "My skills in digitalisation are up to date."),
    likert("skillsGreenTransition", "Mina kunskaper inom grön omställning är aktuella.", "My skills in the green transition are up to date."),
    likert("skillsAutomation", "Mina kunskaper inom automation är aktuella.", "My skills in automation are up to date."),
    likert(
      "skillsUpToDate",
      "Sammantaget är mina kunskaper inom digitalisering, grön omställning och automation aktuella.",
      "Overall, my skills in digitalisation, green transition and automation are up to date.",
    ),
  ],
};
