import type { ResultTable } from "../../shared/schemas/api";

/**
 * The words of the XLSX reports (xlsx-report.ts): the header rows of every table sheet and the
 * explanation sheet. The explanation sheet carries both languages whichever one the file is in,
 * so a reader who is handed the file can read it in either.
 */
export type Local = { sv: string; en: string };
export type ReportLanguage = keyof Local;

export const XLSX_WORDS = {
  suppressed: { sv: "skyddad", en: "suppressed" },
  empty: { sv: "–", en: "–" },
  all: { sv: "Alla", en: "All" },
  segment: { sv: "Segment", en: "Segment" },
  label: { sv: "Namn", en: "Name" },
  n: { sv: "n", en: "n" },
  explanationSheet: { sv: "Förklaringar", en: "Explanations" },
  contents: { sv: "Flikar", en: "Sheets" },
  kind: { interim: { sv: "delpublicering", en: "interim release" }, final: { sv: "slutlig publicering", en: "final release" } },
  unit: {
    share: { sv: "andel i procent", en: "share in per cent" },
    rate: { sv: "andel i procent", en: "share in per cent" },
    count: { sv: "antal", en: "count" },
    mean: { sv: "medelvärde", en: "mean" },
    balance: { sv: "nettotal, −100 till +100", en: "net balance, −100 to +100" },
  } satisfies Record<ResultTable["unit"], Local>,
} as const;

export const unitLine = (unit: ResultTable["unit"]): Local => ({ sv: `Enhet: ${XLSX_WORDS.unit[unit].sv}`, en: `Unit: ${XLSX_WORDS.unit[unit].en}` });

export function sourceLine(source: Local, release: { number: number; kind: "interim" | "final" }): Local {
  return {
    sv: `Källa: Kompetensbehov, ${source.sv}, publicering ${release.number} (${XLSX_WORDS.kind[release.kind].sv})`,
    en: `Source: Kompetensbehov, ${source.en}, release ${release.number} (${XLSX_WORDS.kind[release.kind].en})`,
  };
}

export function releaseLine(r: { cutoff: string; createdAt: string; responding: number; invited?: number; unit: "organisation" | "person" }, when: (iso: string) => string): Local {
  const who = r.unit === "organisation" ? { sv: "organisationer", en: "organisations" } : { sv: "personer", en: "persons" };
  const of = (l: ReportLanguage) => (r.invited === undefined ? "" : l === "sv" ? ` av ${r.invited} inbjudna` : ` of ${r.invited} invited`);
  return {
    sv: `Publicerad ${when(r.createdAt)}, svar till och med ${when(r.cutoff)}; n = ${r.responding} svarande ${who.sv}${of("sv")}`,
    en: `Published ${when(r.createdAt)}, answers up to ${when(r.cutoff)}; n = ${r.responding} responding ${who.en}${of("en")}`,
  };
}

/** What each unit of a table means, in the words of shared/indicators/release-tables.ts. */
export const UNIT_LINES: Record<ResultTable["unit"], Local> = {
  share: {
    sv: "Andel: andelen av de svarande i gruppen som gav svaret, i procent; n bredvid säger hur många andelen räknas bland.",
    en: "Share: the share of the respondents in the group who gave the answer, in per cent; the n beside it says how many it is counted among.",
  },
  count: {
    sv: "Antal: ett antal, till exempel svarande och inbjudna organisationer eller planerade anställningar per yrke.",
    en: "Count: a number, e.g. responding and invited organisations or planned hires per occupation.",
  },
  mean: {
    sv: "Medelvärde: medelvärdet av svaren på en skala 1–5; strategisk mognad är medelvärdet av påståendenas medelvärden.",
    en: "Mean: the mean of the answers on a scale of 1-5; strategic maturity is the mean of the statements' means.",
  },
  balance: {
    sv: "Nettotal (balanstal): andelen som väntar sig fler anställda i yrket minus andelen som väntar sig färre, i procentenheter (−100 till +100), som i SCB:s Arbetskraftsbarometern.",
    en: "Net balance: the share expecting more staff in the occupation minus the share expecting fewer, in percentage points (−100 to +100), as in Statistics Sweden's Labour Force Barometer.",
  },
  rate: {
    sv: "Andel misslyckade rekryteringar: (sökta − anställda) / sökta per yrke, i procent.",
    en: "Failed-recruitment rate: (sought − hired) / sought per occupation, in per cent.",
  },
};

/** The lines every report has, whatever its tables' units. */
export const COMMON_LINES: Local[] = [
  {
    sv: "n: antalet svarande som värdet bygger på (organisationer, eller personer i ett program). Kolumnen n står bredvid varje värde.",
    en: "n: the number of respondents the value rests on (organisations, or persons in a programme). An n column stands beside every value.",
  },
  {
    sv: "– betyder att det inte finns något att räkna på, till exempel en andel där ingen har svarat. Det är inte noll.",
    en: "– means there is nothing to compute, e.g. a share where nobody answered. It is not zero.",
  },
  {
    sv: "Resultaten är oviktade: de beskriver de svarande, inte alla i regionen.",
    en: "The results are unweighted: they describe the respondents, not everyone in the region.",
  },
];

/** The explanation of the indicators: a line for each unit the tables use (in this order), then the common lines. */
export function indicatorLines(units: Iterable<ResultTable["unit"]>): Local[] {
  const used = new Set(units);
  return [...(Object.keys(UNIT_LINES) as ResultTable["unit"][]).filter((u) => used.has(u)).map((u) => UNIT_LINES[u]), ...COMMON_LINES];
}

/** How suppression works, in plain words, with the release's own k and p. */
export function suppressionLines(rules: { k: number; p: number }): Local[] {
  return [
    {
      sv: `Skyddad: ett värde som kunde peka ut en enskild organisation eller person visas inte. Cellen har texten "skyddad" och en grå bakgrund, aldrig en siffra.`,
      en: `Suppressed: a value that could single out one organisation or person is not shown. The cell says "suppressed" on a grey background, never a number.`,
    },
    {
      sv: `Regel k = ${rules.k}: ett värde som bygger på färre än ${rules.k} svarande visas inte.`,
      en: `Rule k = ${rules.k}: a value resting on fewer than ${rules.k} respondents is not shown.`,
    },
    {
      sv: `Regel p = ${rules.p} %: ett värde där en eller två svarande står för nästan allt visas inte, så att ingen svarande kan räkna ut en annans siffra närmare än ${rules.p} %.`,
      en: `Rule p = ${rules.p}%: a value to which one or two respondents contribute almost everything is not shown, so that no respondent can work out another's figure to within ${rules.p}%.`,
    },
    {
      sv: "Fler värden än så kan vara skyddade, så att ett dolt värde inte kan räknas fram ur summor, andra tabeller eller tidigare publiceringar. Filen säger inte varför en viss cell är skyddad.",
      en: "More values than these may be suppressed, so that a hidden value cannot be worked out from totals, other tables or earlier releases. The file does not say why a particular cell is suppressed.",
    },
  ];
}
