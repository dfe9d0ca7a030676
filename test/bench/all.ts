/**
 * `npm run bench`: every benchmark of test/bench/, one child process each, in this order. Each
 * step's own output (its tables) passes through as it comes; every line a step prints that starts
 * `SUMMARY ` is collected, and the end prints them together as one table. A step that fails (exit
 * code other than 0, or no SUMMARY line) is reported as failed and the others still run.
 *
 *   npm run bench                         # all of them
 *   npm run bench -- --only submit-path   # one (or several: --only a,b)
 *   npm run bench -- --list               # the steps and whether their script exists
 *
 * Steps whose script is not in the tree (benches other branches add) are skipped, saying so.
 * Exit code: 1 when a step that ran failed, else 0 (a missed budget is a figure, not a failure).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

interface Step {
  name: string;
  /** The script in test/bench/. */
  file: string;
  args?: string[];
  /** Another command run first (the site build the bundle figures read). */
  before?: string[];
}

export const STEPS: Step[] = [
  { name: "bundles", file: "bundle-report.ts", before: ["npm", "run", "build"] },
  { name: "handler-bundles", file: "handler-bundles.ts" },
  { name: "submit-path", file: "submit-path.ts" },
  { name: "run", file: "run.ts" },
  { name: "aws-cost", file: "aws-cost.ts" },
  { name: "first-step", file: "first-step-timing.ts", args: ["--runs", "3"] },
  { name: "release-protection", file: "release-protection.ts" },
  // Added on other branches; run when their script is in the tree.
  { name: "national-round", file: "national-round.ts" },
  { name: "exports", file: "exports.ts" },
  { name: "release-scale", file: "release-scale.ts" },
  { name: "load", file: "load.ts" },
  { name: "fuzz", file: "fuzz.ts" },
];

type Outcome = { name: string; status: "ok" | "failed" | "skipped"; seconds: number; summaries: string[]; note?: string };

function run(cmd: string, args: string[], onLine: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repo, stdio: ["ignore", "pipe", "inherit"], env: process.env });
    let rest = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      const text = rest + chunk.toString("utf8");
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      lines.forEach(onLine);
    });
    child.on("error", () => resolve(127));
    child.on("close", (code) => {
      if (rest) onLine(rest);
      resolve(code ?? 1);
    });
  });
}

async function runStep(step: Step): Promise<Outcome> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (!existsSync(path.join(here, step.file))) return { name: step.name, status: "skipped", seconds: 0, summaries: [], note: `test/bench/${step.file} is not in this tree` };
  console.log(`\n## ${step.name}: tsx test/bench/${step.file} ${(step.args ?? []).join(" ")}\n`);
  if (step.before) {
    const code = await run(step.before[0]!, step.before.slice(1), () => {});
    if (code !== 0) return { name: step.name, status: "failed", seconds: seconds(), summaries: [], note: `\`${step.before.join(" ")}\` exited ${code}` };
  }
  const summaries: string[] = [];
  const tsx = path.join(repo, "node_modules", ".bin", "tsx");
  const code = await run(tsx, [path.join("test", "bench", step.file), ...(step.args ?? [])], (line) => {
    if (line.startsWith("SUMMARY ")) summaries.push(line.slice("SUMMARY ".length).trim());
  });
  if (code !== 0) return { name: step.name, status: "failed", seconds: seconds(), summaries, note: `exited ${code}` };
  if (!summaries.length) return { name: step.name, status: "failed", seconds: seconds(), summaries, note: "printed no SUMMARY line" };
  return { name: step.name, status: "ok", seconds: seconds(), summaries };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  if (process.argv.includes("--list")) {
    for (const s of STEPS) console.log(`${s.name.padEnd(20)} test/bench/${s.file}${existsSync(path.join(here, s.file)) ? "" : "  (not in this tree)"}`);
    return;
  }
  const only = arg("--only")?.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((n) => !STEPS.some((s) => s.name === n)) ?? [];
  if (unknown.length) {
    console.error(`unknown bench ${unknown.join(", ")}; the steps are ${STEPS.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  const steps = only ? STEPS.filter((s) => only.includes(s.name)) : STEPS;
  const outcomes: Outcome[] = [];
  for (const step of steps) outcomes.push(await runStep(step));

  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const lines = ["", "## Summary", "", "| bench | status | time | summary |", "|---|---|---:|---|"];
  for (const o of outcomes) {
    const rows = o.summaries.length ? o.summaries : [o.note ?? ""];
    rows.forEach((s, i) =>
      lines.push(`| ${i ? "" : o.name} | ${i ? "" : o.status + (o.note && o.summaries.length ? ` (${o.note})` : "")} | ${i ? "" : o.status === "skipped" ? "" : `${o.seconds.toFixed(0)} s`} | ${cell(s)} |`),
    );
  }
  console.log(lines.join("\n"));
  if (outcomes.some((o) => o.status === "failed")) process.exitCode = 1;
}

await main();
