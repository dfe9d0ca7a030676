import * as z from "zod/mini";
import { parseItem, putItem, queryPrefix, txUpdate, type TableRef, type TransactItem } from "./table";
import { roundPartition } from "./rounds";

/**
 * Aggregates: pk `ROUND#<roundId>`, sk `AGG#<dimension>#<value>`. Each holds top-level number
 * counters (invited, opened, submitted and those of contributions()), created on first ADD.
 */
const key = (roundId: string, dimension: string, value: string) => ({ pk: roundPartition(roundId), sk: `AGG#${dimension}#${value}` });

const Counters = z.record(z.string(), z.number());
export type AggregateItem = { dimension: string; value: string; counters: Record<string, number> };

export function aggregateStore(table: TableRef) {
  return {
    /** ADDs the counters to one segment's aggregate. */
    add(roundId: string, segment: { dimension: string; value: string }, counters: Record<string, number>): TransactItem {
      const names: Record<string, string> = {};
      const values: Record<string, number> = {};
      const parts = Object.entries(counters).map(([name, value], i) => {
        names[`#c${i}`] = name;
        values[`:c${i}`] = value;
        return `#c${i} :c${i}`;
      });
      return txUpdate(table, key(roundId, segment.dimension, segment.value), {
        UpdateExpression: `ADD ${parts.join(", ")}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
    },
    /** Replaces one segment's counters. */
    put(roundId: string, segment: { dimension: string; value: string }, counters: Record<string, number>): Promise<void> {
      return putItem(table, { ...key(roundId, segment.dimension, segment.value), ...counters });
    },
    /** The segments of one dimension with their counters. */
    async list(roundId: string, dimension: string): Promise<AggregateItem[]> {
      const items = await queryPrefix(table, roundPartition(roundId), `AGG#${dimension}#`);
      return items.map((item) => {
        const [, dim, value] = String(item.sk).split("#");
        return { dimension: dim, value, counters: parseItem(Counters, "aggregate", item) };
      });
    },
  };
}
export type AggregateStore = ReturnType<typeof aggregateStore>;
