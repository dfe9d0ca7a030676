import { EducationOffering, YrkesbarometerAssessment as AssessmentSchema, type YrkesbarometerAssessment } from "../../shared/supply/schemas";
import { getItem, isConditionFailure, parseItem, putItem, queryIndex, queryPrefix, txPut, type TableRef, type TransactItem } from "./table";

/**
 * Education offerings: pk `OFFERING#<id>`, sk `#OFFERING`, listed in gsi1 `OFFERINGS` by start
 * date. Yrkesbarometer assessments: pk `YRKESBAROMETER`, sk `YB#<county>#<ssyk>#<conceptId>`, one
 * partition (a county's few hundred occupations; the whole country a few thousand items), so
 * the latest import of an assessment overwrites the one before.
 */
const key = (id: string) => ({ pk: `OFFERING#${id}`, sk: "#OFFERING" });
const indexSortKey = (o: EducationOffering) => `${o.startDate}#${o.id}`;
const YB_PARTITION = "YRKESBAROMETER";

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
    /** An assessment's item for a batch; the same county, SSYK and occupation overwrite. */
    putAssessment(a: YrkesbarometerAssessment): TransactItem {
      return txPut(table, { pk: YB_PARTITION, sk: `YB#${a.county}#${a.ssyk}#${a.conceptId}`, type: "yrkesbarometer", ...a });
    },
    async assessments(): Promise<YrkesbarometerAssessment[]> {
      return (await queryPrefix(table, YB_PARTITION, "YB#")).map((i) => parseItem(AssessmentSchema, "yrkesbarometer assessment", i));
    },
  };
}
export type EducationOfferingStore = ReturnType<typeof educationOfferingStore>;
