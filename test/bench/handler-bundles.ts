/**
 * Part of `npm run bench`: each deployed handler's bundle, built by the CDK synth exactly as it
 * is deployed (minified ESM, AWS SDK external), and its cold module load: a fresh Node process
 * importing the bundle, against a baseline bundle that only imports the SDK clients the handlers
 * use, in the same run and interleaved with it. Prints figures, not pass/fail.
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

function coldLoadMs(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH, AWS_REGION: "eu-north-1", ...env } });
  return Number(out.toString().trim().split("\n").pop());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const baselineTimes: number[] = [];
const rows: string[] = [];
for (const h of handlers.sort((a, b) => a.handler.localeCompare(b.handler))) {
  const code = fs.readFileSync(h.file);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baselineTimes.push(coldLoadMs(baseline, {}));
    times.push(coldLoadMs(h.file, h.env));
  }
  rows.push(`  ${h.handler.padEnd(34)} ${(code.length / 1024).toFixed(1).padStart(6)} KB  ${(gzipSync(code).length / 1024).toFixed(1).padStart(5)} KB gz  cold load ${median(times).toFixed(1).padStart(6)} ms`);
}
const base = median(baselineTimes);
console.log(`\nHandler bundles (${handlers.length}, minified ESM as deployed; cold module load: median of ${RUNS} fresh Node ${process.version} processes)`);
console.log(rows.join("\n"));
console.log(`  baseline (the SDK clients alone)   cold load ${base.toFixed(1)} ms; handlers ${
  (median(rows.map((r) => Number(r.match(/cold load\s+([\d.]+)/)![1]))) / base).toFixed(2)
}x the baseline at the median`);
fs.rmSync(outdir, { recursive: true, force: true });
