import * as z from "zod/mini";
import { ProgrammeTarget, type Programme } from "../../shared/schemas";
import { PROJECT_BEFORE_PROJECTS } from "./projects";
import { getItem, parseItem, queryIndex, txPut, txUpdate, updateIf, type TableRef, type TransactItem } from "./table";

/** Programmes: pk `PROG#<programmeId>`, sk `#PROG`; listed in gsi1 `PROGRAMMES` by creation time. */
export const programmePartition = (programmeId: string) => `PROG#${programmeId}`;
const key = (programmeId: string) => ({ pk: programmePartition(programmeId), sk: "#PROG" });

/** Loose, so an item is read back with every attribute it has, as the API has always answered it. */
export const StoredProgramme = z.looseObject({
  id: z.string(),
  // Programmes stored before projects existed belong to the project migration 2 made for them.
  projectId: z._default(z.string(), PROJECT_BEFORE_PROJECTS),
  name: z.string(),
  description: z.optional(z.string()),
  facilitator: z.object({ name: z.string(), email: z.string() }),
  cycles: z.number(),
  organisationIds: z.array(z.string()),
  personIds: z.array(z.string()),
  targets: z.array(ProgrammeTarget),
  baselineRoundId: z.optional(z.string()),
  followUpRoundId: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type StoredProgramme = z.infer<typeof StoredProgramme>;
export const STORED_PROGRAMME_IS_PROGRAMME: StoredProgramme extends Programme ? true : false = true;

const parse = (item: Record<string, unknown>) => parseItem(StoredProgramme, "programme", item);

export function programmeStore(table: TableRef) {
  return {
    putIfAbsent(programme: Programme): TransactItem {
      return txPut(
        table,
        { ...key(programme.id), gsi1pk: "PROGRAMMES", gsi1sk: programme.createdAt, type: "programme", ...programme },
        "attribute_not_exists(pk)",
      );
    },
    async get(programmeId: string): Promise<StoredProgramme | undefined> {
      const item = await getItem(table, key(programmeId), { consistent: true });
      return item && parse(item);
    },
    async list(): Promise<StoredProgramme[]> {
      return (await queryIndex(table, "PROGRAMMES", { descending: true })).map(parse);
    },
    /** Writes the project onto a programme stored before projects existed; false when it has one already. */
    adoptIntoProject(programmeId: string, projectId: string): Promise<boolean> {
      return updateIf(table, key(programmeId), {
        UpdateExpression: "SET projectId = :p",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(projectId)",
        ExpressionAttributeValues: { ":p": projectId },
      });
    },
    /** Links the baseline or follow-up round, once per programme. */
    setMeasurementRound(programmeId: string, kind: "baseline" | "follow-up", roundId: string): TransactItem {
      return txUpdate(table, key(programmeId), {
        UpdateExpression: "SET #a = :id",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#a)",
        ExpressionAttributeNames: { "#a": kind === "baseline" ? "baselineRoundId" : "followUpRoundId" },
        ExpressionAttributeValues: { ":id": roundId },
      });
    },
  };
}
export type ProgrammeStore = ReturnType<typeof programmeStore>;
