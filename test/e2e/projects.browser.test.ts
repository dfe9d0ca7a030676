/**
 * Projects and roles in the browser (Chromium) against the local stack: a region admin creates a
 * project and adds its members with their roles, changes one and removes one behind a
 * confirmation; the project's owner signs in and works in it, while the admin pages are not
 * offered; someone in no project is told whom to ask; an analyst sees the project's rounds and
 * their results with nothing to create, launch, close, release or export; a facilitator sees the
 * programmes; a member of two projects chooses one in the header; the audit log names each
 * action's project. Then axe-core (WCAG 2.1 A and AA) on the new pages in Swedish and English.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { regions } from "../../infra/config/regions";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import type { Round } from "../../shared/schemas";
import type { ProjectWithMembers } from "../../shared/schemas/project";
import { en } from "../../web/src/i18n/en";
import { sv } from "../../web/src/i18n/sv";
import { ownerEn } from "../../web/src/i18n/owner-en";
import { ownerSv } from "../../web/src/i18n/owner-sv";
import { AUDIT_TEXTS } from "../../web/src/pages/owner/audit/audit-texts";
import { PROJECT_TEXTS } from "../../web/src/pages/owner/projects/project-texts";
import { cachedTemplate } from "../support/dynamodb";
import { adminToken, api, axeViolations, projectWith, describeInChromium, describeViolations, launchChromium, onFailure, ownerToken, screenshot, scrollsSideways, textsFrom, type Lang } from "./support";

const ownerTexts = (lang: Lang) => (lang === "sv" ? textsFrom(sv, ownerSv, PROJECT_TEXTS.sv, AUDIT_TEXTS.sv) : textsFrom(en, ownerEn, PROJECT_TEXTS.en, AUDIT_TEXTS.en));

/** The region's first admin, as the deploy makes them (locally signed in with the region-admins group). */
const ADMIN = regions.ostergotland.regionAdminEmails[0];
const OWNER = "e2e.projektagare@example.se";
const ANALYST = "e2e.analytiker@example.se";
const FACILITATOR = "e2e.kursledare@example.se";
const NOBODY = "e2e.ingen@example.se";
const PROJECT = "Industricentrum E2E";

