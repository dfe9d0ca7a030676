/** SUN 2020 education levels (1 and 2 digits, Swedish labels). */
import levels from "./data/sun-levels.json";

const labels: Readonly<Record<string, string>> = levels;

export function sunLevelLabel(code: string): string | undefined {
  return Object.hasOwn(labels, code) ? labels[code] : undefined;
}

export function isKnownSunLevel(code: string): boolean {
  return Object.hasOwn(labels, code);
}
