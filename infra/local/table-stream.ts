/**
 * Reads a DynamoDB Local table's stream the way Lambda's event source mapping does on AWS and
 * hands the records to a handler as a DynamoDBStreamEvent. Wiring only: the handler is the same
 * module that is deployed. Records of a failed batch are handed over again on the next poll.
 */
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { LOCAL_AWS_REGION, LOCAL_CREDENTIALS } from "./dynamodb-local";

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures?: { itemIdentifier: string }[] } | void>;

export interface TableStreamReader {
  /** Reads everything written since the last call and runs the handler on it; returns the record count. */
  drain(): Promise<number>;
  /** Polls every `intervalMs` until stopped. */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/**
 * The Streams client deserialises an empty map attribute `{ M: {} }` as `{}`; Lambda delivers
 * `{ M: {} }`. Put the type back so the handler sees what it sees on AWS.
 */
function restoreEmptyMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreEmptyMaps);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return { M: {} };
    return Object.fromEntries(entries.map(([k, v]) => [k, k === "S" || k === "N" || k === "B" || k === "BOOL" || k === "NULL" ? v : restoreEmptyMaps(v)]));
  }
  return value;
}

function asLambdaRecords(records: _Record[]): DynamoDBStreamEvent["Records"] {
  return records.map((r) => ({
    ...r,
    eventSource: "aws:dynamodb",
    dynamodb: r.dynamodb && {
      ...r.dynamodb,
      Keys: restoreEmptyMaps(r.dynamodb.Keys),
      NewImage: r.dynamodb.NewImage && restoreEmptyMaps(r.dynamodb.NewImage),
      OldImage: r.dynamodb.OldImage && restoreEmptyMaps(r.dynamodb.OldImage),
      ApproximateCreationDateTime: r.dynamodb.ApproximateCreationDateTime && r.dynamodb.ApproximateCreationDateTime.getTime() / 1000,
    },
  })) as unknown as DynamoDBStreamEvent["Records"];
}

export function tableStreamReader(opts: { endpoint: string; client: DynamoDBClient; tableName: string; handler: StreamHandler }): TableStreamReader {
  const streams = new DynamoDBStreamsClient({ endpoint: opts.endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_CREDENTIALS });
  /** Shard id -> the iterator to continue from (absent: start at the shard's beginning). */
  const iterators = new Map<string, string | null | undefined>();
  let streamArn: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function arn(): Promise<string> {
    if (streamArn) return streamArn;
    const table = await opts.client.send(new DescribeTableCommand({ TableName: opts.tableName }));
    if (!table.Table?.LatestStreamArn) throw new Error(`Table ${opts.tableName} has no stream: the template's StreamSpecification is missing`);
    return (streamArn = table.Table.LatestStreamArn);
  }

  async function readOnce(): Promise<number> {
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: await arn() }));
    let count = 0;
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      let iterator = iterators.get(shardId);
      if (iterator === null) continue; // closed shard, fully read
      if (iterator === undefined) {
        const it = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }));
        iterator = it.ShardIterator!;
      }
      for (;;) {
        const page: { Records?: _Record[]; NextShardIterator?: string } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        const records = page.Records ?? [];
        if (records.length) {
          const result = await opts.handler({ Records: asLambdaRecords(records) });
          const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          if (failed.size) {
            // Keep the iterator where it was: the batch is read again next time (idempotent handler).
            const first = records.find((r: _Record) => failed.has(r.dynamodb?.SequenceNumber ?? ""));
            const again = await streams.send(
              new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: "AT_SEQUENCE_NUMBER", SequenceNumber: first?.dynamodb?.SequenceNumber }),
            );
            iterators.set(shardId, again.ShardIterator ?? undefined);
            count += records.length;
            break;
          }
          count += records.length;
        }
        if (!page.NextShardIterator) {
          iterators.set(shardId, null);
          break;
        }
        iterator = page.NextShardIterator;
        iterators.set(shardId, iterator);
        if (!records.length) break;
      }
    }
    return count;
  }

  return {
    drain() {
      // One reader at a time: a poll and an explicit drain never hand over the same records twice.
      running = (running ?? Promise.resolve(0)).catch(() => 0).then(readOnce);
      return running;
    },
    start(intervalMs = 250) {
      const tick = async () => {
        try {
          await this.drain();
        } catch (error) {
          console.error(`[stream] ${(error as Error).message}`);
        }
        if (!stopped) timer = setTimeout(tick, intervalMs);
      };
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      streams.destroy();
    },
  };
}
