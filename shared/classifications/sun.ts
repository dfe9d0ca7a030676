/** SUN 2020 education levels (1 to 3 digits) and fields of education (inriktning), Swedish labels. */
import levels from "./data/sun-levels.json";
import fields from "./data/sun-fields.json";

const labels: Readonly<Record<string, string>> = levels;
const fieldLabels: Readonly<Record<string, string>> = fields;

export function sunLevelLabel(code: string): string | undefined {
  return Object.hasOwn(labels, code) ? labels[code] : undefined;
}

export function isKnownSunLevel(code: string): boolean {
  return Object.hasOwn(labels, code);
}

/** A SUN 2020 field of education at any level ("5", "52", "521", "521a"). */
export function sunFieldLabel(code: string): string | undefined {
  return Object.hasOwn(fieldLabels, code) ? fieldLabels[code] : undefined;
}

export function isKnownSunField(code: string): boolean {
  return Object.hasOwn(fieldLabels, code);
}

/**
 * Whether two field codes lie on one branch of the hierarchy ("52" and "521a" do, "521" and
 * "522" do not): an offering of a detailed field serves a need stated more broadly, and the reverse.
 */
export function sunFieldsOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Every field of education, sorted by code, for a picker. */
export function sunFieldList(): { code: string; label: string }[] {
  return Object.keys(fieldLabels)
    .sort()
    .map((code) => ({ code, label: fieldLabels[code] }));
}
