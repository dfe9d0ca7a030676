import * as z from "zod/mini";
import { PROGRAMME_POPULATIONS, ProgrammeReleaseSummary, type TargetResult } from "../../shared/schemas";
import { TargetResult as TargetResultSchema } from "../../shared/schemas/responses";
import type { ProgrammeReleaseState } from "../../shared/indicators/programme-release";
import { isConditionFailure, parseItem, putItem, queryPrefix, StoredItemError, type TableRef } from "./table";
import { chunks, joined } from "./chunked-body";
import { programmePartition } from "./programmes";

/**
 * Releases of a programme report: pk `PROG#<programmeId>`, sk `PREL#<number, 4 digits>` for the
 * summary; `PRELB#<n>#TARGETS#<chunk>` for its target results and `PRELB#<n>#STATE#<chunk>` for what
 * protecting later releases needs. Immutable, summary written last (as round releases, releases.ts).
 */
const pad = (n: number) => String(n).padStart(4, "0");

const StateSchema = z.object({
  included: z.array(z.object({ population: z.enum(PROGRAMME_POPULATIONS), id: z.string(), segments: z.array(z.string()) })),
  suppressed: z.array(z.string()),
});
const TargetsSchema = z.array(TargetResultSchema);

export function programmeReleaseStore(table: TableRef) {
  const pk = programmePartition;
  const writeChunks = async (programmeId: string, prefix: string, value: unknown) => {
    const parts = chunks(value);
    for (let i = 0; i < parts.length; i++) await putItem(table, { pk: pk(programmeId), sk: `${prefix}${pad(i)}`, body: parts[i] });
  };
  const read = async <S extends z.ZodMiniType>(programmeId: string, prefix: string, schema: S, entity: string): Promise<z.infer<S>> => {
    const items = await queryPrefix(table, pk(programmeId), prefix, { consistent: true });
    const parsed = schema.safeParse(joined(items, entity));
    if (!parsed.success) throw new StoredItemError(entity);
    return parsed.data;
  };
  return {
    /** Every release's summary, oldest first. */
    async list(programmeId: string): Promise<ProgrammeReleaseSummary[]> {
      const items = await queryPrefix(table, pk(programmeId), "PREL#", { consistent: true });
      return items.map((i) => parseItem(ProgrammeReleaseSummary, "programme release", i));
    },
    /** Writes a release's bodies, then its summary if its number is not taken; false when it is. */
    async put(summary: ProgrammeReleaseSummary, targets: TargetResult[], state: ProgrammeReleaseState): Promise<boolean> {
      const n = pad(summary.number);
      await writeChunks(summary.programmeId, `PRELB#${n}#TARGETS#`, targets);
      await writeChunks(summary.programmeId, `PRELB#${n}#STATE#`, state);
      try {
        await putItem(table, { pk: pk(summary.programmeId), sk: `PREL#${n}`, ...summary }, "attribute_not_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    targets: (programmeId: string, number: number): Promise<TargetResult[]> =>
      read(programmeId, `PRELB#${pad(number)}#TARGETS#`, TargetsSchema, "programme release targets"),
    state: (programmeId: string, number: number): Promise<ProgrammeReleaseState> =>
      read(programmeId, `PRELB#${pad(number)}#STATE#`, StateSchema, "programme release state"),
  };
}
export type ProgrammeReleaseStore = ReturnType<typeof programmeReleaseStore>;
