// TEMPORARY (helper's manual check; deleted before hand-back)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgNumber } from "../../infra/local/seed-demo";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { sv } from "../../web/src/i18n/sv";
import { en } from "../../web/src/i18n/en";
import { ownerSv } from "../../web/src/i18n/owner-sv";
import { cachedTemplate } from "../support/dynamodb";

const texts: Record<string, string> = { ...sv, ...ownerSv };
const t = (key: string, vars: Record<string, string | number> = {}) => texts[key].replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m));
const PARTICIPANT = "maja.berg@e2e-verkstad.example.se";
const CSV = ["orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail", `${orgNumber("556555401")},E2E Verkstad AB,25620,0580,10-49,company,Maja Berg,${PARTICIPANT}`].join("\n");

describe("helper check", () => {
  let stack: LocalStack;
  let context: BrowserContext;
  beforeAll(async () => {
    stack = await startLocalStack({ port: 0, dataDir: mkdtempSync(path.join(tmpdir(), "kb-h-")), seed: false, template: cachedTemplate(), log: () => {} });
    context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "kb-hp-")), { executablePath: "/usr/bin/chromium", headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu"], locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  it("participant flow", async () => {
    const owner = await context.newPage();
    await owner.goto(`${stack.url}/owner`);
    await owner.getByLabel(t("signIn.email")).fill("h.owner@example.se");
    await owner.getByRole("button", { name: t("signIn.submit") }).click();
    await owner.getByRole("link", { name: t("owner.navOrganisations") }).click();
    await owner.getByLabel(t("import.text")).fill(CSV);
    await owner.getByRole("button", { name: t("import.submit") }).click();
    await expect.poll(() => owner.getByText(t("import.result", { imported: 1, skipped: 0, errors: 0 })).count(), { timeout: 15_000 }).toBe(1);
    await owner.getByRole("link", { name: t("owner.navNewRound") }).click();
    await owner.getByLabel(t("newRound.name"), { exact: true }).fill("H-omgång");
    const opensAt = await owner.evaluate(() => {
      const d = new Date(Date.now() - 2 * 60_000);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await owner.getByLabel(t("newRound.opensAt"), { exact: true }).fill(opensAt);
    await owner.getByRole("button", { name: t("newRound.submit") }).click();
    await owner.getByRole("button", { name: t("newRound.launch") }).click();
    await owner.waitForURL(/\/owner\/rounds\/[^/]+$/);

    const out = await context.newPage();
    await out.goto(`${stack.url}/outbox`);
    const link = out.locator(`a[href*="/f/"]`);
    await expect.poll(async () => { if ((await link.count()) > 0) return true; await out.getByRole("button", { name: t("outbox.refresh") }).click(); return false; }, { timeout: 30_000, interval: 500 }).toBe(true);
    const href = await link.first().getAttribute("href");
    const formUrl = new URL(href!, stack.url).toString();

    // ---- a fresh page, slow network: which JS loads before the first step is usable ----------
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
    const js: { url: string; at: number }[] = [];
    const t0 = Date.now();
    p.on("response", (r) => { if (r.url().endsWith(".js")) js.push({ url: r.url().split("/").pop()!, at: Date.now() - t0 }); });
    await p.goto(formUrl);
    await p.getByText(t("form.step", { n: 1, total: 6 })).waitFor();
    const usableAt = Date.now() - t0;
    const before = js.map((j) => j.url);
    console.log("first step usable at", usableAt, "ms; JS before:", before);
    await p.waitForTimeout(3000);
    console.log("JS after (prefetched):", js.filter((j) => !before.includes(j.url)).map((j) => `${j.url}@${j.at}`));
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await p.screenshot({ path: "/tmp/ana/shots/step1.png", fullPage: true });

    // ---- Nästa without answers: error summary from the zod resolver -------------------------------
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByRole("heading", { name: t("form.errorSummaryTitle") }).waitFor();
    const summary = await p.locator(".error-summary").innerText();
    console.log("summary:", summary.replace(/\n/g, " | "));
    await p.screenshot({ path: "/tmp/ana/shots/summary.png", fullPage: true });

    // ---- answer, autosave, resume --------------------------------------------------------------
    await p.locator('input[name="detailsCorrect"]').first().check();
    await p.getByText(/^Sparat /).waitFor({ timeout: 10_000 });
    console.log("save status:", await p.locator(".save-status [role=status]").innerText());
    await p.reload();
    await p.getByText(t("form.resumed")).waitFor();
    expect(await p.locator('input[name="detailsCorrect"]').first().isChecked()).toBe(true);

    // ---- language switch ------------------------------------------------------------------------
    await p.getByRole("button", { name: "English" }).click();
    await p.getByText(en["form.step"].replace("{n}", "1").replace("{total}", "6")).waitFor();
    await p.getByRole("button", { name: "Svenska" }).click();
    await p.getByText(t("form.step", { n: 1, total: 6 })).waitFor();

    // ---- steps 2..4: likert, matrix, occupations ----------------------------------------------
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByText(t("form.step", { n: 2, total: 6 })).waitFor();
    for (const group of await p.locator("fieldset.likert").all()) await group.locator('input[type="radio"]').nth(2).check();
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByText(t("form.step", { n: 3, total: 6 })).waitFor();
    expect(await p.locator(".loading").count()).toBe(0);
    await p.screenshot({ path: "/tmp/ana/shots/step3.png", fullPage: true });
    // leave the matrix unanswered: summary lists cells
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByRole("heading", { name: t("form.errorSummaryTitle") }).waitFor();
    console.log("matrix summary items:", await p.locator(".error-summary li").count());
    for (const cell of await p.locator(".matrix-level").all()) await cell.locator('input[type="radio"]').first().check();
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByText(t("form.step", { n: 4, total: 6 })).waitFor();
    expect(await p.locator(".loading").count()).toBe(0);
    await p.getByRole("button", { name: t("occ.add") }).click();
    await p.getByLabel(t("occ.ssyk")).fill("9999");
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByRole("heading", { name: t("form.errorSummaryTitle") }).waitFor();
    console.log("occ summary:", (await p.locator(".error-summary").innerText()).replace(/\n/g, " | "));
    await p.screenshot({ path: "/tmp/ana/shots/step4.png", fullPage: true });
    await p.getByLabel(t("occ.ssyk")).fill("7212");
    for (const n of ["hires12m", "hires1to3y", "sought12m", "hired12m"]) await p.getByLabel(t(`occ.${n}`)).fill("2");
    for (const n of ["staffChange12m", "educationLevel", "difficulty"]) await p.getByLabel(t(`occ.${n}`)).selectOption({ index: 1 });
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByText(t("form.step", { n: 5, total: 6 })).waitFor();
    await p.getByRole("button", { name: t("form.next") }).click();
    await p.getByText(t("form.step", { n: 6, total: 6 })).waitFor();
    await p.getByRole("button", { name: t("form.submit") }).click();
    await p.getByRole("heading", { name: t("done.title") }).waitFor({ timeout: 15_000 });
    console.log("submitted");

    // ---- home and not-found pages (lazy now) --------------------------------------------------
    const h = await context.newPage();
    await h.goto(`${stack.url}/`);
    await h.getByRole("heading", { name: "Kompetensbehov", level: 1 }).waitFor();
    await h.getByRole("link", { name: "Logga in som projektägare" }).waitFor();
    await h.goto(`${stack.url}/nope`);
    await h.getByRole("heading", { name: "Sidan finns inte" }).waitFor();
    await h.getByRole("button", { name: "English" }).click();
    await h.getByRole("heading", { name: "Page not found" }).waitFor();
  }, 180_000);
});
