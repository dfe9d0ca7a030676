/**
 * Classification lookups. Each list lives in its own module (and its own JSON file), so a
 * bundle that needs one list can import that module directly and leave the others out:
 *   ./codes       sniDivision, countyOf (no data file)
 *   ./nace        section mapping and names (no data file)
 *   ./sni         SNI 2007 labels (about 46 KB raw)
 *   ./ssyk-codes  SSYK 2012 codes only (about 3 KB raw): isKnownSsyk
 *   ./ssyk        SSYK 2012 labels (about 17 KB raw)
 *   ./places      municipalities and counties
 *   ./sun         SUN 2020 levels
 *   ./sun-fields  SUN 2020 fields of education, 2 digits, sv and en
 * This index re-exports them all for server code and tests.
 */
export { sniSection, sectionLabel, SECTIONS, SECTION_LABELS, type Lang } from "./nace";
export { sniDivision, sniLabel, divisionLabel, isKnownSni, isKnownDivision, sniCodes } from "./sni";
export { isKnownSsyk } from "./ssyk-codes";
export { ssykLabel, ssykList } from "./ssyk";
export { municipalityName, isKnownMunicipality, countyOf, countyName, isKnownCounty, municipalitiesOf } from "./places";
export { sunLevelLabel, isKnownSunLevel, sunFieldLabel, isKnownSunField, sunFieldsOverlap } from "./sun";
export { SUN_FIELDS } from "./sun-fields";
