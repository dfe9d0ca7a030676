import { UNWEIGHTED_NOTE, isAnonymous, type Cell, type ReleaseSummary, type ResponsesView, type ResultsView } from "../../shared/schemas";
import { NotFoundError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { toCsv } from "../../shared/csv";
import { getRound, parseDimension } from "./rounds";
import { parseReportLanguage, reportXlsxBytes, type Local } from "./xlsx-report";

/**
 * The results of one breakdown as a release published them: the newest published release, or the
 * one asked for. Two reads whatever the round's size: the releases' summaries, then the tables.
 */
export async function roundResults(deps: Deps, roundId: string, by: string | undefined, release?: string): Promise<ResultsView> {
  const dimension = parseDimension(by);
  const round = await getRound(deps, roundId);
  const releases = await deps.stores.releases.list(roundId);
  const chosen = pickRelease(releases, release);
  return {
    roundId,
    roundName: round.name,
    by: dimension,
    k: chosen?.rules.k ?? deps.k,
    responses: chosen?.responses ?? 0,
    computedAt: chosen?.createdAt ?? null,
    release: chosen ?? null,
    releases,
    tables: chosen ? await deps.stores.releases.tables(roundId, chosen.number, dimension) : [],
  };
}

function pickRelease(releases: ReleaseSummary[], asked: string | undefined): ReleaseSummary | undefined {
  const published = releases.filter((r) => r.status === "published");
  if (asked === undefined) return published.at(-1);
  const number = Number(asked);
  const found = Number.isInteger(number) ? published.find((r) => r.number === number) : undefined;
  if (!found) throw new NotFoundError("No published release with that number.");
  return found;
}

/**
 * A release's tables of one breakdown as CSV: one row per table, segment and column, with the
 * value, its n and whether it is suppressed, under the line every results export carries.
 */
export async function resultsCsv(deps: Deps, roundId: string, by: string | undefined, release?: string): Promise<string> {
  const view = await roundResults(deps, roundId, by, release);
  if (!view.release) throw new NotFoundError("The round has no published release yet.");
  const rows: (string | number | null)[][] = [
    [UNWEIGHTED_NOTE.sv],
    [`Omgång ${roundId}, publicering ${view.release.number} (${view.release.kind}), svar till och med ${view.release.cutoff}, n = ${view.release.responses} av ${view.release.invited} inbjudna`],
    ["table", "title", "segment", "label", "column", "value", "n", "suppressed"],
  ];
  for (const t of view.tables) {
    const line = (segment: string, label: string, cells: Cell[]) =>
      cells.forEach((c, i) =>
        rows.push([t.id, t.title.sv, segment, label, t.columns[i].key, "suppressed" in c ? null : c.value, "suppressed" in c ? null : c.n, "suppressed" in c ? "ja" : ""]),
      );
    for (const r of t.rows) line(r.segment, r.label, r.cells);
    line("all", "Alla", t.total.cells);
  }
  return toCsv(rows);
}

const BREAKDOWN: Record<ResultsView["by"], Local> = {
  industry: { sv: "per bransch (SNI-avdelning)", en: "by industry (SNI division)" },
  section: { sv: "per bransch (SNI-avsnitt)", en: "by industry (SNI section)" },
  municipality: { sv: "per kommun", en: "by municipality" },
  county: { sv: "per län", en: "by county" },
  size: { sv: "per storleksklass", en: "by size class" },
};

/**
 * A release's tables of one breakdown as XLSX (xlsx-report.ts): a sheet per table, values with
 * their n, suppressed cells marked, and the explanation sheet; in Swedish or English (`lang`).
 */
export async function resultsXlsx(deps: Deps, roundId: string, by: string | undefined, release?: string, lang?: string): Promise<Buffer> {
  const language = parseReportLanguage(lang);
  const view = await roundResults(deps, roundId, by, release);
  if (!view.release) throw new NotFoundError("The round has no published release yet.");
  const r = view.release;
  return reportXlsxBytes({
    language,
    title: { sv: `Omgång ${view.roundName}, ${BREAKDOWN[view.by].sv}`, en: `Round ${view.roundName}, ${BREAKDOWN[view.by].en}` },
    source: { sv: `omgång ${view.roundName}`, en: `round ${view.roundName}` },
    release: { number: r.number, kind: r.kind, cutoff: r.cutoff, createdAt: r.createdAt, responding: r.responses, invited: r.invited, unit: r.unit, rules: r.rules },
    note: UNWEIGHTED_NOTE,
    tables: view.tables,
    created: deps.clock(),
  });
}

/** Flattens nested answers into dotted columns: needs.digitalisation.now.level, occupations.0.ssyk, ... */
function flatten(value: unknown, prefix: string, out: Record<string, string | number>) {
  if (value === null || value === undefined) return;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) out[prefix] = value.join("; ");
  else if (typeof value === "object") for (const [k, v] of Object.entries(value as object)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = value as string | number;
}

/**
 * One row per submitted response. Cells are neutralised against spreadsheet formulas by toCsv.
 * An anonymous round's rows carry the answers only, ordered by the answers themselves.
 */
export async function exportCsv(deps: Deps, roundId: string): Promise<string> {
  const round = await getRound(deps, roundId);
  const responses = await deps.stores.responses.list(roundId);
  const flat = responses.map((r) => {
    const answers: Record<string, string | number> = {};
    flatten(r.answers, "", answers);
    return { r, answers };
  });
  const answerColumns = [...new Set(flat.flatMap((f) => Object.keys(f.answers)))].sort();
  const fixed = isAnonymous(round) ? [] : (["orgNumber", "orgName", "sni", "municipality", "sizeClass", "submittedAt"] as const);
  const rows = flat.map(({ r, answers }) => [...fixed.map((c) => r[c]), ...answerColumns.map((c) => answers[c])]);
  if (isAnonymous(round)) rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b), "sv"));
  return toCsv([[...fixed, ...answerColumns], ...rows]);
}

/**
 * The submitted answers of a round, for the facilitator to read (home assignments, reflections).
 * A reflection round is anonymous, as its participants are told: no names, organisations or
 * times (which the invitation list would tie to a person), ordered by the answers themselves.
 */
export async function roundResponses(deps: Deps, roundId: string): Promise<ResponsesView> {
  const round = await getRound(deps, roundId);
  const anonymous = isAnonymous(round);
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
