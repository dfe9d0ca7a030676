/**
 * `npm run bench -- --only submit-path`: the participant's submit against a bare PutItem of an
 * item of the same size on the same DynamoDB Local, p50 and p99 at 1 and 32 concurrent clients,
 * two ways (DESIGN.md, "Budgets": the submit path at most 3x a bare write):
 *
 *   (a) the handler as Lambda runs it: functions/api/participant-api.ts given an API Gateway v2
 *       event in this process, its DynamoDB client the adapter Lambda uses, its log lines written
 *       (to /dev/null); DynamoDB Local in memory, no stream consumer (on AWS it runs elsewhere).
 *   (b) the whole local path over HTTP: `npm start`'s process (tsx infra/local/start.ts, own data
 *       directory, nothing seeded) with its gateway and its stream consumers polling as they do;
 *       each virtual client its own keep-alive connection from its own loopback address (the
 *       per-address rate limit of /api/form, as on AWS, would otherwise stop one address at 300).
 *
 * Calls alternate in phases (bare, submit, bare, submit, ...) so both see the same machine and
 * table size. Each submit uses its own invitation (one response per invitation). Breakdown: the
 * DynamoDB calls of each submit timed by a client middleware, the floor of those calls made bare,
 * the in-process code by subtraction and by micro-timings, the HTTP layer from a route that does
 * no DynamoDB call, and the CPU that the server process and the DynamoDB Local JVM spend per call.
 *
 *   npx tsx test/bench/submit-path.ts [--only a|b] [--profile]   (--profile: a --cpu-prof of the
 *                                                                  local stack's process, top frames)
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { freePort, startDynamoDbLocal } from "../../infra/local/dynamodb-local";
import { repoRoot } from "../../infra/local/template-binding";
import { synthRegionTemplate, tableDefinition } from "../../infra/template";
import { createDocumentClient } from "../../functions/adapters/dynamodb";
import { hashToken } from "../../functions/domain/tokens";
import { answersSchema } from "../../shared/instruments/answers-schema";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import { apiEvent, outbox, seedTestProject, testDeps, tokenFrom } from "../support/deps";
import { organisationRequest, orgNumber, validAnswers } from "../support/fixtures";
import { alternating, ms, p50, p99 } from "./latency";
import { cpuOfTree, httpCall, startStackProcess } from "./stack-process";

const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const answers = validAnswers(instrument, 2);
const BUDGET = 3;
const LEVELS = [
  { clients: 1, phases: 4, perPhase: 50 },
  { clients: 32, phases: 4, perPhase: 5 },
];
const TOKENS_NEEDED = LEVELS.reduce((n, l) => n + l.clients * l.phases * l.perPhase, 0);
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = arg("--only");
const profile = process.argv.includes("--profile");

/** The organisations of the round, as the CSV import takes them. */
function organisationsCsv(count: number, offset: number): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const r = organisationRequest(i, { orgNumber: orgNumber(offset + i) });
    return `${r.orgNumber},Bench ${i} AB,${r.sni},${r.municipality},${r.sizeClass},company,Kontakt ${i},bench${offset + i}@example.se`;
  });
  return ["orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail", ...rows].join("\n");
}

/** The bare baselines on the same table: a PutItem of the response's size, and the submit's DynamoDB calls made bare. */
function bareCalls(doc: DynamoDBDocumentClient, table: string, tokenItem: Record<string, unknown>) {
  const { pk: _pk, sk: _sk, ...rest } = tokenItem;
  const item = (i: string) => ({ ...rest, pk: `BARE#${i}`, sk: "#RESPONSE", type: "response", answers, submittedAt: new Date().toISOString() });
  let n = 0;
  return {
    put: () => doc.send(new PutCommand({ TableName: table, Item: item(`${process.pid}-${n++}`) })),
    /** What submit sends: a GetItem of the token, then a TransactWriteItems (conditional put + condition check). */
    floor: async () => {
      await doc.send(new GetCommand({ TableName: table, Key: { pk: tokenItem.pk, sk: tokenItem.sk } }));
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: item(`F${process.pid}-${n++}`), ConditionExpression: "attribute_not_exists(pk)" } },
            { ConditionCheck: { TableName: table, Key: { pk: tokenItem.pk, sk: tokenItem.sk }, ConditionExpression: "attribute_exists(pk)" } },
          ],
        }),
      );
    },
  };
}

