/**
 * The owner pages end to end in Chromium against the local stack, as the owner of a project a region
 * admin has made (the project pages are projects.browser.test.ts's): CSV import with a preview of the
 * bad rows, correcting an organisation with the searchable pickers, adding a contact, the round
 * wizard (recipient count and mail preview), the round page's live response rate and "who has not
 * answered", results (suppressed cells marked, charts drawn) and the CSV export. Then axe-core
 * (WCAG 2.1 A and AA) on every owner page in Swedish and English, with screenshots at 360 and
 * 1280 px into test/screenshots/ and a check that no page scrolls sideways.
 *
 * A region admin erases a person and reads the audit log. Participants answer through the participant
 * API (the keyboard path is round.browser.test.ts's).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoAnswers, orgNumber } from "../../infra/local/seed-demo";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import type { FormView, Round } from "../../shared/schemas";
import { en } from "../../web/src/i18n/en";
import { sv } from "../../web/src/i18n/sv";
import { ownerEn } from "../../web/src/i18n/owner-en";
import { ownerSv } from "../../web/src/i18n/owner-sv";
import { RESPONDENT_TEXTS } from "../../web/src/pages/owner/rounds/respondent-texts";
import { PERSONAL_DATA_TEXTS } from "../../web/src/pages/owner/organisations/personal-data-texts";
import { AUDIT_TEXTS } from "../../web/src/pages/owner/audit/audit-texts";
import { CHART_TEXTS } from "../../web/src/pages/owner/charts/chart-texts";
import { checkChartFiles, downloadXlsx } from "./downloads";
import { regions } from "../../infra/config/regions";
import { cachedTemplate } from "../support/dynamodb";
import {
  api,
  axeViolations,
  describeViolations,
  describeInChromium,
  invitationLinks,
  launchChromium,
  onFailure,
  ownerToken,
  projectWith,
  screenshot,
  scrollsSideways,
  textsFrom,
  tokenOf,
  type Lang,
} from "./support";

const ownerTexts = (lang: Lang) =>
  lang === "sv"
    ? textsFrom(sv, ownerSv, RESPONDENT_TEXTS.sv, PERSONAL_DATA_TEXTS.sv, AUDIT_TEXTS.sv, CHART_TEXTS.sv)
    : textsFrom(en, ownerEn, RESPONDENT_TEXTS.en, PERSONAL_DATA_TEXTS.en, AUDIT_TEXTS.en, CHART_TEXTS.en);

/** The region's first admin, as the deploy makes them (locally signed in with the region-admins group). */
const ADMIN = regions.ostergotland.regionAdminEmails[0];
const OWNER = "e2e.agare@example.se";

type Org = { nine: string; name: string; sni: string; municipality: string; sizeClass: "0-9" | "10-49" | "50-249" | "250+"; contact: string };
const ORGS: Org[] = [
  { nine: "556777101", name: "Alfa Svets AB", sni: "25620", municipality: "0580", sizeClass: "10-49", contact: "Anna Alm" },
  { nine: "556777102", name: "Beta Plåt AB", sni: "25620", municipality: "0580", sizeClass: "10-49", contact: "Bo Berg" },
  { nine: "556777103", name: "Gamma Mekanik AB", sni: "25110", municipality: "0580", sizeClass: "50-249", contact: "Cecilia Ceder" },
  { nine: "556777104", name: "Delta Stål AB", sni: "25110", municipality: "0580", sizeClass: "50-249", contact: "David Dahl" },
  { nine: "556777105", name: "Epsilon Smide AB", sni: "25500", municipality: "0580", sizeClass: "0-9", contact: "Eva Ek" },
  { nine: "556777106", name: "Zeta Turbin AB", sni: "28110", municipality: "0580", sizeClass: "250+", contact: "Filip Fors" },
  { nine: "556777107", name: "Eta Motor AB", sni: "25620", municipality: "0581", sizeClass: "10-49", contact: "Greta Grön" },
];
const mail = (o: Org) => `${o.contact.split(" ")[0].toLowerCase()}@${o.nine}.example.se`;
const GOOD_CSV = ORGS.map((o) => `${orgNumber(o.nine)},${o.name},${o.sni},${o.municipality},${o.sizeClass},company,${o.contact},${mail(o)}`);
const BAD_ROWS = [
  "556777-1080,Felsiffra AB,25620,0580,10-49,company,,", // wrong check digit
  `${orgNumber("556777109")},Okänd Bransch AB,99999,0580,10-49,company,,`, // no such SNI code
  `${orgNumber("556777110")},,25620,0580,10-49,company,,`, // name missing
];
const CSV = ["orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail", ...GOOD_CSV.slice(0, 3), ...BAD_ROWS, ...GOOD_CSV.slice(3)].join("\n");

