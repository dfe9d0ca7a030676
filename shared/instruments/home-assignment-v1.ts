import type { Instrument } from "../schemas/instrument";

/** The home assignment of a learning cycle, version 1: the task itself comes with the link. Frozen once used. */
export const homeAssignmentV1: Instrument = {
  id: "home-assignment",
  version: 1,
  unit: "person",
  title: { sv: "Hemuppgift", en: "Home assignment" },
  intro: {
    sv: "Berätta hur det gick med hemuppgiften från workshopen. Uppgiften står i mejlet med din länk. Du kan spara och fortsätta senare fram till sista dagen.",
    en: "Tell us how the home assignment from the workshop went. The assignment is in the e-mail with your link. You can save and continue later until the deadline.",
  },
  maturityQuestionIds: [],
  blocks: [
    {
      id: "assignment",
      title: { sv: "Din hemuppgift", en: "Your home assignment" },
      questions: [
        {
          id: "done",
          type: "single",
          required: true,
          text: { sv: "Har du genomfört hemuppgiften?", en: "Have you done the home assignment?" },
          options: [
            { value: "yes", label: { sv: "Ja", en: "Yes" } },
            { value: "partly", label: { sv: "Delvis", en: "Partly" } },
            { value: "no", label: { sv: "Nej", en: "No" } },
          ],
        },
        {
          id: "description",
          type: "text",
          required: true,
          maxLength: 3000,
          text: { sv: "Beskriv vad du gjorde och vad det gav.", en: "Describe what you did and what came of it." },
        },
        {
          id: "linkedGoals",
          type: "multi",
          required: false,
          text: { sv: "Vilka av projektets mål hänger uppgiften ihop med?", en: "Which of the project's goals is the assignment linked to?" },
          options: [
            { value: "strategicWork", label: { sv: "Strategiskt kompetensarbete", en: "Strategic work with skills" } },
            { value: "digitalisation", label: { sv: "Digitalisering", en: "Digitalisation" } },
            { value: "greenTransition", label: { sv: "Grön omställning", en: "Green transition" } },
            { value: "automation", label: { sv: "Automation", en: "Automation" } },
          ],
        },
        {
          id: "hours",
          type: "number",
          required: false,
          min: 0,
          max: 200,
          unit: { sv: "timmar", en: "hours" },
          text: { sv: "Ungefär hur många timmar lade du på uppgiften?", en: "About how many hours did you spend on the assignment?" },
        },
      ],
    },
  ],
};
