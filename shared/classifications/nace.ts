/**
 * SNI 2007 sections (NACE Rev. 2): division -> section letter, and hand-written section names
 * in Swedish and English. No data file: small enough to ship with anything.
 */
export type Lang = "sv" | "en";

/** Division ranges per section, from the NACE Rev. 2 structure. */
const SECTION_RANGES: ReadonlyArray<[from: number, to: number, letter: string]> = [
  [1, 3, "A"],
  [5, 9, "B"],
  [10, 33, "C"],
  [35, 35, "D"],
  [36, 39, "E"],
  [41, 43, "F"],
  [45, 47, "G"],
  [49, 53, "H"],
  [55, 56, "I"],
  [58, 63, "J"],
  [64, 66, "K"],
  [68, 68, "L"],
  [69, 75, "M"],
  [77, 82, "N"],
  [84, 84, "O"],
  [85, 85, "P"],
  [86, 88, "Q"],
  [90, 93, "R"],
  [94, 96, "S"],
  [97, 98, "T"],
  [99, 99, "U"],
];

export const SECTION_LABELS: Readonly<Record<string, { sv: string; en: string }>> = {
  A: { sv: "Jordbruk, skogsbruk och fiske", en: "Agriculture, forestry and fishing" },
  B: { sv: "Utvinning av mineral", en: "Mining and quarrying" },
  C: { sv: "Tillverkning", en: "Manufacturing" },
  D: { sv: "Försörjning av el, gas, värme och kyla", en: "Electricity, gas, steam and air conditioning supply" },
  E: {
    sv: "Vattenförsörjning; avloppsrening, avfallshantering och sanering",
    en: "Water supply; sewerage, waste management and remediation",
  },
  F: { sv: "Byggverksamhet", en: "Construction" },
  G: {
    sv: "Handel; reparation av motorfordon och motorcyklar",
    en: "Wholesale and retail trade; repair of motor vehicles and motorcycles",
  },
  H: { sv: "Transport och magasinering", en: "Transportation and storage" },
  I: { sv: "Hotell- och restaurangverksamhet", en: "Accommodation and food service activities" },
  J: { sv: "Informations- och kommunikationsverksamhet", en: "Information and communication" },
  K: { sv: "Finans- och försäkringsverksamhet", en: "Financial and insurance activities" },
  L: { sv: "Fastighetsverksamhet", en: "Real estate activities" },
  M: { sv: "Verksamhet inom juridik, ekonomi, vetenskap och teknik", en: "Professional, scientific and technical activities" },
  N: { sv: "Uthyrning, fastighetsservice, resetjänster och andra stödtjänster", en: "Administrative and support service activities" },
  O: {
    sv: "Offentlig förvaltning och försvar; obligatorisk socialförsäkring",
    en: "Public administration and defence; compulsory social security",
  },
  P: { sv: "Utbildning", en: "Education" },
  Q: { sv: "Vård och omsorg; sociala tjänster", en: "Human health and social work activities" },
  R: { sv: "Kultur, nöje och fritid", en: "Arts, entertainment and recreation" },
  S: { sv: "Annan serviceverksamhet", en: "Other service activities" },
  T: {
    sv: "Förvärvsarbete i hushåll; hushållens produktion av diverse varor och tjänster för eget bruk",
    en: "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
  },
  U: { sv: "Verksamhet vid internationella organisationer, utländska ambassader o.d.", en: "Activities of extraterritorial organisations and bodies" },
};

export const SECTIONS: readonly string[] = Object.keys(SECTION_LABELS);

/** The section letter of a 2-digit SNI 2007 division ("28" -> "C"); undefined if none. */
export function sniSection(division: string): string | undefined {
  if (!/^\d{2}$/.test(division)) return undefined;
  const d = Number(division);
  for (const [from, to, letter] of SECTION_RANGES) if (d >= from && d <= to) return letter;
  return undefined;
}

/** The name of a section letter in the given language; undefined for an unknown letter. */
export function sectionLabel(letter: string, lang: Lang): string | undefined {
  return SECTION_LABELS[letter]?.[lang];
}
