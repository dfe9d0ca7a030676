/**
 * The survey-versions owner page in Chromium against the local stack, in Swedish and English: a
 * project owner adds the region's own competence areas, which makes a new version the round
 * wizard offers; a name that makes no area id is marked at its field. axe-core (WCAG 2.0/2.1 A
 * and AA) on the page as it opens, with an error shown, and after the version is made.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { cachedTemplate } from "../support/dynamodb";
import { INSTRUMENT_TEXTS } from "../../web/src/pages/owner/instruments/instrument-texts";
import { sv } from "../../web/src/i18n/sv";
import { en } from "../../web/src/i18n/en";
import { ownerSv } from "../../web/src/i18n/owner-sv";
import { ownerEn } from "../../web/src/i18n/owner-en";
import { axeViolations, describeInChromium, describeViolations, launchChromium, onFailure, ownerToken, projectWith, textsFrom, type Lang } from "./support";

const textsOf = (lang: Lang) => (lang === "sv" ? textsFrom(sv, ownerSv) : textsFrom(en, ownerEn));

const OWNER = "e2e.versions@example.se";

describeInChromium("survey versions with the region's own competence areas (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-versions-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    await projectWith(stack.url, "E2E versioner", [{ email: OWNER, role: "project-owner" }]);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(lang: Lang): Promise<Page> {
    const context = await browser.newContext({ locale: lang === "sv" ? "sv-SE" : "en-GB", timezoneId: "Europe/Stockholm", viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addInitScript((l) => window.localStorage.setItem("kb.lang", l), lang);
    const token = await ownerToken(stack.url, OWNER);
    await context.addInitScript((s) => window.sessionStorage.setItem("kb.owner", s), JSON.stringify({ token, email: OWNER }));
    return context.newPage();
  }

  const AREAS: Record<Lang, { sv: string; en: string }> = {
    sv: { sv: "Batteriproduktion", en: "Battery production" },
    en: { sv: "Life science", en: "Life science" },
  };

  let made = 100;
  for (const lang of ["sv", "en"] as const)
    it(`${lang}: adds an area from the owner navigation, marks a bad name at its field, and the wizard offers the new version`, async () => {
      const t = textsOf(lang);
      const it_ = INSTRUMENT_TEXTS[lang];
      const page = await signedIn(lang);
      const violations: string[] = [];
      const axe = async (where: string) => {
        const found = await axeViolations(page);
        if (found.length) violations.push(`${where}:\n${describeViolations(found)}`);
      };
      await onFailure(page, `versions-${lang}`, async () => {
        await page.goto(`${stack.url}/owner`);
        await page.getByRole("navigation", { name: t("owner.nav") }).getByRole("link", { name: t("owner.navInstruments") }).click();
        await page.getByRole("heading", { level: 1, name: it_["inst.title"] }).waitFor({ timeout: 15_000 });
        await page.getByRole("table").waitFor();
        await axe("page");

        // A name of signs only makes no id: the API's issue lands at the English name's field.
        await page.getByLabel(it_["inst.areaSv"]).fill("–");
        await page.getByLabel(it_["inst.areaEn"]).fill("–––");
        await page.getByRole("button", { name: it_["inst.create"] }).click();
        await page.getByText(it_["error.area.name"]).waitFor({ timeout: 10_000 });
        expect(await page.getByLabel(it_["inst.areaEn"]).getAttribute("aria-invalid")).toBe("true");
        await axe("with an error");

        await page.getByLabel(it_["inst.areaSv"]).fill(AREAS[lang].sv);
        await page.getByLabel(it_["inst.areaEn"]).fill(AREAS[lang].en);
        await page.getByRole("button", { name: it_["inst.create"] }).click();
        made++;
        await page.getByText(it_["inst.created"].replace("{version}", String(made))).waitFor({ timeout: 10_000 });
        await page.getByRole("cell", { name: new RegExp(AREAS[lang][lang]) }).waitFor();
        await axe("after creating");

        await page.goto(`${stack.url}/owner/rounds/new`);
        const option = page.locator(`#round-instrument option[value="skills-needs@${made}"]`);
        await option.waitFor({ state: "attached", timeout: 15_000 });
        expect(await option.textContent()).toContain(AREAS[lang][lang]);
      });
      expect(violations).toEqual([]);
    }, 120_000);
});
