/** The local stack as its own process, for the benchmarks that measure it over HTTP (submit-path.ts). */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { type Agent, request } from "node:http";
import * as path from "node:path";
import { repoRoot } from "../../infra/local/template-binding";

/** CPU seconds (user + system) of `root` and its descendants, split into the JVM and the rest. */
export function cpuOfTree(root: number): { jvm: number; node: number } {
  const stats = new Map<number, { ppid: number; cpu: number; java: boolean }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      stats.set(Number(entry), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100, java: cmd.includes("DynamoDBLocal") });
    } catch {
      /* gone */
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 20; p = stats.get(p)?.ppid, hops++) if (p === root) return true;
    return false;
  };
  const out = { jvm: 0, node: 0 };
  for (const [pid, s] of stats) if (inTree(pid)) out[s.java ? "jvm" : "node"] += s.cpu;
  return out;
}

/** `npm start`'s process (nothing seeded, the site not built), resolved once it is ready; `profile`: with --cpu-prof. */
export async function startStackProcess(dataDir: string, port: number, profile = false): Promise<{ child: ChildProcess; dynamodb: string }> {
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED: "0", BUILD_WEB: "0" };
  const tsxLoader = ["--import", "tsx"];
  const child = profile
    ? spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${path.join(dataDir, "profile")}`, ...tsxLoader, "infra/local/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(path.join(repoRoot, "node_modules/.bin/tsx"), ["infra/local/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr!.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      // The request log lines of `npm start` are read and dropped, as a terminal would take them.
      if (out.length < 100_000) out += d.toString();
      const endpoint = /DynamoDB\s+(http:\/\/\S+)/.exec(out)?.[1];
      if (endpoint && out.includes("Press Ctrl+C to stop.")) resolve({ child, dynamodb: endpoint });
    });
    child.on("exit", (code) => reject(new Error(`the local stack exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
  });
}

/** One request on `agent`'s keep-alive connection. */
export function httpCall(agent: Agent, port: number, method: string, route: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path: route, agent, headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
