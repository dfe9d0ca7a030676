import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PutItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportTable, importTable, scanAll, TableNotEmptyError } from "../../infra/ops/table-backup";
import { createTestTable, type TestTable } from "../support/dynamodb";

/** Items of every attribute type the stores write, and more than one batch and one scan page would hold. */
function items(): Record<string, AttributeValue>[] {
  const out: Record<string, AttributeValue>[] = [];
  for (let i = 0; i < 60; i++) {
    out.push({
      pk: { S: `ROUND#r${i % 7}` },
      sk: { S: `INV#p${i}` },
      gsi1pk: { S: "ROUNDS" },
      gsi1sk: { S: `2026-12-0${(i % 9) + 1}T10:00:00.000Z` },
      name: { S: `Åsa Öberg ${i} – "quoted"\n` },
      count: { N: String(i * 1.5) },
      expiresAt: { N: "1893456000" },
      tags: { SS: ["a", `t${i}`] },
      ns: { NS: ["1", "2.25"] },
      nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }, { N: "-0.001" }] }, empty: { S: "" } } },
      blob: { B: new Uint8Array([0, 255, i]) },
      pad: { S: "x".repeat(20_000) },
    });
  }
  return out;
}

const sorted = (xs: Record<string, AttributeValue>[]) =>
  [...xs].sort((a, b) => `${a.pk.S}|${a.sk.S}`.localeCompare(`${b.pk.S}|${b.sk.S}`));

async function all(t: TestTable) {
  const out: Record<string, AttributeValue>[] = [];
  for await (const item of scanAll(t.client, t.tableName)) out.push(item);
  return out;
}

describe("restore procedure (docs/runbook.md): export a table to a file, import it into a fresh table", () => {
  let source: TestTable;
  let target: TestTable;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kb-backup-")), "table.jsonl");

  beforeAll(async () => {
    source = await createTestTable("restore-src");
    target = await createTestTable("restore-dst");
    for (const Item of items()) await source.client.send(new PutItemCommand({ TableName: source.tableName, Item }));
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it("gives back every item exactly, types and all", async () => {
    expect(await exportTable(source.client, source.tableName, file)).toBe(60);
    expect(await importTable(target.client, target.tableName, file)).toBe(60);
    expect(sorted(await all(target))).toEqual(sorted(await all(source)));
    expect(sorted(await all(target))).toEqual(sorted(items()));
  });

  it("refuses to import into a table that holds items", async () => {
    await expect(importTable(source.client, source.tableName, file)).rejects.toThrow(TableNotEmptyError);
  });
});