type Row = { level: string; what: string; p50: number; p99: number; ratio50?: number; ratio99?: number };
const rows: Row[] = [];
const breakdown: string[] = [];
const verdicts: string[] = [];

function printRows(title: string, list: Row[]) {
  console.log(`\n${title}\n`);
  console.log("| clients | call | p50 | p99 | x bare p50 | x bare p99 |");
  console.log("|---:|---|---:|---:|---:|---:|");
  for (const r of list) console.log(`| ${r.level} | ${r.what} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.ratio50 ? r.ratio50.toFixed(2) + "x" : ""} | ${r.ratio99 ? r.ratio99.toFixed(2) + "x" : ""} |`);
}

/** Time spent in `fn`, mean over `n` calls, in ms. */
function micro(n: number, fn: () => unknown): number {
  for (let i = 0; i < 50; i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - t) / n;
}

// ---------------------------------------------------------------------------------------------
// (a) the handler in this process

async function inProcess() {
  // Lambda writes log lines to stdout; here they go to /dev/null, still written line by line.
  const devNull = openSync("/dev/null", "w");
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (text.startsWith('{"level"')) {
      writeSync(devNull, text);
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  const ddb = await startDynamoDbLocal();
  try {
    const name = "bench-submit";
    const doc = createDocumentClient(ddb.endpoint);
    const { TimeToLiveAttribute: _ttl, ...def } = tableDefinition(synthRegionTemplate("ostergotland"));
    await doc.send(new CreateTableCommand({ ...def, TableName: name } as never));
    // The DynamoDB calls of each request, timed where the SDK sends them.
    const spans = new AsyncLocalStorage<{ command: string; ms: number }[]>();
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const t = performance.now();
        try {
          return await next(args);
        } finally {
          spans.getStore()?.push({ command: String(context.commandName), ms: performance.now() - t });
        }
      },
      { step: "initialize", name: "benchSpans" },
    );
    const deps = testDeps({ doc, name }, { k: 5 });
    await seedTestProject(deps);
    const { ownerApi } = await import("../../functions/api/owner-api");
    const { participantApi } = await import("../../functions/api/participant-api");
    const { roundTasks } = await import("../../functions/workflow/tasks");
    const owner = ownerApi(() => deps);
    const participant = participantApi(() => deps);

    const imported = await owner(apiEvent("POST /api/organisations/import", { body: organisationsCsv(TOKENS_NEEDED, 500000), contentType: "text/csv" }));
    if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body}`);
    const now = Date.now();
    const created = await owner(apiEvent("POST /api/rounds", { body: { name: "Bench", opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString() } }));
    if (created.statusCode !== 201) throw new Error(`round: ${created.body}`);
    const roundId = JSON.parse(created.body!).id;
    await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
    while (!(await roundTasks.invite(deps, { roundId })).complete);
    const tokens = (await outbox(deps.table)).filter((m) => m.roundId === roundId).map((m) => tokenFrom(m.text));
    if (tokens.length < TOKENS_NEEDED) throw new Error(`${tokens.length} invitations, ${TOKENS_NEEDED} needed`);
    const tokenItem = (await doc.send(new GetCommand({ TableName: name, Key: { pk: `TOKEN#${hashToken(tokens.at(-1)!)}`, sk: "#TOKEN" } }))).Item!;
    const bare = bareCalls(doc, name, tokenItem);
    for (let i = 0; i < 100; i++) await bare.put(); // warm the JVM and the connections

    let next = 0;
    const perRequest: { total: number; get: number; tx: number }[] = [];
    const submit = async () => {
      const token = tokens[next++]!;
      const recorded: { command: string; ms: number }[] = [];
      const t = performance.now();
      const res = await spans.run(recorded, () => participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers } })));
      const total = performance.now() - t;
      if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
      // GetItemCommand / TransactWriteItemsCommand (the document client's commands run as these).
      const sum = (c: RegExp) => recorded.filter((s) => c.test(s.command)).reduce((a, s) => a + s.ms, 0);
      perRequest.push({ total, get: sum(/^Get/), tx: sum(/^TransactWrite/) });
    };
    const list: Row[] = [];
    for (const l of LEVELS) {
      perRequest.length = 0;
      const { a: puts, b: submits } = await alternating(l.clients, l.phases, l.perPhase, bare.put, submit);
      const { b: floors } = await alternating(l.clients, 2, l.perPhase, bare.put, bare.floor);
      const row: Row = { level: String(l.clients), what: "submit (handler in process)", p50: p50(submits), p99: p99(submits), ratio50: p50(submits) / p50(puts), ratio99: p99(submits) / p99(puts) };
      list.push({ level: String(l.clients), what: "bare PutItem, same item size", p50: p50(puts), p99: p99(puts) });
      list.push(row);
      list.push({ level: String(l.clients), what: "bare GetItem + TransactWriteItems (the submit's calls)", p50: p50(floors), p99: p99(floors), ratio50: p50(floors) / p50(puts), ratio99: p99(floors) / p99(puts) });
      const met = row.ratio50! <= BUDGET && row.ratio99! <= BUDGET;
      verdicts.push(`(a) ${l.clients} client${l.clients > 1 ? "s" : ""} ${row.ratio50!.toFixed(2)}x p50 / ${row.ratio99!.toFixed(2)}x p99 ${met ? "met" : "missed"}`);
      const med = (f: (r: (typeof perRequest)[number]) => number) => p50(perRequest.map(f));
      breakdown.push(
        `| (a) ${l.clients} | ${ms(med((r) => r.total))} | ${ms(med((r) => r.get))} | ${ms(med((r) => r.tx))} | ${ms(med((r) => r.total - r.get - r.tx))} |`,
      );
    }
    rows.push(...list);
    printRows(`(a) Submit as Lambda runs the handler (in process, DynamoDB Local in memory, no stream consumer); budget ${BUDGET}x at p50 and p99`, list);

    // What the code between the calls costs, timed alone (means).
    const body = JSON.stringify({ answers });
    const schema = answersSchema(instrument, "submit");
    const { logger } = await import("../../functions/observability/logger");
    const parts = {
      "JSON.parse of the body": micro(2000, () => JSON.parse(body)),
      "answers validation (zod, submit mode)": micro(2000, () => schema.safeParse(JSON.parse(body).answers)),
      "token hash (sha256)": micro(2000, () => hashToken(tokens[0]!)),
      "one log line (Powertools, to /dev/null)": micro(2000, () => logger.info("request", { correlationId: "x", route: "POST /api/form/submit", status: 201, durationMs: 1 })),
    };
    console.log("\n(a) The in-process code between the DynamoDB calls, each part timed alone (mean of 2,000)\n");
    console.log("| part | time |");
    console.log("|---|---:|");
    for (const [k, v] of Object.entries(parts)) console.log(`| ${k} | ${(v * 1000).toFixed(1)} µs |`);
    doc.destroy();
  } finally {
    await ddb.stop();
    process.stdout.write = write;
    closeSync(devNull);
  }
}

