import { EducationOffering } from "../../shared/supply/schemas";
import { getItem, isConditionFailure, parseItem, putItem, queryIndex, txPut, type TableRef, type TransactItem } from "./table";

/** Education offerings: pk `OFFERING#<id>`, sk `#OFFERING`, listed in gsi1 `OFFERINGS` by start date. */
const key = (id: string) => ({ pk: `OFFERING#${id}`, sk: "#OFFERING" });
const indexSortKey = (o: EducationOffering) => `${o.startDate}#${o.id}`;

const parse = (item: Record<string, unknown>) => parseItem(EducationOffering, "education offering", item);

export function educationOfferingStore(table: TableRef) {
  return {
    /** A new offering's item for a batch (the id is new: random, or derived from its source's id). */
    put(offering: EducationOffering): TransactItem {
      return txPut(table, { ...key(offering.id), gsi1pk: "OFFERINGS", gsi1sk: indexSortKey(offering), type: "education-offering", ...offering });
    },
    /** False when an offering with the id exists. */
    async createIfAbsent(offering: EducationOffering): Promise<boolean> {
      try {
        await putItem(table, { ...key(offering.id), gsi1pk: "OFFERINGS", gsi1sk: indexSortKey(offering), type: "education-offering", ...offering }, "attribute_not_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async get(id: string): Promise<EducationOffering | undefined> {
      const item = await getItem(table, key(id), { consistent: true });
      return item && parse(item);
    },
    async list(): Promise<EducationOffering[]> {
      return (await queryIndex(table, "OFFERINGS")).map(parse);
    },
    /** Replaces an existing offering, item and all (a field left out is gone); false when there is none with the id. */
    async replace(offering: EducationOffering): Promise<boolean> {
      try {
        await putItem(table, { ...key(offering.id), gsi1pk: "OFFERINGS", gsi1sk: indexSortKey(offering), type: "education-offering", ...offering }, "attribute_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
export type EducationOfferingStore = ReturnType<typeof educationOfferingStore>;
