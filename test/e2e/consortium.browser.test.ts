/**
 * Several regions side by side as `npm start` brings them up (REGIONS=..., infra/local/start-regions.ts):
 * each seeds its own demo data and publishes its final release's signed export; the consortium page
 * shows the merged picture, the gap list, the shortage comparison and the trend. Then the audit over every region's published cells and the consortium's
 * together, on the regions' own microdata read from their tables, and axe on the page in sv and en.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot } from "../../infra/local/template-binding";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { createStores } from "../../functions/stores/index";
import { mergeExports } from "../../shared/consortium/merge";
import { contributions } from "../../shared/indicators/contributions";
import { getInstrument } from "../../shared/instruments";
import type { ConsortiumView } from "../../shared/schemas/consortium";
import type { SignedReleaseExport } from "../../shared/schemas/release-export";
import { consortiumSv } from "../../web/src/i18n/consortium-sv";
import { consortiumEn } from "../../web/src/i18n/consortium-en";
import { jointAudit } from "../support/consortium";
import { storedReleases } from "../support/stored-release";
import { axeViolations, describeInChromium, describeViolations, launchChromium, newContext, onFailure, textsFrom } from "./support";

const REGIONS = ["ostergotland", "orebro"];
const dataDir = mkdtempSync(path.join(tmpdir(), "kb-regions-"));
const base = 20_000 + Math.floor(Math.random() * 20_000);
const consortiumUrl = `http://127.0.0.1:${base + 10}`;
let child: ChildProcess;
let output = "";
let browser: Browser;

describeInChromium("regions side by side and their consortium", () => {
  beforeAll(async () => {
    child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "infra/local/start.ts")], {
      cwd: repoRoot,
      env: { ...process.env, REGIONS: REGIONS.join(","), PORT: String(base), DATA_DIR: dataDir, BUILD_WEB: "0", LOG_LEVEL: "WARN" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    const deadline = Date.now() + 540_000;
    while (!/regions and their consortium run locally, ready/.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the regions did not come up\n${output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }, 60_000);

  it("merges every region's signed final release into one picture", async () => {
    const view = (await (await fetch(`${consortiumUrl}/api/consortium?by=section`)).json()) as ConsortiumView;
    expect(view.regions.map((r) => r.id).sort()).toEqual([...REGIONS].sort());
    expect(view.rejected).toEqual([]);
    expect(view.industryMerged).toBe(true);
    const responses = view.tables.find((t) => t.id === "responses")!;
    expect(responses.total.cells[0]).toMatchObject({ value: view.regions.reduce((s, r) => s + r.release.responses, 0) });
  });

  it("lets no one single out an organisation from the regions' releases and the consortium's together (the demo data)", async () => {
    const shelf = path.join(dataDir, "consortium", "shelf");
    const docs = REGIONS.map((id) => {
      const files = readdirSync(path.join(shelf, id), { recursive: true }).map(String).filter((f) => f.endsWith(".json"));
      return (JSON.parse(readFileSync(path.join(shelf, id, files[0]!), "utf8")) as SignedReleaseExport).payload;
    });
    const merge = mergeExports(docs);
    const instrument = getInstrument("skills-needs", 1)!;
    const regions = await Promise.all(
      docs.map(async (doc) => {
        const endpoint = new RegExp(`\\[${doc.region.id}\\]\\s+DynamoDB\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(output)?.[1];
        if (!endpoint) throw new Error(`no DynamoDB endpoint of ${doc.region.id} in the output`);
        const client = localDynamoDbClient(endpoint);
        const stores = createStores({ doc: DynamoDBDocumentClient.from(client), name: `kompetensbehov-${doc.region.id}` });
        const { units, published, releases } = await storedReleases(stores, doc.round.id, instrument);
        client.destroy();
        expect(releases).toBe(1);
        return { id: doc.region.id, county: doc.region.countyCodes[0]!, instrument, units, published };
      }),
    );
    expect(await jointAudit(regions, merge, docs[0]!.release.rules)).toEqual([]);
  }, 300_000);

  for (const lang of ["sv", "en"] as const)
    it(`shows the consortium page in ${lang}, accessible (WCAG 2.1 A and AA)`, async () => {
      const t = textsFrom(lang === "sv" ? consortiumSv : consortiumEn);
      const context = await newContext(browser, lang);
      const page = await context.newPage();
      await onFailure(page, `consortium-${lang}`, async () => {
        await page.goto(`${consortiumUrl}/konsortium`);
        await page.getByRole("heading", { level: 1, name: t("cons.title", { name: "Östra Mellansverige" }) }).waitFor();
        for (const title of ["cons.gapTitle", "cons.shortageTitle", "cons.trendsTitle", "cons.tablesTitle"]) await page.getByRole("heading", { level: 2, name: t(title) }).waitFor();
        await page.getByRole("row", { name: /Region Örebro län/ }).first().waitFor();
        await page.getByLabel(t("cons.by")).selectOption("section");
        await page.getByRole("rowheader", { name: /^C / }).first().waitFor();
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      });
      await context.close();
    }, 120_000);
});
