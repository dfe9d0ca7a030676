/**
 * The demo's learning programme, seeded on first start after the demo round (seed-demo.ts) and,
 * like it, only THROUGH THE HTTP API of the running local stack, so the real handlers and the real
 * learning-cycle state machine write everything:
 *
 *   "Kompetenslyftet 2026 – Östergötland", 8 persons in 5 of the demo organisations (the
 *   organisations' contacts plus three persons added with gender and age band), the default
 *   targets, 4 cycles;
 *   baseline  created, launched, answered by 7 of 8, then closed early (as before cycle 1);
 *   cycle 1   done: workshop recorded (7 attended), home assignment 6 of 8, lecture recorded
 *             (6 attended), reflection 6 of 8, facilitator's summary sent;
 *   cycle 2   running: workshop recorded, home assignment open with 3 submissions, a draft and
 *             a link opened; cycles 3 and 4 scheduled.
 *
 * Time: a cycle's stages follow the absolute times of its schedule, and a home assignment or
 * reflection closes at its deadline (the plan looks whether everyone submitted only every
 * CYCLE_POLL_SECONDS, 15 minutes in the stack). So cycle 1 is compressed: its workshop was
 * yesterday (the notice is due at once, the record is not yet due), the home assignment's deadline
 * and the lecture are a few seconds after the start and the reflection's deadline a few seconds
 * after that; the seed answers inside those windows and the deadlines end the stages: 16-20 s
 * in all.
 * Every wait is time-boxed: what did not complete is logged and the seed goes on (or stops) with
 * what there is; it never blocks the start for long.
 *
 * Not idempotent by itself beyond refusing a second programme of the same name: seed-demo only
 * calls it on the first start. A restart while a cycle runs re-runs its execution from the top
 * (LocalStepFunctions.resumeRunning), which the idempotent cycle tasks make safe.
 */
import { answersSchema } from "../../shared/instruments";
import type { AnswerValue, Answers, Instrument } from "../../shared/schemas/instrument";
import type { FormView, OutboxMessage } from "../../shared/schemas/api";
import type { Organisation } from "../../shared/schemas/organisation";
import type { Person } from "../../shared/schemas/person";
import type { CycleView, Programme, ProgrammeView } from "../../shared/schemas/programme";
import type { Round } from "../../shared/schemas/round";
import { call, expectOk } from "./seed-http";

export const DEMO_PROGRAMME_NAME = "Kompetenslyftet 2026 – Östergötland";

type Gender = "woman" | "man" | "non-binary";
type AgeBand = "-29" | "30-44" | "45-59" | "60-";

/** One person of the cohort and what they do (the same on every machine). */
interface Member {
  organisation: string;
  /** The organisation's contact (imported with it); else a person added with POST /api/persons. */
  name: string;
  contact?: true;
  role: string;
  /** What the person answers in the baseline's "about you" (and, for added persons, is registered). */
  gender: Gender;
  ageBand: AgeBand;
  /** Baseline: strategicWork, competencePlan, skillsDigitalisation, skillsGreenTransition, skillsAutomation, skillsUpToDate; none = does not answer. */
  baseline?: [number, number, number, number, number, number];
  /** What the person does in cycle 1 and 2 (absent = nothing). */
  c1: { workshop?: true; assignment?: "submit" | "draft"; lecture?: true; reflection?: "submit" };
  c2: { workshop?: true; assignment?: "submit" | "draft" | "open" };
}

