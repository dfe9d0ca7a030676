/**
 * The demo region of `npm start`, seeded on first start THROUGH THE HTTP API of the running local
 * stack, so only the real handlers write data: an owner signs in, imports ~30 organisations of
 * Östergötland by CSV (some with further contacts, one of them the marked respondent), creates
 * and launches a survey round (one invitation per organisation), and once the invitations are in the
 * outbox about 20 participants answer (draft, then submit) while others only open the link,
 * leave a draft or do nothing, so the response rates have something to show.
 *
 * Then a learning programme part-way through (seed-programme.ts): a cohort of the organisations, its
 * baseline answered, cycle 1 done and cycle 2 running, also only through the HTTP API.
 *
 * Idempotent: when the registry already holds organisations nothing is seeded.
 */
import { luhnValid } from "../../shared/schemas/common";
import { answersSchema } from "../../shared/instruments";
import type { Answers, Instrument, NeedCell, OccupationRow, Question } from "../../shared/schemas/instrument";
import type { FormView, OutboxMessage } from "../../shared/schemas/api";
import type { Round } from "../../shared/schemas/round";
import { seedReleasedRound } from "./seed-released-round";
import { seedProgramme, type ProgrammeSeedResult } from "./seed-programme";
import { call, expectOk } from "./seed-http";
import { seedDemoProjects } from "./seed-projects";
import { demoRowV2 } from "./seed-demo-v2";
import { seedSupply } from "./seed-supply";
import { REGION_GROUPS } from "../../shared/schemas/project";
import type { ReleaseSummary } from "../../shared/schemas/release";
import { relocate, shortRegionName } from "./demo-regions";

export const DEMO_OWNER = "agneta.owner@example.se";
export const DEMO_ROUND_NAME = "Kompetensbehov 2026 – Östergötland";

type Kind = "company" | "education" | "municipality" | "employment-service" | "other";
interface DemoOrganisation {
  nine: string; // first nine digits; the tenth is the Luhn check digit
  name: string;
  sni: string;
  municipality: string;
  sizeClass: "0-9" | "10-49" | "50-249" | "250+";
  kind?: Kind;
  contact: string;
}

