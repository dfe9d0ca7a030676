/**
 * The local stack of `npm start` (infra/local/local-stack.ts): started in this process on a free
 * port with a temp data dir (no seed), then restarted as `npm start` would run it (a child process
 * of infra/local/start.ts on the same data dir) to see a RUNNING execution re-run from the top.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, LOCAL_CREDENTIALS, localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from "../../infra/local/dev-auth";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { orgNumber } from "../../infra/local/seed-demo";
import { repoRoot } from "../../infra/local/template-binding";
import { cachedTemplate } from "../support/dynamodb";
import { SCHEMA_VERSION } from "../../functions/migrations";

const OWNER = "test.owner@example.se";
const CSV = [
  "orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail",
  `${orgNumber("556987601")},Testverkstaden AB,25110,0580,10-49,company,Test Person,test.person@testverkstaden.example.se`,
  `${orgNumber("556987602")},Provbageriet AB,10710,0581,0-9,company,Prov Person,prov.person@provbageriet.example.se`,
].join("\n");

async function waitFor<T>(fn: () => Promise<T | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("local stack (npm start)", () => {
  let dataDir: string;
  let stack: LocalStack;
  let base: string;
  let token: string;
  const lines: string[] = [];

  const api = async (method: string, p: string, init: { body?: unknown; csv?: string; auth?: string | null } = {}) => {
    const headers: Record<string, string> = {};
    const auth = init.auth === undefined ? token : init.auth;
    if (auth) headers.authorization = `Bearer ${auth}`;
    let body: string | undefined;
    if (init.csv !== undefined) {
      headers["content-type"] = "text/csv";
      body = init.csv;
    } else if (init.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.body);
    }
    const res = await fetch(`${base}${p}`, { method, headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };

  const createRound = async (name: string, opensInMs: number) => {
    const now = Date.now();
    const created = await api("POST", "/api/rounds", {
      body: { name, opensAt: new Date(now + opensInMs).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString(), reminders: [] },
    });
    expect(created.status, created.text).toBe(201);
    const launched = await api("POST", `/api/rounds/${created.json.id}/launch`);
    expect(launched.status, launched.text).toBe(202);
    return created.json.id as string;
  };

  const invitationsOf = async (roundId: string) => {
    const outbox = await api("GET", "/api/dev/outbox?limit=1000", { auth: null });
    return (outbox.json.items as { kind: string; roundId: string; text: string }[]).filter((m) => m.kind === "invitation" && m.roundId === roundId);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-local-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: (l) => lines.push(l) });
    base = `http://127.0.0.1:${stack.port}`;
  });

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("brings the table to the code's schema version before it serves", async () => {
    const doc = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamodb.endpoint));
    const item = (await doc.send(new GetCommand({ TableName: stack.tableName, Key: { pk: "META", sk: "#SCHEMA" } }))).Item;
    expect(item?.version).toBe(SCHEMA_VERSION);
    expect(lines.join("\n")).toMatch(/migration 1 \(organisation-unit\)/);
  });

  it("answers the health check", async () => {
    const res = await api("GET", "/api/health", { auth: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, region: "ostergotland", table: "ok" });
    expect(res.headers.get("apigw-requestid")).toBeTruthy();
  });

  it("serves the OpenAPI document of the template's routes without sign-in", async () => {
    const res = await api("GET", "/api/openapi.json", { auth: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(res.json.paths)).toContain("/api/form");
  });

  it("refuses owner routes without a valid token, as the JWT authorizer does", async () => {
    const none = await api("GET", "/api/rounds", { auth: null });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: { code: "unauthorized" } });

    const garbage = await api("GET", "/api/rounds", { auth: "not-a-jwt" });
    expect(garbage.status).toBe(401);

    const forged = await new SignJWT({ email: OWNER, "cognito:groups": ["region-admins"], "custom:region": "ostergotland", token_use: "id" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("x")
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("some other secret"));
    expect((await api("GET", "/api/rounds", { auth: forged })).status).toBe(401);
  });

  it("signs an owner in with POST /api/dev/sign-in", async () => {
    const bad = await api("POST", "/api/dev/sign-in", { body: { email: "not an address" }, auth: null });
    expect(bad.status).toBe(400);
    expect((await api("POST", "/api/dev/sign-in", { body: { email: OWNER, groups: ["owners"] }, auth: null })).status).toBe(400);
    const res = await api("POST", "/api/dev/sign-in", { body: { email: OWNER, groups: ["region-admins"] }, auth: null });
    expect(res.status).toBe(200);
    token = res.json.token;
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ email: OWNER, "cognito:groups": ["region-admins"], "custom:region": "ostergotland", token_use: "id" });
    expect(claims.exp - claims.iat).toBe(8 * 3600);
    // The same address always gets the same subject.
    const again = await api("POST", "/api/dev/sign-in", { body: { email: OWNER.toUpperCase() }, auth: null });
    expect(JSON.parse(Buffer.from(again.json.token.split(".")[1], "base64url").toString()).sub).toBe(claims.sub);

    const rounds = await api("GET", "/api/rounds");
    expect(rounds.status).toBe(200);
    expect(rounds.json).toEqual({ items: [] });
    // The region admin makes a project and owns it, so the rounds below have a project.
    const project = await api("POST", "/api/projects", { body: { name: "Lokalt projekt", kind: "region" } });
    expect(project.status, project.text).toBe(201);
    expect((await api("PUT", `/api/projects/${project.json.id}/members`, { body: { email: OWNER, role: "project-owner" } })).status).toBe(200);
    expect((await api("GET", "/api/me")).json).toMatchObject({ email: OWNER, regionAdmin: true, projects: [{ id: project.json.id, role: "project-owner" }] });
  });

  it("signs the region config's first admins in as region admins, as the deploy makes them", async () => {
    const res = await api("POST", "/api/dev/sign-in", { body: { email: "kompetensforsorjning@ostergotland.kompetensbehov.se" }, auth: null });
    const claims = JSON.parse(Buffer.from(res.json.token.split(".")[1]!, "base64url").toString());
    expect(claims["cognito:groups"]).toEqual(["region-admins"]);
    const plain = await api("POST", "/api/dev/sign-in", { body: { email: "someone@example.se" }, auth: null });
    expect(JSON.parse(Buffer.from(plain.json.token.split(".")[1]!, "base64url").toString())["cognito:groups"]).toEqual([]);
  });

  it("serves the built site with an SPA fallback", async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toMatch(/text\/html/);
    const html = await index.text();
    expect(html).toMatch(/<script[^>]+src="\/assets\//);
    const deep = await fetch(`${base}/owner/rounds/whatever`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${base}${asset}`, { headers: { "accept-encoding": "gzip" } });
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect(js.headers.get("cache-control")).toMatch(/immutable/);
    expect((await fetch(`${base}/assets/missing-file.js`)).status).toBe(404);
    expect((await fetch(`${base}/../../package.json`)).status).not.toBe(500);
  });

  it("answers an unknown /api route with a 404 JSON error", async () => {
    const res = await api("GET", "/api/nothing/here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.json).toMatchObject({ error: { code: "not-found" } });
    const wrongMethod = await api("DELETE", "/api/rounds");
    expect(wrongMethod.status).toBe(404);
  });

  it("refuses a CSV import over its 3 MB limit with 413", async () => {
    const res = await api("POST", "/api/organisations/import", { csv: "x".repeat(3 * 1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: { code: "too-large" } });
  });

  it("runs a survey round's execution through the local Step Functions endpoint", async () => {
    const imported = await api("POST", "/api/organisations/import", { csv: CSV });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json, imported.text).toMatchObject({ imported: 2, errors: [] });

    // Launch: the owner handler's SFNClient calls StartExecution on SFN_ENDPOINT.
    const roundId = await createRound("Körning lokalt", -1000);
    const invitations = await waitFor(async () => {
      const found = await invitationsOf(roundId);
      return found.length === 2 && found;
    }, "the invitations of the round");
    expect(invitations[0]!.text).toContain(`${stack.url}/f#`);

    const sfn = new SFNClient({ endpoint: stack.sfnEndpoint, region: "eu-north-1", credentials: LOCAL_CREDENTIALS });
    try {
      const round = (await api("GET", `/api/rounds/${roundId}`)).json;
      const arn = stack.stateMachineArns.SurveyRound!;
      expect(arn).toBe("arn:aws:states:eu-north-1:000000000000:stateMachine:SurveyRound");
      const list = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
      const execution = list.executions!.find((e) => e.name!.startsWith(roundId));
      expect(execution).toBeDefined();
      if (round.executionArn) expect(round.executionArn).toBe(execution!.executionArn);
      // After inviting it waits for the next reminder/closing time: still running.
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: execution!.executionArn }));
      expect(described.status).toBe("RUNNING");
      expect(JSON.parse(described.input!)).toEqual({ roundId });
      await expect(
        sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: execution!.name, input: JSON.stringify({ roundId: "other" }) })),
      ).rejects.toMatchObject({ name: "ExecutionAlreadyExists" });
    } finally {
      sfn.destroy();
    }
  });

  it("prepares an export in the background and serves its signed link, refusing a tampered one", async () => {
    const created = await api("POST", "/api/rounds", { body: { name: "Export lokalt", opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } });
    expect(created.status, created.text).toBe(201);
    const asked = await api("POST", `/api/rounds/${created.json.id}/exports`, { body: { format: "csv" } });
    expect(asked.status, asked.text).toBe(202);
    const done = await waitFor(async () => {
      const job = (await api("GET", `/api/rounds/${created.json.id}/exports/${asked.json.id}`)).json;
      return job.status === "done" && job;
    }, "the export");
    const file = await fetch(done.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain(`omgang-${created.json.id}.csv`);
    // The BOM as bytes: a text() read would drop it.
    expect(Buffer.from(await file.arrayBuffer()).toString("latin1")).toMatch(/^\xEF\xBB\xBForgNumber,orgName/);
    const tampered = new URL(done.url);
    tampered.searchParams.set("expires", String(Number(tampered.searchParams.get("expires")) + 3600));
    expect((await fetch(tampered)).status).toBe(403);
  });

  it("re-runs a RUNNING execution from the top after a restart", async () => {
    // A round opening in a few seconds: its execution waits in WaitUntilNext when the stack stops.
    const roundId = await createRound("Omstart", 6000);
    const execSk = await waitFor(async () => {
      const list = await new SFNClient({ endpoint: stack.sfnEndpoint, region: "eu-north-1", credentials: LOCAL_CREDENTIALS }).send(
        new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.SurveyRound!, statusFilter: "RUNNING" }),
      );
      const e = list.executions!.find((x) => x.name!.startsWith(roundId));
      return e && `SurveyRound#${e.name}`;
    }, "the round's execution");
    expect(await invitationsOf(roundId)).toHaveLength(0);
    const firstJava = stack.dynamodb.pid;
    await stack.stop();
    expect(pidAlive(firstJava)).toBe(false);

    // Restart as `npm start` runs it, on the same data directory.
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "infra/local/start.ts")], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED: "0", BUILD_WEB: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    let dynamoEndpoint = "";
    try {
      base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/api/health`)).ok, "the restarted stack", 90_000).catch((e) => {
        throw new Error(`${e.message}\n${output}`);
      });
      await waitFor(async () => new RegExp(`re-running \\d+ execution.*${roundId}`).test(output), "the re-run of the execution");
      // The re-run execution waits until the round opens, then invites: the invitations arrive.
      const invitations = await waitFor(async () => {
        const found = await invitationsOf(roundId);
        return found.length === 2 && found;
      }, "the invitations after the restart");
      expect(invitations[0]!.text).toContain(`http://localhost:${port}/f#`);

      const dynamoPort = Number(/DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      expect(dynamoPort).toBeGreaterThan(0);
      dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
      const client = localDynamoDbClient(dynamoEndpoint);
      const doc = DynamoDBDocumentClient.from(client);
      const { Item } = await doc.send(new GetCommand({ TableName: "kompetensbehov-ostergotland", Key: { pk: "LOCALEXEC", sk: execSk } }));
      client.destroy();
      expect(Item).toMatchObject({ status: "RUNNING", runs: 2 });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- npm start output ---\n${output}`);
    } finally {
      child.kill("SIGTERM");
    }
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 15_000))]);
    expect(code, output).toBe(0);
    expect(output).toMatch(/stopped/);
    // No DynamoDB Local is left behind.
    const probe = localDynamoDbClient(dynamoEndpoint);
    await expect(probe.send(new ListTablesCommand({}))).rejects.toThrow();
    probe.destroy();
  }, 150_000);
});
