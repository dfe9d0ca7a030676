/**
 * Which education prepares for an occupation: SSYK 2012 unit groups to SUN 2020 fields of
 * education, with the level an employer usually asks for; and the skills-needs instrument's
 * competence areas to the fields whose offerings build them. Data, not logic: the rationale and
 * the sources are in README.md beside this file, and a region may hand the gap computation a
 * mapping of its own (the same shape).
 */
export type LevelGroup = "secondary" | "postSecondary";

export type OccupationMapping = {
  /** SUN 2020 fields (any level of the hierarchy); an offering of any of them counts. */
  fields: readonly string[];
  /** The level an employer usually asks for: upper secondary (incl. komvux) or post-secondary (YH, university). */
  level: LevelGroup;
};

export type SsykSunMapping = {
  version: string;
  occupations: Readonly<Record<string, OccupationMapping>>;
  /** Competence areas (needMatrix area values) to SUN fields. */
  areas: Readonly<Record<string, readonly string[]>>;
};

export const SSYK_SUN_MAPPING: SsykSunMapping = {
  version: "2026-1",
  occupations: {
    // Manufacturing (SNI 22, 25, 27-29, 33)
    "7212": { fields: ["521"], level: "secondary" }, // Svetsare och gasskärare
    "7222": { fields: ["521"], level: "secondary" }, // Verktygsmakare
    "7223": { fields: ["521"], level: "secondary" }, // Maskinställare och maskinoperatörer, metallarbete
    "7231": { fields: ["525"], level: "secondary" }, // Motorfordonsmekaniker och fordonsreparatörer
    "7233": { fields: ["521", "522d"], level: "secondary" }, // Underhållsmekaniker och maskinreparatörer
    "8121": { fields: ["521", "543f"], level: "secondary" }, // Maskinoperatörer, ytbehandling
    "8211": { fields: ["525", "521"], level: "secondary" }, // Fordonsmontörer
    "8219": { fields: ["521"], level: "secondary" }, // Övriga montörer
    "3113": { fields: ["522"], level: "postSecondary" }, // Ingenjörer och tekniker inom elektroteknik
    "3115": { fields: ["524"], level: "postSecondary" }, // Ingenjörer och tekniker inom kemi och kemiteknik
    "3119": { fields: ["52"], level: "postSecondary" }, // Övriga ingenjörer och tekniker
    "3122": { fields: ["521", "526"], level: "postSecondary" }, // Arbetsledare inom tillverkning
    "2143": { fields: ["522a"], level: "postSecondary" }, // Civilingenjörsyrken inom elektroteknik
    "2144": { fields: ["521a", "521b"], level: "postSecondary" }, // Civilingenjörsyrken inom maskinteknik
    // Food (SNI 10)
    "8161": { fields: ["541"], level: "secondary" }, // Maskinoperatörer, kött- och fiskberedningsindustri
    "8162": { fields: ["541"], level: "secondary" }, // Maskinoperatörer, mejeri
    "8163": { fields: ["541"], level: "secondary" }, // Maskinoperatörer, kvarn-, bageri- och konfektyrindustri
    // Wood and paper (SNI 16, 17)
    "8172": { fields: ["543d", "524d"], level: "secondary" }, // Processoperatörer, papper
    "8341": { fields: ["623"], level: "secondary" }, // Förare av jordbruks- och skogsmaskiner
    // Construction and installation (SNI 41, 43)
    "7111": { fields: ["582"], level: "secondary" }, // Träarbetare, snickare m.fl.
    "7112": { fields: ["582h", "582"], level: "secondary" }, // Murare m.fl.
    "7114": { fields: ["582g"], level: "secondary" }, // Anläggningsarbetare
    "7411": { fields: ["522c"], level: "secondary" }, // Installations- och serviceelektriker
    "7413": { fields: ["522c"], level: "secondary" }, // Distributionselektriker
    "2142": { fields: ["582a", "581a"], level: "postSecondary" }, // Civilingenjörsyrken inom bygg och anläggning
    // IT (SNI 58, 62)
    "2511": { fields: ["481"], level: "postSecondary" }, // Systemanalytiker och IT-arkitekter m.fl.
    "2512": { fields: ["481", "523a", "523c"], level: "postSecondary" }, // Mjukvaru- och systemutvecklare m.fl.
    "2514": { fields: ["481"], level: "postSecondary" }, // Systemtestare och testledare
    "2516": { fields: ["481", "523"], level: "postSecondary" }, // IT-säkerhetsspecialister
    "3511": { fields: ["481", "482", "523e"], level: "postSecondary" }, // Drifttekniker, IT
    // Transport (SNI 49)
    "8332": { fields: ["840b"], level: "secondary" }, // Lastbilsförare m.fl.
    "4321": { fields: ["341", "840"], level: "postSecondary" }, // Arbetsledare inom lager och terminal
    // Care, often asked about beside industry
    "2221": { fields: ["723a"], level: "postSecondary" }, // Grundutbildade sjuksköterskor
    "5321": { fields: ["723", "762b"], level: "secondary" }, // Undersköterskor, hemtjänst, hemsjukvård och äldreboende
  },
  areas: {
    digitalisation: ["48", "523"],
    automation: ["523", "521"],
    greenTransition: ["527", "42", "522", "85"],
  },
};
