/**
 * Education supply, the gap list and shortage occupations in the browser (Chromium) against the
 * local stack: the offerings imported from the providers' formats are listed; a CSV with a bad row
 * is previewed with the row named and cannot be imported until it is fixed; the form adds an
 * offering and names its errors; a round's gap and shortage pages show a release's published cells,
 * suppressed ones as such; axe-core (WCAG 2.1 A and AA) on every page, in Swedish and English.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { releaseStore } from "../../functions/stores/releases";
import type { ReleaseSummary, ResultDimension, ResultTable, Round } from "../../shared/schemas";
import { en } from "../../web/src/i18n/en";
import { sv } from "../../web/src/i18n/sv";
import { ownerEn } from "../../web/src/i18n/owner-en";
import { ownerSv } from "../../web/src/i18n/owner-sv";
import { SUPPLY_TEXTS } from "../../web/src/pages/owner/supply/supply-texts";
import { SUPPLY_NAV_TEXTS } from "../../web/src/pages/owner/supply/nav-texts";
import { cachedTemplate } from "../support/dynamodb";
import { hidden, occupationTable, shown } from "../support/supply-fixtures";
import { api, axeViolations, describeInChromium, describeViolations, launchChromium, onFailure, ownerToken, projectWith, screenshot, scrollsSideways, textsFrom, type Lang } from "./support";

const texts = (lang: Lang) => (lang === "sv" ? textsFrom(sv, ownerSv, SUPPLY_TEXTS.sv, SUPPLY_NAV_TEXTS.sv) : textsFrom(en, ownerEn, SUPPLY_TEXTS.en, SUPPLY_NAV_TEXTS.en));
const fixture = (name: string) => readFileSync(new URL(`../../infra/local/data/supply/${name}`, import.meta.url), "utf8");
const OWNER = "e2e.utbud@example.se";

describeInChromium("education supply, gap and shortage in the browser (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let round: Round;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-supply-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    const projectId = await projectWith(stack.url, "Utbud E2E", [{ email: OWNER, role: "project-owner" }]);
    const token = await ownerToken(stack.url, OWNER);
    await api(stack.url, "POST", "/api/education-offerings/import?format=skolverket&sunField=521&places=18", { token, json: JSON.parse(fixture("skolverket-adult-education-v3.json")) });
    await api(stack.url, "POST", "/api/education-offerings/import?format=susa", { token, json: JSON.parse(fixture("susa-navet-export.json")) });
    await api(stack.url, "POST", "/api/yrkesbarometer/import", { token, json: JSON.parse(fixture("yrkesbarometer.json")) });
    round = await api<Round>(stack.url, "POST", "/api/rounds", { token, json: { projectId, name: "Utbud E2E-omgång", opensAt: "2026-03-01T08:00:00Z", closesAt: "2026-03-30T16:00:00Z", reminders: [] } });
    // A release as the round's close would store it: Motala's welders and every electrician cell suppressed.
    const codes = ["7212", "2512", "7411"];
    const tables = new Map<ResultDimension, ResultTable[]>([
      ["municipality", [
        occupationTable("hires12m", codes, [{ segment: "0580", cells: [shown(12), shown(30), hidden] }, { segment: "0583", cells: [hidden, shown(2), hidden] }], [shown(40), shown(80), hidden]),
        occupationTable("hires1to3y", codes, [{ segment: "0580", cells: [shown(5), shown(20), hidden] }, { segment: "0583", cells: [hidden, shown(1), hidden] }], [shown(15), shown(25), hidden]),
      ]],
      ["county", [
        occupationTable("failedRecruitment", codes, [{ segment: "05", cells: [shown(0.5), shown(0.05), hidden] }], [shown(0.5), shown(0.05), hidden]),
        occupationTable("difficulty", codes, [{ segment: "05", cells: [shown(0.7), shown(0.1), hidden] }], [shown(0.7), shown(0.1), hidden]),
      ]],
    ]);
    const summary: ReleaseSummary = {
      roundId: round.id, number: 1, kind: "final", status: "published", cutoff: "2026-03-30T14:00:00.000Z", createdAt: "2026-03-30T14:00:00.000Z",
      responses: 30, invited: 40, unit: "organisation", rules: { k: 5, p: 10, frequencyShare: 0.9 },
      stats: { cells: 10, suppressedCells: 4, sensitiveCells: 2, solves: 1, largestModelColumns: 1, largestModelRows: 1, millis: 1 },
    };
    await releaseStore({ doc: DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamodb.endpoint)), name: stack.tableName }).put(summary, tables, { included: [], suppressed: [] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function ownerContext(lang: Lang): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: lang === "sv" ? "sv-SE" : "en-GB", timezoneId: "Europe/Stockholm", viewport: { width: 1280, height: 900 } });
    await context.addInitScript((l) => window.localStorage.setItem("kb.lang", l), lang);
    const token = await ownerToken(stack.url, OWNER);
    await context.addInitScript((s) => window.sessionStorage.setItem("kb.owner", s), JSON.stringify({ token, email: OWNER }));
    return context;
  }

  it("previews a CSV with a bad row, naming it, and imports the file once it is fixed", async () => {
    const t = texts("sv");
    const context = await ownerContext("sv");
    const page = await context.newPage();
    await onFailure(page, "supply-import", async () => {
      await page.goto(`${stack.url}/owner`);
      await page.getByRole("link", { name: t("sup.nav") }).click();
      await page.getByRole("heading", { level: 1, name: t("sup.title") }).waitFor();
      const section = page.getByRole("region", { name: t("sup.importTitle") });
      const bad = `${fixture("offerings.csv")}Ny skola,Ny utbildning,upperSecondary,999999,3,campus,0580,2026-08-19,10,\n`;
      await page.locator("#offering-import-file").setInputFiles({ name: "utbud.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await section.getByRole("button", { name: t("sup.preview") }).click();
      const errors = section.getByRole("region", { name: t("sup.errorsCaption") });
      await errors.waitFor();
      expect(await errors.getByRole("row").filter({ hasText: "sunField" }).textContent()).toContain("5");
      expect(await section.getByRole("button", { name: t("sup.import") }).isDisabled()).toBe(true);
      const withPreview = await axeViolations(page);
      expect(withPreview, describeViolations(withPreview)).toEqual([]);
      await page.locator("#offering-import-file").setInputFiles({ name: "utbud.csv", mimeType: "text/csv", buffer: Buffer.from(fixture("offerings.csv")) });
      await section.getByRole("button", { name: t("sup.preview") }).click();
      await section.getByRole("button", { name: t("sup.import") }).click();
      await page.getByText(t("sup.imported", { imported: 3 })).waitFor();
      if (process.env.SUPPLY_SCREENSHOTS) await screenshot(page, "supply-offerings");
      await expect.poll(() => page.getByRole("table", { name: t("sup.caption") }).getByRole("row").count()).toBe(1 + 11);
    });
    await context.close();
  }, 120_000);

  it("names the form's errors and adds an offering", async () => {
    const t = texts("en");
    const context = await ownerContext("en");
    const page = await context.newPage();
    await onFailure(page, "supply-form", async () => {
      await page.goto(`${stack.url}/owner/supply/new`);
      await page.getByRole("heading", { level: 1, name: t("sup.formTitleNew") }).waitFor();
      await page.getByRole("button", { name: t("sup.save") }).click();
      const summary = page.locator(".error-summary");
      await summary.waitFor();
      expect(await summary.textContent()).toContain(t("sup.provider"));
      const withErrors = await axeViolations(page);
      expect(withErrors, describeViolations(withErrors)).toEqual([]);
      await page.getByLabel(t("sup.provider")).fill("Motala kommun, Komvux (fiktiv)");
      await page.getByLabel(t("sup.offeringTitle")).fill("Svetsare, kväll");
      await page.getByRole("combobox", { name: t("sup.sunField") }).fill("521");
      await page.getByRole("combobox", { name: t("sup.municipality") }).fill("0583");
      await page.getByLabel(t("sup.startDate")).fill("2026-09-01");
      await page.getByLabel(t("sup.places")).fill("12");
      await page.getByRole("button", { name: t("sup.save") }).click();
      await page.getByText(t("sup.saved", { title: "Svetsare, kväll" })).waitFor();
    });
    await context.close();
  }, 120_000);

  it("shows the gap list from published cells only, suppressed needs as suppressed", async () => {
    const t = texts("sv");
    const context = await ownerContext("sv");
    const page = await context.newPage();
    await onFailure(page, "supply-gap", async () => {
      await page.goto(`${stack.url}/owner/rounds/${encodeURIComponent(round.id)}/gap`);
      await page.getByRole("heading", { level: 1, name: t("sup.gapTitle") }).waitFor();
      const occupations = page.getByRole("table", { name: t("sup.occCaption", { scope: t("sup.scopeTotal") }) });
      const electricians = occupations.getByRole("row").filter({ hasText: "7411" });
      await electricians.waitFor();
      // Both needs and both unmet needs: every number computed from a suppressed cell is suppressed too.
      expect(await electricians.getByText(t("results.suppressed")).count()).toBe(4);
      const largest = page.getByRole("table", { name: t("sup.largestCaption") });
      expect(await largest.getByRole("row").filter({ hasText: "7411" }).count()).toBe(0);
      expect(await largest.getByRole("row").filter({ hasText: "2512" }).count()).toBeGreaterThan(0);
      if (process.env.SUPPLY_SCREENSHOTS) await screenshot(page, "supply-gap");
    });
    await context.close();
  }, 120_000);

  it("shows the shortage comparison with Yrkesbarometern", async () => {
    const t = texts("en");
    const context = await ownerContext("en");
    const page = await context.newPage();
    await onFailure(page, "supply-shortage", async () => {
      await page.goto(`${stack.url}/owner/rounds/${encodeURIComponent(round.id)}/shortage`);
      await page.getByRole("heading", { level: 1, name: t("sup.shortTitle") }).waitFor();
      const row = page.getByRole("table", { name: t("sup.shortCaption") }).getByRole("row").filter({ hasText: "7411" });
      await row.waitFor();
      expect(await row.getByText(t("results.suppressed")).count()).toBe(2);
      expect(await row.getByText(t("sup.companies.unknown")).count()).toBe(1);
      if (process.env.SUPPLY_SCREENSHOTS) await screenshot(page, "supply-shortage");
    });
    await context.close();
  }, 120_000);

  for (const lang of ["sv", "en"] as const)
    it(`meets WCAG 2.1 A and AA on the supply pages in ${lang === "sv" ? "Swedish" : "English"}, and nothing scrolls sideways at 360 px`, async () => {
      const t = texts(lang);
      const context = await ownerContext(lang);
      const page = await context.newPage();
      const pages: [string, string][] = [
        ["/owner/supply", t("sup.title")],
        ["/owner/supply/new", t("sup.formTitleNew")],
        [`/owner/rounds/${encodeURIComponent(round.id)}/gap`, t("sup.gapTitle")],
        [`/owner/rounds/${encodeURIComponent(round.id)}/shortage`, t("sup.shortTitle")],
      ];
      for (const [url, heading] of pages)
        await onFailure(page, `supply-axe-${lang}-${url.split("/").pop()}`, async () => {
          await page.goto(`${stack.url}${url}`);
          await page.getByRole("heading", { level: 1, name: heading }).waitFor();
          await page.waitForLoadState("networkidle");
          const violations = await axeViolations(page);
          expect(violations, `${url}:\n${describeViolations(violations)}`).toEqual([]);
          await page.setViewportSize({ width: 360, height: 800 });
          expect(await scrollsSideways(page), `${url} at 360 px`).toBe(false);
          await page.setViewportSize({ width: 1280, height: 900 });
        });
      await context.close();
    }, 180_000);
});
