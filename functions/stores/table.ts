import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type * as z from "zod/mini";

/**
 * The small base every store builds on: the table, typed transaction items, reads parsed with the
 * item's schema, and the reading of DynamoDB's condition failures. Only the stores import it.
 */
export type TableRef = { doc: DynamoDBDocumentClient; name: string };
export type Key = { pk: string; sk: string };
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** A compile-time check that a stored schema's type and the shared entity type say the same. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The expression parts of an update or a condition check, as DynamoDB takes them. */
export type Expression = {
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

/**
 * A stored item that does not match its schema. The message names the entity only: neither the
 * item's attributes nor its key reach a log line or a response (the API answers it as a 500).
 */
export class StoredItemError extends Error {
  constructor(readonly entity: string) {
    super(`A stored ${entity} item does not match its schema.`);
    this.name = "StoredItemError";
  }
}

/** Attributes that are keys or bookkeeping, never entity fields. */
const KEY_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "expiresAt"] as const;

/** The item without its key attributes, parsed with its schema; a mismatch is a StoredItemError. */
export function parseItem<S extends z.ZodMiniType>(schema: S, entity: string, item: Record<string, unknown>): z.infer<S> {
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  const parsed = schema.safeParse(copy);
  if (!parsed.success) throw new StoredItemError(entity);
  return parsed.data;
}

/** The newest items of a partition (sort keys that sort by time), at most `limit`. */
export async function queryNewest(table: TableRef, pk: string, limit: number) {
  const res = await table.doc.send(
    new QueryCommand({ TableName: table.name, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": pk }, ScanIndexForward: false, Limit: limit }),
  );
  return res.Items ?? [];
}

export async function getItem(table: TableRef, key: Key, opts: { consistent?: boolean; projection?: string } = {}) {
  const res = await table.doc.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: opts.consistent, ProjectionExpression: opts.projection }));
  return res.Item;
}

export async function putItem(table: TableRef, item: Record<string, unknown>, condition?: string): Promise<void> {
  await table.doc.send(new PutCommand({ TableName: table.name, Item: item, ConditionExpression: condition }));
}

export async function updateItem(table: TableRef, key: Key, expression: Expression): Promise<void> {
  await table.doc.send(new UpdateCommand({ TableName: table.name, Key: key, ...expression }));
}

/** An update that answers the item as it was before the write. */
export async function updateReturningOld(table: TableRef, key: Key, expression: Expression): Promise<Record<string, unknown> | undefined> {
  const res = await table.doc.send(new UpdateCommand({ TableName: table.name, Key: key, ...expression, ReturnValues: "ALL_OLD" }));
  return res.Attributes;
}

