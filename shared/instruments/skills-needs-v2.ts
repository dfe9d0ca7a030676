import type { Block, Instrument, Question } from "../schemas/instrument";
import { SUN_FIELDS } from "../classifications/sun-fields";
import { skillsNeedsV1 } from "./skills-needs-v1";

/**
 * The skills-needs assessment, version 2 (docs/skills-needs-v2.md). Version 1's questions, with
 * their ids, options and meaning unchanged (so that rounds on either version merge on them), and:
 * per occupation the staff change in three years, the field of education beside the level, new
 * graduates or experienced, certificates and licences, retirements in 1-3 years and the women and
 * men employed; why a recruitment failed and what it cost; routes into work for people now
 * outside the labour market. Frozen: once a round has used it, change nothing here.
 */

const v1Block = (id: string): Block => {
  const block = skillsNeedsV1.blocks.find((b) => b.id === id);
  if (!block) throw new Error(`skills-needs v1 has no block ${id}`);
  return block;
};
const v1Occupations = v1Block("recruitment").questions[0] as Extract<Question, { type: "occupations" }>;

const opt = (value: string, sv: string, en: string) => ({ value, label: { sv, en } });

const recruitment: Block = {
  ...v1Block("recruitment"),
  questions: [
    {
      ...v1Occupations,
      staffChange3y: { label: { sv: "Antal anställda i yrket om tre år jämfört med i dag", en: "Staff in the occupation in three years compared with today" } },
      educationField: {
        label: { sv: "Utbildningens inriktning", en: "Field of education" },
        options: [opt("any", "Ingen särskild inriktning", "No particular field"), ...SUN_FIELDS.map((f) => opt(f.code, f.sv, f.en))],
      },
      experience: {
        label: { sv: "Söker ni nyutexaminerade eller erfarna?", en: "Are you looking for new graduates or experienced staff?" },
        options: [opt("newGraduates", "Nyutexaminerade", "New graduates"), opt("experienced", "Erfarna", "Experienced"), opt("either", "Båda går bra", "Either")],
      },
      certificates: {
        label: { sv: "Certifikat, behörigheter och körkort som krävs", en: "Certificates, authorisations and licences required" },
        options: [
          opt("drivingLicence", "Körkort B", "Driving licence B"),
          opt("heavyVehicleLicence", "Körkort C, CE eller D", "Driving licence C, CE or D"),
          opt("forklift", "Truckkort", "Forklift licence"),
          opt("welding", "Svetscertifikat", "Welding certificate"),
          opt("electrical", "Elbehörighet", "Electrical installation authorisation"),
          opt("hotWork", "Heta arbeten", "Hot work certificate"),
          opt("healthcareLicence", "Legitimation inom hälso- och sjukvården", "Health care licence"),
          opt("other", "Annat certifikat eller annan behörighet", "Another certificate or authorisation"),
        ],
      },
      retirements1to3y: { label: { sv: "Antal som går i pension om 1–3 år", en: "Number retiring in 1–3 years" } },
      workforce: {
        label: { sv: "Anställda i yrket i dag", en: "Employees in the occupation today" },
        women: { sv: "Kvinnor", en: "Women" },
        men: { sv: "Män", en: "Men" },
      },
    },
  ],
};

const recruitmentProblems: Block = {
  id: "recruitmentProblems",
  title: { sv: "När rekryteringen inte lyckas", en: "When recruitment fails" },
  intro: {
    sv: "Svara om ni under de senaste 12 månaderna inte fick tag på någon ni sökte. Hoppa över blocket om det inte gäller er.",
    en: "Answer if in the past 12 months you could not find someone you were looking for. Skip this block if it does not apply.",
  },
  questions: [
    {
      id: "failedRecruitmentReasons",
      type: "multi",
      required: false,
      text: { sv: "Varför lyckades rekryteringen inte? Välj alla som passar.", en: "Why did the recruitment fail? Choose all that apply." },
      options: [
        opt("noApplicants", "Inga eller för få sökande", "No or too few applicants"),
        opt("education", "De sökande saknade rätt utbildning", "Applicants lacked the right education"),
        opt("experience", "De sökande saknade erfarenhet", "Applicants lacked experience"),
        opt("certificates", "De sökande saknade certifikat eller behörighet", "Applicants lacked certificates or authorisations"),
        opt("conditions", "De sökande tackade nej till lön eller villkor", "Applicants declined the pay or conditions"),
        opt("location", "Svårt att pendla eller flytta hit", "Hard to commute or move here"),
        opt("competition", "Konkurrens från andra arbetsgivare", "Competition from other employers"),
      ],
    },
    {
      id: "failedRecruitmentConsequences",
      type: "multi",
      required: false,
      text: { sv: "Vad fick det för följder? Välj alla som passar.", en: "What were the consequences? Choose all that apply." },
      options: [
        opt("ordersDeclined", "Vi tackade nej till order eller uppdrag", "We declined orders or assignments"),
        opt("expansionDelayed", "Vi sköt upp eller avstod från att växa", "We postponed or gave up expansion"),
        opt("overtime", "Mer övertid för den personal vi har", "More overtime for the staff we have"),
        opt("outsourced", "Vi köpte in tjänsten eller lade ut arbetet", "We bought in the service or outsourced the work"),
        opt("trainedOwnHire", "Vi anställde någon med mindre erfarenhet och utbildar personen", "We hired someone less experienced and are training them"),
        opt("delivery", "Sämre kvalitet eller längre leveranstider", "Lower quality or longer delivery times"),
      ],
    },
  ],
};

const inclusion: Block = {
  id: "inclusion",
  title: { sv: "Vägar in i arbetslivet", en: "Routes into work" },
  intro: {
    sv: "Många som i dag står utanför arbetsmarknaden kan börja arbeta med stöd, till exempel från Arbetsförmedlingen.",
    en: "Many people now outside the labour market can start working with support, for example from the Public Employment Service (Arbetsförmedlingen).",
  },
  questions: [
    {
      id: "inclusionRoles",
      type: "multi",
      required: false,
      text: {
        sv: "Vad kan ni tänka er att erbjuda personer som i dag står utanför arbetsmarknaden, med stöd? Välj alla som passar.",
        en: "What could you offer people now outside the labour market, with support? Choose all that apply.",
      },
      options: [
        opt("placement", "Praktikplats", "Work placement"),
        opt("introductionJob", "Introduktionsjobb", "Introduction job"),
        opt("traineePost", "Traineeplats tillsammans med Arbetsförmedlingen", "Trainee post with the Public Employment Service"),
        opt("none", "Inget av detta just nu", "None of these at present"),
      ],
    },
    {
      id: "upskillingLadder",
      type: "multi",
      required: false,
      text: { sv: "Stämmer något av detta på er? Välj alla som passar.", en: "Does any of this apply to you? Choose all that apply." },
      options: [
        opt("upskillToQualified", "Vi kan vidareutbilda anställda till mer kvalificerade arbetsuppgifter", "We could upskill staff to more qualified work"),
        opt("freesEntryJobs", "Det skulle frigöra enklare jobb för någon utan erfarenhet", "That would free entry-level jobs for someone without experience"),
        opt("wantSupport", "Vi vill ha stöd för att planera det", "We would like support to plan it"),
      ],
    },
  ],
};

export const skillsNeedsV2: Instrument = {
  ...skillsNeedsV1,
  version: 2,
  blocks: [v1Block("organisation"), v1Block("strategy"), v1Block("needs"), recruitment, recruitmentProblems, inclusion, v1Block("collaboration"), v1Block("other")],
};
