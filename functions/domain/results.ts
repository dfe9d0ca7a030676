import type { ResponsesView, ResultsView } from "../../shared/schemas";
import { getInstrument } from "../../shared/instruments";
import { buildResults } from "../../shared/indicators/results";
import type { Deps } from "../adapters/ports";
import { toCsv } from "../../shared/csv";
import { getRound, parseDimension } from "./rounds";
import { compareSegments, segmentLabel } from "./segments";

/** Reads the kept aggregates of one dimension: the cost follows the number of segments, not responses. */
export async function roundResults(deps: Deps, roundId: string, by: string | undefined): Promise<ResultsView> {
  const dimension = parseDimension(by);
  const round = await getRound(deps, roundId);
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion)!;
  const [all, segments] = await Promise.all([deps.stores.aggregates.list(roundId, "all"), deps.stores.aggregates.list(roundId, dimension)]);
  const total = all[0]?.counters ?? {};
  return {
    roundId,
    by: dimension,
    k: deps.k,
    responses: total.submitted ?? 0,
    computedAt: deps.clock().toISOString(),
    tables: buildResults({
      instrument,
      by: dimension,
      k: deps.k,
      segments: segments
        .filter((s) => (s.counters.submitted ?? 0) > 0)
        .map((s) => ({ segment: s.value, label: segmentLabel(dimension, s.value), counters: s.counters }))
        .sort(compareSegments(dimension)),
      total,
    }),
  };
}

/** Flattens nested answers into dotted columns: needs.digitalisation.now.level, occupations.0.ssyk, ... */
function flatten(value: unknown, prefix: string, out: Record<string, string | number>) {
  if (value === null || value === undefined) return;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) out[prefix] = value.join("; ");
  else if (typeof value === "object") for (const [k, v] of Object.entries(value as object)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = value as string | number;
}

/** One row per submitted response. Cells are neutralised against spreadsheet formulas by toCsv. */
export async function exportCsv(deps: Deps, roundId: string): Promise<string> {
  await getRound(deps, roundId);
  const responses = await deps.stores.responses.list(roundId);
  const flat = responses.map((r) => {
    const answers: Record<string, string | number> = {};
    flatten(r.answers, "", answers);
    return { r, answers };
  });
  const answerColumns = [...new Set(flat.flatMap((f) => Object.keys(f.answers)))].sort();
  const fixed = ["orgNumber", "orgName", "sni", "municipality", "sizeClass", "submittedAt"] as const;
  return toCsv([
    [...fixed, ...answerColumns],
    ...flat.map(({ r, answers }) => [...fixed.map((c) => r[c]), ...answerColumns.map((c) => answers[c])]),
  ]);
}

/**
 * The submitted answers of a round, for the facilitator to read (home assignments, reflections).
 * A reflection round is anonymous, as its participants are told: no names, organisations or
 * times (which the invitation list would tie to a person), ordered by the answers themselves.
 */
export async function roundResponses(deps: Deps, roundId: string): Promise<ResponsesView> {
  const round = await getRound(deps, roundId);
  const anonymous = round.purpose === "reflection";
  const responses = await deps.stores.responses.list(roundId);
  if (anonymous) {
    const items = responses.map((r) => ({ answers: r.answers }));
    items.sort((a, b) => JSON.stringify(a.answers).localeCompare(JSON.stringify(b.answers), "sv"));
    return { roundId, anonymous, items };
  }
  const invitations = await deps.stores.invitations.list(roundId);
  const names = new Map(invitations.map((i) => [i.personId, i.name]));
  const items = responses
    .map((r) => ({
      name: names.get(r.personId),
      orgName: r.orgName,
      submittedAt: r.submittedAt,
      answers: r.answers,
    }))
    .sort((a, b) => (a.submittedAt ?? "").localeCompare(b.submittedAt ?? ""));
  return { roundId, anonymous, items };
}
