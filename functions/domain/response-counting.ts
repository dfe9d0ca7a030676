import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { getInstrument } from "../../shared/instruments";
import { contributions, segmentsOf } from "../../shared/indicators/contributions";
import type { Answers } from "../../shared/schemas";
import type { Deps } from "../adapters/ports";
import { cancellationCodes, retryOnTransactionConflict } from "../adapters/dynamodb";
import { keys } from "./keys";

/** A stored response as the table's stream delivers it. */
export type StoredResponse = {
  roundId: string;
  personId: string;
  sni: string;
  municipality: string;
  sizeClass: string;
  instrumentId: string;
  instrumentVersion: number;
  answers: Answers;
  submittedAt: string;
};

/** ADD expressions for one aggregate item: counters are top-level numbers, created on first use. */
export function addCounters(deps: Deps, roundId: string, segment: { dimension: string; value: string }, counters: Record<string, number>) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = Object.entries(counters).map(([key, value], i) => {
    names[`#c${i}`] = key;
    values[`:c${i}`] = value;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: deps.table.name,
      Key: keys.aggregate(roundId, segment.dimension, segment.value),
      UpdateExpression: `ADD ${parts.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Adds one submitted response to the round's kept aggregates and marks its invitation submitted, exactly once: the response is
 * marked counted in the same transaction, so a stream record delivered twice changes nothing.
 * Once the round's final aggregation has begun (it recomputes everything from the responses),
 * a late record only marks the response, so nothing is counted twice.
 */
export async function countResponse(deps: Deps, response: StoredResponse): Promise<"counted" | "already-counted" | "final"> {
  const instrument = getInstrument(response.instrumentId, response.instrumentVersion);
  if (!instrument) throw new Error(`Instrument ${response.instrumentId} v${response.instrumentVersion} is missing`);
  const counters = { ...contributions(instrument, response.answers), submitted: 1 };
  const now = deps.clock().toISOString();
  const markCounted = {
    Update: {
      TableName: deps.table.name,
      Key: keys.response(response.roundId, response.personId),
      UpdateExpression: "SET countedAt = :now",
      ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(countedAt)",
      ExpressionAttributeValues: { ":now": now },
    },
  };
  const markInvitation = {
    Update: {
      TableName: deps.table.name,
      Key: keys.invitation(response.roundId, response.personId),
      UpdateExpression: "SET #s = :submitted, submittedAt = :at",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":submitted": "submitted", ":at": response.submittedAt },
    },
  };
  try {
    await retryOnTransactionConflict(
      () =>
        deps.table.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              markCounted,
              {
                Update: {
                  TableName: deps.table.name,
                  Key: keys.round(response.roundId),
                  UpdateExpression: "ADD submittedCount :one",
                  ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(finalAggregationAt)",
                  ExpressionAttributeValues: { ":one": 1 },
                },
              },
              { Delete: { TableName: deps.table.name, Key: keys.draft(response.roundId, response.personId) } },
              markInvitation,
              ...segmentsOf(response).map((s) => addCounters(deps, response.roundId, s, counters)),
            ] as never,
          }),
        ),
      8,
    );
    return "counted";
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes[0] === "ConditionalCheckFailed") return "already-counted";
    if (codes[1] !== "ConditionalCheckFailed") throw error;
    await deps.table.doc.send(new TransactWriteCommand({ TransactItems: [markCounted, markInvitation] as never })).catch((e) => {
      if (e.name !== "TransactionCanceledException") throw e;
    });
    return "final";
  }
}
