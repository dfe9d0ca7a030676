import type { Answers, Instrument } from "../../shared/schemas";
import { luhnValid } from "../../shared/schemas";

/** A valid organisation number (Luhn check digit) made from a seed, e.g. 5560000019. */
export function orgNumber(seed: number): string {
  const base = `556${String(seed).padStart(6, "0")}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(base + d)) return base + d;
  throw new Error("unreachable");
}

export const ORGANISATIONS = [
  { sni: "25110", municipality: "0580", sizeClass: "10-49" },
  { sni: "25620", municipality: "0580", sizeClass: "50-249" },
  { sni: "28110", municipality: "0581", sizeClass: "250+" },
  { sni: "29320", municipality: "0581", sizeClass: "50-249" },
  { sni: "62010", municipality: "0580", sizeClass: "10-49" },
  { sni: "41200", municipality: "0583", sizeClass: "0-9" },
] as const;

export function organisationRequest(i: number, overrides: Record<string, unknown> = {}) {
  const o = ORGANISATIONS[i % ORGANISATIONS.length];
  return {
    orgNumber: orgNumber(i + 1),
    name: `Testbolaget ${i + 1} AB`,
    sni: o.sni,
    municipality: o.municipality,
    sizeClass: o.sizeClass,
    contactName: `Kontakt ${i + 1}`,
    contactEmail: `kontakt${i + 1}@example.se`,
    ...overrides,
  };
}

/** A complete, valid answer set for any instrument built from the shared question types. */
export function validAnswers(instrument: Instrument, variant = 0): Answers {
  const answers: Answers = {};
  for (const block of instrument.blocks) {
    for (const q of block.questions) {
      switch (q.type) {
        case "likert":
          answers[q.id] = 1 + ((variant + q.id.length) % 5);
          break;
        case "single":
          answers[q.id] = q.options[variant % q.options.length].value;
          break;
        case "multi":
          answers[q.id] = q.options.filter((_, i) => (i + variant) % 2 === 0).map((o) => o.value);
          break;
        case "number":
          answers[q.id] = q.min;
          break;
        case "text":
          answers[q.id] = variant % 2 ? "=HYPERLINK(\"http://evil\")" : "Vi behöver fler svetsare.";
          break;
        case "needMatrix": {
          const m: Record<string, Record<string, { level: string; method?: string; people?: number }>> = {};
          for (const a of q.areas) {
            m[a.value] = {};
            q.horizons.forEach((h, hi) => {
              const level = q.levels[(variant + hi) % q.levels.length].value;
              m[a.value][h.value] = level === q.levels[0].value ? { level } : { level, method: q.methods[variant % q.methods.length].value, people: 1 + variant };
            });
          }
          answers[q.id] = m;
          break;
        }
        case "occupations":
          answers[q.id] = [
            {
              ssyk: "7212",
              hires12m: 1 + (variant % 3),
              hires1to3y: 2,
              staffChange12m: q.staffChanges[variant % q.staffChanges.length].value,
              educationLevel: q.educationLevels[1 % q.educationLevels.length].value,
              difficulty: q.difficulties[variant % q.difficulties.length].value,
              sought12m: 3,
              hired12m: variant % 4,
              // version 2's fields, only where the question asks them
              ...(q.staffChange3y ? { staffChange3y: q.staffChanges[(variant + 1) % q.staffChanges.length].value } : {}),
              ...(q.educationField ? { educationField: q.educationField.options[variant % q.educationField.options.length].value } : {}),
              ...(q.experience ? { experience: q.experience.options[variant % q.experience.options.length].value } : {}),
              ...(q.certificates ? { certificates: q.certificates.options.filter((_, i) => (i + variant) % 3 === 0).map((o) => o.value) } : {}),
              ...(q.retirements1to3y ? { retirements1to3y: variant % 3 } : {}),
              ...(q.workforce ? { women: 2 + (variant % 5), men: 3 + (variant % 4) } : {}),
            },
          ];
          break;
      }
    }
  }
  return answers;
}
