import type { Instrument } from "../schemas/instrument";
import type { ProgrammeTarget } from "../schemas/programme";
import { aboutYouBlock, ownSkillsBlock, skillsWorkBlock } from "./programme-questions";

/** The follow-up measurement of a learning programme (After), version 1. Frozen once used. */
export const followUpV1: Instrument = {
  id: "follow-up",
  version: 1,
  unit: "person",
  title: { sv: "Uppföljning efter programmet", en: "Follow-up after the programme" },
  intro: {
    sv: "Programmet är slut. Här är samma frågor som före programmet, och några om vad som har förändrats. Det tar ungefär fem minuter.",
    en: "The programme has ended. Here are the same questions as before the programme, and a few about what has changed. It takes about five minutes.",
  },
  maturityQuestionIds: [],
  blocks: [
    aboutYouBlock,
    skillsWorkBlock,
    ownSkillsBlock,
    {
      id: "change",
      title: { sv: "Vad har förändrats?", en: "What has changed?" },
      questions: [
        {
          id: "workMoreStrategically",
          type: "single",
          required: true,
          text: {
            sv: "Jämfört med före programmet: arbetar ni mer strategiskt med kompetensutveckling?",
            en: "Compared with before the programme: do you work more strategically with skills development?",
          },
          options: [
            { value: "more", label: { sv: "Ja, mer strategiskt", en: "Yes, more strategically" } },
            { value: "same", label: { sv: "Ungefär som förut", en: "About the same" } },
            { value: "less", label: { sv: "Mindre strategiskt", en: "Less strategically" } },
            { value: "dontKnow", label: { sv: "Vet inte", en: "Don't know" } },
          ],
        },
        {
          id: "programmeUseful",
          type: "likert",
          scale: 5,
          required: false,
          text: { sv: "Programmet har varit till nytta i mitt arbete.", en: "The programme has been useful in my work." },
          minLabel: { sv: "Stämmer inte alls", en: "Not at all" },
          maxLabel: { sv: "Stämmer helt", en: "Completely" },
        },
        {
          id: "comments",
          type: "text",
          required: false,
          maxLength: 2000,
          text: { sv: "Något mer du vill berätta?", en: "Anything else you would like to tell us?" },
        },
      ],
    },
  ],
};

/** The targets a programme gets unless it names its own (the regional projects' usual goals). */
export const DEFAULT_PROGRAMME_TARGETS: ProgrammeTarget[] = [
  {
    id: "strategic-work",
    label: {
      sv: "70 % av de deltagande företagen uppger att de arbetar mer strategiskt med kompetensutveckling",
      en: "70% of the participating companies say that they work more strategically with skills development",
    },
    questionId: "workMoreStrategically",
    values: ["more"],
    share: 0.7,
    population: "organisations",
  },
  {
    id: "skills-up-to-date",
    label: {
      sv: "70 % av de deltagande yrkesverksamma uppger att deras kunskaper inom digitalisering, grön omställning och automation är aktuella",
      en: "70% of the participating professionals say that their skills in digitalisation, green transition and automation are up to date",
    },
    questionId: "skillsUpToDate",
    values: ["4", "5"],
    share: 0.7,
    population: "professionals",
  },
];