describeInChromium("projects and roles in the browser (Chromium)", () => {
  let stack: LocalStack;
  let browser: Browser;
  let dataDir: string;
  let projectId = "";
  let draft: Round | null = null;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-e2e-projects-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  type Who = "owner" | "admin" | "analyst" | "facilitator" | "nobody" | "none";
  const emailOf = { owner: OWNER, admin: ADMIN, analyst: ANALYST, facilitator: FACILITATOR, nobody: NOBODY } as const;

  /** A browser context signed in as `who` (or not signed in, "none"). */
  async function ownerContext(lang: Lang, width = 1280, who: Who = "owner"): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: lang === "sv" ? "sv-SE" : "en-GB", timezoneId: "Europe/Stockholm", viewport: { width, height: 900 } });
    await context.addInitScript((l) => window.localStorage.setItem("kb.lang", l), lang);
    if (who !== "none") {
      const email = emailOf[who];
      const token = await ownerToken(stack.url, email);
      await context.addInitScript((s) => window.sessionStorage.setItem("kb.owner", s), JSON.stringify({ token, email }));
    }
    return context;
  }

  it("lets a region admin create a project and add members with roles; the owner then signs in and works in it", async () => {
    const t = ownerTexts("sv");
    const context = await ownerContext("sv", 1280, "none");
    const page = await context.newPage();
    await onFailure(page, "projects-flow", async () => {
      // ---- the region admin signs in: projects and the audit log, no project content ---------------
      await page.goto(`${stack.url}/owner`);
      await page.getByLabel(t("signIn.email")).fill(ADMIN);
      await page.getByRole("button", { name: t("signIn.submit") }).click();
      await page.getByRole("heading", { level: 1, name: t("proj.title") }).waitFor();
      const nav = page.getByRole("navigation", { name: t("owner.nav") });
      for (const label of [t("proj.navProjects"), t("audit.nav"), t("owner.navOrganisations")]) expect(await nav.getByRole("link", { name: label }).count()).toBe(1);
      for (const label of [t("owner.navRounds"), t("owner.navNewRound")]) expect(await nav.getByRole("link", { name: label, exact: true }).count()).toBe(0);
      await page.getByText(t("proj.none")).waitFor();

      // ---- creates a project; a name is required ---------------------------------------------------
      await page.getByRole("button", { name: t("proj.create") }).click();
      await page.locator("#project-name-error").getByText(t("proj.nameRequired")).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("project-name");
      await page.getByLabel(t("proj.name")).fill(PROJECT);
      await page.getByLabel(t("proj.kind")).selectOption("industry-centre");
      await page.getByLabel(t("proj.description")).fill("Kompetensbehov i länets industriföretag.");
      await page.getByRole("button", { name: t("proj.create") }).click();
      await page.getByText(t("proj.created", { name: PROJECT })).waitFor();
      await page.locator("#projects-caption").waitFor({ state: "attached" });
      await page.getByRole("table").getByRole("link", { name: PROJECT }).click();
      await page.getByRole("heading", { level: 1, name: PROJECT }).waitFor();
      projectId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
      await page.getByText(t("proj.membersNone")).waitFor();

      // ---- adds the owner and a member who becomes the analyst; a wrong address adds nobody ---------
      const add = async (email: string, role: string) => {
        await page.getByLabel(t("proj.email")).fill(email);
        await page.getByLabel(t("proj.role"), { exact: true }).selectOption(role);
        await page.getByRole("button", { name: t("proj.add"), exact: true }).click();
      };
      await add("inte-en-adress", "analyst");
      await page.locator("#member-email-error").getByText(t("error.email")).waitFor();
      await add(OWNER, "project-owner");
      await page.getByText(t("proj.added", { email: OWNER, role: t("role.project-owner") })).waitFor();
      await add(ANALYST, "facilitator");
      await page.getByText(t("proj.added", { email: ANALYST, role: t("role.facilitator") })).waitFor();
      await page.getByLabel(t("proj.roleFor", { email: ANALYST })).selectOption("analyst");
      await page.getByRole("button", { name: t("proj.saveRole") }).click();
      await page.getByText(t("proj.roleChanged", { email: ANALYST, role: t("role.analyst") })).waitFor();

      // ---- a member added by mistake is removed, behind a confirmation -----------------------------
      await add("fel.person@example.se", "analyst");
      await page.getByText(t("proj.added", { email: "fel.person@example.se", role: t("role.analyst") })).waitFor();
      await page.getByRole("button", { name: t("proj.removeLabel", { email: "fel.person@example.se" }) }).click();
      const dialog = page.getByRole("alertdialog", { name: t("proj.confirmTitle", { email: "fel.person@example.se" }) });
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t("proj.confirm"));
      await dialog.getByRole("button", { name: t("proj.confirm") }).click();
      await page.getByText(t("proj.removed", { email: "fel.person@example.se" })).waitFor();
      const stored = await api<ProjectWithMembers>(stack.url, "GET", `/api/projects/${projectId}`, { token: await adminToken(stack.url) });
      expect(stored.members.map((m) => [m.email, m.role]).sort()).toEqual([
        [ANALYST, "analyst"],
        [OWNER, "project-owner"],
      ]);
      expect(await page.locator("#members-caption").locator("xpath=..").locator("tbody tr").count()).toBe(2);

      // ---- the owner signs in: the project is theirs, the admin pages are not offered ----------------
      await page.getByRole("button", { name: t("owner.signOut") }).click();
      await page.goto(`${stack.url}/owner`);
      await page.getByLabel(t("signIn.email")).fill(OWNER);
      await page.getByRole("button", { name: t("signIn.submit") }).click();
      await page.getByText(`${t("proj.current")}: ${PROJECT} (${t("role.project-owner")})`).waitFor();
      await page.getByRole("heading", { level: 1, name: t("rounds.title") }).waitFor();
      for (const label of [t("owner.navRounds"), t("owner.navNewRound"), t("owner.navProgrammes"), t("owner.navOrganisations")]) expect(await nav.getByRole("link", { name: label, exact: true }).count()).toBe(1);
      for (const label of [t("proj.navProjects"), t("audit.nav")]) expect(await nav.getByRole("link", { name: label }).count()).toBe(0);
      // Opened by its address, an admin page says the role does not reach it.
      await page.goto(`${stack.url}/owner/projects`);
      await page.getByRole("heading", { level: 1, name: t("proj.notAllowedTitle") }).waitFor();

      // ---- someone in no project is told so, and whom to ask --------------------------------------------
      await page.getByRole("button", { name: t("owner.signOut") }).click();
      await page.getByLabel(t("signIn.email")).fill(NOBODY);
      await page.getByRole("button", { name: t("signIn.submit") }).click();
      await page.getByRole("heading", { level: 1, name: t("proj.noneTitle") }).waitFor();
      expect(await page.locator(".lead").innerText()).toBe(t("proj.noneText", { email: NOBODY }));
    });
    await context.close();
  }, 120_000);

  it("shows an analyst the project's rounds and results, with nothing to create, launch, close, release or export", async () => {
    expect(projectId, "the first test creates the project").not.toBe("");
    const t = ownerTexts("sv");
    // A round still in draft: its owner would see "launch" on its page.
    const now = Date.now();
    const round = await api<Round>(stack.url, "POST", "/api/rounds", {
      token: await ownerToken(stack.url, OWNER),
      json: { name: "Utkast E2E", projectId, opensAt: new Date(now + 86_400_000).toISOString(), closesAt: new Date(now + 15 * 86_400_000).toISOString() },
    });
    draft = round;
    const context = await ownerContext("sv", 1280, "analyst");
    const page = await context.newPage();
    await onFailure(page, "analyst", async () => {
      await page.goto(`${stack.url}/owner`);
      await page.getByRole("heading", { level: 1, name: t("rounds.title") }).waitFor();
      await page.getByRole("link", { name: "Utkast E2E" }).waitFor();
      const nav = page.getByRole("navigation", { name: t("owner.nav") });
      for (const label of [t("owner.navNewRound"), t("owner.navOrganisations"), t("proj.navProjects")]) expect(await nav.getByRole("link", { name: label, exact: true }).count()).toBe(0);
      expect(await page.getByRole("link", { name: t("rounds.new") }).count()).toBe(0);
      // The rounds lead to their results.
      expect(await page.getByRole("link", { name: "Utkast E2E" }).getAttribute("href")).toBe(`/owner/rounds/${encodeURIComponent(round.id)}/results`);
      // The round's own page, opened by its address, offers no launch, close or export: the API answers 403, the page says why.
      await page.goto(`${stack.url}/owner/rounds/${encodeURIComponent(round.id)}`);
      await page.getByText(t("proj.analystRound")).waitFor();
      for (const label of [t("round.launch"), t("round.closeEarly"), t("round.export")]) expect(await page.getByRole("button", { name: label }).count()).toBe(0);
      // The results page: readable, but the analyst may not ask for a release.
      await page.getByRole("link", { name: t("proj.toResults") }).click();
      await page.getByRole("heading", { level: 1, name: t("results.title") }).waitFor();
      await page.getByText(t("results.release.none")).waitFor();
      expect(await page.getByRole("button", { name: t("results.release.request") }).count()).toBe(0);
    });
    await context.close();
  }, 60_000);

  it("shows a facilitator the project's programmes, and no survey-round or registry administration", async () => {
    await api(stack.url, "PUT", `/api/projects/${encodeURIComponent(projectId)}/members`, { token: await adminToken(stack.url), json: { email: FACILITATOR, role: "facilitator" } });
    const t = ownerTexts("sv");
    const context = await ownerContext("sv", 1280, "facilitator");
    const page = await context.newPage();
    await onFailure(page, "facilitator", async () => {
      await page.goto(`${stack.url}/owner`);
      const nav = page.getByRole("navigation", { name: t("owner.nav") });
      await nav.getByRole("link", { name: t("owner.navProgrammes"), exact: true }).click();
      await page.getByRole("heading", { level: 1 }).waitFor();
      for (const label of [t("owner.navNewRound"), t("owner.navOrganisations"), t("proj.navProjects")]) expect(await nav.getByRole("link", { name: label, exact: true }).count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe("/owner/programmes");
    });
    await context.close();
  }, 60_000);

  it("lets a member of two projects choose one in the header: the lists follow it, and the choice is remembered", async () => {
    const second = await projectWith(stack.url, "Teknikcollege E2E", [{ email: OWNER, role: "analyst" }]);
    const t = ownerTexts("sv");
    const context = await ownerContext("sv", 1280, "owner");
    const page = await context.newPage();
    await onFailure(page, "two-projects", async () => {
      await page.goto(`${stack.url}/owner/rounds`);
      const choice = page.getByLabel(t("proj.current"), { exact: true });
      await choice.selectOption(projectId);
      await page.getByRole("link", { name: "Utkast E2E" }).waitFor();
      expect(await page.getByRole("link", { name: t("rounds.new") }).count()).toBe(1);
      // In the project where the owner is an analyst: none of the first project's rounds, nothing to create.
      await choice.selectOption(second);
      await page.getByText(t("rounds.none")).waitFor();
      expect(await page.getByRole("link", { name: "Utkast E2E" }).count()).toBe(0);
      expect(await page.getByRole("link", { name: t("rounds.new") }).count()).toBe(0);
      await page.reload();
      await page.getByText(t("rounds.none")).waitFor();
      expect(await page.getByLabel(t("proj.current"), { exact: true }).inputValue()).toBe(second);
      // An address may name the project.
      await page.goto(`${stack.url}/owner/rounds?project=${encodeURIComponent(projectId)}`);
      await page.getByRole("link", { name: "Utkast E2E" }).waitFor();
      expect(await page.getByLabel(t("proj.current"), { exact: true }).inputValue()).toBe(projectId);
    });
    await context.close();
  }, 60_000);

  it("shows a region admin the audit log with the project of each action in it", async () => {
    expect(draft, "the analyst's test creates the round").not.toBeNull();
    const t = ownerTexts("sv");
    const context = await ownerContext("sv", 1280, "admin");
    const page = await context.newPage();
    await onFailure(page, "audit-log", async () => {
      await page.goto(`${stack.url}/owner`);
      await page.getByRole("navigation", { name: t("owner.nav") }).getByRole("link", { name: t("audit.nav") }).click();
      const created = page.locator(".audit-log tbody tr").filter({ hasText: "POST /api/rounds" }).first();
      await expect.poll(() => created.innerText(), { timeout: 10_000 }).toContain(PROJECT);
      expect(await created.innerText()).toContain(OWNER);
      // The admin's four member changes in the browser: two added, one role changed, one added by mistake (then removed).
      const changes = page.locator(".audit-log tbody tr").filter({ hasText: "PUT /api/projects/{id}/members" }).filter({ hasText: ADMIN });
      expect(await changes.count()).toBe(4);
      expect(await page.locator(".audit-log tbody tr").filter({ hasText: "DELETE /api/projects/{id}/members/{memberId}" }).filter({ hasText: ADMIN }).count()).toBe(1);
    });
    await context.close();
  }, 60_000);

  for (const lang of ["sv", "en"] as const) {
    it(`axe finds nothing on the project pages (${lang}), and nothing scrolls sideways at 360 px`, async () => {
      expect(draft, "the analyst's test creates the round").not.toBeNull();
      const t = ownerTexts(lang);
      const pages: { name: string; path: string; as: Who; ready: (p: Page) => Promise<unknown> }[] = [
        { name: "projects", path: "/owner/projects", as: "admin", ready: (p) => p.locator("#projects-caption").waitFor({ state: "attached" }) },
        {
          name: "project",
          path: `/owner/projects/${encodeURIComponent(projectId)}`,
          as: "admin",
          ready: async (p) => {
            await p.locator("#members-caption").waitFor({ state: "attached" });
            await p.getByRole("button", { name: t("proj.removeLabel", { email: ANALYST }) }).click();
            await p.getByRole("alertdialog").waitFor();
          },
        },
        { name: "no-project", path: "/owner", as: "nobody", ready: (p) => p.getByRole("heading", { level: 1, name: t("proj.noneTitle") }).waitFor() },
        { name: "analyst-round", path: `/owner/rounds/${encodeURIComponent(draft!.id)}`, as: "analyst", ready: (p) => p.getByText(t("proj.analystRound")).waitFor() },
        { name: "audit-log", path: "/owner/audit-log", as: "admin", ready: (p) => p.locator(".audit-log tbody tr").first().waitFor() },
        { name: "not-allowed", path: "/owner/projects", as: "owner", ready: (p) => p.getByRole("heading", { level: 1, name: t("proj.notAllowedTitle") }).waitFor() },
        { name: "rounds-two-projects", path: `/owner/rounds?project=${encodeURIComponent(projectId)}`, as: "owner", ready: (p) => p.getByRole("link", { name: "Utkast E2E" }).waitFor() },
      ];
      const failures: string[] = [];
      for (const width of [1280, 360]) {
        for (const spec of pages) {
          const context = await ownerContext(lang, width, spec.as);
          const page = await context.newPage();
          await onFailure(page, `${spec.name}-${lang}-${width}`, async () => {
            await page.goto(`${stack.url}${spec.path}`);
            await spec.ready(page);
            const violations = await axeViolations(page);
            if (violations.length) failures.push(`${spec.name} (${lang}, ${width} px):\n${describeViolations(violations)}`);
            if (await scrollsSideways(page)) failures.push(`${spec.name} (${lang}, ${width} px) scrolls sideways`);
            await screenshot(page, `projects-${spec.name}-${lang}-${width}`);
          });
          await context.close();
        }
      }
      expect(failures, failures.join("\n\n")).toEqual([]);
    }, 240_000);
  }
});
