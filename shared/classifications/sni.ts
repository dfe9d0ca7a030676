/** SNI 2007 (Swedish labels): 5-digit detailed codes and 2-digit divisions. */
import data from "./data/sni.json";

const codes: Readonly<Record<string, string>> = data.codes;
const divisions: Readonly<Record<string, string>> = data.divisions;

export { sniDivision } from "./codes";

/** The Swedish label of a 5-digit SNI 2007 code. */
export function sniLabel(code5: string): string | undefined {
  return Object.hasOwn(codes, code5) ? codes[code5] : undefined;
}

/** The Swedish label of a 2-digit SNI 2007 division. */
export function divisionLabel(division: string): string | undefined {
  return Object.hasOwn(divisions, division) ? divisions[division] : undefined;
}

export function isKnownSni(code5: string): boolean {
  return Object.hasOwn(codes, code5);
}

export function isKnownDivision(division: string): boolean {
  return Object.hasOwn(divisions, division);
}

export function sniCodes(): string[] {
  return Object.keys(codes).sort();
}
