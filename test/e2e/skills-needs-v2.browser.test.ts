/**
 * The ten-minute promise for skills-needs version 2, in Chromium against the local stack: a
 * keyboard-only run (keyboard-run.ts) with realistic answers (needs in several areas, three
 * occupations with every version 2 field) in Swedish and in English (on a 360 px phone, where no
 * step scrolls sideways), each logging its machine time and keystrokes; axe-core (WCAG 2.0/2.1 A
 * and AA) on every step of both runs. A machine's time is not a person's: the test asserts only
 * that the run finishes; the figures go to the log.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { cachedTemplate } from "../support/dynamodb";
import { orgNumber } from "../../infra/local/seed-demo";
import type { FormView } from "../../shared/schemas";
import { api, axeViolations, describeInChromium, describeViolations, importOrganisations, launchChromium, launchOpenRound, newContext, onFailure, ownerToken, projectWith, scrollsSideways, textsOf, tokenOf, type Lang } from "./support";
import { keyboardRun, type RunPlan } from "./keyboard-run";

const PEOPLE = ["greta", "hugo"].map((n) => `${n}@e2e-v2.example.se`);
const CSV = [
  "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail",
  ...PEOPLE.map((email, i) => `${orgNumber(`55655560${i}`)},Verkstad ${i + 1} AB,25620,0580,50-249,company,Person ${i + 1},${email}`),
].join("\n");

/** A mid-sized engineering workshop: welders, CNC operators and industrial electricians. */
const PLAN: RunPlan = {
  needs: { "digitalisation.now": 1, "digitalisation.y1to3": 2, "automation.y1to3": 2, "automation.y3to8": 1, "greenTransition.y1to3": 1, "greenTransition.y3to8": 2 },
  methods: { "digitalisation.now": 0, "digitalisation.y1to3": 2, "automation.y1to3": 1, "automation.y3to8": 2, "greenTransition.y1to3": 0, "greenTransition.y3to8": 2 },
  peoplePerNeed: 4,
  occupations: [
    {
      query: "svetsare",
      selects: { staffChange12m: "more", staffChange3y: "more", educationLevel: "upperSecondary", educationField: "52", experience: "experienced", difficulty: "hard" },
      numbers: { hires12m: 2, hires1to3y: 3, sought12m: 4, hired12m: 1, retirements1to3y: 2, women: 1, men: 11 },
      certificates: ["welding", "hotWork"],
    },
    {
      query: "maskinställare",
      selects: { staffChange12m: "same", staffChange3y: "more", educationLevel: "upperSecondary", educationField: "54", experience: "either", difficulty: "some" },
      numbers: { hires12m: 1, hires1to3y: 2, sought12m: 2, hired12m: 1, retirements1to3y: 1, women: 2, men: 7 },
      certificates: ["forklift"],
    },
    {
      query: "industrielektriker",
      selects: { staffChange12m: "more", staffChange3y: "same", educationLevel: "higherVocational", educationField: "52", experience: "newGraduates", difficulty: "hard" },
      numbers: { hires12m: 1, hires1to3y: 1, sought12m: 2, hired12m: 0, retirements1to3y: 1, women: 0, men: 4 },
      certificates: ["electrical"],
    },
  ],
  multi: {
    failedRecruitmentReasons: ["noApplicants", "experience", "certificates"],
    failedRecruitmentConsequences: ["ordersDeclined", "expansionDelayed", "overtime"],
    inclusionRoles: ["placement", "traineePost"],
    upskillingLadder: ["upskillToQualified", "freesEntryJobs"],
    collaboration: ["workPlacements", "commissionedTraining"],
  },
  comment: "Vi behöver fler svetsare med certifikat.",
};

describeInChromium("skills-needs version 2 with the keyboard only (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let links: Map<string, string>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-v2-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    await projectWith(stack.url, "E2E v2", [{ email: "e2e.owner@example.se", role: "project-owner" }]);
    const token = await ownerToken(stack.url, "e2e.owner@example.se");
    await importOrganisations(stack.url, token, CSV);
    ({ links } = await launchOpenRound(stack.url, token, "E2E version 2", PEOPLE.length, { instrumentId: "skills-needs", instrumentVersion: 2 }));
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, stack.url);

  // Swedish on a desktop, English on a 360 px phone (where no step may scroll sideways).
  for (const [lang, person, width] of [["sv", PEOPLE[0]!, 1280], ["en", PEOPLE[1]!, 360]] as [Lang, string, number][])
    it(`${lang}, ${width} px: a realistic run through version 2 finishes with the keyboard only; every step passes axe`, async () => {
      const t = textsOf(lang);
      const context = await newContext(browser, lang, { width, height: width < 500 ? 740 : 900 });
      contexts.push(context);
      const page = await context.newPage();
      const link = local(links.get(person)!);
      const violations: string[] = [];
      await onFailure(page, `v2-${lang}`, async () => {
        const view = await api<FormView>(stack.url, "GET", "/api/form", { formToken: tokenOf(link) });
        expect(view.instrument.version).toBe(2);
        await page.goto(link);
        await page.locator(".step-count").waitFor({ timeout: 15_000 });
        const started = performance.now();
        const run = await keyboardRun(page, t, PLAN, async (step) => {
          const found = await axeViolations(page);
          if (found.length) violations.push(`${step}:\n${describeViolations(found)}`);
          if (width < 500 && (await scrollsSideways(page))) violations.push(`${step}: scrolls sideways at ${width} px`);
        });
        await page.getByRole("heading", { level: 1, name: t("done.title") }).waitFor({ timeout: 15_000 });
        // The machine's time in the form, without the axe checks run on each step.
        const seconds = (performance.now() - started - run.hookMs) / 1000;
        console.log(`skills-needs v2, ${lang}: keyboard run of ${run.steps.length} steps in ${seconds.toFixed(1)} s machine time, ${run.keys} keystrokes (${run.tabs} of them Tab)`);
        expect(run.steps.length).toBe(9); // eight blocks and the review
        // The printable summary holds the three occupations the run added.
        expect(await page.locator(".summary-occupations > li").count()).toBe(PLAN.occupations.length);
        const found = await axeViolations(page);
        if (found.length) violations.push(`thank-you page:\n${describeViolations(found)}`);
      }, "failed");
      expect(violations).toEqual([]);
    }, 300_000);
});
