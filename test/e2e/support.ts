/**
 * Shared helpers of the browser tests (test/e2e/*.browser.test.ts): Chromium, the site's texts,
 * rounds and invitation links through the local stack's HTTP API, the keyboard-only form filler
 * and axe-core.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { describe, it } from "vitest";
import { repoRoot } from "../../infra/local/template-binding";
import type { OutboxMessage, Round } from "../../shared/schemas";
import type { Project, ProjectRole } from "../../shared/schemas/project";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import { en } from "../../web/src/i18n/en";
import { sv } from "../../web/src/i18n/sv";
import { pagesEn } from "../../web/src/i18n/pages-en";
import { pagesSv } from "../../web/src/i18n/pages-sv";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const hasChromium = existsSync(CHROMIUM);
export const inCi = Boolean(process.env.CI) && process.env.CI !== "false";
export const screenshotDir = path.join(repoRoot, "test", "screenshots");

/**
 * A browser suite. Without Chromium it is skipped with a notice that is hard to miss on a developer's
 * machine, and in CI (CI set) it fails, so a runner without Chromium cannot pass by skipping.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (hasChromium) {
    describe(name, body);
  } else if (inCi) {
    describe(name, () => {
      it("finds Chromium", () => {
        throw new Error(`${CHROMIUM} is missing; in CI .ci/run installs it (apt-get install -y chromium)`);
      });
    });
  } else {
    const rule = "!".repeat(78);
    console.warn(`\n${rule}\n[e2e] SKIPPED "${name}": ${CHROMIUM} is missing.\nInstall it (apt-get install -y chromium) to run the browser tests; in CI this is a failure.\n${rule}\n`);
    describe.skip(name, body);
  }
}

export type Lang = "sv" | "en";
export type T = (key: string, vars?: Record<string, string | number>) => string;

/** A lookup over some of the site's dictionaries (web/src/i18n), so tests follow the wording; an unknown key fails. */
export function textsFrom(...dictionaries: Record<string, string>[]): T {
  const texts: Record<string, string> = Object.assign({}, ...dictionaries);
  return (key, vars = {}) => {
    const text = texts[key];
    if (text === undefined) throw new Error(`no text ${key} in web/src/i18n`);
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

/** The site's participant and public texts in one language. */
export function textsOf(lang: Lang): T {
  return lang === "sv" ? textsFrom(sv, pagesSv) : textsFrom(en, pagesEn);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh browser context (no cookies, no storage) in which the site shows `lang`. */
export async function newContext(browser: Browser, lang: Lang, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: lang === "sv" ? "sv-SE" : "en-GB",
    timezoneId: "Europe/Stockholm",
    viewport,
  });
  await context.addInitScript((l) => window.localStorage.setItem("kb.lang", l), lang);
  return context;
}

// ---- the local stack's HTTP API -------------------------------------------------------------

async function call<R>(base: string, method: string, route: string, opts: { token?: string; formToken?: string; json?: unknown; csv?: string } = {}): Promise<R> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.formToken) headers[FORM_TOKEN_HEADER] = opts.formToken;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.csv !== undefined) {
    headers["content-type"] = "text/csv";
    body = opts.csv;
  }
  const res = await fetch(`${base}${route}`, { method, headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as R;
}

export const api = call;

export async function ownerToken(base: string, email = "e2e.owner@example.se"): Promise<string> {
  return (await call<{ token: string }>(base, "POST", "/api/dev/sign-in", { json: { email } })).token;
}

/** A region admin's token (locally the sign-in may ask for the group; on AWS it is a Cognito group). */
export async function adminToken(base: string, email = "e2e.admin@example.se"): Promise<string> {
  return (await call<{ token: string }>(base, "POST", "/api/dev/sign-in", { json: { email, groups: ["region-admins"] } })).token;
}

export type Member = { email: string; role: ProjectRole };

/** A project created by a region admin, with these members; returns its id. */
export async function projectWith(base: string, name: string, members: Member[]): Promise<string> {
  const token = await adminToken(base);
  const project = await call<Project>(base, "POST", "/api/projects", { token, json: { name, kind: "industry-centre" } });
  for (const m of members) await call(base, "PUT", `/api/projects/${encodeURIComponent(project.id)}/members`, { token, json: m });
  return project.id;
}

export async function importOrganisations(base: string, token: string, csv: string): Promise<void> {
  const report = await call<{ imported: number; errors: unknown[] }>(base, "POST", "/api/organisations/import", { token, csv });
  if (report.errors.length) throw new Error(`import: ${JSON.stringify(report.errors)}`);
}

/**
 * Creates a round that opened a minute ago and launches it; waits until every organisation's
 * invitation is in the outbox. Returns the round and its form links by recipient.
 */
export async function launchOpenRound(
  base: string,
  token: string,
  name: string,
  expected: number,
  extra: { instrumentId?: string; instrumentVersion?: number } = {},
): Promise<{ round: Round; links: Map<string, string> }> {
  const now = Date.now();
  const round = await call<Round>(base, "POST", "/api/rounds", {
    token,
    json: { name, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 14 * 86_400_000).toISOString(), ...extra },
  });
  await call(base, "POST", `/api/rounds/${encodeURIComponent(round.id)}/launch`, { token });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const links = await invitationLinks(base, round.id);
    if (links.size >= expected) return { round, links };
    if (Date.now() > deadline) throw new Error(`only ${links.size} of ${expected} invitations of ${name} reached the outbox`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The form links in the outbox's invitations of a round, by recipient (lower-case e-mail). */
export async function invitationLinks(base: string, roundId: string): Promise<Map<string, string>> {
  const { items } = await call<{ items: OutboxMessage[] }>(base, "GET", "/api/dev/outbox?limit=1000");
  const links = new Map<string, string>();
  for (const m of items) {
    if (m.kind !== "invitation" || m.roundId !== roundId) continue;
    const link = /https?:\/\/\S+\/f#[A-Za-z0-9_-]+/.exec(m.text)?.[0];
    if (link) links.set(m.to.toLowerCase(), link);
  }
  return links;
}

/** The token of a participant link (`<site>/f#<token>`). */
export const tokenOf = (link: string) => link.split("/f#")[1]!;

// ---- the keyboard --------------------------------------------------------------------------------

export type Focused = {
  tag: string;
  type: string;
  role: string;
  name: string;
  id: string;
  text: string;
  value: string;
  checked: boolean;
  groupChecked: boolean;
  href: string;
};

/** What has the keyboard focus. */
export const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return null;
    const radios = el.type === "radio" ? Array.from(document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]`)) : [];
    return {
      tag: el.tagName,
      type: el.type ?? "",
      role: el.getAttribute("role") ?? "",
      name: el.name ?? "",
      id: el.id,
      text: (el.textContent ?? "").trim(),
      value: typeof el.value === "string" ? el.value : "",
      checked: Boolean(el.checked),
      groupChecked: radios.some((r) => r.checked),
      href: el.getAttribute("href") ?? "",
    };
  });

export type FillOptions = {
  /** Called on every step (block or review) once it is on screen, with its heading's step text. */
  onStep?: (stepText: string) => Promise<void>;
  /** Stop (without submitting) once this step (1-based) has been left, e.g. to leave half-way. */
  stopAfterStep?: number;
  /** Typed into the occupation picker; the first match is chosen with ArrowDown and Enter. */
  occupationQuery?: string;
};

/**
 * Fills the form in the page with the keyboard only (Tab, Space, arrow keys, typing, Enter):
 * answers every unanswered radio group, a couple of checkboxes, every empty number field, adds one
 * occupation through the picker, moves on with "Nästa"/"Next" and submits on the review step.
 * Returns "submitted" or "stopped".
 */
export async function fillWithKeyboard(page: Page, t: T, options: FillOptions = {}): Promise<"submitted" | "stopped"> {
  const stepText = () => page.locator(".step-count").textContent();
  let likert = 0;
  let levels = 0;
  let checkboxes = 0;
  let occupationAdded = false;
  let seen = "";
  for (let i = 0; i < 1500; i++) {
    const current = (await stepText()) ?? "";
    if (current !== seen) {
      seen = current;
      await options.onStep?.(current);
    }
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (!f) continue;
    if (f.tag === "BUTTON") {
      if (f.text === t("form.submit")) {
        await page.keyboard.press("Enter");
        return "submitted";
      }
      if (f.text === t("form.next")) {
        const n = Number(/\d+/.exec(current)?.[0] ?? 0);
        await page.keyboard.press("Enter");
        await page.waitForFunction((b) => document.querySelector(".step-count")?.textContent !== b, current, { timeout: 10_000 }).catch(() => {
          throw new Error(`the form did not move on from "${current}" (an answer is missing?)`);
        });
        if (options.stopAfterStep && n >= options.stopAfterStep) return "stopped";
      } else if (f.text === t("occ.add") && !occupationAdded) {
        occupationAdded = true;
        await page.keyboard.press("Enter");
        // The new row's picker has the focus: type, then choose the first match.
        const picker = await focused(page);
        if (picker?.role !== "combobox") throw new Error(`after "${t("occ.add")}" the focus is on ${JSON.stringify(picker)}`);
        await page.keyboard.type(options.occupationQuery ?? "svetsare");
        await page.waitForSelector(`[role=listbox]:not([hidden]) [role=option]`, { timeout: 10_000 });
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Enter");
      }
      continue;
    }
    if (f.type === "radio" && !f.groupChecked) {
      await page.keyboard.press("Space"); // checks the first option
      if (f.name.endsWith(".level")) {
        // The first cell gets "some need": its follow-up questions appear and are answered next.
        if (levels++ === 0) await page.keyboard.press("ArrowRight");
      } else if (!f.name.endsWith(".method") && f.name !== "detailsCorrect") {
        for (let k = 0; k < likert % 4; k++) await page.keyboard.press("ArrowRight");
        likert++;
      }
    } else if (f.type === "checkbox" && !f.checked && checkboxes < 2) {
      await page.keyboard.press("Space");
      checkboxes++;
    } else if (f.tag === "SELECT" && !f.value) {
      await page.keyboard.press("ArrowDown"); // the first real option
    } else if (f.tag === "INPUT" && f.type === "text" && f.role !== "combobox" && !f.value) {
      await page.keyboard.type("3");
    } else if (f.tag === "TEXTAREA" && f.id.includes("comments") && !f.value) {
      await page.keyboard.type("Vi behöver fler svetsare med certifikat.");
    }
  }
  throw new Error("Tab never reached the submit button");
}

// ---- axe-core ----------------------------------------------------------------------------------

const axeSource = readFileSync(path.join(repoRoot, "node_modules", "axe-core", "axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** Runs axe-core against WCAG 2.0/2.1 A and AA on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

export const describeViolations = (vs: AxeViolation[]) =>
  vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n")}`).join("\n");

/** True when the page scrolls sideways. */
export const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
export const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Runs a step of a test; on failure, a screenshot of the page (`${prefix}-${name}.png`) first. */
export async function onFailure<R>(page: Page, name: string, fn: () => Promise<R>, prefix = "failure"): Promise<R> {
  try {
    return await fn();
  } catch (error) {
    await screenshot(page, `${prefix}-${name}`).catch(() => {});
    throw error;
  }
}
