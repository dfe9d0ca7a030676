/**
 * Several regions side by side and their consortium, each region its own local stack (own
 * process, own DynamoDB Local and data dir, own demo data in its own municipalities), the
 * consortium reading the regions' signed exports from a shared shelf folder.
 *
 *   CONSORTIUM  consortium of infra/config/consortia.ts (default ostra-mellansverige)
 *   REGIONS     region ids, comma-separated (default: the consortium's members)
 *   PORT        the first region's port (default 3000); region i gets PORT + i, the consortium PORT + 10
 *   DATA_DIR    data root (default .data): regions under <DATA_DIR>/regions/<id>, the shelf under <DATA_DIR>/consortium
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { consortiumConfig } from "../config/consortia";
import { regionConfig } from "../config/regions";
import { startLocalConsortium } from "./consortium-server";
import { ensureWebBuilt } from "./static-site";
import { repoRoot } from "./template-binding";

const consortium = consortiumConfig(process.env.CONSORTIUM ?? "ostra-mellansverige");
const regionIds = process.env.REGIONS ? process.env.REGIONS.split(",").map((s) => s.trim()).filter(Boolean) : consortium.members.map((m) => m.regionId);
for (const id of regionIds) regionConfig(id);
const basePort = Number(process.env.PORT ?? 3000);
const dataRoot = path.resolve(process.env.DATA_DIR ?? ".data");
const shelf = path.join(dataRoot, "consortium", "shelf");
const webDist = path.join(repoRoot, "web", "dist");
const log = (line: string) => console.log(`[consortium] ${line}`);

// Built once here, not by five processes at once.
if (process.env.BUILD_WEB !== "0") ensureWebBuilt(webDist, repoRoot, log);

const children = new Map<string, ChildProcess>();
let stopping = false;
const stopAll = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 12_000).unref();
  Promise.all([...children.values()].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r))))).then(() => process.exit(code));
};
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function startRegion(id: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "infra/local/start-region.ts")], {
      cwd: repoRoot,
      env: { ...process.env, REGION: id, PORT: String(port), DATA_DIR: path.join(dataRoot, "regions", id), EXPORT_SHELF: shelf, BUILD_WEB: "0", REGIONS: "", CONSORTIUM: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.set(id, child);
    let ready = false;
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        console.log(`[${id}] ${line}`);
        if (!ready && line.includes("runs locally, ready")) {
          ready = true;
          resolve();
        }
      }
    };
    child.stdout!.on("data", relay);
    child.stderr!.on("data", relay);
    child.once("exit", (code) => {
      if (!ready) reject(new Error(`region ${id} stopped before it was ready (exit ${code})`));
      else if (!stopping) {
        log(`region ${id} stopped (exit ${code}); stopping the others`);
        stopAll(1);
      }
    });
  });
}

/** The region's public key, from the key file its local stack made (the KMS key's public half on AWS). */
function publicKeyOf(id: string): string {
  const file = path.join(dataRoot, "regions", id, "export-signing-key.pem");
  if (!existsSync(file)) throw new Error(`region ${id} has no signing key at ${file}`);
  return createPublicKey(createPrivateKey(readFileSync(file, "utf8"))).export({ type: "spki", format: "pem" }).toString();
}

try {
  const started = Date.now();
  log(`starting ${regionIds.join(", ")} ...`);
  await Promise.all(regionIds.map((id, i) => startRegion(id, basePort + i)));
  const server = await startLocalConsortium({
    port: basePort + 10,
    name: consortium.displayName,
    members: regionIds.map((id) => ({ id, name: regionConfig(id).displayName, publicKeyPem: publicKeyOf(id), dir: path.join(shelf, id) })),
    webDist,
  });
  console.log(
    [
      "",
      `${consortium.displayName}: ${regionIds.length} regions and their consortium run locally, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      "",
      ...regionIds.map((id, i) => `  ${regionConfig(id).displayName.padEnd(22)} http://localhost:${basePort + i}/owner`),
      `  ${"Consortium".padEnd(22)} ${server.url}/konsortium`,
      "",
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
} catch (error) {
  console.error(`[consortium] could not start: ${(error as Error)?.stack ?? error}`);
  stopAll(1);
}
