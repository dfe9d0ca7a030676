import * as z from "zod/mini";
import { ReleaseSummary, type ResultDimension, type ResultTable } from "../../shared/schemas";
import { ExportedFamily } from "../../shared/schemas/release-export";
import { isConditionFailure, parseItem, putItem, queryPrefix, StoredItemError, type TableRef } from "./table";
import { chunks, joined } from "./chunked-body";
import { roundPartition } from "./rounds";

/**
 * Releases: pk `ROUND#<roundId>`, sk `REL#<number, 4 digits>` for the summary;
 * `RELB#<n>#TAB#<dimension>#<chunk>` for its result tables of one breakdown and `RELB#<n>#STATE#<chunk>`
 * for what protecting later releases needs (the units it counted, its suppressed cells);
 * `RELB#<n>#CELLS#<chunk>` for its protected cells (sums and n, or suppressed), which exports and
 * trends read. Bodies
 * are gzipped JSON split into chunks well under DynamoDB's 400 KB item limit, so a release of any
 * size reads in one query whose cost follows the breakdown's segments, not the responses.
 * Written once: a release is immutable; the summary is written last, so a half-written release
 * is never listed.
 */
const pad = (n: number) => String(n).padStart(4, "0");
const summaryKey = (roundId: string, n: number) => ({ pk: roundPartition(roundId), sk: `REL#${pad(n)}` });

export type ReleaseState = { included: string[]; suppressed: string[] };
const StateSchema = z.object({ included: z.array(z.string()), suppressed: z.array(z.string()) });
const CellsSchema = z.array(ExportedFamily);

export function releaseStore(table: TableRef) {
  const pk = roundPartition;
  const writeChunks = async (roundId: string, prefix: string, value: unknown) => {
    const parts = chunks(value);
    for (let i = 0; i < parts.length; i++) await putItem(table, { pk: pk(roundId), sk: `${prefix}${pad(i)}`, body: parts[i] });
  };
  return {
    /** Every release's summary, oldest first. */
    async list(roundId: string): Promise<ReleaseSummary[]> {
      const items = await queryPrefix(table, pk(roundId), "REL#", { consistent: true });
      return items.map((i) => parseItem(ReleaseSummary, "release", i));
    },
    /** Writes a release's bodies, then its summary (if absent: a release number is taken once). */
    async put(summary: ReleaseSummary, tables: Map<ResultDimension, ResultTable[]>, state: ReleaseState, cells: ExportedFamily[] = []): Promise<boolean> {
      const n = pad(summary.number);
      for (const [dimension, list] of tables) await writeChunks(summary.roundId, `RELB#${n}#TAB#${dimension}#`, list);
      if (cells.length > 0) await writeChunks(summary.roundId, `RELB#${n}#CELLS#`, cells);
      await writeChunks(summary.roundId, `RELB#${n}#STATE#`, state);
      try {
        await putItem(table, { ...summaryKey(summary.roundId, summary.number), ...summary }, "attribute_not_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async tables(roundId: string, number: number, dimension: ResultDimension): Promise<ResultTable[]> {
      const items = await queryPrefix(table, pk(roundId), `RELB#${pad(number)}#TAB#${dimension}#`);
      return items.length === 0 ? [] : (joined(items, "release tables") as ResultTable[]);
    },
    /** The release's protected cells; empty for a withheld release and for releases made before cells were kept. */
    async cells(roundId: string, number: number): Promise<ExportedFamily[]> {
      const items = await queryPrefix(table, pk(roundId), `RELB#${pad(number)}#CELLS#`);
      if (items.length === 0) return [];
      const parsed = CellsSchema.safeParse(joined(items, "release cells"));
      if (!parsed.success) throw new StoredItemError("release cells");
      return parsed.data;
    },
    async state(roundId: string, number: number): Promise<ReleaseState> {
      const items = await queryPrefix(table, pk(roundId), `RELB#${pad(number)}#STATE#`, { consistent: true });
      const parsed = StateSchema.safeParse(joined(items, "release state"));
      if (!parsed.success) throw new StoredItemError("release state");
      return parsed.data;
    },
  };
}
export type ReleaseStore = ReturnType<typeof releaseStore>;