/**
 * Fictitious organisations with real SNI 2007 codes and real municipality codes of Östergötland
 * (0580 Linköping, 0581 Norrköping, 0582 Söderköping, 0583 Motala, 0584 Vadstena, 0586 Mjölby,
 * 0562 Finspång, 0513 Kinda, 0561 Åtvidaberg, 0560 Boxholm, 0509 Ödeshög, 0563 Valdemarsvik).
 */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { nine: "556123401", name: "Stångå Stålbyggnad AB", sni: "25110", municipality: "0580", sizeClass: "50-249", contact: "Karin Lindqvist" },
  { nine: "556123402", name: "Motala Svets & Montage AB", sni: "25110", municipality: "0583", sizeClass: "10-49", contact: "Johan Ek" },
  { nine: "556123403", name: "Finspångs Precisionsmekanik AB", sni: "25620", municipality: "0562", sizeClass: "10-49", contact: "Maria Sundberg" },
  { nine: "556123404", name: "Norrköpings Legoverkstad AB", sni: "25620", municipality: "0581", sizeClass: "50-249", contact: "Ahmed Hassan" },
  { nine: "556123405", name: "Mjölby Pressteknik AB", sni: "25500", municipality: "0586", sizeClass: "50-249", contact: "Eva Holm" },
  { nine: "556123406", name: "Kinda Smide AB", sni: "25500", municipality: "0513", sizeClass: "0-9", contact: "Per Axelsson" },
  { nine: "556123407", name: "Åtvidabergs Plåt AB", sni: "25110", municipality: "0561", sizeClass: "10-49", contact: "Lena Björk" },
  { nine: "556123408", name: "Östgöta Turbinteknik AB", sni: "28110", municipality: "0562", sizeClass: "250+", contact: "Anders Nyström" },
  { nine: "556123409", name: "Linköpings Motorservice AB", sni: "28110", municipality: "0580", sizeClass: "10-49", contact: "Sofia Wallin" },
  { nine: "556123410", name: "Roxen Maskinreparationer AB", sni: "33120", municipality: "0580", sizeClass: "10-49", contact: "Mikael Strand" },
  { nine: "556123411", name: "Motala Fordonskomponenter AB", sni: "29320", municipality: "0583", sizeClass: "250+", contact: "Helena Forsberg" },
  { nine: "556123412", name: "Mjölby Chassi & Delar AB", sni: "29320", municipality: "0586", sizeClass: "50-249", contact: "Nils Gustafsson" },
  { nine: "556123413", name: "Boxholms Komponentfabrik AB", sni: "29320", municipality: "0560", sizeClass: "10-49", contact: "Ingrid Larsson" },
  { nine: "556123414", name: "Norrköpings Plastprodukter AB", sni: "22210", municipality: "0581", sizeClass: "50-249", contact: "Fredrik Olsson" },
  { nine: "556123415", name: "Vadstena Elmotorer AB", sni: "27110", municipality: "0584", sizeClass: "10-49", contact: "Emma Jakobsson" },
  { nine: "556123416", name: "Östgöta Slakteri AB", sni: "10111", municipality: "0583", sizeClass: "50-249", contact: "Göran Persson" },
  { nine: "556123417", name: "Söderköpings Ysteri AB", sni: "10511", municipality: "0582", sizeClass: "10-49", contact: "Anna Sjöberg" },
  { nine: "556123418", name: "Norrköpings Hembageri AB", sni: "10710", municipality: "0581", sizeClass: "10-49", contact: "Kristina Berg" },
  { nine: "556123419", name: "Linköpings Byggpartner AB", sni: "41200", municipality: "0580", sizeClass: "50-249", contact: "Magnus Engström" },
  { nine: "556123420", name: "Valdemarsviks Bygg AB", sni: "41200", municipality: "0563", sizeClass: "10-49", contact: "Camilla Åberg" },
  { nine: "556123421", name: "Norrköpings Elinstallationer AB", sni: "43210", municipality: "0581", sizeClass: "10-49", contact: "Daniel Karlsson" },
  { nine: "556123422", name: "Mjölby Elteknik AB", sni: "43210", municipality: "0586", sizeClass: "0-9", contact: "Jenny Lund" },
  { nine: "556123423", name: "Linköpings Systemutveckling AB", sni: "62010", municipality: "0580", sizeClass: "50-249", contact: "Oskar Nilsson" },
  { nine: "556123424", name: "Mjärdevi Kodverkstad AB", sni: "62010", municipality: "0580", sizeClass: "10-49", contact: "Sara Ahmadi" },
  { nine: "556123425", name: "Norrköpings IT-konsult AB", sni: "62020", municipality: "0581", sizeClass: "10-49", contact: "Viktor Hedlund" },
  { nine: "556123426", name: "Östgöta Mjukvara AB", sni: "58290", municipality: "0580", sizeClass: "0-9", contact: "Elin Fransson" },
  { nine: "556123427", name: "Östgöta Åkeri AB", sni: "49410", municipality: "0581", sizeClass: "50-249", contact: "Tomas Lindgren" },
  { nine: "556123428", name: "Ödeshögs Transport AB", sni: "49410", municipality: "0509", sizeClass: "10-49", contact: "Linnea Söderström" },
  { nine: "556123429", name: "Kinda Sågverk AB", sni: "16101", municipality: "0513", sizeClass: "10-49", contact: "Bertil Johansson" },
  { nine: "556123430", name: "Finspångs Wellpapp AB", sni: "17211", municipality: "0562", sizeClass: "50-249", contact: "Petra Hellström" },
  { nine: "556123431", name: "Östgöta Gymnasieteknik AB", sni: "85321", municipality: "0581", sizeClass: "10-49", kind: "education", contact: "Hanna Ekström" },
];

