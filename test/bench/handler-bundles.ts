/**
 * Part of `npm run bench`: each deployed handler's bundle, built by the CDK synth exactly as it
 * is deployed (minified ESM, AWS SDK external), and its cold module load: a fresh Node process
 * importing the bundle, against two baselines built the same way, in the same run and interleaved
 * with it: an empty handler (what Node itself costs) and a bundle that only imports the SDK clients
 * the handlers use (what any handler of this product costs at least). Prints a markdown table and
 * one SUMMARY line; no budget (DESIGN.md sets none), so the figures are the record.
 *   npx tsx test/bench/handler-bundles.ts        (RUNS=7 fresh processes per bundle by default)
 */
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "../../infra/constructs/paths";
import { functionEnvironment, functionHandlers, synthRegionTemplate } from "../../infra/template/index";

const RUNS = Number(process.env.RUNS ?? 7);
// Inside the repo, so the bundles resolve the external AWS SDK from node_modules as Lambda's runtime does.
const outdir = path.join(repoRoot, ".bench-out");
fs.rmSync(outdir, { recursive: true, force: true });

const template = synthRegionTemplate("ostergotland", { bundle: true, outdir });
const handlers = Object.entries(functionHandlers(template)).map(([id, handler]) => {
  const key = String(template.Resources[id].Properties!.Code.S3Key).replace(/\.zip$/, "");
  // Tokens resolve offline to placeholders; a cold start only needs values of the right shape.
  const env = { ...functionEnvironment(template, handler), SITE_URL: "https://example.org" };
  return { handler, file: path.join(outdir, `asset.${key}`, "index.mjs"), env };
});

const baseline = path.join(outdir, "baseline", "index.mjs");
fs.mkdirSync(path.dirname(baseline), { recursive: true });
const baselineSource = path.join(outdir, "baseline", "entry.ts");
fs.writeFileSync(
  baselineSource,
  `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nimport { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";\nimport { SFNClient } from "@aws-sdk/client-sfn";\nimport { SESv2Client } from "@aws-sdk/client-sesv2";\nconst doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nexport const handler = async () => [doc, new SFNClient({}), new SESv2Client({})].length;\n`,
);
await build({ entryPoints: [baselineSource], outfile: baseline, bundle: true, platform: "node", format: "esm", target: "node22", minify: true, external: ["@aws-sdk/*"], logLevel: "silent" });
const empty = path.join(outdir, "empty", "index.mjs");
fs.mkdirSync(path.dirname(empty), { recursive: true });
fs.writeFileSync(empty, "export const handler = async () => ({ statusCode: 200 });\n");

function coldLoadMs(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH, AWS_REGION: "eu-north-1", ...env } });
  return Number(out.toString().trim().split("\n").pop());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const emptyTimes: number[] = [];
const baselineTimes: number[] = [];
const measured: { handler: string; bytes: number; gzip: number; cold: number }[] = [];
for (const h of handlers.sort((a, b) => a.handler.localeCompare(b.handler))) {
  const code = fs.readFileSync(h.file);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so the baselines see the same machine load as the handlers.
    (i % 2 ? baselineTimes : emptyTimes).push(coldLoadMs(i % 2 ? baseline : empty, {}));
    times.push(coldLoadMs(h.file, h.env));
  }
  measured.push({ handler: h.handler, bytes: code.length, gzip: gzipSync(code).length, cold: median(times) });
}
const emptyMs = median(emptyTimes);
const base = median(baselineTimes);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`\nHandler bundles (${handlers.length}, minified ESM as deployed, AWS SDK external; cold module load: median of ${RUNS} fresh Node ${process.version} processes)\n`);
console.log("| handler | bundle | gzipped | cold load | minus empty handler | x SDK-only baseline |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const m of measured)
  console.log(`| ${m.handler} | ${kib(m.bytes)} | ${kib(m.gzip)} | ${m.cold.toFixed(1)} ms | ${(m.cold - emptyMs).toFixed(1)} ms | ${(m.cold / base).toFixed(2)}x |`);
console.log(`| (empty handler) | | | ${emptyMs.toFixed(1)} ms | 0 | ${(emptyMs / base).toFixed(2)}x |`);
console.log(`| (SDK clients only) | | | ${base.toFixed(1)} ms | ${(base - emptyMs).toFixed(1)} ms | 1.00x |`);
const medianCold = median(measured.map((m) => m.cold));
const slowest = measured.reduce((a, b) => (b.cold > a.cold ? b : a));
const largest = measured.reduce((a, b) => (b.bytes > a.bytes ? b : a));
console.log(
  `SUMMARY handler-bundles: ${measured.length} handlers, largest ${largest.handler} ${kib(largest.bytes)} (${kib(largest.gzip)} gz); ` +
    `cold load median ${medianCold.toFixed(1)} ms = ${(medianCold / emptyMs).toFixed(1)}x an empty handler (${emptyMs.toFixed(1)} ms), ${(medianCold / base).toFixed(2)}x the SDK clients alone (${base.toFixed(1)} ms); ` +
    `slowest ${slowest.handler} ${slowest.cold.toFixed(1)} ms; no budget set`,
);
fs.rmSync(outdir, { recursive: true, force: true });
