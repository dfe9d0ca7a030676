/**
 * Copy a region's table to a file and back (docs/runbook.md, "Restore"). Ops runs it with its own
 * credentials; no function of the stack may Scan or BatchWrite, only this tool does.
 *
 *   npx tsx infra/ops/table-backup.ts export <table> <file.jsonl>
 *   npx tsx infra/ops/table-backup.ts import <table> <file.jsonl>     (the table must be empty)
 *
 * `--endpoint <url>` points it at DynamoDB Local. A line holds one item in DynamoDB's own JSON
 * (type-tagged attribute values), so numbers, sets and binaries come back exactly as written.
 */
import { BatchWriteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";

type Item = Record<string, AttributeValue>;

/** The target of an import holds items: restoring over live data would mix two states. */
export class TableNotEmptyError extends Error {
  constructor(readonly tableName: string) {
    super(`table ${tableName} is not empty: import only into a fresh table (docs/runbook.md)`);
    this.name = "TableNotEmptyError";
  }
}

/** Binaries as base64 in the file; everything else is already JSON. */
function encode(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $b64: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.$b64 === "string" && Object.keys(o).length === 1) return new Uint8Array(Buffer.from(o.$b64, "base64"));
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/** Every item of `tableName`, strongly consistent, page by page. */
export async function* scanAll(client: DynamoDBClient, tableName: string): AsyncGenerator<Item> {
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) yield item;
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Writes every item of the table to `file`, one per line; returns the count. */
export async function exportTable(client: DynamoDBClient, tableName: string, file: string): Promise<number> {
  const out = createWriteStream(file, { encoding: "utf8" });
  let count = 0;
  for await (const item of scanAll(client, tableName)) {
    if (!out.write(JSON.stringify(encode(item)) + "\n")) await once(out, "drain");
    count++;
  }
  out.end();
  await once(out, "finish");
  return count;
}

/** Writes the items of `file` into the empty table `tableName`; returns the count. */
export async function importTable(client: DynamoDBClient, tableName: string, file: string): Promise<number> {
  const first = await client.send(new ScanCommand({ TableName: tableName, Limit: 1 }));
  if ((first.Items ?? []).length > 0) throw new TableNotEmptyError(tableName);
  let batch: Item[] = [];
  let count = 0;
  const flush = async () => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    // Unprocessed items (throttling) are sent again with a growing pause until none are left.
    for (let attempt = 0; requests.length; attempt++) {
      const res = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (res.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      if (requests.length) await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5000)));
    }
    count += batch.length;
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    batch.push(decode(JSON.parse(line)) as Item);
    if (batch.length === 25) await flush();
  }
  if (batch.length) await flush();
  return count;
}

async function main(argv: string[]) {
  const endpointAt = argv.indexOf("--endpoint");
  const endpoint = endpointAt >= 0 ? argv.splice(endpointAt, 2)[1] : undefined;
  const [command, tableName, file] = argv;
  if (!tableName || !file || (command !== "export" && command !== "import")) {
    throw new Error("usage: table-backup.ts export|import <table> <file.jsonl> [--endpoint <url>]");
  }
  const client = new DynamoDBClient(endpoint ? { endpoint } : {});
  const count = command === "export" ? await exportTable(client, tableName, file) : await importTable(client, tableName, file);
  console.log(`${command === "export" ? "exported" : "imported"} ${count} items ${command === "export" ? "from" : "into"} ${tableName}`);
  client.destroy();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
