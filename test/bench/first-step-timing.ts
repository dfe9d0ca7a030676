/**
 * How fast the participant form's first step is usable on a slow mobile connection, against a
 * static HTML page of the same step (DESIGN.md, "Budgets": no more than twice the static page).
 *
 *   npm run build && npx tsx test/bench/first-step-timing.ts [--runs 5] [--json] [--check]
 *
 * Starts the local stack (own data dir, nothing seeded), imports one organisation, launches a
 * round and takes the invitation link from the outbox. Then, in Chromium with the network
 * throttled through CDP (Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up,
 * 150 ms round trip; cache disabled, a fresh context per run):
 *   - form:   /f#<token> until the first question's radio buttons are on the page (the app's
 *             JS loaded, the form fetched and rendered);
 *   - static: the same step's HTML (a snapshot of the rendered DOM without scripts, with the same
 *             gzipped CSS), served by a plain HTTP server, until its load event.
 * Prints the medians and their ratio; --check exits 1 when the ratio is over 2.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { startLocalStack } from "../../infra/local/local-stack";
import { repoRoot } from "../../infra/local/template-binding";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
const FIRST_QUESTION = 'input[type="radio"]';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function post<R>(base: string, route: string, body: string, type: string, token?: string): Promise<R> {
  const res = await fetch(`${base}${route}`, { method: "POST", headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
  if (!res.ok) throw new Error(`POST ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as R;
}

/** A throttled, cache-less page in a fresh context. */
async function throttledPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  return page;
}

/** Serves one HTML page at / and web/dist's files, gzipped as the stack and CloudFront do. */
function staticServer(html: string, dist: string): Promise<Server> {
  const page = gzipSync(html);
  const server = createServer((req, res) => {
    const url = (req.url ?? "/").split("?")[0]!;
    let body: Buffer;
    let type = "text/html; charset=utf-8";
    if (url === "/" || url === "/index.html") body = page;
    else {
      try {
        body = gzipSync(readFileSync(path.join(dist, path.normalize(url).replace(/^([/\\])+/, ""))));
      } catch {
        res.writeHead(404).end();
        return;
      }
      type = url.endsWith(".css") ? "text/css" : "application/octet-stream";
    }
    res.writeHead(200, { "content-type": type, "content-encoding": "gzip", "cache-control": "no-store" }).end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export type TimingReport = { runs: number; network: typeof NETWORK; formMs: number[]; staticMs: number[]; formMedianMs: number; staticMedianMs: number; ratio: number; withinBudget: boolean };

export async function firstStepTiming(runs = 5): Promise<TimingReport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kb-timing-"));
  const stack = await startLocalStack({ port: 0, dataDir, seed: false, log: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  let server: Server | undefined;
  try {
    const { token } = await post<{ token: string }>(stack.url, "/api/dev/sign-in", JSON.stringify({ email: "timing@example.se", groups: ["region-admins"] }), "application/json");
    const project = await post<{ id: string }>(stack.url, "/api/projects", JSON.stringify({ name: "Mätning", kind: "region" }), "application/json", token);
    const member = await fetch(`${stack.url}/api/projects/${project.id}/members`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: "timing@example.se", role: "project-owner" }),
    });
    if (!member.ok) throw new Error(`adding the timing owner to its project answered ${member.status}`);
    await post(stack.url, "/api/organisations/import", "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail\n5566778899,Mättid AB,25620,0580,10-49,company,Tid Mätare,tid@example.se", "text/csv", token);
    const now = Date.now();
    const round = await post<{ id: string }>(stack.url, "/api/rounds", JSON.stringify({ name: "Mätning", opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString() }), "application/json", token);
    await post(stack.url, `/api/rounds/${encodeURIComponent(round.id)}/launch`, "", "application/json", token);
    let link: string | undefined;
    for (let i = 0; i < 200 && !link; i++) {
      const { items } = (await (await fetch(`${stack.url}/api/dev/outbox`)).json()) as { items: { roundId?: string; text: string }[] };
      link = items.map((m) => (m.roundId === round.id ? /\/f#[A-Za-z0-9_-]+/.exec(m.text)?.[0] : undefined)).find(Boolean);
      if (!link) await new Promise((r) => setTimeout(r, 250));
    }
    if (!link) throw new Error("no invitation reached the outbox");

    // The static twin: the rendered first step without scripts.
    const snap = await browser.newPage();
    await snap.goto(`${stack.url}${link}`);
    await snap.locator(FIRST_QUESTION).first().waitFor();
    const html = await snap.evaluate(() => {
      const doc = document.documentElement.cloneNode(true) as HTMLElement;
      doc.querySelectorAll('script, link[rel="modulepreload"]').forEach((e) => e.remove());
      return `<!doctype html>\n${doc.outerHTML}`;
    });
    await snap.context().close();
    server = await staticServer(html, path.join(repoRoot, "web", "dist"));
    const staticUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    const formMs: number[] = [];
    const staticMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await throttledPage(browser);
      await page.goto(`${stack.url}${link}`, { waitUntil: "commit" });
      await page.waitForFunction((sel) => document.querySelector(sel) !== null, FIRST_QUESTION, { polling: "raf", timeout: 60_000 });
      formMs.push(await page.evaluate(() => performance.now()));
      await page.context().close();

      const twin = await throttledPage(browser);
      await twin.goto(staticUrl, { waitUntil: "load" });
      staticMs.push(await twin.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart));
      await twin.context().close();
    }
    const formMedianMs = median(formMs);
    const staticMedianMs = median(staticMs);
    const ratio = formMedianMs / staticMedianMs;
    return { runs, network: NETWORK, formMs, staticMs, formMedianMs, staticMedianMs, ratio, withinBudget: ratio <= 2 };
  } finally {
    server?.close();
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const report = await firstStepTiming(Number(arg("--runs") ?? 5));
  if (process.argv.includes("--json")) console.log(JSON.stringify(report, null, 2));
  else {
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log(`First step usable at 1.6 Mbit/s, 150 ms RTT (median of ${report.runs}, fresh cache each run):`);
    console.log(`  participant form /f#<token>  ${ms(report.formMedianMs).padStart(8)}   (${report.formMs.map(ms).join(", ")})`);
    console.log(`  static HTML of the same step ${ms(report.staticMedianMs).padStart(8)}   (${report.staticMs.map(ms).join(", ")})`);
    console.log(`  ratio ${report.ratio.toFixed(2)} (budget: at most 2) ${report.withinBudget ? "within" : "OVER"}`);
    console.log(`SUMMARY first-step: usable after ${ms(report.formMedianMs)} vs static HTML ${ms(report.staticMedianMs)} at 1.6 Mbit/s, 150 ms: ${report.ratio.toFixed(2)}x, budget 2x, ${report.withinBudget ? "met" : "missed"}`);
  }
  if (process.argv.includes("--check") && !report.withinBudget) process.exit(1);
}
