/**
 * `npm run bench` (part): exports of a national round's raw responses (issue 11, item 2). A round
 * of generated skills-needs responses (test/support/generated-responses.ts) is stored on DynamoDB
 * Local, then each export runs through the worker (runExport: the paged read, the streaming CSV
 * or XLSX writer, the rows spooled to a temporary file between, progress on the job) into the folder stand-in of the exports bucket, in a
 * process of its own so that its peak RSS is its own. The baseline, in the same run and its own
 * process: the same paged read of the rows with nothing written (what the export cannot go below
 * on this DynamoDB), and that read writing each row as a JSON line to a file.
 * Flags: --responses 100000. Budget (issue 11): 100,000 responses within 60 s and 512 MB peak, each format.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { localDynamoDbClient, startDynamoDbLocal } from "../../infra/local/dynamodb-local";
import { synthRegionTemplate, tableDefinition } from "../../infra/template";
import { ownerApi } from "../../functions/api/owner-api";
import { folderExportFiles } from "../../functions/adapters/export-files";
import { EXPORT_PAGE_SIZE, runExport } from "../../functions/domain/export-jobs";
import { fileRowSpool } from "../../functions/adapters/row-spool";
import { apiEvent, seedTestProject, testDeps } from "../support/deps";
import { storeGeneratedResponses } from "../support/generated-responses";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const BUDGET = { seconds: 60, mb: 512 };
type Kind = "csv" | "xlsx" | "read" | "read-write";
type Result = { kind: Kind; seconds: number; cpuSeconds: number; peakMb: number; rows: number; bytes: number };

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

function depsOn(endpoint: string, name: string, dir: string) {
  const doc = DynamoDBDocumentClient.from(localDynamoDbClient(endpoint), { marshallOptions: { removeUndefinedValues: true } });
  const files = folderExportFiles({ dir, baseUrl: "http://localhost:3000", secret: new TextEncoder().encode("bench") });
  return testDeps({ doc, name }, { exportFiles: files, exportSpool: () => fileRowSpool(dir) });
}

/** One export (or baseline) in this process. */
async function child(kind: Kind, endpoint: string, name: string, roundId: string, dir: string): Promise<Result> {
  const deps = depsOn(endpoint, name, dir);
  const t0 = performance.now();
  const c0 = cpu();
  let rows = 0;
  let bytes = 0;
  if (kind === "csv" || kind === "xlsx") {
    const now = new Date().toISOString();
    const id = `bench-${kind}`;
    await deps.stores.exportJobs.create({ id, roundId, format: kind, status: "queued", written: 0, total: 0, createdAt: now, updatedAt: now });
    const job = await runExport(deps, roundId, id);
    if (job?.status !== "done") throw new Error(`export ${kind} ended ${job?.status}: ${job?.error}`);
    rows = job.written;
    bytes = job.bytes ?? 0;
  } else {
    const file = path.join(dir, "rows.jsonl");
    const out = kind === "read-write" ? createWriteStream(file) : undefined;
    for await (const page of deps.stores.responses.pages(roundId, { limit: EXPORT_PAGE_SIZE })) {
      rows += page.length;
      if (out) for (const r of page) if (!out.write(`${JSON.stringify(r)}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    if (out) {
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      bytes = statSync(file).size;
    }
  }
  return { kind, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpu() - c0, peakMb: process.resourceUsage().maxRSS / 1024, rows, bytes };
}

async function main() {
  if (process.argv.includes("--child")) {
    const result = await child(arg("child", "csv") as Kind, arg("endpoint", ""), arg("table", ""), arg("round", ""), arg("dir", ""));
    console.log(`RESULT ${JSON.stringify(result)}`);
    return;
  }
  const responses = Number(arg("responses", "100000"));
  const work = mkdtempSync(path.join(tmpdir(), "kb-bench-exports-"));
  // In memory (100,000 responses are about 200 MB, well within the JVM's default heap here): on disk
  // DynamoDB Local writes them at a few hundred a second.
  const ddb = await startDynamoDbLocal();
  try {
    const client = localDynamoDbClient(ddb.endpoint);
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const name = "bench-exports";
    const { TimeToLiveAttribute: _ttl, ...definition } = tableDefinition(synthRegionTemplate("ostergotland"));
    void _ttl;
    await client.send(new CreateTableCommand({ ...definition, TableName: name } as never));
    const deps = testDeps({ doc, name });
    await seedTestProject(deps);
    const created = await ownerApi(() => deps)(apiEvent("POST /api/rounds", { body: { name: "Nationell export", opensAt: "2026-06-01T08:00:00Z", closesAt: "2026-06-30T08:00:00Z", reminders: [] } }));
    if (created.statusCode !== 201) throw new Error(created.body);
    const roundId = JSON.parse(created.body ?? "{}").id as string;
    const tSeed = performance.now();
    await storeGeneratedResponses(deps.stores, roundId, responses);
    console.error(`[exports] stored ${responses} responses in ${((performance.now() - tSeed) / 1000).toFixed(1)} s`);

    const results: Result[] = [];
    for (const kind of ["read", "read-write", "csv", "xlsx"] as Kind[]) {
      const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", kind, "--endpoint", ddb.endpoint, "--table", name, "--round", roundId, "--dir", work], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT "));
      if (!line) throw new Error(`${kind} failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
      results.push(JSON.parse(line.slice(7)) as Result);
    }

    const read = results.find((r) => r.kind === "read")!;
    const label: Record<Kind, string> = { read: "baseline: paged read, nothing written", "read-write": "baseline: paged read, JSON lines to a file", csv: "CSV export (worker)", xlsx: "XLSX export (worker)" };
    console.log(`\n### Exports of ${responses.toLocaleString("en")} responses (DynamoDB Local, folder stand-in of the bucket)\n`);
    console.log("| run | rows | bytes | time (s) | CPU (s) | peak RSS (MB) | time / read baseline |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of results) {
      console.log(`| ${label[r.kind]} | ${r.rows} | ${r.bytes} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${r.peakMb.toFixed(0)} | ${(r.seconds / read.seconds).toFixed(2)}x |`);
    }
    const csv = results.find((r) => r.kind === "csv")!;
    const xlsx = results.find((r) => r.kind === "xlsx")!;
    const peak = Math.max(csv.peakMb, xlsx.peakMb);
    const met = csv.seconds <= BUDGET.seconds && xlsx.seconds <= BUDGET.seconds && peak <= BUDGET.mb && csv.rows === responses && xlsx.rows === responses;
    console.log(`\nmachine: ${process.platform}, Node ${process.version}; load average at the end ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(
      `SUMMARY exports: csv ${csv.seconds.toFixed(1)} s / xlsx ${xlsx.seconds.toFixed(1)} s, ${peak.toFixed(0)} MB peak, budget ${BUDGET.seconds} s / ${BUDGET.mb} MB, read baseline ${read.seconds.toFixed(1)} s (csv ${(csv.seconds / read.seconds).toFixed(2)}x, xlsx ${(xlsx.seconds / read.seconds).toFixed(2)}x), ${met ? "met" : "missed"}`,
    );
  } finally {
    await ddb.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
