import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createStores, type Stores } from "../../../functions/stores";
import { StoredItemError, cancellationCodes, type TableRef } from "../../../functions/stores/table";
import type { Organisation, Round } from "../../../shared/schemas";
import { createTestTable, type TestTable } from "../../support/dynamodb";

let t: TestTable;
let table: TableRef;
let stores: Stores;

beforeAll(async () => {
  t = await createTestTable("stores");
  table = { doc: t.docClient, name: t.tableName };
  stores = createStores(table);
});
afterAll(() => t?.drop());

const organisation = (orgNumber: string): Organisation => ({
  id: orgNumber,
  orgNumber,
  name: "Svetsarna AB",
  kind: "company",
  sni: "25110",
  sniVersion: "SNI2007",
  municipality: "0580",
  sizeClass: "10-49",
  createdAt: "2026-01-05T08:00:00.000Z",
});

const round = (id: string): Round => ({
  id,
  projectId: "p-test",
  name: "Kompetensbehov 2026",
  instrumentId: "skills-needs",
  instrumentVersion: 1,
  opensAt: "2026-02-01T08:00:00.000Z",
  closesAt: "2026-02-21T16:00:00.000Z",
  reminders: [],
  recipients: {},
  status: "open",
  createdAt: "2026-01-10T08:00:00.000Z",
  createdBy: "owner@example.se",
  invitedCount: 0,
  submittedCount: 0,
});

const response = (roundId: string, personId: string) => ({
  roundId,
  personId,
  organisationId: "5560000019",
  orgNumber: "5560000019",
  orgName: "Svetsarna AB",
  sni: "25110",
  municipality: "0580",
  sizeClass: "10-49",
  instrumentId: "skills-needs",
  instrumentVersion: 1,
  answers: { freeText: "Fler svetsare" },
  submittedAt: "2026-02-03T09:00:00.000Z",
});

