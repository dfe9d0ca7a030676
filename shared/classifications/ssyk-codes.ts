/**
 * SSYK 2012 4-digit codes only, without labels (about 1 KB gzipped), so the participant form
 * and answersSchema can check a code without loading the label list.
 */
import codes from "./data/ssyk-codes.json";

const known: ReadonlySet<string> = new Set(codes);

export function isKnownSsyk(code: string): boolean {
  return known.has(code);
}
