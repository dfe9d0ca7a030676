import * as z from "zod/mini";
import { getItem, parseItem, updateIf, type TableRef } from "./table";

/**
 * The table's schema version: pk `META`, sk `#SCHEMA`, `{ version, applied: [{ version, name, appliedAt }] }`.
 * Absent means version 0, the layout before the first migration (functions/migrations/).
 */
const key = { pk: "META", sk: "#SCHEMA" };

const StoredSchemaVersion = z.looseObject({ version: z.number() });

export function schemaStore(table: TableRef) {
  return {
    async version(): Promise<number> {
      const item = await getItem(table, key, { consistent: true });
      return item ? parseItem(StoredSchemaVersion, "schema version", item).version : 0;
    },
    /** from -> to, with the migration's name and time; false when the table is not at `from` (another run got there first). */
    advance(from: number, to: number, name: string, now: string): Promise<boolean> {
      return updateIf(table, key, {
        UpdateExpression: "SET #v = :to, #type = :type, applied = list_append(if_not_exists(applied, :none), :entry)",
        ConditionExpression: from === 0 ? "attribute_not_exists(pk) OR #v = :from" : "#v = :from",
        ExpressionAttributeNames: { "#v": "version", "#type": "type" },
        ExpressionAttributeValues: { ":to": to, ":from": from, ":none": [], ":entry": [{ version: to, name, appliedAt: now }], ":type": "schema-version" },
      });
    },
  };
}
export type SchemaStore = ReturnType<typeof schemaStore>;