export function orgNumber(nine: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${nine}${d}`)) return `${nine.slice(0, 6)}-${nine.slice(6)}${d}`;
  throw new Error(`no check digit for ${nine}`);
}

const ascii = (s: string) =>
  s
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/é/g, "e")
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");

export function contactEmail(org: DemoOrganisation): string {
  const domain = ascii(org.name.replace(/\bAB\b/, "")).replace(/\./g, "-");
  return `${ascii(org.contact)}@${domain}.example.se`;
}

/**
 * Further contacts of some organisations (by index in DEMO_ORGANISATIONS): a skills-needs round
 * still invites one contact per organisation, the one marked as respondent or else the first, so
 * each of these organisations yields one response.
 */
export const DEMO_EXTRA_CONTACTS: { org: number; name: string; role: string; respondent?: boolean }[] = [
  { org: 0, name: "Olof Stenberg", role: "HR-chef" },
  { org: 0, name: "Birgitta Ek", role: "Produktionschef" },
  { org: 3, name: "Lisa Modig", role: "HR-ansvarig", respondent: true },
  { org: 7, name: "Rikard Falk", role: "Utbildningsansvarig" },
  { org: 10, name: "Amira Haddad", role: "HR-chef", respondent: true },
  { org: 18, name: "Patrik Vinter", role: "Platschef" },
  { org: 22, name: "Jonna Kvist", role: "Kompetensutvecklare" },
];

export function extraContactEmail(contact: { org: number; name: string }, orgs = DEMO_ORGANISATIONS): string {
  return contactEmail({ ...orgs[contact.org]!, contact: contact.name });
}

export function demoCsv(orgs = DEMO_ORGANISATIONS): string {
  const rows = orgs.map((o) => [orgNumber(o.nine), o.name, o.sni, o.municipality, o.sizeClass, o.kind ?? "company", o.contact, contactEmail(o)].join(","));
  return ["orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail", ...rows].join("\n") + "\n";
}

// ---- answers ------------------------------------------------------------------------------------

/** A small deterministic PRNG, so the demo looks the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** Occupations (SSYK 2012) an organisation of a division recruits, with the usual education level. */
const OCCUPATIONS_BY_DIVISION: Record<string, [string, string][]> = {
  "25": [["7212", "upperSecondary"], ["7223", "upperSecondary"], ["7233", "upperSecondary"], ["3122", "higherVocational"], ["2144", "university"]],
  "28": [["7233", "upperSecondary"], ["2144", "university"], ["3113", "higherVocational"], ["8219", "upperSecondary"], ["7222", "upperSecondary"]],
  "29": [["8211", "upperSecondary"], ["7233", "upperSecondary"], ["3122", "higherVocational"], ["2144", "university"], ["3119", "higherVocational"]],
  "33": [["7233", "upperSecondary"], ["7231", "upperSecondary"], ["3113", "higherVocational"]],
  "22": [["7223", "upperSecondary"], ["3115", "higherVocational"], ["8121", "upperSecondary"]],
  "27": [["3113", "higherVocational"], ["2143", "university"], ["8219", "upperSecondary"]],
  "10": [["8161", "upperSecondary"], ["8162", "upperSecondary"], ["8163", "upperSecondary"], ["3122", "higherVocational"]],
  "41": [["7111", "upperSecondary"], ["7112", "upperSecondary"], ["2142", "university"], ["7114", "upperSecondary"]],
  "43": [["7411", "upperSecondary"], ["7413", "upperSecondary"], ["3113", "higherVocational"]],
  "62": [["2512", "university"], ["2511", "university"], ["2514", "higherVocational"], ["2516", "university"], ["3511", "higherVocational"]],
  "58": [["2512", "university"], ["2514", "higherVocational"]],
  "49": [["8332", "upperSecondary"], ["4321", "higherVocational"]],
  "16": [["8172", "upperSecondary"], ["8341", "upperSecondary"], ["7233", "upperSecondary"]],
  "17": [["8172", "upperSecondary"], ["7233", "upperSecondary"], ["3122", "higherVocational"]],
  "85": [["3113", "higherVocational"]],
};

const COMMENTS = [
  "Vi har svårt att hitta svetsare med rätt certifikat, särskilt för rostfritt.",
  "Ett närmare samarbete med Teknikcollege skulle hjälpa oss att rekrytera.",
  "Automationen går fort; våra operatörer behöver kortare utbildningar på plats.",
  "We would welcome short courses in English for our international staff.",
  "Behovet av elkompetens ökar i takt med elektrifieringen av fordonsflottan.",
  "Vi saknar en plan för kompetensförsörjning men vill gärna ta fram en.",
  "Bra initiativ – skicka gärna resultaten till oss när de är klara.",
];

interface Profile {
  division: string;
  maturity: number; // 1..5
  digital: number; // 0..1 how strongly digitalisation matters
  automation: number;
  green: number;
  size: string;
}

function profileOf(org: DemoOrganisation, rng: Rng): Profile {
  const division = org.sni.slice(0, 2);
  const sizeBoost = { "0-9": -0.8, "10-49": 0, "50-249": 0.6, "250+": 1.1 }[org.sizeClass];
  const it = ["62", "58"].includes(division);
  const manufacturing = ["25", "28", "29", "22", "27", "33", "10", "16", "17"].includes(division);
  return {
    division,
    maturity: Math.min(5, Math.max(1, 2.8 + sizeBoost + (rng.next() - 0.5) * 1.6)),
    digital: it ? 0.9 : manufacturing ? 0.55 : 0.4,
    automation: manufacturing ? 0.75 : it ? 0.35 : 0.2,
    green: ["29", "49", "41", "16", "17", "27"].includes(division) ? 0.7 : 0.4,
    size: org.sizeClass,
  };
}

function needCell(rng: Rng, intensity: number, horizonIndex: number, methods: string[], levels: string[], size: string): NeedCell {
  const p = Math.min(0.95, intensity * (0.7 + horizonIndex * 0.2));
  const r = rng.next();
  const level = r < p * 0.45 ? levels[2]! : r < p ? levels[1]! : levels[0]!;
  if (level === levels[0]) return { level };
  const maxPeople = { "0-9": 3, "10-49": 8, "50-249": 25, "250+": 60 }[size] ?? 5;
  return { level, method: rng.pick(methods), people: rng.int(1, level === levels[2] ? maxPeople : Math.max(1, Math.ceil(maxPeople / 2))) };
}

/** Varied, plausible answers for every question of the instrument (by question type). */
export function demoAnswers(instrument: Instrument, org: DemoOrganisation, seed: number): Answers {
  const rng = prng(seed);
  const profile = profileOf(org, rng);
  const answers: Answers = {};
  const questions: Question[] = instrument.blocks.flatMap((b) => b.questions);
  for (const q of questions) {
    switch (q.type) {
      case "likert":
        answers[q.id] = Math.min(q.scale, Math.max(1, Math.round(profile.maturity + (rng.next() - 0.5) * 2)));
        break;
      case "single":
        answers[q.id] = q.id === "detailsCorrect" ? (rng.chance(0.9) ? q.options[0]!.value : q.options[q.options.length - 1]!.value) : rng.pick(q.options).value;
        break;
      case "multi": {
        const chosen = q.options.filter(() => rng.chance(0.35)).map((o) => o.value);
        if (chosen.length || q.required) answers[q.id] = chosen.length ? chosen : [q.options[0]!.value];
        break;
      }
      case "number":
        answers[q.id] = rng.int(q.min, Math.min(q.max, q.min + 20));
        break;
      case "text":
        if (q.required) answers[q.id] = "–";
        else if (q.id === "comments" && rng.chance(0.45)) answers[q.id] = rng.pick(COMMENTS).slice(0, q.maxLength);
        else if (q.id === "detailsCorrection" && answers.detailsCorrect && answers.detailsCorrect !== "yes") answers[q.id] = "Vi har fler anställda nu än registret visar.";
        break;
      case "needMatrix": {
        const levels = q.levels.map((o) => o.value);
        const methods = q.methods.map((o) => o.value);
        const matrix: Record<string, Record<string, NeedCell>> = {};
        for (const area of q.areas) {
          const intensity = area.value === "digitalisation" ? profile.digital : area.value === "automation" ? profile.automation : area.value === "greenTransition" ? profile.green : 0.4;
          matrix[area.value] = Object.fromEntries(q.horizons.map((h, i) => [h.value, needCell(rng, intensity, i, methods, levels, profile.size)]));
        }
        answers[q.id] = matrix;
        break;
      }
      case "occupations": {
        const pool = OCCUPATIONS_BY_DIVISION[profile.division] ?? [];
        const rows: OccupationRow[] = [];
        const count = Math.min(q.maxRows, pool.length, profile.size === "0-9" ? rng.int(0, 1) : rng.int(1, 3));
        const shuffled = [...pool].sort(() => rng.next() - 0.5).slice(0, count);
        const scale = { "0-9": 1, "10-49": 3, "50-249": 8, "250+": 20 }[profile.size] ?? 2;
        for (const [ssyk, level] of shuffled) {
          const sought = rng.int(0, scale);
          const educationLevel = q.educationLevels.some((o) => o.value === level) ? level : q.educationLevels[0]!.value;
          rows.push({
            ssyk,
            hires12m: rng.int(0, scale),
            hires1to3y: rng.int(0, scale * 2),
            staffChange12m: rng.pick(["more", "more", "same", "same", "fewer"].filter((v) => q.staffChanges.some((o) => o.value === v))),
            educationLevel,
            difficulty: rng.pick(["easy", "some", "hard", "hard"].filter((v) => q.difficulties.some((o) => o.value === v))),
            sought12m: sought,
            hired12m: rng.int(0, sought),
            ...demoRowV2(q, rng, ssyk, scale),
          });
        }
        if (rows.length || q.required) answers[q.id] = rows;
        break;
      }
    }
  }
  return answers;
}

export interface SeedOptions {
  baseUrl: string;
  log?: (line: string) => void;
  /** How long to wait for the invitations to reach the outbox. @default 60 s */
  timeoutMs?: number;
  /** How many participants submit. @default 20 */
  submitters?: number;
  /** Seed the learning programme too (seed-programme.ts). @default true */
  programme?: boolean;
  /** Whose demo data: Östergötland's organisations, or the same moved to this region (demo-regions.ts). @default ostergotland */
  regionId?: string;
}

export interface SeedResult {
  seeded: boolean;
  roundId?: string;
  invited?: number;
  submitted?: number;
  inProgress?: number;
  openedOnly?: number;
  programme?: ProgrammeSeedResult;
}

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const { baseUrl } = options;
  const log = options.log ?? console.log;
  const regionId = options.regionId ?? "ostergotland";
  const orgs = relocate(DEMO_ORGANISATIONS, regionId);
  // The demo owner is also the demo region's admin, so one sign-in makes the projects and fills them.
  const { token } = await expectOk<{ token: string }>("sign-in", call(baseUrl, "POST", "/api/dev/sign-in", { json: { email: DEMO_OWNER, groups: [REGION_GROUPS.regionAdmin] } }));

  const existing = await expectOk<{ items: unknown[] }>("list organisations", call(baseUrl, "GET", "/api/organisations", { token }));
  if (existing.items.length > 0) {
    log(`demo data present (${existing.items.length}+ organisations): not seeding`);
    return { seeded: false };
  }

  log(`seeding the demo region as ${DEMO_OWNER} ...`);
  const projects = await seedDemoProjects(baseUrl, token, log);
  try {
    await seedSupply({ baseUrl, token, log });
  } catch (error) {
    log(`seeding the education supply failed: ${(error as Error)?.stack ?? error}`);
  }
  const report = await expectOk<{ imported: number; skipped: number; errors: unknown[] }>(
    "import organisations",
    call(baseUrl, "POST", "/api/organisations/import", { token, csv: demoCsv(orgs) }),
  );
  if (report.errors.length) log(`import reported ${report.errors.length} error(s): ${JSON.stringify(report.errors).slice(0, 500)}`);
  log(`imported ${report.imported} organisations`);
  const orgIds = new Map(
    (await expectOk<{ items: { id: string; name: string }[] }>("list organisations", call(baseUrl, "GET", "/api/organisations", { token }))).items.map((o) => [o.name, o.id]),
  );
  for (const extra of DEMO_EXTRA_CONTACTS) {
    const org = orgs[extra.org]!;
    const organisationId = orgIds.get(org.name);
    if (!organisationId) continue;
    await expectOk(
      `add contact of ${org.name}`,
      call(baseUrl, "POST", "/api/persons", {
        token,
        json: { organisationId, name: extra.name, email: extraContactEmail(extra, orgs), role: extra.role, ...(extra.respondent ? { respondent: true } : {}) },
      }),
    );
  }
  log(`added ${DEMO_EXTRA_CONTACTS.length} further contacts (the round invites one respondent per organisation)`);

  const now = Date.now();
  const day = 86_400_000;
  const round = await expectOk<Round>(
    "create round",
    call(baseUrl, "POST", "/api/rounds", {
      token,
      json: {
        projectId: projects.survey,
        name: `Kompetensbehov 2026 – ${shortRegionName(regionId)}`,
        referenceYear: 2026,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 21 * day).toISOString(),
        reminders: [new Date(now + 7 * day).toISOString(), new Date(now + 14 * day).toISOString()],
      },
    }),
  );
  await expectOk("launch round", call(baseUrl, "POST", `/api/rounds/${encodeURIComponent(round.id)}/launch`, { token }));
  log(`launched "${round.name}" (${round.id}); waiting for the invitations ...`);

  const answering = { ...options, orgs, seedOffset: regionSeed(regionId) };
  const answered = await answerInvitations(baseUrl, round.id, report.imported, log, answering);
  const { submitted, inProgress, openedOnly } = answered;
  log(`demo round: ${answered.invited} invited, ${submitted} submitted, ${inProgress} in progress, ${openedOnly} opened only`);
  // Two earlier rounds, the older on version 1, so that the region's and the consortium's trends
  // join releases of two versions and two years. Both run now; their reference years say which year they describe.
  const older = await seedReleasedRound({
    baseUrl,
    token,
    projectId: projects.survey,
    log,
    name: `Kompetensbehov 2024 – ${shortRegionName(regionId)}`,
    instrumentVersion: 1,
    referenceYear: 2024,
    answer: (id) => answerInvitations(baseUrl, id, report.imported, log, { timeoutMs: options.timeoutMs, orgs, seedOffset: regionSeed(regionId) + 1500 }),
  });
  const released = await seedReleasedRound({
    baseUrl,
    token,
    projectId: projects.survey,
    log,
    name: `Kompetensbehov 2025 – ${shortRegionName(regionId)}`,
    referenceYear: 2025,
    answer: (id) => answerInvitations(baseUrl, id, report.imported, log, { timeoutMs: options.timeoutMs, orgs, seedOffset: regionSeed(regionId) + 500 }),
  });
  for (const r of [older, released]) if (r.release) await publishExport(baseUrl, token, r.roundId, r.release, log);

  let programme: ProgrammeSeedResult | undefined;
  // The programme's cohort is a set of Östergötland's organisations (seed-programme.ts): the other demo regions run rounds only.
  if (options.programme !== false && regionId === "ostergotland") {
    try {
      programme = await seedProgramme({ baseUrl, token, projectId: projects.programme, log });
    } catch (error) {
      log(`seeding the demo programme failed: ${(error as Error)?.stack ?? error}`);
    }
  }
  return { seeded: true, roundId: round.id, invited: answered.invited, submitted, inProgress, openedOnly, programme };
}

/**
 * Waits for a round's invitations to reach the outbox, then answers them as the demo's
 * participants would: most submit, two leave a draft, some only open the form, every fourth
 * (after the first few) does nothing.
 */
export async function answerInvitations(
  baseUrl: string,
  roundId: string,
  expected: number,
  log: (line: string) => void,
  opts: { timeoutMs?: number; submitters?: number; orgs?: typeof DEMO_ORGANISATIONS; seedOffset?: number } = {},
): Promise<{ invited: number; submitted: number; inProgress: number; openedOnly: number }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let invitations: OutboxMessage[] = [];
  for (;;) {
    const outbox = await expectOk<{ items: OutboxMessage[] }>("outbox", call(baseUrl, "GET", "/api/dev/outbox?limit=1000"));
    invitations = outbox.items.filter((m) => m.kind === "invitation" && m.roundId === roundId);
    if (invitations.length >= expected) break;
    if (Date.now() > deadline) {
      if (!invitations.length) throw new Error(`no invitation reached the outbox within ${opts.timeoutMs ?? 60_000} ms`);
      log(`only ${invitations.length} of ${expected} invitations arrived; answering those`);
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const orgs = opts.orgs ?? DEMO_ORGANISATIONS;
  const byEmail = new Map([
    ...orgs.map((o) => [contactEmail(o), o] as const),
    ...DEMO_EXTRA_CONTACTS.map((c) => [extraContactEmail(c, orgs), orgs[c.org]!] as const),
  ]);
  // A stable order: the same organisations answer on every machine.
  invitations.sort((a, b) => a.to.localeCompare(b.to));
  const submitters = opts.submitters ?? 20;
  let submitted = 0;
  let inProgress = 0;
  let openedOnly = 0;
  for (const [i, mail] of invitations.entries()) {
    const token = /\/f#([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    if (!token) {
      log(`no form link in the mail to ${mail.to}`);
      continue;
    }
    const org = byEmail.get(mail.to.toLowerCase());
    // Every fourth (after the first few) does nothing, so the response rate is not 100 % anywhere.
    const role = i >= 6 && i % 4 === 3 ? "untouched" : submitted < submitters ? "submit" : inProgress < 2 ? "draft" : "open";
    if (role === "untouched") continue;
    const form = await expectOk<FormView>(`open form of ${mail.to}`, call(baseUrl, "GET", "/api/form", { formToken: token }));
    if (role === "open") {
      openedOnly++;
      continue;
    }
    const answers = demoAnswers(form.instrument, org ?? orgs[i % orgs.length]!, 1000 + (opts.seedOffset ?? 0) + i);
    // First a draft of the first blocks, as a person who saves and comes back.
    const firstBlocks = new Set(form.instrument.blocks.slice(0, 2).flatMap((b) => b.questions.map((q) => q.id)));
    const draft = Object.fromEntries(Object.entries(answers).filter(([k]) => firstBlocks.has(k)));
    await expectOk(`save draft of ${mail.to}`, call(baseUrl, "PUT", "/api/form/draft", { formToken: token, json: { answers: draft } }));
    if (role === "draft") {
      inProgress++;
      continue;
    }
    const check = answersSchema(form.instrument, "submit").safeParse(answers);
    if (!check.success) {
      log(`generated answers for ${mail.to} do not validate: ${JSON.stringify(check.error.issues).slice(0, 400)}`);
      continue;
    }
    await expectOk(`submit for ${mail.to}`, call(baseUrl, "POST", "/api/form/submit", { formToken: token, json: { answers } }));
    submitted++;
  }
  return { invited: invitations.length, submitted, inProgress, openedOnly };

}

/** Each region's participants answer differently, the same on every machine. */
function regionSeed(regionId: string): number {
  let h = 0;
  for (const ch of regionId) h = (h * 31 + ch.charCodeAt(0)) % 100_000;
  return regionId === "ostergotland" ? 0 : 10_000 + h;
}

/** Puts the final release's signed export where the region's consortium reads it (locally, the shelf folder). */
async function publishExport(baseUrl: string, token: string, roundId: string, release: ReleaseSummary, log: (line: string) => void) {
  if (release.status !== "published") return;
  try {
    const out = await expectOk<{ name: string }>("publish the export", call(baseUrl, "POST", `/api/rounds/${encodeURIComponent(roundId)}/releases/${release.number}/export`, { token }));
    log(`published the final release's signed export for the consortium: ${out.name}`);
  } catch (error) {
    log(`publishing the export failed: ${(error as Error).message}`);
  }
}
