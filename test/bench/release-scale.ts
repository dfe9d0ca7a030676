/**
 * `npm run bench` (part): releases at national scale (issue 11, item 3). For generated
 * skills-needs rounds (generated-round.ts) of each size: the time and peak memory to compute a
 * release (answers to contributions, models, result tables), to protect it and to audit it, with
 * its cells, the share suppressed and the audit's findings left; then the release is stored on
 * DynamoDB Local and the owner API's results route reads it, every breakdown, with a counter on
 * the DocumentClient (items read and capacity units consumed), beside a 30-organisation round.
 * Each size runs in a process of its own, so its peak RSS is its own.
 * Flags: --sizes 5000,100000 (the 30-organisation baseline always runs).
 * Budgets (DESIGN.md): 300 organisations 15 s, 5,000 10 minutes; 100,000: one Lambda (15 minutes, 10 GB).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { localDynamoDbClient, startDynamoDbLocal } from "../../infra/local/dynamodb-local";
import { synthRegionTemplate, tableDefinition } from "../../infra/template";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { RESULT_DIMENSIONS } from "../../shared/schemas";
import { computeRelease } from "../../functions/domain/release-computation";
import { ownerApi } from "../../functions/api/owner-api";
import { apiEvent, seedTestProject, testDeps, virtualClock } from "../support/deps";
import { countingReads } from "../support/read-counter";
import { storeComputedRelease } from "../support/stored-release";
import { generatedUnits } from "./generated-round";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const rules = DEFAULT_RULES;

type Phase = { seconds: number; cpuSeconds: number; peakMb: number };
type SizeResult = {
  organisations: number;
  phases: { compute: Phase; protect: Phase; audit: Phase };
  totalSeconds: number;
  peakMb: number;
  families: number;
  cells: number;
  suppressed: number;
  sensitive: number;
  findings: number;
  solves: number;
  largest: { columns: number; rows: number };
  read: { dimension: string; items: number; capacity: number; requests: number }[];
};

const mb = () => process.resourceUsage().maxRSS / 1024;
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** One size in this process: compute, protect and audit a release, store it, read it back counted. */
async function child(organisations: number, endpoint: string): Promise<SizeResult> {
  const t0 = performance.now();
  const c0 = cpu();
  const units = generatedUnits(instrument, organisations, 1, organisations);
  const invited = new Map<string, number>();
  for (const u of units) for (const s of u.segments) invited.set(s, (invited.get(s) ?? 0) + 1);
  const tUnits = performance.now();
  const cUnits = cpu();
  const peakUnits = mb();
  const computed = await computeRelease({ instrument, units, releases: 1, earlierSuppressed: new Set(), rules, invited });
  const tDone = performance.now();
  const cDone = cpu();
  const { stats, findings } = computed.protection;
  // The protection's own split: building the models (compute), suppressing, and the audit's passes.
  const protectAndAudit = (stats.millis.protect + stats.millis.audit) / 1000;
  const rest = (tDone - tUnits) / 1000 - protectAndAudit;
  const cpuShare = (seconds: number) => ((cDone - cUnits) * seconds) / Math.max(1e-9, (tDone - tUnits) / 1000);
  const computeSeconds = (tUnits - t0) / 1000 + rest;
  const peak = mb();

  // Stored as makeRelease stores it, then read as a results page reads it.
  const client = localDynamoDbClient(endpoint);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const name = `scale-${organisations}-${Date.now().toString(36)}`;
  const { TimeToLiveAttribute: _ttl, ...definition } = tableDefinition(synthRegionTemplate("ostergotland"));
  void _ttl;
  await client.send(new CreateTableCommand({ ...definition, TableName: name } as never));
  const clock = virtualClock("2026-06-01T08:00:00Z");
  const deps = testDeps({ doc, name }, { clock: clock.now, k: rules.k });
  await seedTestProject(deps);
  const owner = ownerApi(() => deps);
  const created = await owner(apiEvent("POST /api/rounds", { body: { name: `Nationell ${organisations}`, opensAt: "2026-06-01T08:00:00Z", closesAt: "2026-06-30T08:00:00Z", reminders: [] } }));
  if (created.statusCode !== 201) throw new Error(created.body);
  const roundId = JSON.parse(created.body ?? "{}").id as string;
  await storeComputedRelease(deps.stores, roundId, units, computed, clock.now(), rules, Date.now() - Math.round(tDone - tUnits));
  const counted = countingReads(localDynamoDbClient(endpoint));
  const reader = ownerApi(() => testDeps({ doc: counted.doc, name }, { clock: clock.now, k: rules.k }));
  const read: SizeResult["read"] = [];
  for (const dimension of RESULT_DIMENSIONS) {
    counted.reset();
    const res = await reader(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by: dimension } }));
    if (res.statusCode !== 200) throw new Error(res.body);
    read.push({ dimension, ...counted.totals() });
  }
  return {
    organisations,
    phases: {
      compute: { seconds: computeSeconds, cpuSeconds: cUnits - c0 + cpuShare(rest), peakMb: peakUnits },
      protect: { seconds: stats.millis.protect / 1000, cpuSeconds: cpuShare(stats.millis.protect / 1000), peakMb: peak },
      audit: { seconds: stats.millis.audit / 1000, cpuSeconds: cpuShare(stats.millis.audit / 1000), peakMb: peak },
    },
    totalSeconds: (tDone - t0) / 1000,
    peakMb: peak,
    families: stats.families,
    cells: stats.cells,
    suppressed: stats.suppressedCells,
    sensitive: stats.sensitiveCells,
    findings: findings.length,
    solves: stats.solves,
    largest: stats.largestModel,
    read,
  };
}