describe("the stores on DynamoDB Local", () => {
  it("read back what they wrote, parsed by the item's schema and without its keys", async () => {
    await stores.transact([stores.organisations.putIfAbsent(organisation("5560000019"))]);
    const read = await stores.organisations.get("5560000019");
    expect(read).toMatchObject(organisation("5560000019"));
    expect(read).not.toHaveProperty("pk");
    expect(read).not.toHaveProperty("gsi1sk");
  });

  it("raise a StoredItemError, naming only the entity, when a stored item does not match its schema", async () => {
    await table.doc.send(new PutCommand({ TableName: table.name, Item: { pk: "ROUND#broken", sk: "#ROUND", id: "broken", name: 42 } }));
    const error = await stores.rounds.get("broken").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredItemError);
    expect((error as Error).message).toBe("A stored round item does not match its schema.");
  });

  it("refuse a second response for the same invitation", async () => {
    await stores.transact([stores.responses.putIfAbsent(response("r-once", "p1"))]);
    const second = await stores.transact([stores.responses.putIfAbsent({ ...response("r-once", "p1"), submittedAt: "2026-02-04T09:00:00.000Z" })]).catch((e: unknown) => e);
    expect(cancellationCodes(second)).toEqual(["ConditionalCheckFailed"]);
    expect((await stores.responses.list("r-once")).map((r) => r.submittedAt)).toEqual(["2026-02-03T09:00:00.000Z"]);
  });

  it("write the items of a transaction built from two stores together", async () => {
    await stores.rounds.createIfAbsent(round("r-open"), { listed: false });
    await stores.transact([stores.responses.putIfAbsent(response("r-open", "p1")), stores.rounds.checkTakesAnswers("r-open")]);
    expect(await stores.responses.submittedAt("r-open", "p1")).toBe("2026-02-03T09:00:00.000Z");
  });

  it("write none of a transaction's items when one store's condition fails", async () => {
    await stores.rounds.createIfAbsent({ ...round("r-closed"), status: "closed" }, { listed: false });
    const error = await stores.transact([stores.responses.putIfAbsent(response("r-closed", "p1")), stores.rounds.checkTakesAnswers("r-closed")]).catch((e: unknown) => e);
    expect(cancellationCodes(error)).toEqual(["None", "ConditionalCheckFailed"]);
    expect(await stores.responses.submittedAt("r-closed", "p1")).toBeUndefined();
  });

  it("add counters to a segment's aggregate and read them per dimension", async () => {
    const segment = { dimension: "industry", value: "25" };
    await stores.transact([stores.aggregates.add("r-agg", segment, { invited: 1 })]);
    await stores.transact([stores.aggregates.add("r-agg", segment, { invited: 1, submitted: 1 })]);
    expect(await stores.aggregates.list("r-agg", "industry")).toEqual([{ dimension: "industry", value: "25", counters: { invited: 2, submitted: 1 } }]);
  });

  it("write an outbox mail once per id", async () => {
    const mail = { id: "invite-1", to: "anna@example.se", subject: "Inbjudan", text: "Hej", kind: "invitation", createdAt: "2026-02-01T08:00:00.000Z" };
    expect(await stores.outbox.writeOnce(mail)).toBe(true);
    expect(await stores.outbox.writeOnce({ ...mail, createdAt: "2026-02-01T08:05:00.000Z" })).toBe(false);
    expect(await stores.outbox.newest(10)).toEqual([mail]);
  });

  it("keep an organisation to one answer per round, whichever contact claims it", async () => {
    await stores.transact([stores.responses.claimOrganisation("r-org", "5560000019", { personId: "p1", submittedAt: "2026-02-03T09:00:00.000Z" })]);
    const second = await stores.transact([stores.responses.claimOrganisation("r-org", "5560000019", { personId: "p2", submittedAt: "2026-02-03T09:01:00.000Z" })]).catch((e: unknown) => e);
    expect(cancellationCodes(second)).toEqual(["ConditionalCheckFailed"]);
    expect(await stores.responses.claimOrganisationIfAbsent("r-org", "5560000019", { personId: "p3", submittedAt: "2026-02-04T09:00:00.000Z" })).toBe(false);
    expect(await stores.responses.organisationAnswer("r-org", "5560000019")).toEqual({ personId: "p1", submittedAt: "2026-02-03T09:00:00.000Z" });
  });

  it("list only the responses that count unless asked for all", async () => {
    await stores.transact([stores.responses.putIfAbsent(response("r-sup", "p1")), stores.responses.putIfAbsent(response("r-sup", "p2"))]);
    await stores.responses.markSuperseded("r-sup", "p2", "2026-03-01T00:00:00.000Z");
    await stores.responses.markSuperseded("r-sup", "p2", "2026-03-02T00:00:00.000Z"); // once: the first time stays
    expect((await stores.responses.list("r-sup", { consistent: true })).map((r) => r.personId)).toEqual(["p1"]);
    expect((await stores.responses.list("r-sup", { consistent: true, all: true })).map((r) => [r.personId, r.supersededAt])).toEqual([
      ["p1", undefined],
      ["p2", "2026-03-01T00:00:00.000Z"],
    ]);
  });

  it("advance the schema version only from the version it is at", async () => {
    const fresh = createStores({ doc: t.docClient, name: t.tableName });
    expect(await fresh.schema.version()).toBe(0);
    expect(await fresh.schema.advance(0, 1, "first", "2026-03-01T00:00:00.000Z")).toBe(true);
    expect(await fresh.schema.advance(0, 1, "first", "2026-03-01T00:00:01.000Z")).toBe(false);
    expect(await fresh.schema.version()).toBe(1);
  });

  it("answer an unknown item as undefined, not as an error", async () => {
    expect(await stores.programmes.get("nobody")).toBeUndefined();
    expect(await stores.tokens.get("0".repeat(64))).toBeUndefined();
  });
});

describe("the cycle store", () => {
  const schedule = {
    workshopAt: "2026-03-02T09:00:00.000Z",
    assignmentDeadline: "2026-03-09T16:00:00.000Z",
    lectureAt: "2026-03-10T09:00:00.000Z",
    reflectionDeadline: "2026-03-17T16:00:00.000Z",
    assignmentReminders: [],
    reflectionReminders: [],
    noticeDaysBefore: 7,
    recordWithinHours: 48,
    facilitatorGraceHours: 72,
  };
  const record = { now: "2026-03-02T10:00:00.000Z", heldAt: "2026-03-02T09:00:00.000Z", attendance: ["p1"], notes: "" };

  it("answers the waiting task's token it removed with the first record of a session, and no token after that", async () => {
    await stores.transact([stores.cycles.putPlanned("prog-1", 1)]);
    await stores.cycles.setSchedule("prog-1", 1, schedule, "scheduled", "planned");
    await stores.cycles.markStarted("prog-1", 1, "2026-03-01T08:00:00.000Z", 1, 0);
    expect(await stores.cycles.storeTaskToken("prog-1", 1, "workshop", "task-token", "2026-03-01T09:00:00.000Z")).toBe(true);
    expect(await stores.cycles.recordSession("prog-1", 1, "workshop", record)).toEqual({ token: "task-token", recordedBefore: false });
    expect(await stores.cycles.recordSession("prog-1", 1, "workshop", record)).toEqual({ token: undefined, recordedBefore: true });
  });

  it("writes no record for a cycle that has not started", async () => {
    await stores.transact([stores.cycles.putPlanned("prog-2", 1)]);
    expect(await stores.cycles.recordSession("prog-2", 1, "workshop", record)).toBeUndefined();
    expect((await stores.cycles.get("prog-2", 1))?.workshopRecordedAt).toBeUndefined();
  });
});
