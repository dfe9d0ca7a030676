/** Municipalities (4 digits) and counties (2 digits, the municipality code's first two), 2026. */
import municipalities from "./data/municipalities.json";
import counties from "./data/counties.json";

const municipalityNames: Readonly<Record<string, string>> = municipalities;
const countyNames: Readonly<Record<string, string>> = counties;

export function municipalityName(code: string): string | undefined {
  return Object.hasOwn(municipalityNames, code) ? municipalityNames[code] : undefined;
}

export function isKnownMunicipality(code: string): boolean {
  return Object.hasOwn(municipalityNames, code);
}

export { countyOf } from "./codes";

export function countyName(code: string): string | undefined {
  return Object.hasOwn(countyNames, code) ? countyNames[code] : undefined;
}

export function isKnownCounty(code: string): boolean {
  return Object.hasOwn(countyNames, code);
}

/** Municipalities of a county, sorted by code. */
export function municipalitiesOf(county: string): { code: string; name: string }[] {
  return Object.keys(municipalityNames)
    .filter((code) => code.startsWith(county))
    .sort()
    .map((code) => ({ code, name: municipalityNames[code] }));
}
