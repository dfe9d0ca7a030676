import * as z from "zod/mini";
import { AGE_BANDS, GENDERS, Language, MAIL_STOPS, type MailStop, type Person } from "../../shared/schemas";
import { parseItem, queryIndex, queryPrefix, txDelete, txPut, txUpdate, updateIf, type TableRef, type TransactItem } from "./table";

/** Persons: pk `ORG#<orgNumber>`, sk `PERSON#<personId>`; gsi1 `PERSON#<personId>` / `#PERSON`. */
const key = (orgNumber: string, personId: string) => ({ pk: `ORG#${orgNumber}`, sk: `PERSON#${personId}` });

/** Loose, so an item is read back with every attribute it has, as the API has always answered it. */
export const StoredPerson = z.looseObject({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.optional(z.string()),
  language: Language,
  gender: z.optional(z.enum(GENDERS)),
  ageBand: z.optional(z.enum(AGE_BANDS)),
  respondent: z.optional(z.boolean()),
  createdAt: z.string(),
  mailStop: z.optional(z.object({ reason: z.enum(MAIL_STOPS), at: z.string() })),
});
export type StoredPerson = z.infer<typeof StoredPerson>;
// Every stored person is a Person: a field the entity gains must be added here too to compile.
export const STORED_PERSON_IS_PERSON: StoredPerson extends Person ? true : false = true;

const parse = (item: Record<string, unknown>) => parseItem(StoredPerson, "person", item);

export function personStore(table: TableRef) {
  return {
    /** The person, kept until `expiresAt` (epoch seconds) unless a later invitation keeps them longer. */
    put(person: Person, expiresAt: number): TransactItem {
      return txPut(table, { ...key(person.organisationId, person.id), gsi1pk: `PERSON#${person.id}`, gsi1sk: "#PERSON", type: "person", ...person, expiresAt });
    },
    /** Keeps the person's contact data until `expiresAt` (epoch seconds): they were just invited. */
    keepUntil(orgNumber: string, personId: string, expiresAt: number): TransactItem {
      return txUpdate(table, key(orgNumber, personId), { UpdateExpression: "SET expiresAt = :e", ConditionExpression: "attribute_exists(pk)", ExpressionAttributeValues: { ":e": expiresAt } });
    },
    /** Marks the person as the organisation's designated respondent, or takes the mark away. */
    setRespondent(orgNumber: string, personId: string, respondent: boolean): TransactItem {
      return txUpdate(table, key(orgNumber, personId), {
        UpdateExpression: respondent ? "SET respondent = :t" : "REMOVE respondent",
        ConditionExpression: "attribute_exists(pk)",
        ...(respondent ? { ExpressionAttributeValues: { ":t": true } } : {}),
      });
    },
    /** No more mail to this person; the first reason stays (a complaint after a bounce changes nothing). */
    stopMail(orgNumber: string, personId: string, stop: MailStop): Promise<boolean> {
      return updateIf(table, key(orgNumber, personId), {
        UpdateExpression: "SET mailStop = :stop",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(mailStop)",
        ExpressionAttributeValues: { ":stop": stop },
      });
    },
    async listOf(orgNumber: string): Promise<StoredPerson[]> {
      return (await queryPrefix(table, `ORG#${orgNumber}`, "PERSON#")).map(parse);
    },
    /** A person by id, whichever organisation holds it. */
    async get(personId: string): Promise<StoredPerson | undefined> {
      const item = (await queryIndex(table, `PERSON#${personId}`)).find((i) => i.gsi1sk === "#PERSON");
      return item && parse(item);
    },
    delete(orgNumber: string, personId: string): TransactItem {
      return txDelete(table, key(orgNumber, personId));
    },
  };
}
export type PersonStore = ReturnType<typeof personStore>;
