/**
 * The participant and public pages in Chromium against the local stack:
 *   (a) the whole skills-needs form with the keyboard only, in Swedish; leave half-way, resume
 *       from the link in a new browser (the draft is restored), review, submit;
 *   (b) the same in English on a 360 px wide phone, with no horizontal scrolling on any step;
 *       No request line of (a) holds the link's token; an old link (/f/<token>) still opens the form;
 *   (c) the pages for a closed round's link, an already-submitted link and an unknown link;
 *   (d) axe-core (WCAG 2.0/2.1 A and AA) on every participant and public page in both languages,
 *       with screenshots at 360 and 1280 px into test/screenshots/ (git-ignored).
 * Needs /usr/bin/chromium: skipped with a message when it is missing, except in CI.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ORGANISATIONS, demoAnswers, orgNumber } from "../../infra/local/seed-demo";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { regionConfig, retentionOfRegion } from "../../infra/config/regions";
import { AUDIT_LOG_DAYS } from "../../shared/retention";
import type { FormView, Round } from "../../shared/schemas";
import { cachedTemplate } from "../support/dynamodb";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import {
  api,
  axeViolations,
  describeInChromium,
  describeViolations,
  fillWithKeyboard,
  focused,
  importOrganisations,
  launchChromium,
  onFailure,
  launchOpenRound,
  newContext,
  ownerToken,
  projectWith,
  screenshot,
  scrollWidth,
  textsOf,
  tokenOf,
  type Lang,
} from "./support";

const PEOPLE = ["anna", "bertil", "cecilia", "david", "eva", "fredrik"].map((n) => `${n}@e2e-part.example.se`);
const [KEYBOARD_SV, PHONE_EN, SUBMITTED, AXE_SV, AXE_EN, ERRORS] = PEOPLE;
const CSV = [
  "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail",
  ...PEOPLE.map((email, i) => `${orgNumber(`55655550${i}`)},Deltagare ${i + 1} AB,25620,0580,10-49,company,Person ${i + 1},${email}`),
].join("\n");

describeInChromium("participant and public pages in the browser (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let links: Map<string, string>;
  let closedLink: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-part-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    // The rounds belong to a project a region admin has made for their owner.
    await projectWith(stack.url, "E2E-projekt", [{ email: "e2e.owner@example.se", role: "project-owner" }]);
    const token = await ownerToken(stack.url, "e2e.owner@example.se");
    await importOrganisations(stack.url, token, CSV);

    // Round A: open. One participant has already submitted (through the API).
    // Version 1: a round made before version 2 still runs. The keyboard run through version 2 is skills-needs-v2.browser.test.ts.
    ({ links } = await launchOpenRound(stack.url, token, "E2E deltagare", PEOPLE.length, { instrumentVersion: 1 }));
    const submitted = tokenOf(links.get(SUBMITTED)!);
    const view = await api<FormView>(stack.url, "GET", "/api/form", { formToken: submitted });
    await api(stack.url, "POST", "/api/form/submit", { formToken: submitted, json: { answers: demoAnswers(view.instrument, DEMO_ORGANISATIONS[0]!, 7) } });

    // Round B: launched, then closed early.
    const b = await launchOpenRound(stack.url, token, "E2E stängd", PEOPLE.length);
    closedLink = b.links.get(ERRORS)!;
    await api<Round>(stack.url, "POST", `/api/rounds/${encodeURIComponent(b.round.id)}/close`, { token });
    for (let i = 0; ; i++) {
      const { status } = await api<Round>(stack.url, "GET", `/api/rounds/${encodeURIComponent(b.round.id)}`, { token });
      if (status === "closing" || status === "closed") break;
      if (i > 100) throw new Error(`round B did not close (status ${status})`);
      await new Promise((r) => setTimeout(r, 300));
    }
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(lang: Lang, width = 1280): Promise<Page> {
    const context = await newContext(browser, lang, { width, height: width < 500 ? 740 : 900 });
    contexts.push(context);
    return context.newPage();
  }
  const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, stack.url);

  /** Runs a step of a test; on failure, a screenshot of the page first. */
  const withShot = <R>(page: Page, name: string, fn: () => Promise<R>) => onFailure(page, name, fn, "failed");

  it("(a) Swedish, keyboard only: fills half the form, leaves, resumes in another browser, reviews and submits", async () => {
    const t = textsOf("sv");
    const link = local(links.get(KEYBOARD_SV)!);
    // What the browser puts in each request line (path and query; the fragment is never sent).
    const requestLines: string[] = [];
    const formRequests: { path: string; token?: string }[] = [];
    const record = (page: Page) =>
      page.on("request", (r) => {
        const u = new URL(r.url());
        requestLines.push(`${r.method()} ${u.pathname}${u.search}`);
        if (u.pathname.startsWith("/api/form")) formRequests.push({ path: u.pathname, token: r.headers()[FORM_TOKEN_HEADER] });
      });
    const first = await open("sv");
    record(first);
    await withShot(first, "a-first", async () => {
      await first.goto(link);
      await first.locator(".step-count").waitFor({ timeout: 15_000 });
      expect(await first.locator("html").getAttribute("lang")).toBe("sv");
      // The purpose and the promise, with the way to the full account, on the first step.
      expect(await first.locator(".privacy-note").innerText()).toContain(t("form.privacy"));
      expect(await first.getByRole("link", { name: t("form.privacyLink") }).getAttribute("href")).toBe("/om-tjansten");
      expect(await fillWithKeyboard(first, t, { stopAfterStep: 3 })).toBe("stopped");
      // Leaving a step saves the draft: wait until the saved draft holds step 3's matrix, then close the page.
      await expect
        .poll(async () => Object.keys((await api<FormView>(stack.url, "GET", "/api/form", { formToken: tokenOf(link) })).draft ?? {}), { timeout: 15_000 })
        .toContain("needs");
      await first.close();
    });

    const second = await open("sv"); // a new browser context: another device
    record(second);
    await withShot(second, "a-resumed", async () => {
      await second.goto(link);
      await second.getByText(t("form.resumed")).waitFor({ timeout: 15_000 });
      expect(await second.locator('input[name="detailsCorrect"]:checked').count()).toBe(1);
      const steps: string[] = [];
      const result = await fillWithKeyboard(second, t, {
        onStep: async (step) => {
          steps.push(step);
          if (step === t("form.step", { n: 2, total: 7 })) expect(await second.locator('input[type=radio]:checked').count(), "restored Likert answers").toBe(6);
          if (step === t("form.step", { n: 3, total: 7 })) {
            await second.locator('input[name="needs.digitalisation.now.level"]').first().waitFor();
            expect(await second.locator('input[name="needs.digitalisation.now.level"]:checked').count(), "restored matrix answer").toBe(1);
          }
          if (step === t("form.step", { n: 7, total: 7 })) {
            await second.getByRole("heading", { level: 2, name: new RegExp(t("review.title")) }).waitFor();
            expect(await second.getByRole("link", { name: new RegExp(`^${t("review.edit")}`) }).count()).toBe(6);
            expect(await second.getByText("7212 – Svetsare och gasskärare").count()).toBeGreaterThan(0);
          }
        },
      });
      expect(result).toBe("submitted");
      expect(steps.at(-1)).toBe(t("form.step", { n: 7, total: 7 }));
      await second.getByRole("heading", { level: 1, name: t("done.title") }).waitFor({ timeout: 15_000 });
      await second.getByRole("heading", { name: t("done.summaryTitle"), exact: true }).waitFor();
      await second.getByRole("button", { name: t("done.print") }).waitFor();
    });

    // No request line of the whole flow holds the token; the form API got it in its header.
    expect(new URL(link).hash).toBe(`#${tokenOf(link)}`);
    expect(requestLines.length).toBeGreaterThan(10);
    expect(requestLines.filter((l) => l.includes(tokenOf(link)))).toEqual([]);
    expect(new Set(formRequests.map((r) => r.path))).toEqual(new Set(["/api/form", "/api/form/draft", "/api/form/submit"]));
    for (const r of formRequests) expect(r.token).toBe(tokenOf(link));
  }, 240_000);

  it("(a2) an old link with the token in the path opens the same form, with the token moved into the fragment", async () => {
    const t = textsOf("sv");
    const token = tokenOf(links.get(SUBMITTED)!);
    const page = await open("sv");
    await withShot(page, "a2-old-link", async () => {
      await page.goto(`${stack.url}/f/${token}`);
      await page.getByRole("heading", { level: 1, name: t("already.title") }).waitFor({ timeout: 15_000 });
      const at = new URL(page.url());
      expect([at.pathname, at.hash]).toEqual(["/f", `#${token}`]);
    });
  }, 60_000);

  it("(b) English on a 360 px phone: no horizontal scrolling on any step, review or thank-you page", async () => {
    const t = textsOf("en");
    const page = await open("en", 360);
    await withShot(page, "b-phone", async () => {
      await page.goto(local(links.get(PHONE_EN)!));
      await page.locator(".step-count").waitFor({ timeout: 15_000 });
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      let n = 0;
      const result = await fillWithKeyboard(page, t, {
        onStep: async (step) => {
          n++;
          await page.waitForTimeout(200); // a lazy part (matrix, occupations, summary) renders
          expect(await scrollWidth(page), `horizontal scroll on "${step}"`).toBeLessThanOrEqual(360);
          await screenshot(page, `form-en-360-step${n}`);
        },
      });
      expect(result).toBe("submitted");
      expect(n).toBe(7);
      await page.getByRole("heading", { level: 1, name: t("done.title") }).waitFor({ timeout: 15_000 });
      await page.getByRole("heading", { name: t("done.summaryTitle"), exact: true }).waitFor();
      expect(await scrollWidth(page), "horizontal scroll on the thank-you page").toBeLessThanOrEqual(360);
      await screenshot(page, "thanks-en-360");
    });
  }, 240_000);

  it("(c) closed, already-submitted and unknown links show a clear page with whom to contact", async () => {
    for (const lang of ["sv", "en"] as const) {
      const t = textsOf(lang);
      const page = await open(lang);
      const cases: [string, string][] = [
        [local(closedLink), t("gone.title")],
        [local(links.get(SUBMITTED)!), t("already.title")],
        [`${stack.url}/f#this-link-does-not-exist-0123456789abcdef`, t("invalid.title")],
      ];
      for (const [url, title] of cases)
        await withShot(page, `c-${lang}`, async () => {
          await page.goto(url);
          await page.getByRole("heading", { level: 1, name: title }).waitFor({ timeout: 15_000 });
          await page.getByRole("heading", { level: 2, name: t("contact.title") }).waitFor();
          const text = await page.locator("main").innerText();
          expect(text).toContain(t("contact.text"));
          expect(text).not.toMatch(/\bat \S+ \(|Error:|stack|undefined|\{\w+\}/);
          expect(await page.locator("form").count(), "no form on an outcome page").toBe(0);
        });
    }
  }, 120_000);

  it("(c2) /om-tjansten states the region's own retention periods, the numbers its stores use, in Swedish and English", async () => {
    const periods = { ...retentionOfRegion(regionConfig("ostergotland")), auditLogDays: AUDIT_LOG_DAYS };
    for (const lang of ["sv", "en"] as const) {
      const t = textsOf(lang);
      const page = await open(lang);
      await page.goto(`${stack.url}/om-tjansten`);
      const items = page.getByTestId("retention").locator("li");
      await items.first().waitFor({ timeout: 15_000 });
      expect(await items.allTextContents()).toEqual([t("about.retention1", periods), t("about.retention2", periods), t("about.retention3", periods), t("about.retention4")]);
    }
  });

  it("(d) axe: zero WCAG 2.1 A/AA violations on every participant and public page, in Swedish and English", async () => {
    const problems: string[] = [];
    const check = async (page: Page, name: string, shots = true) => {
      const violations = await axeViolations(page);
      if (violations.length) problems.push(`${name}:\n${describeViolations(violations)}`);
      if (shots) await screenshot(page, name);
    };
    for (const lang of ["sv", "en"] as const) {
      const t = textsOf(lang);
      const page = await open(lang);
      await withShot(page, `d-${lang}`, async () => {
        const pages: [string, string, string][] = [
          ["home", `${stack.url}/`, t("home.title")],
          ["accessibility", `${stack.url}/tillganglighet`, t("a11y.title")],
          ["about", `${stack.url}/om-tjansten`, t("about.title")],
          ["not-found", `${stack.url}/no-such-page`, t("notFound.title")],
          ["closed", local(closedLink), t("gone.title")],
          ["already-submitted", local(links.get(SUBMITTED)!), t("already.title")],
          ["unknown-link", `${stack.url}/f/this-link-does-not-exist-0123456789abcdef`, t("invalid.title")],
          ["outbox", `${stack.url}/outbox`, ""],
        ];
        for (const [name, url, title] of pages) {
          await page.setViewportSize({ width: 1280, height: 900 });
          await page.goto(url);
          if (title) await page.getByRole("heading", { level: 1, name: title }).waitFor({ timeout: 15_000 });
          else await page.locator("h1").waitFor({ timeout: 15_000 });
          await page.locator(".loading").waitFor({ state: "detached", timeout: 15_000 }).catch(() => {});
          await check(page, `${name}-${lang}-1280`);
          // The footer links to both information pages from every page.
          expect(await page.locator(`footer a[href="/tillganglighet"]`).count()).toBe(1);
          expect(await page.locator(`footer a[href="/om-tjansten"]`).count()).toBe(1);
          await page.setViewportSize({ width: 360, height: 740 });
          expect(await scrollWidth(page), `horizontal scroll on ${name} at 360 px`).toBeLessThanOrEqual(360);
          if (name !== "outbox") await screenshot(page, `${name}-${lang}-360`);
        }

        // The form: the error state of the first step, then every step, the review and thank-you.
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(local(links.get(lang === "sv" ? AXE_SV : AXE_EN)!));
        await page.locator(".step-count").waitFor({ timeout: 15_000 });
        await page.getByRole("button", { name: t("form.next") }).click();
        await page.getByRole("heading", { name: t("form.errorSummaryTitle") }).waitFor({ timeout: 15_000 });
        const f = await focused(page);
        expect(f?.name, "focus moves to the first answer to fix").toBe("detailsCorrect");
        await check(page, `form-${lang}-1280-errors`);
        // Fixing the answer (Space on the focused radio) takes its error away.
        await page.keyboard.press("Space");
        await page.locator(".field-error").waitFor({ state: "detached", timeout: 10_000 });
        let n = 0;
        await fillWithKeyboard(page, t, {
          onStep: async () => {
            n++;
            await page.waitForTimeout(200);
            await check(page, `form-${lang}-1280-step${n}`);
          },
        });
        await page.getByRole("heading", { level: 1, name: t("done.title") }).waitFor({ timeout: 15_000 });
        await page.getByRole("heading", { name: t("done.summaryTitle"), exact: true }).waitFor();
        await page.waitForTimeout(300);
        await check(page, `thanks-${lang}-1280`);
        // The printed summary: no header, footer or buttons.
        await page.emulateMedia({ media: "print" });
        expect(await page.locator(".site-header").isVisible()).toBe(false);
        expect(await page.getByRole("button", { name: t("done.print") }).isVisible()).toBe(false);
        await page.emulateMedia({ media: "screen" });
      });
    }
    expect(problems, problems.join("\n\n")).toEqual([]);
  }, 300_000);
});