describeInChromium("owner pages in the browser (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let round: Round | null = null;
  const orgId = orgNumber(ORGS[6].nine).replace("-", "");

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-owner-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    await projectWith(stack.url, "Industricentrum E2E", [{ email: OWNER, role: "project-owner" }]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  type Who = "owner" | "admin" | "none";
  const emailOf = { owner: OWNER, admin: ADMIN } as const;

  /** A browser context signed in as `who` (or not signed in, "none"). */
  async function ownerContext(lang: Lang, width = 1280, who: Who = "owner"): Promise<BrowserContext> {
    const context = await browser.newContext({
      locale: lang === "sv" ? "sv-SE" : "en-GB",
      timezoneId: "Europe/Stockholm",
      viewport: { width, height: 900 },
      acceptDownloads: true,
    });
    await context.addInitScript((l) => window.localStorage.setItem("kb.lang", l), lang);
    if (who !== "none") {
      const email = emailOf[who];
      const token = await ownerToken(stack.url, email);
      await context.addInitScript((s) => window.sessionStorage.setItem("kb.owner", s), JSON.stringify({ token, email }));
    }
    return context;
  }

  /** Picks an option in a searchable picker by typing and choosing the first match with the keyboard. */
  async function pick(page: Page, label: string, query: string) {
    const input = page.getByRole("combobox", { name: label });
    await input.click();
    await input.fill(query);
    await page.waitForSelector("[role=listbox]:not([hidden]) [role=option]");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
  }

  /** The elements that stick out to the right and are not clipped by a scrolling ancestor (for the failure message). */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
        const r = el.getBoundingClientRect();
        if (r.right <= w + 1) continue;
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== "visible" && a.getBoundingClientRect().right <= w + 1) clipped = true;
        if (!clipped) out.push(`${el.tagName.toLowerCase()}.${String(el.className)} (${Math.round(r.right)} px)`);
      }
      return out.slice(0, 8).join(", ");
    });

  const statValue = (page: Page, label: string) =>
    page
      .locator(".stats > div")
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator("dd")
      .textContent({ timeout: 5_000 })
      .then((s) => s?.trim() ?? "")
      .catch(() => "");

  it("imports with a preview of the bad rows, edits an organisation, runs the wizard, follows the rate, reads results and exports", async () => {
    const t = ownerTexts("sv");
    const context = await ownerContext("sv", 1280, "none");
    const page = await context.newPage();
    await onFailure(page, "owner-flow", async () => {
      // ---- sign in ------------------------------------------------------------------------------
      await page.goto(`${stack.url}/owner`);
      await page.getByLabel(t("signIn.email")).fill(OWNER);
      await page.getByRole("button", { name: t("signIn.submit") }).click();
      await page.getByRole("link", { name: t("owner.navOrganisations") }).click();
      await page.getByRole("heading", { level: 1, name: t("orgs.title") }).waitFor();

      // ---- CSV import: the preview shows each bad row and why; nothing is written yet ------------
      await page.getByLabel(t("import.text")).fill(CSV);
      const preview = page.locator(".import-preview");
      await preview.getByRole("heading", { name: t("import.previewTitle") }).waitFor({ timeout: 15_000 });
      // The rows as read (a sample) and the bad rows, each in its own table.
      const errorTable = preview.locator("table").filter({ has: page.locator("#import-errors-caption") });
      expect(await errorTable.locator("tbody tr").count()).toBe(3);
      expect(await preview.locator("table").filter({ has: page.locator("#import-sample-caption") }).locator("tbody tr").count()).toBeGreaterThan(0);
      const rowText = async (line: number) => (await errorTable.locator("tbody tr").filter({ has: page.locator("th", { hasText: new RegExp(`^${line}$`) }) }).innerText()).replace(/\s+/g, " ");
      expect(await rowText(5)).toContain(t("error.orgNumber.checkDigit"));
      expect(await rowText(6)).toContain(t("error.sni.unknown"));
      expect(await rowText(7)).toContain(t("import.reason.missing"));
      expect(await rowText(7)).toContain(t("import.field.name"));
      await expect.poll(() => preview.locator(".preview-counts").innerText()).toMatch(/7\s+nya organisationer/);
      expect((await api<{ items: unknown[] }>(stack.url, "GET", "/api/organisations", { token: await ownerToken(stack.url, OWNER) })).items).toHaveLength(0);

      await page.getByRole("button", { name: t("import.submit"), exact: true }).click();
      await page.getByText(t("import.result", { imported: 7, skipped: 0, errors: 3 })).waitFor({ timeout: 15_000 });
      await expect.poll(() => page.locator(".org-table tbody tr").count()).toBe(7);

      // ---- search, open one and correct it with the pickers --------------------------------------
      await page.getByLabel(t("orgs.search")).fill("Eta Motor");
      await page.getByRole("button", { name: t("orgs.searchButton") }).click();
      await expect.poll(() => page.locator(".org-table tbody tr").count()).toBe(1);
      await page.getByRole("link", { name: "Eta Motor AB" }).click();
      await page.getByRole("heading", { level: 1, name: "Eta Motor AB" }).waitFor();
      await page.locator("#org-name").fill("Eta Motor & Turbin AB");
      await pick(page, t("org.sni"), "2811");
      expect(await page.getByRole("combobox", { name: t("org.sni") }).inputValue()).toMatch(/^28110 Tillverkning av motorer/);
      await pick(page, t("org.municipality"), "Linköp");
      expect(await page.getByRole("combobox", { name: t("org.municipality") }).inputValue()).toBe("0580 Linköping");
      await page.getByRole("button", { name: t("org.save") }).click();
      await page.getByText(t("org.saved")).waitFor();
      const stored = (await api<{ items: { id: string; name: string; sni: string; municipality: string }[] }>(stack.url, "GET", `/api/organisations?q=${orgId}`, { token: await ownerToken(stack.url, OWNER) })).items[0];
      expect(stored).toMatchObject({ name: "Eta Motor & Turbin AB", sni: "28110", municipality: "0580" });

      // ---- a second contact, in English ------------------------------------------------------------
      await page.locator("#person-name").fill("Hugo Holm");
      await page.getByLabel(t("persons.email")).fill("hugo@eta.example.se");
      await page.getByLabel(t("persons.langEn")).check();
      await page.getByRole("button", { name: t("persons.add") }).click();
      await page.getByText(t("persons.addedNotice", { name: "Hugo Holm" })).waitFor();
      expect(await page.locator(".person-list li").count()).toBe(2);

      // ---- a third contact, added by mistake and erased: one action behind a confirmation ----------
      await page.locator("#person-name").fill("Rut Radera");
      await page.getByLabel(t("persons.email")).fill("rut@eta.example.se");
      await page.getByRole("button", { name: t("persons.add") }).click();
      await page.getByText(t("persons.addedNotice", { name: "Rut Radera" })).waitFor();
      // A person's data is exported and erased by a region admin: the owner is offered neither.
      expect(await page.getByRole("button", { name: t("pd.erase") }).count()).toBe(0);
      const adminContext = await ownerContext("sv", 1280, "admin");
      const admin = await adminContext.newPage();
      await onFailure(admin, "owner-flow-erase", async () => {
        await admin.goto(`${stack.url}/owner/organisations/${orgId}`);
        const rut = admin.locator(".person-list li").filter({ hasText: "Rut Radera" });
        await rut.getByRole("button", { name: t("pd.erase") }).click();
        const dialog = admin.getByRole("alertdialog", { name: t("pd.confirmTitle", { name: "Rut Radera" }) });
        await dialog.waitFor();
        await dialog.getByRole("button", { name: t("pd.confirm") }).click();
        await admin.getByText(t("pd.erased", { name: "Rut Radera" })).waitFor();
        expect(await admin.locator(".person-list li").count()).toBe(2);
      });
      await adminContext.close();
      const left = (await api<{ items: { name: string }[] }>(stack.url, "GET", `/api/organisations/${orgId}/persons`, { token: await ownerToken(stack.url, OWNER) })).items;
      expect(left.map((p) => p.name)).not.toContain("Rut Radera");
      expect(left).toHaveLength(2);

      // ---- the round wizard: recipients by municipality, live count, mail preview -------------------
      await page.getByRole("link", { name: t("owner.navNewRound") }).click();
      await page.getByLabel(t("newRound.name"), { exact: true }).fill("Kompetensbehov E2E");
      await page.getByLabel(t("newRound.mode.filter")).check();
      await pick(page, t("newRound.municipalities"), "Linköping");
      await expect.poll(() => page.locator(".recipient-count").innerText(), { timeout: 10_000 }).toBe(t("newRound.count", { persons: 7, orgs: 7 }));
      await pick(page, t("newRound.sniDivisions"), "28");
      await expect.poll(() => page.locator(".recipient-count").innerText(), { timeout: 10_000 }).toBe(t("newRound.count", { persons: 2, orgs: 2 }));
      await page.getByRole("button", { name: t("newRound.remove", { item: "28 Tillverkning av övriga maskiner" }) }).click();
      await expect.poll(() => page.locator(".recipient-count").innerText(), { timeout: 10_000 }).toBe(t("newRound.count", { persons: 7, orgs: 7 }));
      await page.getByLabel(t("newRound.textSv")).fill("Region Östergötland vill veta vilka kompetenser ni behöver.");
      const svPreview = page.locator(".mail-preview").first();
      await expect.poll(() => svPreview.innerText(), { timeout: 10_000 }).toContain("Region Östergötland vill veta vilka kompetenser ni behöver.");
      expect(await svPreview.innerText()).toContain("Inbjudan: Kompetensbehov E2E");
      expect(await page.locator(".mail-preview").nth(1).innerText()).toContain("Invitation: Kompetensbehov E2E");
      const opensAt = await page.evaluate(() => {
        const d = new Date(Date.now() - 2 * 60_000);
        const p = (n: number) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      });
      await page.getByLabel(t("newRound.opensAt"), { exact: true }).fill(opensAt);
      await page.getByRole("button", { name: t("newRound.submit") }).click();
      await page.getByRole("button", { name: t("newRound.launch") }).click();
      await page.waitForURL((u) => /^\/owner\/rounds\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith("/new"));
      const roundId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
      round = await api<Round>(stack.url, "GET", `/api/rounds/${roundId}`, { token: await ownerToken(stack.url, OWNER) });

      // ---- participants answer; the owner sees the rate move -----------------------------------------
      let links = new Map<string, string>();
      await expect
        .poll(async () => (links = await invitationLinks(stack.url, roundId)).size, { timeout: 60_000, interval: 500 })
        .toBe(7); // one per organisation: Eta Motor's first contact, not Hugo Holm
      const submit = async (o: Org, seed: number) => {
        const token = tokenOf(links.get(mail(o))!);
        const form = await api<FormView>(stack.url, "GET", "/api/form", { formToken: token });
        await api(stack.url, "POST", "/api/form/submit", { formToken: token, json: { answers: demoAnswers(form.instrument, { ...o, contact: o.contact }, seed) } });
      };
      await page.getByRole("button", { name: t("round.refresh") }).click();
      await expect.poll(() => statValue(page, t("round.colInvited")), { timeout: 30_000 }).toBe("7");
      expect(await statValue(page, t("round.colSubmitted"))).toBe("0");
      // "Uppdatera" until the submitted count shows what was sent.
      const submittedAfterRefresh = () =>
        expect.poll(
          async () => {
            await page.getByRole("button", { name: t("round.refresh") }).click();
            return statValue(page, t("round.colSubmitted"));
          },
          { timeout: 30_000, interval: 1000 },
        );
      await submit(ORGS[0], 1);
      await submittedAfterRefresh().toBe("1");
      for (const [i, o] of ORGS.slice(1, 6).entries()) await submit(o, i + 2);
      await submittedAfterRefresh().toBe("6");
      expect(await statValue(page, t("round.colRate"))).toBe(new Intl.NumberFormat("sv-SE", { style: "percent", maximumFractionDigits: 0 }).format(6 / 7));
      // Who has not answered: the edited organisation, once.
      await expect.poll(() => page.locator(".invitations tbody tr").count(), { timeout: 10_000 }).toBe(1);
      expect(await page.locator(".invitations tbody").innerText()).toContain("Eta Motor & Turbin AB");
      // ---- the owner sends its survey to its other contact: the new link is mailed to Hugo Holm -----------
      await page.locator(".respondents").getByRole("button", { name: /Eta Motor & Turbin AB/ }).click();
      expect(await page.getByLabel(t("resp.choose", { org: "Eta Motor & Turbin AB" })).inputValue()).not.toBe("");
      await page.getByRole("button", { name: t("resp.send") }).click();
      await page.getByText(t("resp.sent", { org: "Eta Motor & Turbin AB", name: "Hugo Holm" })).waitFor({ timeout: 10_000 });
      await expect.poll(async () => (await invitationLinks(stack.url, roundId)).has("hugo@eta.example.se"), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => page.locator(".invitations tbody").innerText(), { timeout: 10_000 }).toContain("Hugo Holm");
      expect(await statValue(page, t("round.colInvited"))).toBe("7");
      await page.getByRole("radio", { name: t("inv.filter.submitted"), exact: true }).check();
      await expect.poll(() => page.locator(".invitations tbody tr").count()).toBe(6);

      // ---- export: prepared in the background, then a link; the download has the six responses ------------
      await page.getByRole("button", { name: t("round.export") }).click();
      const ready = page.getByRole("link", { name: t("round.exportReady", { format: "CSV", rows: 6 }) });
      await ready.waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent("download"), ready.click()]);
      const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
      const header = csv.split(/\r?\n/)[0];
      expect(header.startsWith("orgNumber,orgName,sni,municipality,sizeClass,submittedAt")).toBe(true);
      for (const o of ORGS.slice(0, 6)) expect(csv).toContain(orgNumber(o.nine).replace("-", ""));
      expect(csv).not.toContain(orgId);
      const dataRows = csv.split(/\r?\n/).filter((l) => /^"?\d{10}"?,/.test(l));
      expect(dataRows).toHaveLength(6);

      // ---- results: none until a release; an interim release; suppressed cells marked, charts drawn ----
      await page.getByRole("link", { name: t("round.results") }).click();
      await page.getByRole("heading", { level: 1, name: t("results.title") }).waitFor();
      await page.getByText(t("results.release.none")).waitFor();
      await page.getByRole("button", { name: t("results.release.request") }).click();
      await page.locator("figure.chart").first().waitFor({ timeout: 60_000 });
      await page.getByText(t("results.unweighted")).first().waitFor();
      expect(await page.locator(".result-table .suppressed").count()).toBeGreaterThan(0);
      expect(await page.locator(".result-table .suppressed .visually-hidden").first().textContent()).toBe(t("results.suppressed"));
      expect(await page.locator("figure.chart rect.chart-fill").count()).toBeGreaterThan(0);
      expect(await page.locator("figure.chart .chart-value-suppressed").count()).toBeGreaterThan(0);
      expect(await page.locator("figure.chart .chart-value-suppressed").first().textContent()).toBe(t("chart.suppressed"));
      // ---- each chart says where its figures come from and downloads as SVG and PNG; the tables as XLSX ----
      expect(await page.locator("figure.chart .chart-source").first().innerText()).toBe(`${t("chartx.source", { source: t("chartx.round", { name: round!.name }), release: 1 })}.`);
      await checkChartFiles(page, page.locator("figure.chart").filter({ has: page.locator(".chart-value-suppressed") }).first(), "sv");
      const xlsx = await downloadXlsx(page, page.getByRole("button", { name: t("results.release.xlsx") }));
      expect(xlsx.name).toMatch(/\.xlsx$/);
      expect(xlsx.workbook.worksheets.map((w) => w.name).slice(0, 1)).toEqual(["Förklaringar"]);
      expect(xlsx.workbook.worksheets).toHaveLength((await page.locator(".result-table").count()) + 1);
      // The responses table: the total (6) is published, the small industries are not.
      const responses = page.locator(".result-table").first();
      expect(await responses.locator("tfoot td").first().textContent()).toBe("6");
      expect(await scrollsSideways(page), await overflowing(page)).toBe(false);
      await page.getByLabel(t("results.by")).selectOption("municipality");
      await expect.poll(() => new URL(page.url()).search).toBe("?by=municipality");
      await page.locator("figure.chart").first().waitFor({ timeout: 15_000 });
      expect(await scrollsSideways(page)).toBe(false);
    });
    await context.close();
  }, 240_000);

  // ---- every owner page, both languages: axe (WCAG 2.1 A/AA), screenshots, no sideways scroll ----------
  for (const lang of ["sv", "en"] as const) {
    it(`axe finds nothing on the owner pages (${lang}); screenshots at 360 and 1280 px`, async () => {
      expect(round, "the first test creates the round").not.toBeNull();
      const t = ownerTexts(lang);
      const id = encodeURIComponent(round!.id);
      const pages: { name: string; path: string; as?: Who; ready: (p: Page) => Promise<unknown> }[] = [
        { name: "sign-in", path: "/owner", as: "none", ready: (p) => p.getByRole("button", { name: t("signIn.submit") }).waitFor() },
        { name: "organisations", path: "/owner/organisations", ready: (p) => p.locator(".org-table tbody tr").first().waitFor() },
        {
          name: "import-preview",
          path: "/owner/organisations",
          ready: async (p) => {
            await p.locator(".org-table tbody tr").first().waitFor();
            await p.getByLabel(t("import.text")).fill(CSV);
            await p.locator(".import-preview").waitFor({ timeout: 15_000 });
            await p.locator(".import-preview").scrollIntoViewIfNeeded();
          },
        },
        { name: "organisation", path: `/owner/organisations/${orgId}`, ready: (p) => p.locator(".person-list li").first().waitFor() },
        { name: "audit-log", path: "/owner/audit-log", as: "admin", ready: (p) => p.locator(".audit-log tbody tr").first().waitFor() },
        {
          name: "new-round",
          path: "/owner/rounds/new",
          ready: async (p) => {
            await p.getByLabel(t("newRound.mode.filter")).check();
            await pick(p, t("newRound.municipalities"), "Linköping");
            await p.locator(".mail-preview .mail-text").first().waitFor();
            await expect.poll(() => p.locator(".recipient-count").innerText()).toBe(t("newRound.count", { persons: 7, orgs: 7 }));
          },
        },
        { name: "rounds", path: "/owner/rounds", ready: (p) => p.locator("tbody tr").first().waitFor() },
        { name: "round", path: `/owner/rounds/${id}`, ready: (p) => p.locator(".invitations tbody tr").first().waitFor({ timeout: 15_000 }) },
        // The prepared export: its link (the progress bar of a round this small is gone within a poll).
        { name: "round-export", path: `/owner/rounds/${id}`, ready: async (p) => (await p.locator(".invitations tbody tr").first().waitFor({ timeout: 15_000 }), await p.getByRole("button", { name: t("round.export") }).click(), await p.locator(".export-panel a[download]").waitFor({ timeout: 30_000 })) },
        { name: "results", path: `/owner/rounds/${id}/results`, ready: (p) => p.locator("figure.chart").first().waitFor({ timeout: 15_000 }) },
      ];
      const failures: string[] = [];
      for (const width of [1280, 360]) {
        for (const spec of pages) {
          const context = await ownerContext(lang, width, spec.as ?? "owner");
          const page = await context.newPage();
          await onFailure(page, `${spec.name}-${lang}-${width}`, async () => {
            await page.goto(`${stack.url}${spec.path}`);
            await spec.ready(page);
            const violations = await axeViolations(page);
            if (violations.length) failures.push(`${spec.name} (${lang}, ${width} px):\n${describeViolations(violations)}`);
            if (await scrollsSideways(page)) failures.push(`${spec.name} (${lang}, ${width} px) scrolls sideways: ${await overflowing(page)}`);
            await screenshot(page, `owner-${spec.name}-${lang}-${width}`);
          });
          await context.close();
        }
      }
      expect(failures, failures.join("\n\n")).toEqual([]);
    }, 240_000);
  }
});
