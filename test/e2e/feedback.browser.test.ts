/**
 * The company's feedback in Chromium against the local stack: submit with the keyboard, see the
 * feedback and competence plan on the thank-you page, print the plan alone (print media emulated),
 * come back by the same link; axe-core (WCAG 2.0/2.1 A and AA) in Swedish and English, and the
 * kind page of a round with no published release yet.
 * Needs /usr/bin/chromium: skipped with a message when it is missing, except in CI.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ORGANISATIONS, demoAnswers, orgNumber } from "../../infra/local/seed-demo";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import type { FormView } from "../../shared/schemas";
import { FEEDBACK_TEXTS } from "../../web/src/pages/feedback/feedback-texts";
import { cachedTemplate } from "../support/dynamodb";
import {
  api,
  axeViolations,
  describeInChromium,
  describeViolations,
  fillWithKeyboard,
  importOrganisations,
  launchChromium,
  launchOpenRound,
  newContext,
  onFailure,
  ownerToken,
  projectWith,
  screenshot,
  scrollWidth,
  textsFrom,
  textsOf,
  tokenOf,
  type Lang,
} from "./support";

const PEOPLE = Array.from({ length: 8 }, (_, i) => `p${i}@e2e-feedback.example.se`);
const KEYBOARD = PEOPLE[7]!;
const LATER = PEOPLE[0]!;
const CSV = [
  "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail",
  ...PEOPLE.map((email, i) => `${orgNumber(`55677770${i}`)},Återkoppling ${i + 1} AB,25620,0580,10-49,company,Person ${i + 1},${email}`),
].join("\n");
const fb = (lang: Lang) => textsFrom(FEEDBACK_TEXTS[lang]);

describeInChromium("a company's feedback in the browser (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let links: Map<string, string>;
  let unreleasedLink: string;
  const contexts: BrowserContext[] = [];

  const submitByApi = async (link: string, seed: number) => {
    const formToken = tokenOf(link);
    const view = await api<FormView>(stack.url, "GET", "/api/form", { formToken });
    await api(stack.url, "POST", "/api/form/submit", { formToken, json: { answers: demoAnswers(view.instrument, DEMO_ORGANISATIONS[seed % DEMO_ORGANISATIONS.length]!, seed) } });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-feedback-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    await projectWith(stack.url, "Återkopplingsprojektet", [{ email: "e2e.owner@example.se", role: "project-owner" }]);
    const token = await ownerToken(stack.url, "e2e.owner@example.se");
    await importOrganisations(stack.url, token, CSV);

    // Round A: six companies answer, then an interim release is published.
    const a = await launchOpenRound(stack.url, token, "E2E återkoppling", PEOPLE.length);
    links = a.links;
    for (let i = 0; i < 6; i++) await submitByApi(links.get(PEOPLE[i]!)!, i);
    await api(stack.url, "POST", `/api/rounds/${encodeURIComponent(a.round.id)}/releases`, { token, json: { kind: "interim" } });

    // Round B: one company answers; nothing is released yet.
    const b = await launchOpenRound(stack.url, token, "E2E ingen publicering", PEOPLE.length);
    unreleasedLink = b.links.get(PEOPLE[1]!)!;
    await submitByApi(unreleasedLink, 1);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(lang: Lang): Promise<Page> {
    const context = await newContext(browser, lang);
    contexts.push(context);
    return context.newPage();
  }
  const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, stack.url);
  const expectNoViolations = async (page: Page, name: string) => {
    const violations = await axeViolations(page);
    await screenshot(page, name);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  };

  it("after submitting, shows the company's answers beside its industry and region, and its plan, which prints alone", async () => {
    const t = textsOf("sv");
    const f = fb("sv");
    const page = await open("sv");
    await onFailure(page, "feedback-submit-sv", async () => {
      await page.goto(local(links.get(KEYBOARD)!));
      await page.locator(".step-count").waitFor({ timeout: 15_000 });
      expect(await fillWithKeyboard(page, t)).toBe("submitted");
      await page.getByRole("heading", { level: 1, name: t("done.title") }).waitFor({ timeout: 15_000 });
      await page.getByRole("heading", { level: 2, name: f("fb.title") }).waitFor({ timeout: 15_000 });
      await page.getByRole("table", { name: f("fb.needs.caption") }).waitFor({ timeout: 15_000 });
      expect(await page.getByRole("columnheader", { name: f("fb.colRegion") }).count()).toBeGreaterThan(0);
      await page.getByRole("heading", { level: 2, name: f("plan.title") }).waitFor();
      expect(await page.getByText(f("plan.noOfferings")).count()).toBe(1);
      await expectNoViolations(page, "feedback-done-sv-1280");
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await scrollWidth(page), "horizontal scroll at 360 px").toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 1280, height: 900 });

      // "Print the plan": the print dialog is stubbed; the page as printed shows the plan alone.
      await page.evaluate(() => (window.print = () => {}));
      await page.getByRole("button", { name: f("plan.print") }).click();
      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("heading", { level: 2, name: f("plan.title") }).isVisible()).toBe(true);
      expect(await page.getByRole("table", { name: f("plan.needs") }).isVisible()).toBe(true);
      for (const hidden of [".site-header", ".site-footer", ".feedback-results", ".receipt", ".panel", `button:has-text("${f("plan.print")}")`])
        expect(await page.locator(hidden).first().isVisible(), `${hidden} is not printed`).toBe(false);
      await screenshot(page, "feedback-plan-print-sv");
      // After the print dialog, the page prints whole again (the thank-you page's own print).
      await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
      expect(await page.locator(".receipt").isVisible()).toBe(true);
      await page.emulateMedia({ media: "screen" });
    });
  });

  it("from the same link later, in English, shows the feedback again with no WCAG 2.1 A/AA violations", async () => {
    const t = textsOf("en");
    const f = fb("en");
    const page = await open("en");
    await onFailure(page, "feedback-later-en", async () => {
      await page.goto(local(links.get(LATER)!));
      await page.getByRole("heading", { level: 1, name: t("already.title") }).waitFor({ timeout: 15_000 });
      await page.getByRole("table", { name: f("fb.needs.caption") }).waitFor({ timeout: 15_000 });
      // A suppressed cell reads "suppressed", never a number; whichever cells they are.
      for (const cell of await page.locator(".feedback .suppressed").allTextContents()) expect(cell).toBe(f("fb.suppressed"));
      await expectNoViolations(page, "feedback-later-en-1280");
    });
  });

  it("before the round's first release, says kindly that the results are to come, in Swedish and English", async () => {
    for (const lang of ["sv", "en"] as const) {
      const f = fb(lang);
      const page = await open(lang);
      await onFailure(page, `feedback-unreleased-${lang}`, async () => {
        await page.goto(local(unreleasedLink));
        await page.getByRole("heading", { level: 3, name: f("fb.noRelease.title") }).waitFor({ timeout: 15_000 });
        await page.getByRole("heading", { level: 2, name: f("plan.title") }).waitFor();
        await expectNoViolations(page, `feedback-unreleased-${lang}-1280`);
      });
    }
  });
});