/** Five women, two men, one non-binary person: a report by gender hides the small groups (k = 5). */
const COHORT: Member[] = [
  {
    organisation: "Stångå Stålbyggnad AB",
    name: "Karin Lindqvist",
    contact: true,
    role: "hr",
    gender: "woman",
    ageBand: "45-59",
    baseline: [3, 2, 3, 2, 2, 2],
    c1: { workshop: true, assignment: "submit", lecture: true, reflection: "submit" },
    c2: { workshop: true, assignment: "submit" },
  },
  {
    organisation: "Stångå Stålbyggnad AB",
    name: "Robin Ahlgren",
    role: "employee",
    gender: "non-binary",
    ageBand: "-29",
    baseline: [2, 2, 4, 3, 3, 3],
    c1: { workshop: true, assignment: "draft", lecture: true, reflection: "submit" },
    c2: { workshop: true, assignment: "open" },
  },
  {
    organisation: "Motala Fordonskomponenter AB",
    name: "Helena Forsberg",
    contact: true,
    role: "manager",
    gender: "woman",
    ageBand: "30-44",
    baseline: [3, 3, 3, 3, 4, 3],
    c1: { workshop: true, assignment: "submit", lecture: true, reflection: "submit" },
    c2: { workshop: true, assignment: "draft" },
  },
  {
    organisation: "Linköpings Systemutveckling AB",
    name: "Oskar Nilsson",
    contact: true,
    role: "manager",
    gender: "man",
    ageBand: "30-44",
    baseline: [2, 2, 4, 2, 2, 3],
    c1: { workshop: true, assignment: "submit", lecture: true, reflection: "submit" },
    c2: { workshop: true, assignment: "submit" },
  },
  {
    organisation: "Linköpings Systemutveckling AB",
    name: "Fatima Rahimi",
    role: "employee",
    gender: "woman",
    ageBand: "30-44",
    baseline: [2, 1, 3, 2, 2, 2],
    c1: { workshop: true, assignment: "submit", lecture: true, reflection: "submit" },
    c2: { workshop: true, assignment: "submit" },
  },
  {
    organisation: "Norrköpings Plastprodukter AB",
    name: "Fredrik Olsson",
    contact: true,
    role: "manager",
    gender: "man",
    ageBand: "45-59",
    baseline: [2, 2, 2, 2, 3, 2],
    c1: {},
    c2: { workshop: true },
  },
  {
    organisation: "Norrköpings Plastprodukter AB",
    name: "Maja Lindberg",
    role: "employee",
    gender: "woman",
    ageBand: "-29",
    c1: { workshop: true, assignment: "submit", lecture: true },
    c2: { workshop: true },
  },
  {
    organisation: "Finspångs Wellpapp AB",
    name: "Petra Hellström",
    contact: true,
    role: "hr",
    gender: "woman",
    ageBand: "60-",
    baseline: [3, 3, 2, 3, 2, 2],
    c1: { workshop: true, assignment: "submit", reflection: "submit" },
    c2: {},
  },
];

/** The organisations of the cohort (names of seed-demo's DEMO_ORGANISATIONS). */
export const DEMO_COHORT_ORGANISATIONS: readonly string[] = [...new Set(COHORT.map((m) => m.organisation))];

