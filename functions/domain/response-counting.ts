import { contributions, segmentsOf } from "../../shared/indicators/contributions";
import type { Deps } from "../adapters/ports";
import { instrumentOfRound } from "./instrument-registry";
import { cancellationCodes, isTransactionCancelled, retryOnTransactionConflict } from "../stores/table";
import type { StoredResponse } from "../stores/responses";

/**
 * Adds one submitted response to the round's kept aggregates and marks its invitation submitted, exactly once: the response is
 * marked counted in the same transaction, so a stream record delivered twice changes nothing.
 * Once the round's final aggregation has begun (it recomputes everything from the responses),
 * a late record only marks the response, so nothing is counted twice.
 */
export async function countResponse(deps: Deps, response: StoredResponse): Promise<"counted" | "already-counted" | "final"> {
  const instrument = await instrumentOfRound(deps, response);
  const counters = { ...contributions(instrument, response.answers), submitted: 1 };
  const { stores } = deps;
  const markCounted = stores.responses.markCounted(response.roundId, response.personId, deps.clock().toISOString());
  const markInvitation = stores.invitations.markSubmitted(response.roundId, response.personId, response.submittedAt);
  try {
    await retryOnTransactionConflict(
      () =>
        stores.transact([
          markCounted,
          stores.rounds.addSubmitted(response.roundId),
          stores.drafts.delete(response.roundId, response.personId),
          markInvitation,
          ...segmentsOf(response).map((s) => stores.aggregates.add(response.roundId, s, counters)),
        ]),
      8,
    );
    return "counted";
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes[0] === "ConditionalCheckFailed") return "already-counted";
    if (codes[1] !== "ConditionalCheckFailed") throw error;
    await stores.transact([markCounted, markInvitation]).catch((e) => {
      if (!isTransactionCancelled(e)) throw e;
    });
    return "final";
  }
}
