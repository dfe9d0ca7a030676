/**
 * The trends page in Chromium against the local stack: two rounds of a project answered, closed and
 * released, then /owner/trends with its line chart and table; axe-core (WCAG 2.0/2.1 A and AA) and
 * no sideways scrolling at 360 px, in Swedish and English.
 * Needs /usr/bin/chromium: skipped with a message when it is missing, except in CI.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ORGANISATIONS, demoAnswers, orgNumber } from "../../infra/local/seed-demo";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import type { FormView, ReleaseSummary } from "../../shared/schemas";
import { TRENDS_TEXTS } from "../../web/src/pages/owner/trends/trends-texts";
import { cachedTemplate } from "../support/dynamodb";
import {
  api,
  axeViolations,
  describeInChromium,
  describeViolations,
  importOrganisations,
  launchChromium,
  launchOpenRound,
  onFailure,
  ownerToken,
  projectWith,
  screenshot,
  scrollWidth,
  textsFrom,
  tokenOf,
} from "./support";

const OWNER = "e2e.trends@example.se";
const PEOPLE = Array.from({ length: 6 }, (_, i) => `t${i}@e2e-trends.example.se`);
const CSV = [
  "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail",
  ...PEOPLE.map((email, i) => `${orgNumber(`55688880${i}`)},Trend ${i + 1} AB,25620,0580,10-49,company,Person ${i + 1},${email}`),
].join("\n");

describeInChromium("the trends page in the browser (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;

  /** A round every company answers, closed early; waits for its final release. */
  async function answeredAndClosed(token: string, name: string, seed: number) {
    const { round, links } = await launchOpenRound(stack.url, token, name, PEOPLE.length);
    for (const [i, link] of [...links.values()].entries()) {
      const formToken = tokenOf(link);
      const view = await api<FormView>(stack.url, "GET", "/api/form", { formToken });
      await api(stack.url, "POST", "/api/form/submit", { formToken, json: { answers: demoAnswers(view.instrument, DEMO_ORGANISATIONS[(i + seed) % DEMO_ORGANISATIONS.length]!, seed + i) } });
    }
    await api(stack.url, "POST", `/api/rounds/${encodeURIComponent(round.id)}/close`, { token });
    for (let i = 0; ; i++) {
      const { items } = await api<{ items: ReleaseSummary[] }>(stack.url, "GET", `/api/rounds/${encodeURIComponent(round.id)}/releases`, { token });
      if (items.some((r) => r.kind === "final")) return;
      if (i > 200) throw new Error(`${name} got no final release`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-trends-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    await projectWith(stack.url, "Trendprojektet", [{ email: OWNER, role: "project-owner" }]);
    const token = await ownerToken(stack.url, OWNER);
    await importOrganisations(stack.url, token, CSV);
    await answeredAndClosed(token, "Trend vår", 1);
    await answeredAndClosed(token, "Trend höst", 4);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the project's rounds over time as a line chart and its table, with no WCAG 2.1 A/AA violations, in Swedish and English", async () => {
    for (const lang of ["sv", "en"] as const) {
      const t = textsFrom(TRENDS_TEXTS[lang]);
      const context = await browser.newContext({ locale: lang === "sv" ? "sv-SE" : "en-GB", timezoneId: "Europe/Stockholm", viewport: { width: 1280, height: 900 } });
      const token = await ownerToken(stack.url, OWNER);
      await context.addInitScript((l) => window.localStorage.setItem("kb.lang", l), lang);
      await context.addInitScript((s) => window.sessionStorage.setItem("kb.owner", s), JSON.stringify({ token, email: OWNER }));
      const page = await context.newPage();
      await onFailure(page, `trends-${lang}`, async () => {
        await page.goto(`${stack.url}/owner/trends`);
        await page.getByRole("heading", { level: 1, name: t("trends.title") }).waitFor({ timeout: 15_000 });
        await page.locator("figure.trend-chart svg").waitFor({ timeout: 15_000 });
        const table = page.locator("#trend-table");
        // One column per round besides the answers' column.
        expect(await table.locator("thead th").count()).toBe(3);
        // Another series is a keyboard choice away.
        await page.locator("#trend-series").selectOption({ index: 1 });
        await table.locator("tbody tr").first().waitFor();
        const violations = await axeViolations(page);
        await screenshot(page, `trends-${lang}-1280`);
        expect(violations, describeViolations(violations)).toEqual([]);
        await page.setViewportSize({ width: 360, height: 740 });
        expect(await scrollWidth(page), "horizontal scroll at 360 px").toBeLessThanOrEqual(360);
      });
      await context.close();
    }
  });
});