function budgetOf(organisations: number): number {
  if (organisations <= 300) return 15;
  if (organisations <= 5000) return 600;
  // One Lambda invocation (the workflow's release task), with a third left for reading the
  // responses and storing the release.
  return 600;
}

async function parent() {
  const sizes = arg("sizes", "5000,100000").split(",").map(Number);
  const ddb = await startDynamoDbLocal();
  const results: SizeResult[] = [];
  try {
    for (const organisations of [30, ...sizes]) {
      const run = spawnSync(process.execPath, [...process.execArgv, "--max-old-space-size=9000", fileURLToPath(import.meta.url), "--child", String(organisations), "--endpoint", ddb.endpoint], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        stdio: ["ignore", "pipe", "inherit"],
      });
      const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT "));
      if (run.status !== 0 || !line) {
        console.log(`${organisations} organisations: the run failed (exit ${run.status}, signal ${run.signal})`);
        continue;
      }
      results.push(JSON.parse(line.slice("RESULT ".length)) as SizeResult);
    }
  } finally {
    await ddb.stop();
  }
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log("\n### Releases at scale: compute, protect, audit\n");
  console.log("| organisations | phase | wall s | CPU s | peak RSS MB (by its end) |");
  console.log("|---:|---|---:|---:|---:|");
  for (const r of results)
    for (const [phase, p] of Object.entries(r.phases)) console.log(`| ${r.organisations} | ${phase} | ${f(p.seconds)} | ${f(p.cpuSeconds)} | ${f(p.peakMb, 0)} |`);
  console.log("\n| organisations | total s | budget s | ratio | peak RSS MB | families | cells | sensitive | suppressed | audit findings | LP solves | largest LP |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of results)
    console.log(
      `| ${r.organisations} | ${f(r.totalSeconds)} | ${budgetOf(r.organisations)} | ${f(r.totalSeconds / budgetOf(r.organisations), 2)}x | ${f(r.peakMb, 0)} | ${r.families} | ${r.cells} | ${r.sensitive} | ${r.suppressed} (${f((100 * r.suppressed) / Math.max(1, r.cells))} %) | ${r.findings} | ${r.solves} | ${r.largest.columns} x ${r.largest.rows} |`,
    );
  console.log("\n### Reading the results page of the stored release (owner API, GET /api/rounds/{id}/results)\n");
  const base = results.find((r) => r.organisations === 30);
  console.log("| breakdown | " + results.map((r) => `${r.organisations}: items / capacity units / requests`).join(" | ") + " |");
  console.log("|---|" + results.map(() => "---:|").join(""));
  for (const dimension of RESULT_DIMENSIONS)
    console.log(
      `| ${dimension} | ` +
        results
          .map((r) => {
            const x = r.read.find((d) => d.dimension === dimension)!;
            return `${x.items} / ${f(x.capacity)} / ${x.requests}`;
          })
          .join(" | ") +
        " |",
    );
  const worstRatio = (key: "items" | "capacity") =>
    Math.max(...results.flatMap((r) => r.read.map((x) => x[key] / Math.max(1e-9, base?.read.find((b) => b.dimension === x.dimension)?.[key] ?? NaN))));
  const largest = results.at(-1);
  const met = results.every((r) => r.totalSeconds <= budgetOf(r.organisations) && r.findings === 0);
  console.log(
    `SUMMARY release-scale: ` +
      results
        .filter((r) => r.organisations > 30)
        .map((r) => `${r.organisations} orgs ${f(r.totalSeconds)} s (budget ${budgetOf(r.organisations)} s, ${f(r.totalSeconds / budgetOf(r.organisations), 2)}x), peak ${f(r.peakMb, 0)} MB, ${r.findings} findings`)
        .join("; ") +
      `; results read vs 30 orgs: items up to ${f(worstRatio("items"), 2)}x, capacity up to ${f(worstRatio("capacity"), 2)}x (budget 1x)` +
      (largest ? `; largest measured ${largest.organisations}` : "") +
      ` — ${met && worstRatio("items") <= 1 && worstRatio("capacity") <= 1 ? "met" : "missed"}`,
  );
}

if (process.argv.includes("--child")) {
  const result = await child(Number(arg("child", "30")), arg("endpoint", ""));
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
} else await parent();
