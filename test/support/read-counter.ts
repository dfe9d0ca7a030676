import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

type Capacity = { CapacityUnits?: number };
type ReadOutput = { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]>; ConsumedCapacity?: Capacity | Capacity[] };

/**
 * A DocumentClient over `client` that asks DynamoDB for the capacity each request consumes
 * (ReturnConsumedCapacity TOTAL) and counts requests, items returned and capacity units. The
 * middleware goes on `client`'s own stack (a DocumentClient shares its client's), so give it a
 * client of its own.
 */
export function countingReads(client: DynamoDBClient) {
  let totals = { requests: 0, items: 0, capacity: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const out = result.output as ReadOutput;
      totals.requests++;
      totals.items += out.Items?.length ?? (out.Item ? 1 : 0) + Object.values(out.Responses ?? {}).reduce((s, list) => s + list.length, 0);
      for (const c of [out.ConsumedCapacity ?? []].flat()) totals.capacity += c.CapacityUnits ?? 0;
      return result;
    },
    { step: "initialize", name: "countReads" },
  );
  return {
    doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    reset: () => {
      totals = { requests: 0, items: 0, capacity: 0 };
    },
    totals: () => ({ ...totals }),
  };
}
