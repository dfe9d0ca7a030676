import { YrkesbarometerAssessment } from "../../shared/supply/schemas";
import { parseItem, queryPrefix, txPut, type TableRef, type TransactItem } from "./table";

/**
 * Yrkesbarometer assessments: pk `YRKESBAROMETER`, sk `YB#<county>#<ssyk>#<conceptId>`, one
 * partition (a county's few hundred occupations, the whole country a few thousand items), so the
 * latest import of an assessment overwrites the one before.
 */
const PARTITION = "YRKESBAROMETER";

export function yrkesbarometerStore(table: TableRef) {
  return {
    /** An assessment's item for a batch; the same county, SSYK and occupation overwrite. */
    put(a: YrkesbarometerAssessment): TransactItem {
      return txPut(table, { pk: PARTITION, sk: `YB#${a.county}#${a.ssyk}#${a.conceptId}`, type: "yrkesbarometer", ...a });
    },
    async list(): Promise<YrkesbarometerAssessment[]> {
      return (await queryPrefix(table, PARTITION, "YB#")).map((i) => parseItem(YrkesbarometerAssessment, "yrkesbarometer assessment", i));
    },
  };
}
export type YrkesbarometerStore = ReturnType<typeof yrkesbarometerStore>;
