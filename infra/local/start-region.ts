/**
 * `npm start` for one region: the whole product on this machine, no AWS account.
 *
 *   PORT      HTTP port (default 3000)
 *   DATA_DIR  where DynamoDB Local keeps its data and the dev JWT secret lives (default .data)
 *   REGION    region config to synthesize (default ostergotland)
 *   SEED      "0" to skip seeding the demo region on first start
 *   BUILD_WEB "0" to skip building the site when web/dist is missing
 *   EXPORT_SHELF  where the region publishes its signed exports (default <DATA_DIR>/exports)
 */
import { readFileSync } from "node:fs";
import { startLocalStack, type LocalStack } from "./local-stack";

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}
const dataDir = process.env.DATA_DIR ?? ".data";
const off = (v: string | undefined) => v === "0" || v === "false";
const seed = !off(process.env.SEED);

let stack: LocalStack | undefined;
let stopping = false;
let firstSignalAt = 0;
const shutdown = (signal: string) => {
  // Ctrl+C reaches this process both from the terminal and relayed by tsx: a repeat within
  // 3 s is the same request; a later one forces the exit.
  if (stopping && Date.now() - firstSignalAt < 3000) return;
  firstSignalAt ||= Date.now();
  if (stopping || !stack) {
    // Still starting (or asked twice): exit now; DynamoDB Local is killed on exit.
    console.log(`[local] ${signal}: exiting`);
    process.exit(stack ? 130 : 0);
  }
  stopping = true;
  console.log(`[local] ${signal}: stopping ...`);
  const force = setTimeout(() => {
    console.error("[local] did not stop within 10 s; exiting (DynamoDB Local is killed on exit)");
    process.exit(1);
  }, 10_000);
  force.unref();
  stack.stop().then(
    () => {
      console.log("[local] stopped");
      process.exit(0);
    },
    (error) => {
      console.error(`[local] stop failed: ${(error as Error)?.stack ?? error}`);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGHUP", () => shutdown("SIGHUP"));

/**
 * `npm start` runs npm -> sh -> tsx -> this process. A supervisor that sends SIGTERM to npm alone
 * leaves the rest running (npm does not always pass it on), so the ancestors are watched too: when
 * the parent or grandparent goes away, the stack stops as on SIGTERM. Linux (/proc) only.
 */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}
const ancestors = [process.ppid, parentOf(process.ppid)].filter((p): p is number => !!p && p > 1);
const watch = setInterval(() => {
  const gone = ancestors.some((pid) => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  });
  if (gone || process.ppid === 1) {
    clearInterval(watch);
    shutdown("parent process gone");
  }
}, 1000);
watch.unref();

try {
  stack = await startLocalStack({ port, dataDir, seed, buildWeb: !off(process.env.BUILD_WEB), exportDir: process.env.EXPORT_SHELF });
} catch (error) {
  console.error(`[local] could not start: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
}

const t = stack.timings;
const base = stack.url;
console.log(
  [
    "",
    `Kompetensbehov (${stack.regionId}) runs locally, ready in ${(t.total! / 1000).toFixed(1)} s` +
      ` (synth ${t.synth} ms, DynamoDB Local ${t.dynamodb} ms${t.seed !== undefined ? `, seed ${t.seed} ms` : ""})`,
    "",
    `  Site          ${base}/`,
    `  Owner pages   ${base}/owner     (sign in with any e-mail address)`,
    `  Outbox        ${base}/outbox    (invitations and reminders; open a link to answer)`,
    `  API health    ${base}/api/health`,
    "",
    `  DynamoDB      ${stack.dynamodb.endpoint}  table ${stack.tableName}  data in ${stack.dataDir}`,
    `  Step Functions ${stack.sfnEndpoint}`,
    "",
    "Press Ctrl+C to stop.",
    "",
  ].join("\n"),
);

