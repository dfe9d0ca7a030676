import type { Programme, RecordedStage } from "../../shared/schemas";

function formatDate(iso: string | number, lang: "sv" | "en") {
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(new Date(iso));
}

const SESSION = {
  workshop: { sv: "workshop", en: "workshop" },
  lecture: { sv: "föreläsning", en: "lecture" },
};

/** To each participant before a workshop or lecture. */
export function cohortNoticeMail(programme: Pick<Programme, "name" | "facilitator">, cycle: number, stage: RecordedStage, at: string, person: { name: string; language?: "sv" | "en" }) {
  const what = SESSION[stage];
  if (person.language === "en")
    return {
      subject: `${programme.name}: ${what.en} of cycle ${cycle}, ${formatDate(at, "en")}`,
      text: [
        `Hello ${person.name},`,
        "",
        `Welcome to the ${what.en} of learning cycle ${cycle} of ${programme.name} on ${formatDate(at, "en")}.`,
        "",
        `Questions? Contact ${programme.facilitator.name} (${programme.facilitator.email}).`,
      ].join("\n"),
    };
  return {
    subject: `${programme.name}: ${what.sv} i cykel ${cycle}, ${formatDate(at, "sv")}`,
    text: [
      `Hej ${person.name},`,
      "",
      `Välkommen till ${what.sv}en i lärcykel ${cycle} av ${programme.name} ${formatDate(at, "sv")}.`,
      "",
      `Frågor? Kontakta ${programme.facilitator.name} (${programme.facilitator.email}).`,
    ].join("\n"),
  };
}

/** To the facilitator when a session has not been recorded by its due time. */
export function facilitatorReminderMail(programme: Pick<Programme, "name">, cycle: number, stage: RecordedStage, overdueAt: number, link: string) {
  const what = SESSION[stage].sv;
  return {
    subject: `Påminnelse: registrera ${what}en i cykel ${cycle} (${programme.name})`,
    text: [
      `${what[0].toUpperCase()}${what.slice(1)}en i lärcykel ${cycle} av ${programme.name} är ännu inte registrerad som genomförd.`,
      "",
      `Registrera den med närvaro${stage === "lecture" ? " och länk till materialet" : ""}: ${link}`,
      "",
      `Cykeln väntar på registreringen. Om den inte är gjord ${formatDate(overdueAt, "sv")} stoppas cykeln och markeras med fel; den kan startas igen när registreringen är gjord.`,
    ].join("\n"),
  };
}

export type ReflectionSummary = {
  attendance: { workshop: number; lecture: number; cohort: number };
  assignment: { invited: number; submitted: number };
  reflection: { invited: number; submitted: number };
  answers: { learned?: string; change?: string }[];
};

/** To the facilitator when a cycle's reflection closes: counts and the reflections, without names. */
export function reflectionSummaryMail(programme: Pick<Programme, "name" | "cycles">, cycle: number, s: ReflectionSummary, link: string) {
  const next = cycle < programme.cycles ? `Cykel ${cycle + 1} kan nu startas: ${link}` : `Det var programmets sista cykel. Skicka uppföljningen: ${link}`;
  return {
    subject: `Sammanfattning av cykel ${cycle} (${programme.name})`,
    text: [
      `Lärcykel ${cycle} av ${programme.name} är klar.`,
      "",
      `Närvaro: workshop ${s.attendance.workshop} av ${s.attendance.cohort}, föreläsning ${s.attendance.lecture} av ${s.attendance.cohort}.`,
      `Hemuppgift: ${s.assignment.submitted} av ${s.assignment.invited} lämnade in.`,
      `Reflektion: ${s.reflection.submitted} av ${s.reflection.invited} svarade.`,
      "",
      ...(s.answers.length
        ? [
            "Reflektionerna (utan namn):",
            ...s.answers.flatMap((a, i) => [`${i + 1}. Lärt sig: ${a.learned ?? "–"}`, `   Gör annorlunda: ${a.change ?? "–"}`]),
            "",
          ]
        : []),
      next,
    ].join("\n"),
  };
}
