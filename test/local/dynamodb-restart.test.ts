/**
 * DynamoDB Local dies under a running local stack: the health check says so, the supervisor
 * starts it again on the same port and database file, and every write it acknowledged is there.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { cachedTemplate } from "../support/dynamodb";

describe("DynamoDB Local killed under the local stack", () => {
  let dataDir: string;
  let stack: LocalStack;
  let base: string;
  const lines: string[] = [];
  const health = async () => {
    const res = await fetch(`${base}/api/health`);
    return { status: res.status, json: (await res.json()) as any };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-local-restart-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, buildWeb: false, template: cachedTemplate(), log: (l) => lines.push(l) });
    base = `http://127.0.0.1:${stack.port}`;
  });

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("reports the table down, comes back on its own, and keeps every acknowledged write", async () => {
    expect(await health()).toEqual({ status: 200, json: { ok: true, region: "ostergotland", table: "ok" } });
    const doc = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamodb.endpoint));
    const acknowledged: number[] = [];
    for (let i = 0; i < 200; i++) {
      await doc.send(new PutCommand({ TableName: stack.tableName, Item: { pk: "CRASHTEST", sk: `N#${String(i).padStart(4, "0")}`, i } }));
      acknowledged.push(i);
    }

    const killed = stack.dynamodb.pid;
    const down = stack.dynamodb.exited;
    process.kill(killed, "SIGKILL");
    await down;
    // Before the supervisor's new process answers, the health check must not say ok.
    const during = await health();
    expect(during.status).toBe(503);
    expect(during.json.error.code).toBe("table_unreachable");

    const deadline = Date.now() + 90_000;
    while ((await health()).status !== 200) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not come back:\n${lines.slice(-5).join("\n")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(stack.dynamodb.pid).not.toBe(killed);
    expect(stack.dynamodb.restarts).toBe(1);

    const stored = await doc.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "CRASHTEST" }, ConsistentRead: true }));
    expect((stored.Items ?? []).map((x) => x.i)).toEqual(acknowledged);
    doc.destroy();
  });
});
