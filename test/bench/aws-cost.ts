/**
 * `npm run bench -- --only aws-cost`: what a round and its responses would cost on AWS, from what
 * the local stack COUNTS while it runs them, at the eu-north-1 list prices of aws-prices.ts.
 *
 *   npx tsx test/bench/aws-cost.ts [--invitations 500] [--respondents 200]
 *
 * The local stack of `npm start` runs in this process with its instrument hooks (infra/local/
 * local-stack.ts): every handler invocation with its duration (billed as Lambda bills it: rounded
 * up to the millisecond, at the function's memory size from the synthesized template), every
 * event of every Step Functions execution (state transitions = StateEntered and StateRetried, as
 * Standard workflows bill them), and the handlers' DynamoDB calls through a proxy in front of
 * DynamoDB Local that asks each call for ReturnConsumedCapacity TOTAL and sums what it reports.
 * SES messages are the outbox's mails; API Gateway requests are the HTTP route invocations.
 *
 * Phases: the round (import, create, launch, invitations), the responses (each respondent opens
 * the form, saves one draft and submits, from its own loopback address; the stream consumers
 * count them), the close (close, aggregate, notify). Per 1,000 responses = the response phase
 * scaled; per round = all three phases of a round with `invitations` invited and `respondents`
 * answering. Durations are this machine's (2 shared cores, Node 20, DynamoDB Local), not Lambda's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startLocalStack } from "../../infra/local/local-stack";
import { synthTemplate } from "../../infra/local/template-binding";
import { functionHandlers } from "../../infra/template";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import { organisationRequest, orgNumber, validAnswers } from "../support/fixtures";
import { tokenFrom } from "../support/deps";
import { HOW_READ, NOT_COUNTED, PRICES, READ_ON, SOURCES } from "./aws-prices";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const INVITATIONS = arg("invitations", 500);
const RESPONDENTS = Math.min(arg("respondents", 200), INVITATIONS);
const REGION = "ostergotland";

type Counts = {
  invocations: Map<string, { n: number; billedMs: number }>;
  transitions: number;
  rcu: number;
  wcu: number;
  dynamoCalls: number;
  dynamoCallsWithoutCapacity: number;
  mails: number;
};
const fresh = (): Counts => ({ invocations: new Map(), transitions: 0, rcu: 0, wcu: 0, dynamoCalls: 0, dynamoCallsWithoutCapacity: 0, mails: 0 });
let counts = fresh();

const CAPACITY_OPS = new Set(["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems"]);
const READ_OPS = new Set(["GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"]);

/** A proxy in front of DynamoDB Local that asks every data call for its consumed capacity and adds it up. */
function capacityProxy(target: string): Promise<Server> {
  const to = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let body = Buffer.concat(chunks);
      const op = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      if (CAPACITY_OPS.has(op)) {
        // DynamoDB Local does not check signatures, so the body can gain a field.
        body = Buffer.from(JSON.stringify({ ...JSON.parse(body.toString("utf8")), ReturnConsumedCapacity: "TOTAL" }));
      }
      const headers = { ...req.headers, "content-length": String(body.length) };
      const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers, agent }, (answer) => {
        const out: Buffer[] = [];
        answer.on("data", (c) => out.push(c));
        answer.on("end", () => {
          const text = Buffer.concat(out);
          if (CAPACITY_OPS.has(op)) {
            counts.dynamoCalls++;
            try {
              const parsed = JSON.parse(text.toString("utf8")) as { ConsumedCapacity?: unknown };
              const list = ([] as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }[]).concat((parsed.ConsumedCapacity as never) ?? []);
              if (!list.length && (answer.statusCode ?? 500) < 300) counts.dynamoCallsWithoutCapacity++;
              for (const c of list) {
                if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
                  counts.rcu += c.ReadCapacityUnits ?? 0;
                  counts.wcu += c.WriteCapacityUnits ?? 0;
                } else if (READ_OPS.has(op)) counts.rcu += c.CapacityUnits ?? 0;
                else counts.wcu += c.CapacityUnits ?? 0;
              }
            } catch {
              counts.dynamoCallsWithoutCapacity++;
            }
          }
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          res.end(text);
        });
      });
      up.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      up.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function call(agent: Agent | undefined, base: URL, method: string, route: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, method, path: route, agent, headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const template = await synthTemplate(REGION);
  const memoryOf = new Map<string, number>();
  for (const [id, handler] of Object.entries(functionHandlers(template))) memoryOf.set(handler, Number(template.Resources[id]!.Properties?.MemorySize ?? 128));

  const dataDir = mkdtempSync(path.join(tmpdir(), "kb-cost-"));
  let proxy: Server | undefined;
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    seed: false,
    buildWeb: false,
    template,
    regionId: REGION,
    log: () => {},
    instrument: {
      onInvocation(handler, ms) {
        const c = counts.invocations.get(handler) ?? { n: 0, billedMs: 0 };
        c.n++;
        c.billedMs += Math.max(1, Math.ceil(ms));
        counts.invocations.set(handler, c);
      },
      onExecutionEvent(_machine, type) {
        if (type === "StateEntered" || type === "StateRetried") counts.transitions++;
      },
      async handlerDynamoDbEndpoint(endpoint) {
        proxy = await capacityProxy(endpoint);
        return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      },
    },
  });
  // The handlers' log lines (one per request and task) are written as on Lambda, but not shown.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")).startsWith('{"level"') ? true : write(chunk, ...rest)) as typeof process.stdout.write;

  const base = new URL(stack.url.replace("localhost", "127.0.0.1"));
  const host = { host: `127.0.0.1:${base.port}` };
  const phases: { name: string; counts: Counts; seconds: number }[] = [];
  const outboxCount = async (roundId: string) => {
    const { items } = JSON.parse((await call(undefined, base, "GET", "/api/dev/outbox?limit=1000", host)).text) as { items: { roundId?: string; text: string }[] };
    return items.filter((m) => m.roundId === roundId);
  };
  const settle = async () => {
    // The stream consumers and executions have caught up when nothing is counted for a while.
    let last = -1;
    for (let i = 0; i < 120; i++) {
      await sleep(1000);
      const now = [...counts.invocations.values()].reduce((a, c) => a + c.n, 0) + counts.dynamoCalls + counts.transitions;
      if (now === last) return;
      last = now;
    }
  };
  try {
    const owner = await stack.signIn("cost@example.se", ["region-admins"]);
    const auth = { ...host, "content-type": "application/json", authorization: `Bearer ${owner}` };
    const post = async (route: string, body: unknown, type = "application/json") => {
      const res = await call(undefined, base, "POST", route, { ...auth, "content-type": type }, typeof body === "string" ? body : JSON.stringify(body));
      if (res.status >= 300) throw new Error(`POST ${route}: ${res.status} ${res.text}`);
      return JSON.parse(res.text || "null");
    };
    const project = await post("/api/projects", { name: "Kostnad", kind: "region" });
    await call(undefined, base, "PUT", `/api/projects/${project.id}/members`, auth, JSON.stringify({ email: "cost@example.se", role: "project-owner" }));
    await settle();

    // 1. The round: import, create, launch, invitations.
    counts = fresh();
    let t = performance.now();
    const rows = Array.from({ length: INVITATIONS }, (_, i) => {
      const r = organisationRequest(i, { orgNumber: orgNumber(700000 + i) });
      return `${r.orgNumber},Kostnad ${i} AB,${r.sni},${r.municipality},${r.sizeClass},company,Kontakt ${i},cost${i}@example.se`;
    });
    await post("/api/organisations/import", ["orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail", ...rows].join("\n"), "text/csv");
    const now = Date.now();
    const round = await post("/api/rounds", { name: "Kostnad", opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString() });
    await post(`/api/rounds/${round.id}/launch`, "");
    let mails: { text: string }[] = [];
    for (let i = 0; i < 600 && mails.length < INVITATIONS; i++) {
      await sleep(500);
      mails = await outboxCount(round.id);
    }
    await settle();
    counts.mails = mails.length;
    phases.push({ name: "round: import, create, launch, invite", counts, seconds: (performance.now() - t) / 1000 });

    // 2. The responses: open, one draft, submit; from 50 loopback addresses (the per-address limit of /api/form).
    counts = fresh();
    t = performance.now();
    const tokens = mails.map((m) => tokenFrom(m.text)).slice(0, RESPONDENTS);
    const agents = Array.from({ length: 50 }, (_, i) => new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${20 + i}` }));
    const answers = validAnswers(getInstrument("skills-needs", latestVersion("skills-needs"))!, 1);
    // Few at a time: each invocation's duration here is what one Lambda instance would bill, not a wait for a shared core.
    const WORKERS = 2;
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        for (let i = w; i < tokens.length; i += WORKERS) {
          const agent = agents[i % agents.length]!;
          const h = { ...host, "content-type": "application/json", [FORM_TOKEN_HEADER]: tokens[i]! };
          for (const [method, route, body] of [
            ["GET", "/api/form", undefined],
            ["PUT", "/api/form/draft", JSON.stringify({ answers })],
            ["POST", "/api/form/submit", JSON.stringify({ answers })],
          ] as const) {
            const res = await call(agent, base, method, route, h, body);
            if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${res.text}`);
          }
        }
      }),
    );
    await settle();
    phases.push({ name: `responses: ${tokens.length} x (open, draft, submit)`, counts, seconds: (performance.now() - t) / 1000 });
    agents.forEach((a) => a.destroy());

    // 3. The close: close, aggregate, notify.
    counts = fresh();
    t = performance.now();
    const before = (await outboxCount(round.id)).length;
    await post(`/api/rounds/${round.id}/close`, "");
    for (let i = 0; i < 120; i++) {
      await sleep(1000);
      const r = JSON.parse((await call(undefined, base, "GET", `/api/rounds/${round.id}`, auth)).text);
      if (r.status === "closed") break;
    }
    await settle();
    counts.mails = (await outboxCount(round.id)).length - before;
    phases.push({ name: "close: close, aggregate, notify", counts, seconds: (performance.now() - t) / 1000 });
  } finally {
    process.stdout.write = write;
    await stack.stop();
    proxy?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  // The bill of each phase.
  type Bill = { lambda: number; requests: number; gbSeconds: number; dynamo: number; sfn: number; ses: number; api: number; total: number };
  const bill = (c: Counts): Bill => {
    let requests = 0;
    let gbSeconds = 0;
    let api = 0;
    for (const [handler, { n, billedMs }] of c.invocations) {
      requests += n;
      gbSeconds += (billedMs / 1000) * ((memoryOf.get(handler) ?? 512) / 1024);
      if (handler.startsWith("api/")) api += n;
    }
    const lambda = requests * PRICES.lambdaRequest + gbSeconds * PRICES.lambdaArmGbSecond;
    const dynamo = c.rcu * PRICES.dynamoDbReadRequestUnit + c.wcu * PRICES.dynamoDbWriteRequestUnit;
    const sfn = c.transitions * PRICES.stepFunctionsTransition;
    const ses = c.mails * PRICES.sesMessage;
    const apiCost = api * PRICES.httpApiRequest;
    return { lambda, requests, gbSeconds, dynamo, sfn, ses, api: apiCost, total: lambda + dynamo + sfn + ses + apiCost };
  };
  const usd = (n: number) => `$${n < 0.01 ? n.toFixed(5) : n.toFixed(4)}`;

  console.log(`\nCounted on the local stack (${INVITATIONS} invitations, ${RESPONDENTS} respondents), by phase\n`);
  console.log("| phase | wall | Lambda invocations | billed GB-s | DynamoDB RRU | DynamoDB WRU | SFN transitions | SES mails | HTTP API requests |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const p of phases) {
    const b = bill(p.counts);
    const api = [...p.counts.invocations].filter(([h]) => h.startsWith("api/")).reduce((a, [, c]) => a + c.n, 0);
    console.log(`| ${p.name} | ${p.seconds.toFixed(1)} s | ${b.requests} | ${b.gbSeconds.toFixed(2)} | ${p.counts.rcu.toFixed(1)} | ${p.counts.wcu.toFixed(1)} | ${p.counts.transitions} | ${p.counts.mails} | ${api} |`);
  }
  console.log("\nLambda invocations by function (all phases; memory from the synthesized template)\n");
  console.log("| function | memory | invocations | billed ms (sum) | mean ms |");
  console.log("|---|---:|---:|---:|---:|");
  const all = new Map<string, { n: number; billedMs: number }>();
  for (const p of phases) for (const [h, c] of p.counts.invocations) all.set(h, { n: (all.get(h)?.n ?? 0) + c.n, billedMs: (all.get(h)?.billedMs ?? 0) + c.billedMs });
  for (const [h, c] of [...all].sort((a, b) => b[1].billedMs - a[1].billedMs)) console.log(`| ${h} | ${memoryOf.get(h) ?? "?"} MB | ${c.n} | ${c.billedMs} | ${(c.billedMs / c.n).toFixed(1)} |`);
  const missing = phases.reduce((a, p) => a + p.counts.dynamoCallsWithoutCapacity, 0);
  const calls = phases.reduce((a, p) => a + p.counts.dynamoCalls, 0);
  if (missing) console.log(`\nnote: ${missing} of ${calls} DynamoDB calls reported no consumed capacity`);

  const [roundPhase, responsePhase, closePhase] = phases.map((p) => bill(p.counts)) as [Bill, Bill, Bill];
  const scale = (b: Bill, f: number): Bill => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v * f])) as Bill;
  const per1000 = scale(responsePhase, 1000 / Math.max(1, RESPONDENTS));
  const perRound = [roundPhase, responsePhase, closePhase].reduce((a, b) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + b[k as keyof Bill]])) as Bill);
  console.log(`\nAWS cost at eu-north-1 list prices (USD; read ${READ_ON}, ${HOW_READ})\n`);
  console.log("| component | per 1,000 responses | per round (" + `${INVITATIONS} invited, ${RESPONDENTS} answering) |`);
  console.log("|---|---:|---:|");
  for (const [label, key] of [["Lambda (requests + arm64 GB-s)", "lambda"], ["DynamoDB on-demand (RRU + WRU)", "dynamo"], ["Step Functions Standard (transitions)", "sfn"], ["SES (mails)", "ses"], ["API Gateway HTTP API (requests)", "api"], ["total", "total"]] as const)
    console.log(`| ${label} | ${usd(per1000[key])} | ${usd(perRound[key])} |`);
  console.log(`\nPrices: ${Object.values(SOURCES).join(", ")}. Not counted: ${NOT_COUNTED}; S3 requests (none on these paths: the site's files come through CloudFront).`);
  console.log(`SUMMARY aws-cost: ${usd(per1000.total)} per 1,000 responses, ${usd(perRound.total)} per ${INVITATIONS}-invitation round with ${RESPONDENTS} answering (eu-north-1 list prices as read ${READ_ON}); no budget set`);
}

await main();
