import type { OccupationRow, Question } from "../../shared/schemas/instrument";

type OccupationsQuestion = Extract<Question, { type: "occupations" }>;
type Rng = { int: (min: number, max: number) => number; pick: <T>(items: readonly T[]) => T; chance: (p: number) => boolean };

/** The usual SUN 2020 field (2 digits) by SSYK 2012 major group and sub-major group. */
function fieldOf(ssyk: string): string {
  if (ssyk.startsWith("25") || ssyk.startsWith("35")) return "48";
  if (ssyk.startsWith("21") || ssyk.startsWith("31")) return "52";
  if (ssyk.startsWith("71")) return "58";
  if (ssyk.startsWith("72") || ssyk.startsWith("74")) return "52";
  if (ssyk.startsWith("81") || ssyk.startsWith("82")) return "54";
  if (ssyk.startsWith("83")) return "84";
  if (ssyk.startsWith("4")) return "34";
  return "any";
}

/** Certificates an occupation of this SSYK sub-major group often asks for. */
function certificatesOf(ssyk: string, rng: Rng, known: readonly string[]): string[] {
  const likely = ssyk.startsWith("72") ? ["welding", "hotWork"] : ssyk.startsWith("83") ? ["heavyVehicleLicence"] : ssyk.startsWith("74") ? ["electrical"] : ssyk.startsWith("8") ? ["forklift"] : [];
  return likely.filter((c) => known.includes(c) && rng.chance(0.7));
}

/**
 * Version 2's fields of a demo occupation row (skills-needs-v2.ts), only those the question
 * asks (a version 1 question draws nothing from rng, so version 1's demo stays as it was);
 * `scale` is the organisation's size as demoAnswers scales hires.
 */
export function demoRowV2(q: OccupationsQuestion, rng: Rng, ssyk: string, scale: number): Partial<OccupationRow> {
  const out: Partial<OccupationRow> = {};
  const staff = q.retirements1to3y || q.workforce ? rng.int(1, scale * 4) : 0;
  if (q.staffChange3y) out.staffChange3y = rng.pick(["more", "more", "more", "same", "fewer"].filter((v) => q.staffChanges.some((o) => o.value === v)));
  if (q.educationField) {
    const usual = fieldOf(ssyk);
    out.educationField = q.educationField.options.some((o) => o.value === usual) ? usual : q.educationField.options[0]!.value;
  }
  if (q.experience) out.experience = rng.pick(q.experience.options).value;
  if (q.certificates) out.certificates = certificatesOf(ssyk, rng, q.certificates.options.map((o) => o.value));
  if (q.retirements1to3y) out.retirements1to3y = rng.int(0, Math.max(1, Math.round(staff / 6)));
  if (q.workforce) {
    const women = rng.int(0, staff);
    out.women = ssyk.startsWith("7") || ssyk.startsWith("8") ? Math.round(women / 4) : women;
    out.men = staff - women;
  }
  return out;
}