// ---------------------------------------------------------------------------------------------
// (b) the local stack over HTTP

async function overHttp() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kb-submit-"));
  const port = await freePort();
  const { child, dynamodb } = await startStackProcess(dataDir, port, profile);
  const base = `http://127.0.0.1:${port}`;
  try {
    const post = async (route: string, body: string, type: string, token?: string) => {
      const res = await fetch(`${base}${route}`, { method: "POST", headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
      if (!res.ok) throw new Error(`POST ${route}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    const { token } = await post("/api/dev/sign-in", JSON.stringify({ email: "bench@example.se", groups: ["region-admins"] }), "application/json");
    const project = await post("/api/projects", JSON.stringify({ name: "Bench", kind: "region" }), "application/json", token);
    await fetch(`${base}/api/projects/${project.id}/members`, { method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ email: "bench@example.se", role: "project-owner" }) });
    await post("/api/organisations/import", organisationsCsv(TOKENS_NEEDED, 600000), "text/csv", token);
    const now = Date.now();
    const round = await post("/api/rounds", JSON.stringify({ name: "Bench", opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString() }), "application/json", token);
    await post(`/api/rounds/${round.id}/launch`, "", "application/json", token);
    let tokens: string[] = [];
    for (let i = 0; i < 600 && tokens.length < TOKENS_NEEDED; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const { items } = (await (await fetch(`${base}/api/dev/outbox?limit=1000`)).json()) as { items: { roundId?: string; text: string }[] };
      tokens = items.filter((m) => m.roundId === round.id).map((m) => tokenFrom(m.text));
    }
    if (tokens.length < TOKENS_NEEDED) throw new Error(`${tokens.length} invitations reached the outbox, ${TOKENS_NEEDED} needed`);
    // Let the stream consumers catch up with the set-up, as a round that has been open a while.
    await new Promise((r) => setTimeout(r, 3000));

    const doc = createDocumentClient(dynamodb);
    const table = "kompetensbehov-ostergotland";
    const tokenItem = (await doc.send(new GetCommand({ TableName: table, Key: { pk: `TOKEN#${hashToken(tokens.at(-1)!)}`, sk: "#TOKEN" } }))).Item!;
    const bare = bareCalls(doc, table, tokenItem);
    for (let i = 0; i < 100; i++) await bare.put();
    const agents = Array.from({ length: 32 }, (_, i) => new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${10 + i}` }));
    const json = { "content-type": "application/json", host: `127.0.0.1:${port}` };
    let next = 0;
    const submit = async (c: number) => {
      const res = await httpCall(agents[c]!, port, "POST", "/api/form/submit", { ...json, [FORM_TOKEN_HEADER]: tokens[next++]! }, JSON.stringify({ answers }));
      if (res.status !== 201) throw new Error(`submit over HTTP: ${res.status} ${res.body}`);
    };
    const noDynamo = async (c: number) => {
      const res = await httpCall(agents[c]!, port, "GET", "/api/retention", { host: json.host });
      if (res.status !== 200) throw new Error(`GET /api/retention: ${res.status}`);
    };
    for (let c = 0; c < 32; c++) await noDynamo(c); // open the connections
    const list: Row[] = [];
    const cpu: string[] = [];
    // What the stack costs with no request at all: its stream consumers polling, nothing else.
    const i0 = cpuOfTree(child.pid!);
    await new Promise((r) => setTimeout(r, 5000));
    const i1 = cpuOfTree(child.pid!);
    cpu.push(`| 0 (idle 5 s) | none | ${(((i1.node - i0.node) * 1000) / 5).toFixed(0)} ms per s | ${(((i1.jvm - i0.jvm) * 1000) / 5).toFixed(0)} ms per s |`);
    for (const l of LEVELS) {
      const c0 = cpuOfTree(child.pid!);
      const t0 = performance.now();
      const { a: puts, b: submits } = await alternating(l.clients, l.phases, l.perPhase, bare.put, submit);
      const wall = (performance.now() - t0) / 1000;
      const c1 = cpuOfTree(child.pid!);
      const { a: gets, b: floors } = await alternating(l.clients, 2, l.perPhase, noDynamo, bare.floor);
      list.push({ level: String(l.clients), what: "bare PutItem, same item size", p50: p50(puts), p99: p99(puts) });
      const row: Row = { level: String(l.clients), what: "POST /api/form/submit over HTTP", p50: p50(submits), p99: p99(submits), ratio50: p50(submits) / p50(puts), ratio99: p99(submits) / p99(puts) };
      list.push(row);
      list.push({ level: String(l.clients), what: "bare GetItem + TransactWriteItems (the submit's calls)", p50: p50(floors), p99: p99(floors), ratio50: p50(floors) / p50(puts), ratio99: p99(floors) / p99(puts) });
      list.push({ level: String(l.clients), what: "GET /api/retention over HTTP (no DynamoDB call)", p50: p50(gets), p99: p99(gets), ratio50: p50(gets) / p50(puts), ratio99: p99(gets) / p99(puts) });
      verdicts.push(`(b) ${l.clients} client${l.clients > 1 ? "s" : ""} ${row.ratio50!.toFixed(2)}x p50 / ${row.ratio99!.toFixed(2)}x p99`);
      const calls = puts.length + submits.length;
      cpu.push(
        `| ${l.clients} | ${calls} (${puts.length} bare, ${submits.length} submits) in ${wall.toFixed(1)} s | ${(((c1.node - c0.node) * 1000) / submits.length).toFixed(2)} ms | ${(((c1.jvm - c0.jvm) * 1000) / calls).toFixed(2)} ms |`,
      );
      breakdown.push(`| (b) ${l.clients} | ${ms(row.p50)} | | | (HTTP route without DynamoDB: ${ms(p50(gets))}) |`);
    }
    rows.push(...list);
    printRows("(b) Submit over HTTP through the local stack of `npm start` (its gateway, its stream consumers polling every 250 ms); no budget: reported", list);
    console.log("\n(b) CPU of the local stack while the submit and bare calls ran (2 cores shared by everything)\n");
    console.log("| clients | calls | stack's Node process per submit | DynamoDB Local JVM per call (bare and submit, stream polls and consumer writes included) |");
    console.log("|---:|---|---:|---:|");
    console.log(cpu.join("\n"));
    for (const a of agents) a.destroy();
    doc.destroy();
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (profile) printProfile(path.join(dataDir, "profile"));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The heaviest frames (self time) of the local stack's CPU profile, by function and file. */
function printProfile(dir: string) {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  } catch {
    /* no profile written */
  }
  if (!files.length) return console.log("\n(no CPU profile was written)");
  const prof = JSON.parse(readFileSync(path.join(dir, files[0]!), "utf8")) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const file = f.url.replace(/^file:\/\//, "").replace(repoRoot + "/", "");
    const key = `${f.functionName || "(anonymous)"} ${file}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const area = f.functionName === "(idle)" ? "idle" : f.functionName === "(garbage collector)" ? "garbage collector" : /node_modules\/(@aws-sdk|@smithy)/.test(file) ? "AWS SDK" : /node_modules\/zod/.test(file) ? "zod" : /node_modules\/@aws-lambda-powertools/.test(file) ? "logger" : /^node:|^$/.test(file) ? "Node internals (http, streams, crypto)" : /node_modules/.test(file) ? "other packages" : "product code";
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
  });
  console.log(`\n(b) --cpu-prof of the local stack's process over the whole run (${(total / 1e6).toFixed(1)} s sampled)\n`);
  console.log("| area | self time | share |");
  console.log("|---|---:|---:|");
  for (const [k, v] of [...byArea].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${(v / 1e3).toFixed(0)} ms | ${((100 * v) / total).toFixed(1)} % |`);
  console.log("\n| top frames (self) | time |");
  console.log("|---|---:|");
  for (const [k, v] of [...self].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${k.replace(/\|/g, "\\|")} | ${(v / 1e3).toFixed(0)} ms |`);
}

if (only !== "b") await inProcess();
if (only !== "a") await overHttp();
console.log("\nBreakdown of a submit (medians per request; the DynamoDB calls timed at the client)\n");
console.log("| way, clients | submit | GetItem (token) | TransactWriteItems | rest: code between the calls, event loop wait |");
console.log("|---|---:|---:|---:|---:|");
console.log(breakdown.join("\n"));
const aMet = verdicts.filter((v) => v.startsWith("(a)")).every((v) => v.endsWith("met"));
console.log(`SUMMARY submit-path: ${verdicts.join("; ")}; budget ${BUDGET}x for (a): ${only === "b" ? "not run" : aMet ? "met" : "missed"}; (b) reported`);
