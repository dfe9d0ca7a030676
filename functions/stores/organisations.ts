import * as z from "zod/mini";
import { Organisation } from "../../shared/schemas";
import { queryIndexPage } from "./pages";
import { getItem, parseItem, queryIndex, txCheck, txPut, updateIf, type TableRef, type TransactItem } from "./table";

/** Organisations: pk `ORG#<orgNumber>`, sk `#ORG`; listed in gsi1 `ORGS` by lower-case name. */
const key = (orgNumber: string) => ({ pk: `ORG#${orgNumber}`, sk: "#ORG" });
const indexSortKey = (name: string, orgNumber: string) => `${name.toLocaleLowerCase("sv")}#${orgNumber}`;

/**
 * The entity as stored; an update adds its time. Loose, so an item is read back with every
 * attribute it has, as the API has always answered it.
 */
export const StoredOrganisation = z.looseObject({ ...Organisation.shape, updatedAt: z.optional(z.string()) });
export type StoredOrganisation = z.infer<typeof StoredOrganisation>;

const parse = (item: Record<string, unknown>) => parseItem(StoredOrganisation, "organisation", item);

export function organisationStore(table: TableRef) {
  return {
    /** Only if no organisation has the number. */
    putIfAbsent(org: Organisation): TransactItem {
      return txPut(table, { ...key(org.id), gsi1pk: "ORGS", gsi1sk: indexSortKey(org.name, org.id), type: "organisation", ...org }, "attribute_not_exists(pk)");
    },
    /** Holds a transaction to the organisation still existing. */
    checkExists(orgNumber: string): TransactItem {
      return txCheck(table, key(orgNumber), { ConditionExpression: "attribute_exists(pk)" });
    },
    async get(orgNumber: string): Promise<StoredOrganisation | undefined> {
      const item = await getItem(table, key(orgNumber));
      return item && parse(item);
    },
    async list(): Promise<StoredOrganisation[]> {
      return (await queryIndex(table, "ORGS")).map(parse);
    },
    /** At most `limit` organisations in list order (by name), after the cursor `after` of the page before. */
    async page(opts: { after?: string; limit: number }): Promise<{ items: StoredOrganisation[]; next?: string }> {
      const page = await queryIndexPage(table, "ORGS", opts);
      return { items: page.items.map(parse), next: page.next };
    },
    /** False when no such organisation exists. */
    update(org: Organisation, updatedAt: string): Promise<boolean> {
      return updateIf(table, key(org.id), {
        UpdateExpression: "SET #n = :n, kind = :k, sni = :sni, municipality = :m, sizeClass = :sc, gsi1sk = :g, updatedAt = :now",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#n": "name" },
        ExpressionAttributeValues: {
          ":n": org.name,
          ":k": org.kind,
          ":sni": org.sni,
          ":m": org.municipality,
          ":sc": org.sizeClass,
          ":g": indexSortKey(org.name, org.id),
          ":now": updatedAt,
        },
      });
    },
  };
}
export type OrganisationStore = ReturnType<typeof organisationStore>;
