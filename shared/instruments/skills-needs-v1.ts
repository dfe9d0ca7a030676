import type { Instrument } from "../schemas/instrument";

/**
 * The skills-needs assessment, version 1 (DESIGN.md, "The skills-needs instrument"). Six blocks,
 * about ten minutes. Frozen: once a round has used it, change nothing here; make a version 2.
 */

const yes = { sv: "Ja", en: "Yes" };

/** SUN 2020 level codes behind each education-level option (for matching needs with supply). */
export const EDUCATION_LEVEL_SUN: Readonly<Record<string, readonly string[]>> = {
  compulsory: ["1", "2"],
  upperSecondary: ["3"],
  // post-secondary vocational education outside universities (yrkeshögskola and the like)
  higherVocational: ["410", "413", "415", "520", "525", "535", "545", "555"],
  university: ["412", "417", "522", "526", "527", "532", "536", "537", "546", "547", "556", "557", "6"],
};

export const skillsNeedsV1: Instrument = {
  id: "skills-needs",
  version: 1,
  unit: "organisation",
  title: { sv: "Kompetensbehov i företaget", en: "Skills needs in your organisation" },
  intro: {
    sv: "Enkäten tar ungefär tio minuter. Svaren sammanställs per bransch, kommun och region och visas aldrig så att enskilda företag kan pekas ut. Du kan spara och fortsätta senare.",
    en: "The survey takes about ten minutes. The answers are compiled by industry, municipality and region and are never shown in a way that singles out an individual organisation. You can save and continue later.",
  },
  maturityQuestionIds: ["competencePlan", "longTermAnalysis", "individualPlans", "managementOwnership", "learningBudget", "educationPartners"],
  blocks: [
    {
      id: "organisation",
      title: { sv: "Om organisationen", en: "About the organisation" },
      intro: {
        sv: "Uppgifterna nedan kommer från vårt register.",
        en: "The details below come from our register.",
      },
      questions: [
        {
          id: "detailsCorrect",
          type: "single",
          required: true,
          text: { sv: "Stämmer uppgifterna om organisationen?", en: "Are these details about the organisation correct?" },
          options: [
            { value: "yes", label: yes },
            { value: "no", label: { sv: "Nej, något behöver ändras", en: "No, something needs to be changed" } },
          ],
        },
        {
          id: "detailsCorrection",
          type: "text",
          required: false,
          maxLength: 500,
          text: { sv: "Vad ska ändras?", en: "What should be changed?" },
          help: {
            sv: "Skriv till exempel rätt bransch, kommun eller antal anställda.",
            en: "For example the correct industry, municipality or number of employees.",
          },
        },
      ],
    },
    {
      id: "strategy",
      title: { sv: "Strategiskt kompetensarbete", en: "Strategic work with skills" },
      intro: {
        sv: "Hur väl stämmer påståendena in på er organisation i dag?",
        en: "How well do the statements describe your organisation today?",
      },
      questions: [
        ["competencePlan", "Vi har en plan för vår kompetensförsörjning som är känd i organisationen.", "We have a skills-supply plan that is known across the organisation."],
        ["longTermAnalysis", "Vi analyserar vilken kompetens vi behöver minst tre år framåt.", "We analyse which skills we will need at least three years ahead."],
        ["individualPlans", "Alla medarbetare har en individuell utvecklingsplan.", "Every employee has an individual development plan."],
        ["managementOwnership", "Ledningen tar ansvar för kompetensfrågorna och följer upp dem.", "Management takes responsibility for skills and follows them up."],
        ["learningBudget", "Vi avsätter varje år tid och pengar för kompetensutveckling.", "Every year we set aside time and money for skills development."],
        ["educationPartners", "Vi samarbetar med skolor, yrkeshögskolor, universitet eller högskolor.", "We work with schools, higher vocational education providers or universities."],
      ].map(([id, sv, en]) => ({
        id,
        type: "likert" as const,
        scale: 5 as const,
        required: true,
        text: { sv, en },
        minLabel: { sv: "Stämmer inte alls", en: "Not at all" },
        maxLabel: { sv: "Stämmer helt", en: "Completely" },
      })),
    },
    {
      id: "needs",
      title: { sv: "Kompetensbehov framåt", en: "Skills needs ahead" },
      intro: {
        sv: "Ange för varje område och tidsperiod hur stort behovet av ny kompetens är. Om ni har ett behov: berätta hur ni tänker möta det och ungefär hur många personer det gäller.",
        en: "For each area and period, say how large your need for new skills is. If you have a need, say how you intend to meet it and roughly how many people it concerns.",
      },
      questions: [
        {
          id: "needs",
          type: "needMatrix",
          required: true,
          text: { sv: "Hur stort är ert behov av ny kompetens inom …", en: "How large is your need for new skills in …" },
          areas: [
            { value: "digitalisation", label: { sv: "Digitalisering", en: "Digitalisation" } },
            { value: "greenTransition", label: { sv: "Grön omställning", en: "Green transition" } },
            { value: "automation", label: { sv: "Automation", en: "Automation" } },
          ],
          horizons: [
            { value: "now", label: { sv: "Nu", en: "Now" } },
            { value: "y1to3", label: { sv: "Om 1–3 år", en: "In 1–3 years" } },
            { value: "y3to8", label: { sv: "Om 3–8 år", en: "In 3–8 years" } },
          ],
          levels: [
            { value: "none", label: { sv: "Inget behov", en: "No need" } },
            { value: "some", label: { sv: "Visst behov", en: "Some need" } },
            { value: "large", label: { sv: "Stort behov", en: "Large need" } },
          ],
          methods: [
            { value: "upskill", label: { sv: "Vidareutbilda anställda", en: "Upskill our staff" } },
            { value: "recruit", label: { sv: "Rekrytera", en: "Recruit" } },
            { value: "both", label: { sv: "Både och", en: "Both" } },
          ],
        },
      ],
    },
    {
      id: "recruitment",
      title: { sv: "Rekrytering per yrke", en: "Recruitment by occupation" },
      intro: {
        sv: "Lägg till de yrken där ni planerar att anställa eller har sökt personal det senaste året. Hoppa över blocket om det inte gäller er.",
        en: "Add the occupations in which you plan to hire or have looked for staff in the past year. Skip this block if it does not apply.",
      },
      questions: [
        {
          id: "occupations",
          type: "occupations",
          required: false,
          maxRows: 10,
          text: { sv: "Yrken", en: "Occupations" },
          help: {
            sv: "Sök på yrkets namn. Ange antal personer; skriv 0 om ni inte planerar några anställningar.",
            en: "Search by the name of the occupation. Give numbers of people; enter 0 if you plan no hires.",
          },
          difficulties: [
            { value: "easy", label: { sv: "Lätt", en: "Easy" } },
            { value: "some", label: { sv: "Vissa svårigheter", en: "Some difficulty" } },
            { value: "hard", label: { sv: "Svårt", en: "Hard" } },
          ],
          staffChanges: [
            { value: "more", label: { sv: "Fler", en: "More" } },
            { value: "same", label: { sv: "Lika många", en: "About the same" } },
            { value: "fewer", label: { sv: "Färre", en: "Fewer" } },
          ],
          educationLevels: [
            { value: "compulsory", label: { sv: "Grundskola", en: "Compulsory school" } },
            { value: "upperSecondary", label: { sv: "Gymnasieutbildning", en: "Upper secondary education" } },
            {
              value: "higherVocational",
              label: {
                sv: "Yrkeshögskola eller annan kortare eftergymnasial utbildning",
                en: "Higher vocational education (YH) or other short post-secondary education",
              },
            },
            { value: "university", label: { sv: "Universitet eller högskola", en: "University" } },
          ],
        },
      ],
    },
    {
      id: "collaboration",
      title: { sv: "Samverkan med utbildning", en: "Working with education providers" },
      questions: [
        {
          id: "collaboration",
          type: "multi",
          required: false,
          text: { sv: "Vad är ni intresserade av? Välj alla som passar.", en: "What are you interested in? Choose all that apply." },
          options: [
            { value: "workPlacements", label: { sv: "Ta emot praktikanter eller elever på APL", en: "Taking on trainees or students on work placements" } },
            { value: "studyVisits", label: { sv: "Studiebesök", en: "Study visits" } },
            { value: "guestLectures", label: { sv: "Gästföreläsningar", en: "Guest lectures" } },
            { value: "commissionedTraining", label: { sv: "Uppdragsutbildning för anställda", en: "Commissioned training for staff" } },
            { value: "teknikcollege", label: { sv: "Teknikcollege", en: "Teknikcollege" } },
          ],
        },
      ],
    },
    {
      id: "other",
      title: { sv: "Övrigt", en: "Anything else" },
      questions: [
        {
          id: "comments",
          type: "text",
          required: false,
          maxLength: 2000,
          text: {
            sv: "Finns det något mer du vill berätta om ert kompetensbehov?",
            en: "Is there anything else you would like to tell us about your skills needs?",
          },
        },
      ],
    },
  ],
};
