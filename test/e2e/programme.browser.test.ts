/**
 * The learning programmes' pages end to end in Chromium against the local stack (seed off): a
 * facilitator creates a programme through the pages (cohort chosen by search and checkboxes),
 * schedules cycle 1 with the workshop just past, starts it, records the workshop with attendance
 * ticked with the keyboard, and sees the cycle move on to the home assignment; a participant opens
 * the assignment link from the outbox and submits it with the keyboard; the facilitator reads it.
 * The baseline is created and launched from the programme page; baseline and follow-up answers come
 * through the participant API; the report shows the targets met or not, by gender and age band,
 * with small groups suppressed ("–", never 0). axe-core (WCAG 2.1 A and AA) on every programme page
 * in Swedish and English, with screenshots at 360 and 1280 px into test/screenshots/.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { orgNumber } from "../../infra/local/seed-demo";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import type { Answers, FormView, ProgrammeView, Round } from "../../shared/schemas";
import { en } from "../../web/src/i18n/en";
import { sv } from "../../web/src/i18n/sv";
import { ownerEn } from "../../web/src/i18n/owner-en";
import { ownerSv } from "../../web/src/i18n/owner-sv";
import { programmeEn } from "../../web/src/i18n/programme-en";
import { programmeSv } from "../../web/src/i18n/programme-sv";
import { cachedTemplate } from "../support/dynamodb";
import { validAnswers } from "../support/fixtures";
import {
  api,
  axeViolations,
  describeViolations,
  focused,
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
import { checkChartFiles, downloadXlsx } from "./downloads";

const texts = (lang: Lang) => (lang === "sv" ? textsFrom(sv, ownerSv, programmeSv) : textsFrom(en, ownerEn, programmeEn));

const OWNER = "e2e.facilitator@example.se";
const ORGS = [
  { nine: "556888101", name: "Alfa Verkstad AB", contact: "Anna Alm" },
  { nine: "556888102", name: "Beta Plåt AB", contact: "Bo Berg" },
  { nine: "556888103", name: "Gamma Mekanik AB", contact: "Cecilia Ceder" },
  { nine: "556888104", name: "Delta Stål AB", contact: "David Dahl" },
  { nine: "556888105", name: "Epsilon Smide AB", contact: "Eva Ek" },
  { nine: "556888106", name: "Zeta Automation AB", contact: "Filip Fors" },
];
const mail = (o: (typeof ORGS)[number]) => `${o.contact.split(" ")[0].toLowerCase()}@${o.nine}.example.se`;
const CSV = [
  "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail",
  ...ORGS.map((o) => `${orgNumber(o.nine)},${o.name},25620,0580,10-49,company,${o.contact},${mail(o)}`),
].join("\n");
const PROGRAMME_NAME = "Kompetenslyftet E2E";

describeInChromium("learning programme pages in the browser (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let token: string;
  let programmeId = "";

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-programme-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
    // A region admin makes the project and its owner, who runs the programme as its facilitator.
    await projectWith(stack.url, "Kompetenslyftet E2E-projekt", [{ email: OWNER, role: "project-owner" }]);
    token = await ownerToken(stack.url, OWNER);
    const report = await api<{ imported: number; errors: unknown[] }>(stack.url, "POST", "/api/organisations/import", { token, csv: CSV });
    expect(report).toMatchObject({ imported: ORGS.length, errors: [] });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function ownerContext(lang: Lang, width = 1280): Promise<BrowserContext> {
    const context = await browser.newContext({
      locale: lang === "sv" ? "sv-SE" : "en-GB",
      timezoneId: "Europe/Stockholm",
      viewport: { width, height: 900 },
      acceptDownloads: true,
    });
    await context.addInitScript((l) => window.localStorage.setItem("kb.lang", l), lang);
    const owner = await ownerToken(stack.url, OWNER);
    await context.addInitScript((s) => window.sessionStorage.setItem("kb.owner", s), JSON.stringify({ token: owner, email: OWNER }));
    return context;
  }

  /** A time `minutes` from now as the value of a datetime-local input, in the page's time zone. */
  const localInput = (page: Page, minutes: number) =>
    page.evaluate((m) => {
      const d = new Date(Date.now() + m * 60_000);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    }, minutes);

  const programmeView = () => api<ProgrammeView>(stack.url, "GET", `/api/programmes/${programmeId}`, { token });

  it("creates a programme, schedules and starts cycle 1, records the workshop with the keyboard and sees the home assignment open", async () => {
    const t = texts("sv");
    const context = await ownerContext("sv");
    const page = await context.newPage();
    await onFailure(page, "programme-flow", async () => {
      // ---- the nav link, the (empty) list, a new programme ------------------------------------------
      await page.goto(`${stack.url}/owner`);
      await page.getByRole("link", { name: t("owner.navProgrammes"), exact: true }).click();
      await page.getByRole("heading", { level: 1, name: t("prog.listTitle") }).waitFor();
      await page.getByText(t("prog.none")).waitFor();
      await page.getByRole("link", { name: t("prog.new") }).click();
      await page.getByRole("heading", { level: 1, name: t("prog.newTitle") }).waitFor();

      // Submitting empty: the error summary names what is missing, and the focus is on it.
      await page.getByRole("button", { name: t("prog.create") }).click();
      const summary = page.locator(".error-summary");
      await summary.waitFor();
      expect(await summary.innerText()).toContain(t("prog.error.orgs"));
      expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);

      await page.getByLabel(t("prog.name")).fill(PROGRAMME_NAME);
      await page.getByLabel(t("prog.description")).fill("Fyra lärcykler om strategisk kompetensförsörjning.");
      expect(await page.getByLabel(t("prog.cycles")).inputValue()).toBe("4");
      // Search narrows the list; the choice stays when the search changes.
      await page.getByLabel(t("prog.orgSearch")).fill("Alfa");
      await expect.poll(() => page.locator(".checklist .choice").count()).toBe(1);
      await page.getByLabel(/Alfa Verkstad AB/).check();
      await page.getByLabel(t("prog.orgSearch")).fill("");
      await expect.poll(() => page.locator(".checklist .choice").count()).toBe(ORGS.length);
      for (const o of ORGS.slice(1)) await page.getByLabel(new RegExp(o.name)).check();
      await expect.poll(() => page.locator("#prog-persons-hint").innerText()).toBe(t("prog.personsHint", { n: ORGS.length }));
      expect(await page.getByLabel(t("prog.targetShareOf", { n: 1 })).inputValue()).toBe("70");
      await page.getByLabel(t("prog.targetShareOf", { n: 2 })).fill("60");
      await page.getByRole("button", { name: t("prog.create") }).click();
      await page.getByRole("heading", { level: 1, name: PROGRAMME_NAME }).waitFor();
      programmeId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
      const created = await programmeView();
      expect(created).toMatchObject({ cycles: 4, cohort: { organisations: 6, persons: 6 } });
      expect(created.targets.map((x) => x.share)).toEqual([0.7, 0.6]);

      // ---- cycle 1: the schedule, with the workshop half an hour ago --------------------------------
      await page.getByRole("link", { name: t("prog.cycleN", { n: 1 }) }).click();
      await page.getByRole("heading", { level: 1, name: t("prog.cycleOf", { n: 1, total: 4 }) }).waitFor();
      await page.locator("#schedule-workshopAt").fill(await localInput(page, -30));
      await page.locator("#schedule-textSv").fill("Gör en enkel kompetenskartläggning av ert team.");
      await page.locator("#schedule-textEn").fill("Map the skills of your team.");
      await page.locator("#schedule-assignmentDeadline").fill(await localInput(page, 3 * 1440));
      await page.locator("#schedule-lectureAt").fill(await localInput(page, 4 * 1440));
      await page.locator("#schedule-reflectionDeadline").fill(await localInput(page, 6 * 1440));
      // A lecture before the deadline is refused at once, on the field.
      await page.locator("#schedule-lectureAt").fill(await localInput(page, 1440));
      await page.getByRole("button", { name: t("prog.scheduleSave") }).click();
      await page.locator("#schedule-lectureAt-error").waitFor();
      expect(await page.locator("#schedule-lectureAt-error").innerText()).toContain(t("error.lectureBeforeDeadline"));
      await page.locator("#schedule-lectureAt").fill(await localInput(page, 4 * 1440));
      await page.getByRole("button", { name: t("prog.scheduleSave") }).click();
      await page.getByText(t("prog.scheduleSaved")).waitFor();
      await page.getByRole("button", { name: t("prog.start", { n: 1 }) }).click();

      // The workshop is past: the cycle notifies the cohort and waits for the record.
      await page.getByText(t("prog.awaitingRecord")).waitFor({ timeout: 60_000 });
      expect((await programmeView()).cycleViews[0]).toMatchObject({ status: "running", stage: "workshop", workshop: { awaitingRecord: true } });

      // ---- attendance with the keyboard: "select all", then untick one, notes, save ----------------
      const all = page.locator("#workshop-all");
      await all.focus();
      await page.keyboard.press("Space");
      expect(await page.locator("#workshop-title ~ form .checklist input:checked").count()).toBe(6);
      await page.keyboard.press("Tab");
      expect((await focused(page))?.type).toBe("checkbox");
      await page.keyboard.press("Space"); // the first person did not come
      expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
      await expect.poll(() => page.locator("#workshop-title ~ form .hint[aria-live]").innerText()).toBe(t("prog.attendanceCount", { n: 5, total: 6 }));
      for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
      expect((await focused(page))?.id).toBe("workshop-notes");
      await page.keyboard.type("Bra diskussion om kompetensplaner.");
      await page.keyboard.press("Tab");
      expect((await focused(page))?.text).toBe(t("prog.recordWorkshop"));
      await page.keyboard.press("Enter");
      await page.getByText(t("prog.recorded", { n: 5 })).waitFor();

      // ---- the cycle moves on: the home assignment opens for the cohort ------------------------------
      await expect.poll(async () => (await programmeView()).cycleViews[0].assignment.invited, { timeout: 60_000, interval: 500 }).toBe(6);
      const cycle = (await programmeView()).cycleViews[0];
      expect(cycle).toMatchObject({ stage: "assignment", workshop: { attendance: expect.any(Array), notes: "Bra diskussion om kompetensplaner." } });
      expect(cycle.workshop.attendance).toHaveLength(5);
      const assignment = page.locator("#assignment-title").locator("..");
      await expect.poll(() => assignment.innerText(), { timeout: 20_000 }).toContain(t("prog.roundState.open"));
      expect(await assignment.innerText()).toContain(t("prog.ofInvited", { submitted: 0, invited: 6 }));
      await screenshot(page, "programme-cycle-running-sv-1280");
    });
    await context.close();
  }, 180_000);

  it("lets a participant submit the home assignment from the outbox link with the keyboard, and the facilitator read it", async () => {
    expect(programmeId).not.toBe("");
    const roundId = `${programmeId}-c1-assignment`;
    let links = new Map<string, string>();
    await expect.poll(async () => (links = await invitationLinks(stack.url, roundId)).size, { timeout: 30_000, interval: 500 }).toBe(6);
    const link = links.get(mail(ORGS[1]))!;
    const mailText = (await api<{ items: { to: string; roundId?: string; text: string }[] }>(stack.url, "GET", "/api/dev/outbox?limit=1000")).items.find(
      (m) => m.roundId === roundId && m.to === mail(ORGS[1]),
    )!.text;
    expect(mailText).toContain("Gör en enkel kompetenskartläggning av ert team.");

    const t = texts("sv");
    const context = await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm", viewport: { width: 360, height: 780 } });
    await context.addInitScript(() => window.localStorage.setItem("kb.lang", "sv"));
    const page = await context.newPage();
    await onFailure(page, "assignment-participant", async () => {
      await page.goto(link.replace(/^https?:\/\/[^/]+/, stack.url));
      await page.getByRole("heading", { level: 1, name: "Hemuppgift" }).waitFor();
      expect(await page.locator(".lead").innerText()).toContain("hemuppgiften");
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, "programme-assignment-form-sv-360");

      // Keyboard only: answer the radio group, type the description, tick a goal, give the hours, on to review, submit.
      let typed = false;
      let ticked = false;
      let submitted = false;
      for (let i = 0; i < 200 && !submitted; i++) {
        await page.keyboard.press("Tab");
        const f = await focused(page);
        if (!f) continue;
        if (f.type === "radio" && !f.groupChecked) await page.keyboard.press("Space");
        else if (f.tag === "TEXTAREA" && !f.value) {
          await page.keyboard.type("Vi kartlade teamets kompetenser och hittade två luckor inom automation.");
          typed = true;
          // Autosave: the draft is saved without leaving the page.
          await expect.poll(() => page.locator(".save-status").innerText(), { timeout: 15_000 }).toMatch(/Sparat/);
        } else if (f.type === "checkbox" && !ticked) {
          await page.keyboard.press("Space");
          ticked = true;
        } else if (f.tag === "INPUT" && f.type === "text" && !f.value) await page.keyboard.type("4");
        else if (f.tag === "BUTTON" && f.text === t("form.next")) {
          const step = await page.locator(".step-count").textContent();
          await page.keyboard.press("Enter");
          await page.waitForFunction((b) => document.querySelector(".step-count")?.textContent !== b, step, { timeout: 10_000 });
        } else if (f.tag === "BUTTON" && f.text === t("form.submit")) {
          await page.keyboard.press("Enter");
          submitted = true;
        }
      }
      expect(typed && ticked && submitted).toBe(true);
      await page.locator(".receipt").waitFor({ timeout: 15_000 });
    });
    await context.close();

    // The facilitator reads the assignment, with the participant's name.
    const owner = await ownerContext("sv");
    const ownerPage = await owner.newPage();
    await onFailure(ownerPage, "assignment-read", async () => {
      await ownerPage.goto(`${stack.url}/owner/programmes/${encodeURIComponent(programmeId)}/cycles/1`);
      await expect
        .poll(
          async () => {
            await ownerPage.getByRole("button", { name: t("prog.refresh") }).click();
            return ownerPage.locator("#assignment-title").locator("..").innerText();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toContain(t("prog.ofInvited", { submitted: 1, invited: 6 }));
      await ownerPage.getByRole("button", { name: t("prog.showAssignments") }).click();
      const responses = ownerPage.locator("#assignment-responses");
      await responses.getByRole("heading", { name: t("prog.responsesTitle", { n: 1 }) }).waitFor();
      const text = await responses.innerText();
      expect(text).toContain("Bo Berg, Beta Plåt AB");
      expect(text).toContain("Vi kartlade teamets kompetenser");
      await screenshot(ownerPage, "programme-assignment-read-sv-1280");
    });
    await owner.close();
  }, 120_000);

  it("launches the baseline from the programme page and reports the targets met or not, by gender, with small groups suppressed", async () => {
    expect(programmeId).not.toBe("");
    const t = texts("sv");
    const context = await ownerContext("sv");
    const page = await context.newPage();
    await onFailure(page, "programme-report", async () => {
      await page.goto(`${stack.url}/owner/programmes/${encodeURIComponent(programmeId)}`);
      await page.getByRole("heading", { level: 1, name: PROGRAMME_NAME }).waitFor();
      await page.locator("#m-baseline-opensAt").fill(await localInput(page, -2));
      await page.getByRole("button", { name: t("prog.createBaseline") }).click();
      await page.getByRole("button", { name: t("prog.launchBaseline") }).click();
      await page.getByText(t("prog.measurementLaunched")).waitFor();
      expect((await programmeView()).baseline?.status).not.toBe("draft");
    });
    await context.close();

    // The follow-up through the API (as the page would), then everyone answers both.
    const now = Date.now();
    const followUp = await api<Round>(stack.url, "POST", `/api/programmes/${programmeId}/measurements/follow-up`, {
      token,
      json: { opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString() },
    });
    await api(stack.url, "POST", `/api/rounds/${encodeURIComponent(followUp.id)}/launch`, { token });
    // Three women and three men: each group under k = 5, so the gender rows are suppressed, the total is not.
    const genders = ["woman", "woman", "woman", "man", "man", "man"];
    for (const [kind, roundId] of [
      ["baseline", `${programmeId}-baseline`],
      ["follow-up", followUp.id],
    ] as const) {
      let links = new Map<string, string>();
      await expect.poll(async () => (links = await invitationLinks(stack.url, roundId)).size, { timeout: 60_000, interval: 500 }).toBe(6);
      for (const [i, o] of ORGS.entries()) {
        const formToken = tokenOf(links.get(mail(o))!);
        const form = await api<FormView>(stack.url, "GET", "/api/form", { formToken });
        const answers: Answers = { ...validAnswers(form.instrument, i), gender: genders[i], ageBand: "30-44" };
        if (kind === "baseline") answers.skillsUpToDate = 2;
        else {
          answers.skillsUpToDate = i < 5 ? 5 : 2; // 5 of 6 = 83 % >= 60 %: met
          // 5 of 6 = 83 % >= 70 %: met. (With k = 5 a count of 1-4 is hidden, so a cohort of six can
          // show no share below 5/6 but 0, and a 0 would give away every group's answer.)
          answers.workMoreStrategically = i < 5 ? "more" : "same";
        }
        await api(stack.url, "POST", "/api/form/submit", { formToken, json: { answers } });
      }
    }
    // The report is released: an interim release once the baseline has closed, asked for on the page.
    await api(stack.url, "POST", `/api/rounds/${encodeURIComponent(`${programmeId}-baseline`)}/close`, { token });
    await expect.poll(async () => (await programmeView()).baseline?.status, { timeout: 60_000, interval: 500 }).toBe("closed");
    {
      const ctx = await ownerContext("sv");
      const p = await ctx.newPage();
      await onFailure(p, "programme-report-release", async () => {
        await p.goto(`${stack.url}/owner/programmes/${encodeURIComponent(programmeId)}/report`);
        await p.getByText(t("prog.release.none")).waitFor();
        await p.getByRole("button", { name: t("prog.release.request") }).click();
        await p.locator(".target").first().waitFor();
        expect(await p.locator(".release-panel [role=status]").innerText()).toContain(t("results.release.kind.interim"));
      });
      await ctx.close();
    }

    for (const lang of ["sv", "en"] as const) {
      const tl = texts(lang);
      const ctx = await ownerContext(lang);
      const p = await ctx.newPage();
      await onFailure(p, `programme-report-${lang}`, async () => {
        await p.goto(`${stack.url}/owner/programmes/${encodeURIComponent(programmeId)}/report`);
        await p.getByRole("heading", { level: 1, name: tl("prog.reportTitle") }).waitFor();
        expect(await p.locator(".unweighted").innerText()).toBe(tl("prog.unweighted"));
        await expect
          .poll(
            async () => {
              await p.reload();
              await p.locator(".target").first().waitFor();
              return p.locator(".stats").innerText();
            },
            { timeout: 30_000, interval: 1000 },
          )
          .toContain(tl("prog.ofInvited", { submitted: 6, invited: 6 }).split(" ")[0]);
        const verdicts = await p.locator(".target-verdict").allInnerTexts();
        expect(verdicts).toHaveLength(2);
        const pct = (v: number) => new Intl.NumberFormat(lang === "sv" ? "sv-SE" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(v);
        expect(verdicts[0]).toBe(tl("prog.verdictMet", { share: pct(5 / 6), target: pct(0.7) }));
        expect(verdicts[1]).toBe(tl("prog.verdictMet", { share: pct(5 / 6), target: pct(0.6) }));
        // By gender: both groups of three are suppressed, shown as "–" with words for a screen reader, never 0.
        const genderTable = p.locator(".target").nth(1).locator("table").first();
        const women = genderTable.locator("tbody tr").filter({ has: p.locator("th", { hasText: lang === "sv" ? "Kvinnor" : "Women" }) });
        const cells = await women.locator("td").allInnerTexts();
        expect(cells.length).toBeGreaterThan(3);
        for (const c of cells) expect(c.replace(/\s+/g, " ").trim()).toMatch(new RegExp(`^–\\s*${tl("prog.suppressed")}$`));
        expect(await women.locator("td .visually-hidden").first().innerText()).toBe(tl("prog.suppressed"));
        const totalCells = await genderTable.locator("tfoot td").allInnerTexts();
        expect(totalCells[0]).toBe("6");
        expect(await p.locator(".legend").innerText()).toContain(tl("prog.legendSuppressed", { k: 5 }));
        // Attendance and submission per cycle.
        const rates = p.locator("table").filter({ has: p.locator("caption", { hasText: tl("prog.ratesCaption") }) });
        expect(await rates.locator("tbody tr").first().innerText()).toContain(tl("prog.rate", { part: 5, whole: 6, rate: pct(5 / 6) }));
        // The CSV export with the bearer token.
        const [download] = await Promise.all([p.waitForEvent("download"), p.getByRole("button", { name: tl("prog.export") }).click()]);
        expect(download.suggestedFilename()).toMatch(/\.csv$/);
        // A target's chart as SVG and PNG, the report as XLSX in the page's language.
        await checkChartFiles(p, p.locator(".target figure.chart").first(), lang);
        const xlsx = await downloadXlsx(p, p.getByRole("button", { name: tl("prog.exportXlsx") }));
        expect(xlsx.workbook.worksheets[0].name).toBe(lang === "sv" ? "Förklaringar" : "Explanations");
      });
      await ctx.close();
    }
  }, 240_000);

  it("has no axe violations (WCAG 2.1 A/AA) on any programme page in Swedish and English, and nothing scrolls sideways at 360 px", async () => {
    expect(programmeId).not.toBe("");
    const pages: [string, string][] = [
      ["list", "/owner/programmes"],
      ["new", "/owner/programmes/new"],
      ["programme", `/owner/programmes/${encodeURIComponent(programmeId)}`],
      ["cycle-1", `/owner/programmes/${encodeURIComponent(programmeId)}/cycles/1`],
      ["cycle-2", `/owner/programmes/${encodeURIComponent(programmeId)}/cycles/2`],
      ["report", `/owner/programmes/${encodeURIComponent(programmeId)}/report`],
    ];
    const failures: string[] = [];
    for (const lang of ["sv", "en"] as const) {
      const t = texts(lang);
      for (const width of [1280, 360]) {
        const context = await ownerContext(lang, width);
        const page = await context.newPage();
        for (const [name, route] of pages) {
          await page.goto(`${stack.url}${route}`);
          await page.locator("h1").first().waitFor();
          await page.waitForFunction(() => !document.querySelector(".loading"), undefined, { timeout: 15_000 });
          if (name === "new") {
            // With the cohort part opened up and the error summary shown.
            await page.getByLabel(new RegExp(ORGS[0].name)).check();
            await page.locator(".person-group .choice").first().waitFor();
            await page.getByRole("button", { name: t("prog.create") }).click();
            await page.locator(".error-summary").waitFor();
          }
          if (name === "cycle-1") {
            await page.getByRole("button", { name: t("prog.showAssignments") }).click();
            await page.locator("#assignment-responses .response").first().waitFor();
          }
          if (name === "report") await page.locator(".target figure.chart").first().waitFor();
          if (width === 1280) {
            const violations = await axeViolations(page);
            if (violations.length) failures.push(`${name} (${lang}): ${describeViolations(violations)}`);
          }
          if (await scrollsSideways(page)) failures.push(`${name} (${lang}, ${width} px) scrolls sideways`);
          await screenshot(page, `programme-${name}-${lang}-${width}`);
        }
        await context.close();
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  }, 240_000);
});