const EXPECTATIONS = [
  "Att vi får en plan för kompetensförsörjningen som faktiskt används.",
  "Konkreta verktyg för att komma igång med automation i produktionen.",
  "Att träffa andra företag i länet som står inför samma omställning.",
  "Bättre koll på vilka digitala kunskaper mitt team behöver.",
];
const ASSIGNMENT_TEXTS: Record<number, { sv: string; en: string }> = {
  1: {
    sv: "Kartlägg kompetensen i ditt team: vilka kunskaper inom digitalisering, grön omställning och automation finns i dag, och vilka behövs om två år? Använd mallen från workshopen.",
    en: "Map the skills of your team: which skills in digitalisation, the green transition and automation are there today, and which are needed in two years? Use the template from the workshop.",
  },
  2: {
    sv: "Välj ett arbetsmoment som kan göras digitalt eller automatiseras. Prova en första förändring tillsammans med en kollega och notera vad som hände.",
    en: "Choose a task that could be done digitally or automated. Try a first change together with a colleague and note what happened.",
  },
};
const ASSIGNMENT_ANSWERS: Record<number, string[]> = {
  1: [
    "Vi gick igenom teamets kompetenser med mallen. Störst glapp finns inom programmering av robotceller; två personer behöver utbildning före hösten.",
    "Kartläggningen visade att vi saknar kunskap om energieffektivisering. Vi har lagt in det i nästa års utvecklingssamtal.",
    "Jag gjorde kartläggningen tillsammans med produktionschefen. Det blev tydligt att vi behöver en plan för när seniora medarbetare går i pension.",
    "Vi hann bara med halva teamet, men redan nu syns ett behov av grundläggande dataanalys hos arbetsledarna.",
    "Mallen fungerade bra. Vi ser behov inom digital ritningshantering och har bokat en intern genomgång.",
    "Kartläggningen blev underlag för ledningsgruppens möte; vi prioriterar automation och säkerhet.",
  ],
  2: [
    "Vi digitaliserade checklistan för skiftöverlämning; den används nu på surfplatta vid linjen.",
    "Jag och en kollega testade att automatisera veckorapporten. Det sparar ungefär en timme i veckan.",
    "Vi provade digital tidrapportering i ett av lagen. Första veckan blev rörig, men nu fungerar det.",
  ],
};
const REFLECTIONS = [
  { learned: "Att kompetensutveckling behöver planeras lika noga som investeringar i maskiner.", change: "Jag tar med kompetensfrågan i varje produktionsmöte." },
  { learned: "Hur andra företag i länet arbetar med automation, och att de har samma utmaningar som vi.", change: "Vi ska prova korta utbildningspass på plats i stället för heldagar." },
  { learned: "Ett enkelt sätt att kartlägga vad teamet kan och vad vi behöver framåt.", change: "Jag uppdaterar kartläggningen varje kvartal." },
  { learned: "Att den gröna omställningen påverkar fler yrkesroller än jag trodde.", change: "Vi bjuder in leverantören till en genomgång om energieffektivisering." },
  { learned: "Att det är lättare att börja smått: ett arbetsmoment i taget.", change: "Jag delar med mig av hemuppgiften till resten av avdelningen." },
  { learned: "Hur vi kan koppla våra utvecklingssamtal till företagets kompetensbehov.", change: "Vi inför en gemensam kompetensplan för arbetsledarna." },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ProgrammeSeedOptions {
  baseUrl: string;
  /** The token of an owner of the project (POST /api/dev/sign-in). */
  token: string;
  /** The project the programme belongs to. */
  projectId: string;
  log?: (line: string) => void;
  /**
   * Seconds from the start of cycle 1 to its home assignment's deadline (= the lecture), and from
   * there to the reflection's deadline: the windows the seed answers in. @default 7 and 6
   */
  assignmentSeconds?: number;
  reflectionSeconds?: number;
  /** The longest any single wait (for invitations, a task waiting for its record) may take. @default 15 s */
  waitMs?: number;
}

export interface ProgrammeSeedResult {
  seeded: boolean;
  programmeId?: string;
  persons?: number;
  organisations?: number;
  /** What did not complete in time (empty when everything did). */
  incomplete: string[];
}

export async function seedProgramme(options: ProgrammeSeedOptions): Promise<ProgrammeSeedResult> {
  const started = Date.now();
  const out = options.log ?? console.log;
  const log = (line: string) => out(`programme: ${line}`);
  const api = <T>(method: string, path: string, json?: unknown) => call<T>(options.baseUrl, method, path, { token: options.token, json });
  const waitMs = options.waitMs ?? 15_000;
  const assignmentMs = (options.assignmentSeconds ?? 7) * 1000;
  const reflectionMs = (options.reflectionSeconds ?? 6) * 1000;
  const incomplete: string[] = [];

  const ok = <T>(what: string, method: string, path: string, json?: unknown): Promise<T> => expectOk(what, api<T>(method, path, json));
  /** Polls `fn` until it returns something, at most `ms`; undefined (and logged) if it did not. */
  const waitFor = async <T>(what: string, ms: number, fn: () => Promise<T | undefined>): Promise<T | undefined> => {
    const deadline = Date.now() + Math.max(ms, 0);
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() >= deadline) {
        log(`${what}: did not happen within ${(ms / 1000).toFixed(1)} s; going on without it`);
        incomplete.push(what);
        return undefined;
      }
      await sleep(150);
    }
  };

  const existing = await ok<{ items: Programme[] }>("list programmes", "GET", "/api/programmes");
  if (existing.items.some((p) => p.name === DEMO_PROGRAMME_NAME)) {
    log(`"${DEMO_PROGRAMME_NAME}" exists: not seeding it`);
    return { seeded: false, incomplete };
  }

  // ---- the cohort: the organisations' contacts, plus persons added with gender and age band -------
  const organisations = (await ok<{ items: Organisation[] }>("list organisations", "GET", "/api/organisations")).items;
  const orgByName = new Map(organisations.map((o) => [o.name, o]));
  const personOf = new Map<Member, Person>();
  for (const member of COHORT) {
    const org = orgByName.get(member.organisation);
    if (!org) {
      log(`no organisation "${member.organisation}": ${member.name} is left out`);
      continue;
    }
    const persons = (await ok<{ items: Person[] }>(`persons of ${org.name}`, "GET", `/api/organisations/${org.id}/persons`)).items;
    let person = persons.find((p) => p.name === member.name);
    if (!person && !member.contact) {
      const domain = persons[0]?.email.split("@")[1] ?? `${org.id}.example.se`;
      const local = member.name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, ".");
      person = await ok<Person>(`add ${member.name}`, "POST", "/api/persons", {
        organisationId: org.id,
        name: member.name,
        email: `${local}@${domain}`,
        role: "Medarbetare",
        gender: member.gender,
        ageBand: member.ageBand,
      });
    }
    if (person) personOf.set(member, person);
    else log(`${member.name} is not a person of ${org.name}: left out`);
  }
  const members = COHORT.filter((m) => personOf.has(m));
  if (!members.length) throw new Error("no person of the demo cohort found");
  const personIds = members.map((m) => personOf.get(m)!.id);
  const organisationIds = [...new Set(members.map((m) => orgByName.get(m.organisation)!.id))];

  const programme = await ok<Programme>("create programme", "POST", "/api/programmes", {
    projectId: options.projectId,
    name: DEMO_PROGRAMME_NAME,
    description:
      "Regionalt kompetenslyft för industri och IT i Östergötland: fyra lärcykler med workshop, hemuppgift, föreläsning och reflektion, med nulägesmätning före och uppföljning efter.",
    cycles: 4,
    organisationIds,
    personIds,
  });
  const pid = encodeURIComponent(programme.id);
  log(`created "${programme.name}" (${programme.id}): ${personIds.length} persons in ${organisationIds.length} organisations, ${programme.targets.length} targets`);

  const view = () => ok<ProgrammeView>("programme view", "GET", `/api/programmes/${pid}`);
  const cycleView = async (n: number) => (await view()).cycleViews.find((c) => c.cycle === n)!;
  const memberByEmail = new Map(members.map((m) => [personOf.get(m)!.email.toLowerCase(), m]));

  /**
   * The round's invitations in the outbox, once there is one per person of the cohort; when `ms`
   * passes first (or `gone` says the stage has closed), those that are there, logged.
   */
  const invitationsOf = async (what: string, roundId: string, ms: number, gone?: () => Promise<boolean>): Promise<OutboxMessage[]> => {
    const deadline = Date.now() + Math.max(ms, 0);
    for (;;) {
      const outbox = await ok<{ items: OutboxMessage[] }>("outbox", "GET", "/api/dev/outbox?limit=1000");
      const mails = outbox.items.filter((m) => m.kind === "invitation" && m.roundId === roundId);
      if (mails.length >= members.length) return mails;
      if (Date.now() >= deadline || (gone && (await gone()))) {
        log(`${what}: ${mails.length} of ${members.length} in the outbox after ${(ms / 1000).toFixed(1)} s; going on with those`);
        incomplete.push(what);
        return mails;
      }
      await sleep(150);
    }
  };

  /** Open a link, save a draft or submit answers built from the form's own instrument; errors are logged, not thrown. */
  const answer = async (mail: OutboxMessage, action: "open" | "draft" | "submit", build: (instrument: Instrument) => Answers): Promise<boolean> => {
    const fail = (why: string) => {
      log(`${action} for ${mail.to}: ${why}`);
      return false;
    };
    const token = /\/f#([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    if (!token) return fail("no form link in the mail");
    const form = await call<FormView>(options.baseUrl, "GET", "/api/form", { formToken: token });
    if (form.status !== 200) return fail(`opening the form: HTTP ${form.status}`);
    if (action === "open") return true;
    const answers = build(form.body.instrument);
    const mode = action === "draft" ? "draft" : "submit";
    const check = answersSchema(form.body.instrument, mode).safeParse(answers);
    if (!check.success) return fail(`the answers do not validate: ${JSON.stringify(check.error.issues).slice(0, 400)}`);
    const res =
      action === "draft"
        ? await call(options.baseUrl, "PUT", "/api/form/draft", { formToken: token, json: { answers } })
        : await call(options.baseUrl, "POST", "/api/form/submit", { formToken: token, json: { answers } });
    if (res.status >= 300) return fail(`HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return true;
  };

  /** Answers every invitation of `mails` as `actionOf` says; returns how many of each action succeeded. */
  const answerAll = async (
    mails: OutboxMessage[],
    actionOf: (m: Member) => "open" | "draft" | "submit" | undefined,
    build: (m: Member, i: number) => (instrument: Instrument) => Answers,
  ) => {
    const done = { submit: 0, draft: 0, open: 0 };
    const ordered = [...mails].sort((a, b) => a.to.localeCompare(b.to));
    for (const [i, mail] of ordered.entries()) {
      const member = memberByEmail.get(mail.to.toLowerCase());
      const action = member && actionOf(member);
      if (!member || !action) continue;
      if (await answer(mail, action, build(member, i))) done[action]++;
    }
    return done;
  };

  // ---- the baseline: launched, answered by most, closed before cycle 1 -------------------------------
  const now = Date.now();
  const baseline = await ok<Round>("create baseline", "POST", `/api/programmes/${pid}/measurements/baseline`, {
    opensAt: iso(now - 2 * DAY),
    closesAt: iso(now + 12 * DAY),
  });
  await ok("launch baseline", "POST", `/api/rounds/${encodeURIComponent(baseline.id)}/launch`);
  const baselineMails = await invitationsOf("the baseline's invitations", baseline.id, waitMs);
  const baselineDone = await answerAll(
        baselineMails,
        (m) => (m.baseline ? "submit" : "open"),
        (m, i) => (instrument) => {
          const [strategicWork, competencePlan, dig, green, auto, upToDate] = m.baseline!;
          return fill(instrument, {
            role: m.role,
            gender: m.gender,
            ageBand: m.ageBand,
            strategicWork,
            competencePlan,
            skillsDigitalisation: dig,
            skillsGreenTransition: green,
            skillsAutomation: auto,
            skillsUpToDate: upToDate,
            expectations: i % 2 === 0 ? EXPECTATIONS[(i / 2) % EXPECTATIONS.length] : undefined,
          });
        },
      );
  // The baseline ends before the first workshop: closed early, as an owner would.
  await ok("close baseline", "POST", `/api/rounds/${encodeURIComponent(baseline.id)}/close`);
  log(`baseline: ${baselineMails.length} invited, ${baselineDone.submit} submitted, ${baselineDone.open} opened only; closed`);

  const attendanceOf = (pick: (m: Member) => boolean | undefined) => members.filter(pick).map((m) => personOf.get(m)!.id);
  const assignmentAnswers = (n: number) => (_m: Member, i: number) => (instrument: Instrument) =>
    fill(instrument, {
      done: i % 3 === 2 ? "partly" : "yes",
      description: ASSIGNMENT_ANSWERS[n]![i % ASSIGNMENT_ANSWERS[n]!.length],
      linkedGoals: n === 1 ? ["strategicWork", i % 2 ? "automation" : "digitalisation"] : ["digitalisation", "automation"],
      hours: 2 + (i % 4) * 2,
    });
  /** Waits until the cycle's execution waits for the session's record (its notice is out), then records it. */
  const record = async (n: number, stage: "workshop" | "lecture", ms: number, body: Record<string, unknown>) => {
    await waitFor(`cycle ${n}: the ${stage}'s notice and the task waiting for its record`, ms, async () => {
      const c = await cycleView(n);
      return c[stage].awaitingRecord || c[stage].recordedAt || c.status === "error" ? c : undefined;
    });
    return ok<CycleView>(`record the ${stage} of cycle ${n}`, "POST", `/api/programmes/${pid}/cycles/${n}/${stage}`, body);
  };
  const stageGone = (n: number, stage: "assignment" | "reflection") => async () => {
    const c = await cycleView(n);
    return !!c[stage].closedAt || c.status === "error";
  };

  // ---- cycle 1, compressed: the deadlines are seconds away and end the stages --------------------------
  const t1 = Date.now();
  const assignmentDeadline1 = t1 + assignmentMs;
  const reflectionDeadline1 = assignmentDeadline1 + reflectionMs;
  await ok("schedule cycle 1", "POST", `/api/programmes/${pid}/cycles/1/schedule`, {
    workshopAt: iso(t1 - 26 * HOUR),
    assignmentDeadline: iso(assignmentDeadline1),
    lectureAt: iso(assignmentDeadline1),
    reflectionDeadline: iso(reflectionDeadline1),
    assignmentText: ASSIGNMENT_TEXTS[1],
  });
  await ok("start cycle 1", "POST", `/api/programmes/${pid}/cycles/1/start`);
  await record(1, "workshop", Math.min(waitMs, assignmentMs / 2), {
    attendance: attendanceOf((m) => m.c1.workshop),
    notes: "Uppstart: vi gick igenom programmets mål och gjorde en första kartläggning av kompetensbehoven. Tolv idéer på blädderblocket.",
  });
  const c1AssignmentId = `${programme.id}-c1-assignment`;
  const c1Assignment = await invitationsOf("cycle 1: the home assignment's invitations", c1AssignmentId, assignmentDeadline1 - Date.now() - 500, stageGone(1, "assignment"));
  const c1a = await answerAll(c1Assignment, (m) => m.c1.assignment, assignmentAnswers(1));

  await record(1, "lecture", assignmentDeadline1 + waitMs - Date.now(), {
    attendance: attendanceOf((m) => m.c1.lecture),
    notes: "Föreläsning om automation i små och medelstora företag, med exempel från länet.",
    materialUrl: "https://example.se/kompetenslyftet-2026/cykel-1/forelasning.pdf",
  });
  const c1Reflection = await invitationsOf("cycle 1: the reflection's invitations", `${programme.id}-c1-reflection`, reflectionDeadline1 - Date.now() - 500, stageGone(1, "reflection"));
  const c1r = await answerAll(
    c1Reflection,
    (m) => m.c1.reflection,
    (_m, i) => (instrument) => fill(instrument, { ...REFLECTIONS[i % REFLECTIONS.length], useful: 3 + (i % 3) }),
  );
  log(`cycle 1: home assignment ${c1a.submit} submitted (${c1a.draft} draft), reflection ${c1r.submit} submitted; waiting for the deadlines to end it ...`);
  const cycle1 = await waitFor("cycle 1 to complete", reflectionDeadline1 + waitMs - Date.now(), async () => {
    const c = await cycleView(1);
    return c.status === "done" || c.status === "error" ? c : undefined;
  });
  if (cycle1?.status === "error") log(`cycle 1 stopped: ${cycle1.error}`);

  // ---- cycle 2 running: workshop recorded, home assignment open; cycles 3 and 4 scheduled -------------
  const t2 = Date.now();
  const at = (days: number, hour: number) => {
    const d = new Date(t2 + days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.getTime();
  };
  await ok("schedule cycle 2", "POST", `/api/programmes/${pid}/cycles/2/schedule`, {
    workshopAt: iso(t2 - 1000),
    assignmentDeadline: iso(at(7, 15)),
    lectureAt: iso(at(8, 7)),
    reflectionDeadline: iso(at(14, 15)),
    assignmentText: ASSIGNMENT_TEXTS[2],
  });
  for (const [n, start] of [
    [3, 21],
    [4, 42],
  ] as const) {
    await ok(`schedule cycle ${n}`, "POST", `/api/programmes/${pid}/cycles/${n}/schedule`, {
      workshopAt: iso(at(start, 7)),
      assignmentDeadline: iso(at(start + 6, 15)),
      lectureAt: iso(at(start + 7, 7)),
      reflectionDeadline: iso(at(start + 13, 15)),
    });
  }
  let c2a: { submit: number; draft: number; open: number } | undefined;
  if (cycle1?.status === "done") {
    await ok("start cycle 2", "POST", `/api/programmes/${pid}/cycles/2/start`);
    await record(2, "workshop", waitMs, {
      attendance: attendanceOf((m) => m.c2.workshop),
      notes: "Workshop om digitala arbetssätt: deltagarna valde varsitt arbetsmoment att förändra.",
    });
    const c2Assignment = await invitationsOf("cycle 2: the home assignment's invitations", `${programme.id}-c2-assignment`, waitMs);
    c2a = await answerAll(c2Assignment, (m) => m.c2.assignment, assignmentAnswers(2));
    // The counts on the programme's page come from the table's stream: let them catch up.
    await waitFor("cycle 2: the submissions to be counted", 5000, async () => {
      const c = await cycleView(2);
      return c.assignment.submitted >= (c2a?.submit ?? 0) ? c : undefined;
    });
  } else log("cycle 1 is not done: cycle 2 is scheduled but not started");

  // ---- what there is now ----------------------------------------------------------------------------
  const final = await view();
  const describe = (c: CycleView) => {
    const s = (r: CycleView["assignment"]) => (r.skipped ? "skipped" : r.roundId ? `${r.submitted}/${r.invited}${r.closedAt ? "" : " open"}` : "-");
    const a = (x: CycleView["workshop"]) => (x.recordedAt ? `${x.attendance.length} attended` : x.awaitingRecord ? "awaiting record" : "-");
    return `cycle ${c.cycle} ${c.status}${c.status === "running" ? ` at ${c.stage}` : ""} (workshop ${a(c.workshop)}, assignment ${s(c.assignment)}, lecture ${a(c.lecture)}, reflection ${s(c.reflection)})`;
  };
  out(
    `demo programme: "${final.name}" (${final.id}): ${final.cohort.persons} persons in ${final.cohort.organisations} organisations; ` +
      `baseline ${final.baseline ? `${final.baseline.submitted}/${final.baseline.invited} ${final.baseline.status}` : "-"}; ` +
      final.cycleViews
        .filter((c) => c.status === "done" || c.status === "running" || c.status === "error")
        .map(describe)
        .join("; ") +
      `; ${final.cycleViews.filter((c) => c.status === "scheduled").length} cycle(s) scheduled` +
      (incomplete.length ? `; incomplete: ${incomplete.join(", ")}` : "") +
      ` (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return { seeded: true, programmeId: programme.id, persons: personIds.length, organisations: organisationIds.length, incomplete };
}

/**
 * Answers for an instrument: the given values (undefined = leave the question out), and for any
 * other required question the first option, the middle of the scale, the minimum or "–", so the
 * result passes answersSchema(instrument, "submit") whatever the version adds.
 */
export function fill(instrument: Instrument, values: Record<string, AnswerValue | undefined>): Answers {
  const answers: Answers = {};
  for (const q of instrument.blocks.flatMap((b) => b.questions)) {
    if (q.id in values) {
      const v = values[q.id];
      if (v === undefined) continue;
      if (q.type === "single" && !q.options.some((o) => o.value === v)) continue; // e.g. a role the list lacks
      if (q.type === "likert" && typeof v === "number") answers[q.id] = Math.min(q.scale, Math.max(1, v));
      else answers[q.id] = v;
      continue;
    }
    if (!q.required) continue;
    switch (q.type) {
      case "likert":
        answers[q.id] = Math.ceil(q.scale / 2);
        break;
      case "single":
        answers[q.id] = q.options[0]!.value;
        break;
      case "multi":
        answers[q.id] = [q.options[0]!.value];
        break;
      case "number":
        answers[q.id] = q.min;
        break;
      case "text":
        answers[q.id] = "–";
        break;
      default:
        break; // needMatrix, occupations: not in the programme's instruments
    }
  }
  return answers;
}
