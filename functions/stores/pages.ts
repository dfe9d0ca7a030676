import { BatchGetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import type { Key, TableRef } from "./table";

/**
 * Reading a partition a page at a time, for the tasks that walk a national round in many short
 * invocations: each page ends with a cursor the task stores and the next invocation goes on from.
 * A cursor is DynamoDB's LastEvaluatedKey, written as text; it names keys only, never an
 * attribute of a person.
 */
export type Page = { items: Record<string, unknown>[]; next?: string };

const CursorKey = z.record(z.string(), z.string());

/** A cursor this module wrote; anything else is an error of the caller's, not a place to start. */
function startKeyOf(cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    throw new Error("not a page cursor");
  }
  return CursorKey.parse(parsed);
}

const cursorOf = (key: Record<string, unknown> | undefined) => (key ? JSON.stringify(key) : undefined);

/** One page of the items of partition `pk` whose sort key starts with `skPrefix`, in sort-key order. */
export async function queryPrefixPage(table: TableRef, pk: string, skPrefix: string, opts: { after?: string; limit?: number; consistent?: boolean }): Promise<Page> {
  const res = await table.doc.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :s)",
      ExpressionAttributeValues: { ":p": pk, ":s": skPrefix },
      ConsistentRead: opts.consistent,
      ExclusiveStartKey: startKeyOf(opts.after),
      Limit: opts.limit,
    }),
  );
  return { items: res.Items ?? [], next: cursorOf(res.LastEvaluatedKey) };
}

/** The items of one partition whose sort key starts with `skPrefix`, page by page as DynamoDB answers them. */
export async function* queryPrefixPages(table: TableRef, pk: string, skPrefix: string, opts: { limit?: number; consistent?: boolean } = {}): AsyncGenerator<Record<string, unknown>[]> {
  let after: string | undefined;
  do {
    const page = await queryPrefixPage(table, pk, skPrefix, { ...opts, after });
    yield page.items;
    after = page.next;
  } while (after);
}

/** One page of gsi1 partition `gsi1pk`, in gsi1sk order. */
export async function queryIndexPage(table: TableRef, gsi1pk: string, opts: { after?: string; limit: number }): Promise<Page> {
  const res = await table.doc.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :p",
      ExpressionAttributeValues: { ":p": gsi1pk },
      ExclusiveStartKey: startKeyOf(opts.after),
      Limit: opts.limit,
    }),
  );
  return { items: res.Items ?? [], next: cursorOf(res.LastEvaluatedKey) };
}

/** DynamoDB's most keys in one BatchGetItem. */
const BATCH_GET_MAX = 100;

/** The items of `keys` that exist, in no particular order; what DynamoDB leaves unprocessed is asked for again. */
export async function batchGet(table: TableRef, keys: Key[], opts: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
    let request: Key[] = keys.slice(i, i + BATCH_GET_MAX);
    for (let attempt = 1; request.length; attempt++) {
      const res = await table.doc.send(new BatchGetCommand({ RequestItems: { [table.name]: { Keys: request, ConsistentRead: opts.consistent } } }));
      found.push(...(res.Responses?.[table.name] ?? []));
      request = (res.UnprocessedKeys?.[table.name]?.Keys ?? []) as Key[];
      if (request.length) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt) * Math.random()));
    }
  }
  return found;
}
