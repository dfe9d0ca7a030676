/**
 * End to end in Chromium against the local stack: a project's owner signs in, imports organisations,
 * creates and launches a round; the participant opens the invitation link from the outbox page
 * and fills and submits the form with the keyboard only (Tab, Space, arrow keys, typing, Enter);
 * the round page then shows 1 response.
 *
 * Labels come from the site's own dictionaries (web/src/i18n), so the test follows the wording.
 * Needs /usr/bin/chromium: skipped with a message when it is missing, except in CI (.ci/run
 * installs it), where its absence is a failure.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { orgNumber } from "../../infra/local/seed-demo";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { repoRoot } from "../../infra/local/template-binding";
import { en } from "../../web/src/i18n/en";
import { ownerEn } from "../../web/src/i18n/owner-en";
import { cachedTemplate } from "../support/dynamodb";
import { CHROMIUM, CHROMIUM_ARGS as ARGS, describeInChromium, fillWithKeyboard, focused, projectWith, textsFrom } from "./support";

const t = textsFrom(en, ownerEn);

const OWNER = "e2e.owner@example.se";
const PARTICIPANT = "maja.berg@e2e-verkstad.example.se";
const CSV = [
  "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail",
  `${orgNumber("556555401")},E2E Verkstad AB,25620,0580,10-49,company,Maja Berg,${PARTICIPANT}`,
].join("\n");

describeInChromium("survey round in the browser (Chromium)", () => {
  let stack: LocalStack;
  let context: BrowserContext;
  let dataDir: string;
  let profileDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-data-"));
    profileDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-profile-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    // A region admin has made the project and its owner (the project pages are owner.browser.test.ts's).
    await projectWith(stack.url, "E2E-projekt", [{ email: OWNER, role: "project-owner" }]);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      locale: "en-GB",
      timezoneId: "Europe/Stockholm",
      viewport: { width: 1280, height: 900 },
    });
    // The site remembers the chosen language: English, to match the texts above.
    await context.addInitScript(() => window.localStorage.setItem("kb.lang", "en"));
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
    for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function screenshotOnFailure<T>(pages: Page[], name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const dir = path.join(repoRoot, "test", "screenshots");
      mkdirSync(dir, { recursive: true });
      for (const [i, p] of pages.entries()) await p.screenshot({ path: path.join(dir, `${name}-${i}.png`), fullPage: true }).catch(() => {});
      throw error;
    }
  }

  it("owner launches a round, the participant answers with the keyboard, the round counts 1 response", async () => {
    const owner = await context.newPage();
    const participant = await context.newPage();
    await screenshotOnFailure([owner, participant], "round", async () => {
      // ---- the owner signs in and imports an organisation ------------------------------------
      await owner.goto(`${stack.url}/owner`);
      await owner.getByLabel(t("signIn.email")).fill(OWNER);
      await owner.getByRole("button", { name: t("signIn.submit") }).click();
      await owner.getByRole("link", { name: t("owner.navOrganisations") }).click();
      await owner.getByLabel(t("import.text")).fill(CSV);
      await owner.getByRole("button", { name: t("import.submit") }).click();
      await expect.poll(() => owner.getByText(t("import.result", { imported: 1, skipped: 0, errors: 0 })).count(), { timeout: 15_000 }).toBe(1);

      // ---- creates a round that is already open and launches it -----------------------------
      await owner.getByRole("link", { name: t("owner.navNewRound") }).click();
      await owner.getByLabel(t("newRound.name"), { exact: true }).fill("E2E-omgång");
      const opensAt = await owner.evaluate(() => {
        const d = new Date(Date.now() - 2 * 60_000);
        const p = (n: number) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      });
      await owner.getByLabel(t("newRound.opensAt"), { exact: true }).fill(opensAt);
      await owner.getByRole("button", { name: t("newRound.submit") }).click();
      await owner.getByRole("button", { name: t("newRound.launch") }).click();
      await owner.waitForURL(/\/owner\/rounds\/[^/]+$/);

      // ---- the participant finds the invitation in the outbox and opens it by keyboard -------
      await participant.goto(`${stack.url}/outbox`);
      const link = participant.locator(`a[href*="/f#"]`);
      await expect
        .poll(
          async () => {
            if ((await link.count()) > 0) return true;
            await participant.getByRole("button", { name: t("outbox.refresh") }).click();
            return false;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
      await expect.poll(() => participant.getByText(PARTICIPANT).count()).toBeGreaterThan(0);
      for (let i = 0; ; i++) {
        expect(i, "Tab never reached the invitation link").toBeLessThan(100);
        await participant.keyboard.press("Tab");
        const f = await focused(participant);
        if (f?.tag === "A" && f.href.includes("/f#")) break;
      }
      await participant.keyboard.press("Enter");
      await participant.waitForURL(/\/f#[^/]+$/);
      await participant.locator(".step-count").waitFor({ timeout: 15_000 });

      // ---- fills every step with the keyboard only -------------------------------------------
      expect(await fillWithKeyboard(participant, t), "Tab never reached the submit button").toBe("submitted");
      await participant.getByRole("heading", { name: t("done.title") }).waitFor({ timeout: 15_000 });

      // ---- the owner's round page counts the response --------------------------------------------
      await owner.bringToFront();
      await expect
        .poll(
          async () => {
            await owner.reload();
            const stat = owner.locator(".stats > div").filter({ has: owner.getByText(t("round.colSubmitted"), { exact: true }) });
            return (await stat.locator("dd").textContent({ timeout: 5_000 }).catch(() => ""))?.trim();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBe("1");
    });
  }, 180_000);
});
