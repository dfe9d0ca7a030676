import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./ports";

export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    endpoint
      ? { endpoint, region: process.env.AWS_REGION ?? "eu-north-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {},
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Reads every page of a query; callers bound the size by the key they query. */
export async function queryAll<T>(
  send: (startKey?: Record<string, unknown>) => Promise<{ Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }>,
): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await send(startKey);
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every item of one partition whose sort key starts with `skPrefix`. */
export function queryPrefix<T>(table: TableRef, pk: string, skPrefix: string, opts: { consistent?: boolean } = {}): Promise<T[]> {
  return queryAll<T>((startKey) =>
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
export function queryIndex<T>(table: TableRef, gsi1pk: string, opts: { descending?: boolean } = {}): Promise<T[]> {
  return queryAll<T>((startKey) =>
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

/** Why each item of a cancelled transaction failed (`ConditionalCheckFailed`, `TransactionConflict`, `None`, ...). */
export function cancellationCodes(error: unknown): (string | undefined)[] {
  if ((error as Error)?.name !== "TransactionCanceledException") return [];
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
