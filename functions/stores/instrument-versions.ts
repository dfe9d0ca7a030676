import { StoredInstrumentVersion } from "../../shared/schemas/instrument-version";
import { getItem, isConditionFailure, parseItem, putItem, queryPrefix, updateIf, type TableRef } from "./table";

/**
 * A region's own instrument versions, in the region's table: pk `INSTRUMENT#<id>`, sk
 * `V#<version, 6 digits>` (so a query lists them in order). Written with conditions: a new
 * version only where none is, a change only while no round has used the version (`usedAt`).
 */
const key = (id: string, version: number) => ({ pk: `INSTRUMENT#${id}`, sk: `V#${String(version).padStart(6, "0")}` });
const parse = (item: Record<string, unknown>) => parseItem(StoredInstrumentVersion, "instrument version", item);

export type ReplaceOutcome = "replaced" | "used" | "missing";

export function instrumentVersionStore(table: TableRef) {
  const item = (v: StoredInstrumentVersion) => ({ ...key(v.instrument.id, v.instrument.version), type: "instrument-version", ...v });
  return {
    async get(id: string, version: number): Promise<StoredInstrumentVersion | undefined> {
      const found = await getItem(table, key(id, version), { consistent: true });
      return found && parse(found);
    },
    async list(id: string): Promise<StoredInstrumentVersion[]> {
      return (await queryPrefix(table, `INSTRUMENT#${id}`, "V#", { consistent: true })).map(parse);
    },
    /** False when the version number is taken. */
    async create(v: StoredInstrumentVersion): Promise<boolean> {
      try {
        await putItem(table, item(v), "attribute_not_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    /** Replaces a version that no round has used; a used one is left as it is. */
    async replace(v: StoredInstrumentVersion): Promise<ReplaceOutcome> {
      try {
        await putItem(table, item(v), "attribute_exists(pk) AND attribute_not_exists(usedAt)");
        return "replaced";
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return (await getItem(table, key(v.instrument.id, v.instrument.version), { consistent: true })) ? "used" : "missing";
      }
    },
    /** Marks the version used by a round (the first time counts); false when there is no such version. */
    markUsed(id: string, version: number, at: string): Promise<boolean> {
      return updateIf(table, key(id, version), {
        UpdateExpression: "SET usedAt = if_not_exists(usedAt, :at)",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":at": at },
      });
    },
  };
}
