import type { Instrument } from "../schemas/instrument";
import { aboutYouBlock, ownSkillsBlock, skillsWorkBlock } from "./programme-questions";

/** The baseline measurement of a learning programme (Before), version 1. Frozen once used. */
export const baselineV1: Instrument = {
  id: "baseline",
  version: 1,
  unit: "person",
  title: { sv: "Nulägesmätning inför programmet", en: "Baseline before the programme" },
  intro: {
    sv: "Innan programmet börjar vill vi veta var du och din arbetsplats står i dag. Det tar ungefär fem minuter. Samma frågor kommer igen när programmet är slut, så att vi kan se vad som har förändrats.",
    en: "Before the programme starts we would like to know where you and your workplace stand today. It takes about five minutes. The same questions come again when the programme ends, so that we can see what has changed.",
  },
  maturityQuestionIds: [],
  blocks: [
    aboutYouBlock,
    skillsWorkBlock,
    ownSkillsBlock,
    {
      id: "expectations",
      title: { sv: "Förväntningar", en: "Expectations" },
      questions: [
        {
          id: "expectations",
          type: "text",
          required: false,
          maxLength: 1000,
          text: { sv: "Vad hoppas du få ut av programmet?", en: "What do you hope to get out of the programme?" },
        },
      ],
    },
  ],
};
