/**
 * The single-table key design in one place (docs/architecture.md lists it). Every item's keys are
 * built here, so no module spells a key by hand.
 */
export const keys = {
  organisation: (orgNumber: string) => ({ pk: `ORG#${orgNumber}`, sk: "#ORG" }),
  organisationIndex: (name: string, orgNumber: string) => ({ gsi1pk: "ORGS", gsi1sk: `${name.toLocaleLowerCase("sv")}#${orgNumber}` }),
  person: (orgNumber: string, personId: string) => ({ pk: `ORG#${orgNumber}`, sk: `PERSON#${personId}` }),
  personIndex: (personId: string) => ({ gsi1pk: `PERSON#${personId}`, gsi1sk: "#PERSON" }),
  round: (roundId: string) => ({ pk: `ROUND#${roundId}`, sk: "#ROUND" }),
  roundIndex: (createdAt: string) => ({ gsi1pk: "ROUNDS", gsi1sk: createdAt }),
  invitation: (roundId: string, personId: string) => ({ pk: `ROUND#${roundId}`, sk: `INV#${personId}` }),
  token: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: "#TOKEN" }),
  draft: (roundId: string, personId: string) => ({ pk: `ROUND#${roundId}`, sk: `DRAFT#${personId}` }),
  response: (roundId: string, personId: string) => ({ pk: `ROUND#${roundId}`, sk: `RESP#${personId}` }),
  aggregate: (roundId: string, dimension: string, value: string) => ({ pk: `ROUND#${roundId}`, sk: `AGG#${dimension}#${value}` }),
  programme: (programmeId: string) => ({ pk: `PROG#${programmeId}`, sk: "#PROG" }),
  programmeIndex: (createdAt: string) => ({ gsi1pk: "PROGRAMMES", gsi1sk: createdAt }),
  /** Cycles sort in order: CYCLE#01, CYCLE#02, ... */
  cycle: (programmeId: string, cycle: number) => ({ pk: `PROG#${programmeId}`, sk: `CYCLE#${String(cycle).padStart(2, "0")}` }),
  outboxMail: (createdAt: string, id: string) => ({ pk: "OUTBOX", sk: `${createdAt}#${id}` }),
  outboxMarker: (id: string) => ({ pk: `MAIL#${id}`, sk: "#MAIL" }),
  prefix: {
    invitation: "INV#",
    response: "RESP#",
    aggregate: (dimension: string) => `AGG#${dimension}#`,
    person: "PERSON#",
    cycle: "CYCLE#",
  },
};

/** Attributes that are keys or bookkeeping, never counters or entity fields. */
export const KEY_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "expiresAt"] as const;

export function stripKeys<T extends Record<string, unknown>>(item: T): Omit<T, (typeof KEY_ATTRIBUTES)[number]> {
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy;
}
