/**
 * The seeded demo region (infra/local/seed-demo.ts): the rounds it shows, and the handlers' logs.
 * Every line the local stack's handlers write while the demo is seeded and its forms are read is
 * captured and held against the demo's e-mail addresses, person names and link tokens, read from
 * the table.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { logger } from "../../functions/observability/logger";
import { cachedTemplate } from "../support/dynamodb";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import { DEMO_OWNER } from "../../infra/local/seed-demo";
import { latestVersion } from "../../shared/instruments";
import { TrendsView } from "../../shared/schemas/trends";

describe("handler logs of the demo region", () => {
  let dataDir: string;
  let stack: LocalStack;
  const output: string[] = [];
  const items: Record<string, unknown>[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      // Captured, not echoed: the demo writes a few hundred lines.
      stream.write = ((chunk: unknown) => {
        output.push(String(chunk));
        return true;
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
    logger.setLogLevel("INFO");
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-logs-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: true, template: cachedTemplate(), log: () => {} });
    // Open every invitation link once, so the form routes (the token in their header) are in the logs too.
    const doc = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamodb.endpoint));
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    for (const t of tokensOf(items)) await fetch(`${stack.url}/api/form`, { headers: { [FORM_TOKEN_HEADER]: t } });
    logger.setLogLevel("WARN");
    for (const r of restore) r();
  }, 300_000);

  afterAll(async () => {
    for (const r of restore) r(); // again, in case beforeAll failed before it restored them
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const tokensOf = (all: Record<string, unknown>[]) =>
    all.filter((i) => i.pk === "OUTBOX").flatMap((m) => [...String(m.text).matchAll(/\/f#([A-Za-z0-9_-]{16,})/g)].map((x) => x[1]));
  const logLines = () =>
    output
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      })
      .filter((l) => l.service === "kompetensbehov");

  it("seeds two released rounds before the open one, on two instrument versions, so the region's trends have two points", async () => {
    const signIn = await fetch(`${stack.url}/api/dev/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: DEMO_OWNER }) });
    const { token } = (await signIn.json()) as { token: string };
    const get = async <T>(p: string) => (await (await fetch(`${stack.url}${p}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const rounds = (await get<{ items: { projectId: string; status: string; instrumentId: string; instrumentVersion: number; name: string }[] }>("/api/rounds")).items.filter(
      (r) => r.instrumentId === "skills-needs",
    );
    const closed = rounds.filter((r) => r.status === "closed");
    expect(new Set(closed.map((r) => r.instrumentVersion))).toEqual(new Set([1, latestVersion("skills-needs")]));
    expect(rounds.find((r) => r.status !== "closed")?.instrumentVersion).toBe(latestVersion("skills-needs"));
    const trends = TrendsView.parse(await get(`/api/projects/${encodeURIComponent(closed[0]!.projectId)}/trends`));
    expect(trends.rounds.map((r) => r.name)).toEqual([expect.stringContaining("2024"), expect.stringContaining("2025")]);
    expect(trends.series.length).toBeGreaterThan(0);
    for (const s of trends.series) for (const c of s.columns) expect(c.points).toHaveLength(2);
  });

  it("logs requests and workflow tasks, each line with a correlation id", () => {
    const lines = logLines();
    expect(lines.some((l) => l.message === "request" && l.route === "GET /api/form" && l.status === 200)).toBe(true);
    expect(lines.some((l) => l.message === "workflow task done" && l.task === "invite")).toBe(true);
    for (const l of lines) expect(l.correlationId, JSON.stringify(l)).toEqual(expect.any(String));
  });

  it("holds none of the demo's e-mail addresses, person names or link tokens", () => {
    const secrets = new Set<string>();
    for (const i of items) {
      for (const field of ["email", "to", "name", "contactEmail", "contactName"]) {
        const v = i[field];
        if (typeof v === "string" && v.length > 3 && (String(i.sk).startsWith("PERSON#") || String(i.sk).startsWith("INV#") || i.pk === "OUTBOX")) secrets.add(v);
      }
    }
    for (const t of tokensOf(items)) secrets.add(t);
    expect(secrets.size).toBeGreaterThan(20);
    const text = logLines().map((l) => JSON.stringify(l)).join("\n");
    expect(text.length).toBeGreaterThan(0);
    expect([...secrets].filter((s) => text.includes(s))).toEqual([]);
  });
});
