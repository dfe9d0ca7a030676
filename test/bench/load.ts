/**
 * `npx tsx test/bench/load.ts [--participants 200] [--seconds 60] [--think 300] [--invitations 1500] [--faults rate=0.05,timeout=0.2]`
 *
 * Virtual participants (test/support/load-run.ts) on loopback against the local stack, run in
 * this process: a baseline (GET /api/health, one DynamoDB read, at the same concurrency, no
 * pause), then the participants' steps without faults, then with the fault setting on
 * (infra/local/dynamodb-faults.ts), each on its own round; after each, the stored-exactly-once
 * check (test/support/load-round.ts). The load generator shares this process with the stack, so
 * the figures are the whole machine's, not the server's alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startLocalStack } from "../../infra/local/local-stack";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { validAnswers } from "../support/fixtures";
import { checkStoredOnce, launchLoadRound, type StoredCheck } from "../support/load-round";
import { runLoad, STEPS, type LoadResult } from "../support/load-run";
import { ms, p50, p99 } from "./latency";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const PARTICIPANTS = Number(arg("--participants", "200"));
const SECONDS = Number(arg("--seconds", "60"));
const THINK_MS = Number(arg("--think", "300"));
const INVITATIONS = Number(arg("--invitations", "1500"));
const FAULTS = arg("--faults", "rate=0.05,throttle=0.5,timeout=0.2,seed=1");

/** GET /api/health from `clients` connections (own loopback addresses), as fast as they answer, for `seconds`. */
async function baseline(port: number, clients: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.9.${Math.floor(c / 254)}.${(c % 254) + 1}` });
      while (performance.now() < deadline) {
        const t = performance.now();
        const status = await new Promise<number>((resolve) => {
          const req = request({ host: "127.0.0.1", port, path: "/api/health", agent, headers: { host: `127.0.0.1:${port}` } }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          req.on("error", () => resolve(0));
          req.end();
        });
        latencies.push(performance.now() - t);
        if (status !== 200) errors++;
      }
      agent.destroy();
    }),
  );
  return { latencies, errors, wallMs: performance.now() - t0 };
}

const rows: string[] = [];
function addRows(run: string, result: LoadResult) {
  for (const step of STEPS) {
    const f = result.steps[step];
    if (!f.latencies.length) continue;
    rows.push(`| ${run} | ${step} | ${f.latencies.length} | ${((f.latencies.length * 1000) / result.wallMs).toFixed(1)} | ${ms(p50(f.latencies))} | ${ms(p99(f.latencies))} | ${f.client} | ${f.server + f.broken} |`);
  }
}
const checkLine = (run: string, c: StoredCheck) =>
  `| ${run} | ${c.counts.accepted} | ${c.counts["stored-earlier"]} | ${c.counts.unsure} | ${c.stored} | ${c.lost} | ${c.duplicated} | ${c.storedThoughRefused} | ${c.submittedCount} / ${c.aggregateSubmitted} / ${c.invitationsSubmitted} |`;

const dataDir = mkdtempSync(path.join(tmpdir(), "kb-load-bench-"));
const stack = await startLocalStack({ port: 0, dataDir, seed: false, buildWeb: false, log: () => {} });
try {
  const base = `http://127.0.0.1:${stack.port}`;
  const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
  const tSetup = Date.now();
  const [plain, faulty] = await Promise.all([
    launchLoadRound(base, stack.dynamodb.endpoint, stack.tableName, INVITATIONS, 900_000),
    launchLoadRound(base, stack.dynamodb.endpoint, stack.tableName, INVITATIONS, 950_000),
  ]);
  console.log(`set-up: two rounds of ${INVITATIONS} invitations in ${((Date.now() - tSetup) / 1000).toFixed(0)} s`);

  const health = await baseline(stack.port, PARTICIPANTS, Math.min(10, SECONDS));
  rows.push(`| baseline | GET /api/health | ${health.latencies.length} | ${((health.latencies.length * 1000) / health.wallMs).toFixed(1)} | ${ms(p50(health.latencies))} | ${ms(p99(health.latencies))} | 0 | ${health.errors} |`);

  const plan = { port: stack.port, participants: PARTICIPANTS, durationMs: SECONDS * 1000, answers: validAnswers(instrument, 2), thinkMs: THINK_MS };
  const noFaults = await runLoad({ ...plan, tokens: plain.tokens, addressBase: 20 });
  const noFaultsCheck = await checkStoredOnce(stack.dynamodb.endpoint, stack.tableName, plain.roundId, noFaults.outcomes, 300_000);
  addRows("no faults", noFaults);

  stack.faults.set(FAULTS);
  const withFaults = await runLoad({ ...plan, tokens: faulty.tokens, addressBase: 60 });
  const injected = stack.faults.counts();
  stack.faults.set(undefined);
  const withFaultsCheck = await checkStoredOnce(stack.dynamodb.endpoint, stack.tableName, faulty.roundId, withFaults.outcomes, 300_000);
  addRows(`faults ${FAULTS}`, withFaults);

  console.log(`\nLoad: ${PARTICIPANTS} virtual participants, ${SECONDS} s, ${THINK_MS} ms pause before each step, 2 drafts per journey (local stack in this process, node ${process.version})\n`);
  console.log("| run | step | requests | throughput/s | p50 | p99 | 4xx | 5xx or broken |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|");
  console.log(rows.join("\n"));
  console.log(`\nInjected with faults on: ${JSON.stringify(injected)}`);
  console.log(`Journeys: ${noFaults.journeys} without faults (${noFaults.tokensLeft} invitations left), ${withFaults.journeys} with faults (${withFaults.tokensLeft} left)\n`);
  console.log("| run | accepted (2xx) | 409 after a 5xx | only 5xx | stored | lost | duplicated | stored though refused | round / aggregate / invitations submitted |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
  console.log(checkLine("no faults", noFaultsCheck));
  console.log(checkLine("faults", withFaultsCheck));

  const submits = noFaults.steps.submit;
  const rps = (submits.ok * 1000) / noFaults.wallMs;
  const lost = noFaultsCheck.lost + withFaultsCheck.lost;
  const duplicated = noFaultsCheck.duplicated + withFaultsCheck.duplicated;
  const cleanRun = STEPS.every((s) => noFaults.steps[s].server + noFaults.steps[s].broken === 0);
  const met = lost === 0 && duplicated === 0 && noFaultsCheck.storedThoughRefused + withFaultsCheck.storedThoughRefused === 0 && cleanRun;
  const ratio = p99(submits.latencies) / p99(health.latencies);
  console.log(
    `SUMMARY load: ${noFaultsCheck.counts.accepted + withFaultsCheck.counts.accepted} submissions, ${rps.toFixed(1)}/s, p99 ${p99(submits.latencies).toFixed(0)} ms (${ratio.toFixed(2)}x GET /api/health p99 at ${PARTICIPANTS} clients), lost ${lost}, duplicated ${duplicated}, budget lost 0 / duplicated 0 / no 5xx without faults: ${met ? "met" : "missed"}`,
  );
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
