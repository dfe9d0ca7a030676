/**
 * SUN 2020 fields of education (inriktning, 2 digits), the level instruments ask at: narrow
 * enough to match needs with education supply, short enough for one select. Swedish labels are
 * SCB's (../shared/data/classifications/sun2020-inriktning.csv); English labels follow the
 * ISCED-F 2013 narrow fields SUN 2020 is built on. Left out: 08 literacy for adults, 09 personal
 * development and 99 unknown, which no employer asks for.
 */
export const SUN_FIELDS: readonly { code: string; sv: string; en: string }[] = [
  { code: "01", sv: "Bred, generell utbildning", en: "Generic programmes" },
  { code: "14", sv: "Pedagogik och lärarutbildning", en: "Education and teacher training" },
  { code: "21", sv: "Konst och media", en: "Arts and media" },
  { code: "22", sv: "Humaniora", en: "Humanities" },
  { code: "31", sv: "Samhälls- och beteendevetenskap", en: "Social and behavioural sciences" },
  { code: "32", sv: "Journalistik och information", en: "Journalism and information" },
  { code: "34", sv: "Företagsekonomi, handel och administration", en: "Business, commerce and administration" },
  { code: "38", sv: "Juridik och rättsvetenskap", en: "Law" },
  { code: "42", sv: "Biologi och miljövetenskap", en: "Biology and environmental science" },
  { code: "44", sv: "Fysik, kemi och geovetenskap", en: "Physics, chemistry and earth sciences" },
  { code: "46", sv: "Matematik och övrig naturvetenskap", en: "Mathematics and other natural sciences" },
  { code: "48", sv: "Informations- och kommunikationsteknik (IKT)", en: "Information and communication technology (ICT)" },
  { code: "52", sv: "Teknik och teknisk industri", en: "Engineering and engineering trades" },
  { code: "54", sv: "Material och tillverkning", en: "Materials and manufacturing" },
  { code: "58", sv: "Samhällsbyggnad och byggnadsteknik", en: "Architecture and construction" },
  { code: "62", sv: "Lantbruk, trädgård, skog och fiske", en: "Agriculture, horticulture, forestry and fisheries" },
  { code: "64", sv: "Djursjukvård", en: "Veterinary" },
  { code: "72", sv: "Hälso- och sjukvård", en: "Health care" },
  { code: "76", sv: "Socialt arbete och omsorg", en: "Social work and care" },
  { code: "81", sv: "Personliga tjänster", en: "Personal services" },
  { code: "84", sv: "Transporttjänster", en: "Transport services" },
  { code: "85", sv: "Arbetsmiljö och renhållning", en: "Occupational health, safety and sanitation" },
  { code: "86", sv: "Säkerhetstjänster", en: "Security services" },
];
