import type { Instrument } from "../schemas/instrument";

/** The reflection that ends a learning cycle, version 1. Frozen once used. */
export const reflectionV1: Instrument = {
  id: "reflection",
  version: 1,
  unit: "person",
  title: { sv: "Reflektion", en: "Reflection" },
  intro: {
    sv: "Ta några minuter och tänk tillbaka på cykeln: workshopen, hemuppgiften och föreläsningen. Facilitatorn får en sammanfattning utan namn.",
    en: "Take a few minutes to look back on the cycle: the workshop, the home assignment and the lecture. The facilitator receives a summary without names.",
  },
  maturityQuestionIds: [],
  blocks: [
    {
      id: "reflection",
      title: { sv: "Din reflektion", en: "Your reflection" },
      questions: [
        {
          id: "learned",
          type: "text",
          required: true,
          maxLength: 2000,
          text: { sv: "Vad har du lärt dig under den här cykeln?", en: "What have you learned during this cycle?" },
        },
        {
          id: "change",
          type: "text",
          required: true,
          maxLength: 2000,
          text: { sv: "Vad kommer du att göra annorlunda i ditt arbete?", en: "What will you do differently at work?" },
        },
        {
          id: "useful",
          type: "likert",
          scale: 5,
          required: false,
          text: { sv: "Cykeln var användbar för mitt arbete.", en: "The cycle was useful for my work." },
          minLabel: { sv: "Stämmer inte alls", en: "Not at all" },
          maxLabel: { sv: "Stämmer helt", en: "Completely" },
        },
      ],
    },
  ],
};