/** A conditional update: false when its condition did not hold (nothing was written). */
export async function updateIf(table: TableRef, key: Key, expression: Expression): Promise<boolean> {
  try {
    await updateItem(table, key, expression);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export function txPut(table: TableRef, item: Record<string, unknown>, condition?: string): TransactItem {
  return { Put: { TableName: table.name, Item: item, ConditionExpression: condition } };
}
export function txUpdate(table: TableRef, key: Key, expression: Expression): TransactItem {
  return { Update: { TableName: table.name, Key: key, UpdateExpression: expression.UpdateExpression ?? "", ...expression } };
}
export function txCheck(table: TableRef, key: Key, expression: Omit<Expression, "UpdateExpression"> & { ConditionExpression: string }): TransactItem {
  return { ConditionCheck: { TableName: table.name, Key: key, ...expression } };
}
export function txDelete(table: TableRef, key: Key, condition?: Omit<Expression, "UpdateExpression">): TransactItem {
  return { Delete: { TableName: table.name, Key: key, ...condition } };
}

/** One transaction of items the stores built: all of them are written, or none. */
export async function transact(table: TableRef, items: TransactItem[]): Promise<void> {
  await table.doc.send(new TransactWriteCommand({ TransactItems: items }));
}

/** Reads every page of a query; callers bound the size by the key they query. */
async function queryAll(
  send: (startKey?: Record<string, unknown>) => Promise<{ Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await send(startKey);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Sets a timestamp attribute on an existing item once; a second call changes nothing. */
export function setOnce(table: TableRef, key: Key, attribute: string, value: string): Promise<void> {
  return unlessAlreadyDone(
    updateItem(table, key, {
      UpdateExpression: "SET #a = :v",
      ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#a)",
      ExpressionAttributeNames: { "#a": attribute },
      ExpressionAttributeValues: { ":v": value },
    }),
  );
}

/** Every item of one partition whose sort key starts with `skPrefix`. */
export function queryPrefix(table: TableRef, pk: string, skPrefix: string, opts: { consistent?: boolean } = {}) {
  return queryAll((startKey) =>
    table.doc.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: "pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues: { ":p": pk, ":s": skPrefix },
        ConsistentRead: opts.consistent,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
}

/** Every item of one gsi1 partition, in gsi1sk order (or newest first). */
export function queryIndex(table: TableRef, gsi1pk: string, opts: { descending?: boolean } = {}) {
  return queryAll((startKey) =>
    table.doc.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :p",
        ExpressionAttributeValues: { ":p": gsi1pk },
        ScanIndexForward: !opts.descending,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
}

export function isConditionFailure(error: unknown): boolean {
  return (error as Error)?.name === "ConditionalCheckFailedException";
}

/** For writes whose condition guards idempotency: "already done" is success. */
export async function unlessAlreadyDone(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Whether the error is a cancelled transaction (one of its conditions failed, or a conflict). */
export function isTransactionCancelled(error: unknown): boolean {
  return (error as Error)?.name === "TransactionCanceledException";
}

/** Why each item of a cancelled transaction failed (`ConditionalCheckFailed`, `TransactionConflict`, `None`, ...). */
export function cancellationCodes(error: unknown): (string | undefined)[] {
  if (!isTransactionCancelled(error)) return [];
  return ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
}

/**
 * Runs a transaction again when it was cancelled only because another transaction held one of
 * its items at that moment: then nothing was written, and the next attempt either succeeds or
 * meets the other writer's result through its conditions.
 */
export async function retryOnTransactionConflict<T>(run: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const codes = cancellationCodes(error);
      const conflictOnly = codes.includes("TransactionConflict") && !codes.includes("ConditionalCheckFailed");
      if (!conflictOnly || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 15 * attempt + Math.random() * 25));
    }
  }
}

/**
 * Puts items in batches of 25 (DynamoDB's most), several batches in flight, and sends again what
 * DynamoDB left unprocessed (throttling) until all are written. Unconditional: only for items the
 * caller knows to be new.
 */
export async function batchPut(table: TableRef, items: Record<string, unknown>[], concurrency = 4): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, batches.length) }, async () => {
      while (next < batches.length) {
        let requests = batches[next++].map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 1; requests.length; attempt++) {
          const res = await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.name]: requests } }));
          requests = (res.UnprocessedItems?.[table.name] ?? []) as typeof requests;
          if (requests.length) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt) * Math.random()));
        }
      }
    }),
  );
}

/**
 * Sets the TTL attribute on every item of one partition whose sort key starts with `skPrefix`,
 * several updates in flight. The same `expiresAt` set twice changes nothing, so a retried caller
 * may run it again. Only items that exist are touched.
 */
export async function expirePrefix(table: TableRef, pk: string, skPrefix: string, expiresAt: number, concurrency = 16): Promise<number> {
  const keys = (await queryPrefix(table, pk, skPrefix, { consistent: true })).map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, keys.length) }, async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        await unlessAlreadyDone(updateItem(table, key, { UpdateExpression: "SET expiresAt = :e", ConditionExpression: "attribute_exists(pk)", ExpressionAttributeValues: { ":e": expiresAt } }));
      }
    }),
  );
  return keys.length;
}
