import type { Answers, Instrument } from "../../shared/schemas";
import { contributions } from "../../shared/indicators/contributions";
import { unitSegments } from "../../shared/indicators/release-families";
import type { Unit } from "../../shared/disclosure/linked-model";

/**
 * Generated skills-needs rounds for the release benchmark: organisations over the divisions,
 * municipalities and size classes of a region with the skew of a real register (many small firms
 * in a few industries and the county seat, few large ones), answers drawn at random with a
 * seeded generator, occupations from a pool with skewed planned hires, and arrivals over
 * `releases` releases.
 */
const DIVISIONS = ["01", "10", "16", "17", "20", "22", "23", "25", "26", "27", "28", "29", "30", "33", "35", "41", "42", "43", "45", "46", "47", "49", "52", "56", "62", "63", "69", "70", "71", "72", "78", "80", "81", "85", "86", "88"];
const MUNICIPALITIES = ["0580", "0581", "0583", "0582", "0584", "0586", "0560", "0561", "0562", "0563", "0509", "0512", "0513"];
const SIZES = ["0-9", "10-49", "50-249", "250+"];
const SSYK = ["7212", "7231", "8211", "3113", "2141", "2512", "3313", "4111", "8121", "7223", "7233", "5330", "8332", "3114", "2142", "7411", "7213", "9622", "8219", "2144"];

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An index skewed towards the start (Zipf-like). */
const skewed = (r: () => number, n: number) => Math.min(n - 1, Math.floor(n * r() ** 2.2));

export function generatedAnswers(instrument: Instrument, r: () => number): Answers {
  const a: Answers = {};
  for (const q of instrument.blocks.flatMap((b) => b.questions)) {
    if (q.type === "likert") a[q.id] = 1 + Math.floor(r() * q.scale);
    else if (q.type === "single") a[q.id] = q.options[skewed(r, q.options.length)].value;
    else if (q.type === "multi") a[q.id] = q.options.filter(() => r() < 0.35).map((o) => o.value);
    else if (q.type === "needMatrix") {
      const m: Record<string, Record<string, { level: string; method?: string; people?: number }>> = {};
      for (const area of q.areas) {
        m[area.value] = {};
        for (const h of q.horizons) {
          const level = q.levels[skewed(r, q.levels.length)].value;
          m[area.value][h.value] = level === "none" ? { level } : { level, method: q.methods[Math.floor(r() * q.methods.length)].value, people: 1 + skewed(r, 20) };
        }
      }
      a[q.id] = m;
    } else if (q.type === "occupations") {
      const rows = [];
      const used = new Set<string>();
      for (let i = 0; i < skewed(r, 4); i++) {
        const ssyk = SSYK[skewed(r, SSYK.length)];
        if (used.has(ssyk)) continue;
        used.add(ssyk);
        const big = r() < 0.05;
        rows.push({
          ssyk,
          hires12m: big ? 20 + Math.floor(r() * 200) : skewed(r, 6),
          hires1to3y: skewed(r, 8),
          staffChange12m: q.staffChanges[Math.floor(r() * 3)].value,
          educationLevel: q.educationLevels[Math.floor(r() * q.educationLevels.length)].value,
          difficulty: q.difficulties[Math.floor(r() * 3)].value,
          sought12m: 2 + skewed(r, 6),
          hired12m: skewed(r, 3),
          // Version 2's fields, drawn only where the question asks them (version 1's rounds stay as they were).
          ...(q.staffChange3y ? { staffChange3y: q.staffChanges[Math.floor(r() * 3)].value } : {}),
          ...(q.educationField ? { educationField: q.educationField.options[skewed(r, q.educationField.options.length)].value } : {}),
          ...(q.experience ? { experience: q.experience.options[Math.floor(r() * q.experience.options.length)].value } : {}),
          ...(q.certificates ? { certificates: q.certificates.options.filter(() => r() < 0.2).map((o) => o.value) } : {}),
          ...(q.retirements1to3y ? { retirements1to3y: skewed(r, 4) } : {}),
          ...(q.workforce ? { women: skewed(r, 30), men: skewed(r, 30) } : {}),
        });
      }
      a[q.id] = rows;
    }
  }
  return a;
}

export function generatedUnits(instrument: Instrument, organisations: number, releases: number, seed: number): Unit[] {
  const r = rng(seed);
  return Array.from({ length: organisations }, (_, i) => {
    const org = {
      sni: `${DIVISIONS[skewed(r, DIVISIONS.length)]}100`,
      municipality: MUNICIPALITIES[skewed(r, MUNICIPALITIES.length)],
      sizeClass: SIZES[skewed(r, SIZES.length)],
    };
    return { id: `org${i}`, segments: unitSegments(org), arrival: Math.floor(r() * releases), values: contributions(instrument, generatedAnswers(instrument, r)) };
  });
}
