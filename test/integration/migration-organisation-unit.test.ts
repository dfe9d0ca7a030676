import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, virtualClock, type TestDeps } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { MIGRATIONS, SCHEMA_VERSION, runMigrations } from "../../functions/migrations";
import { roundTasks } from "../../functions/workflow/tasks";
import { segmentsOf } from "../../shared/indicators/contributions";
import { getInstrument } from "../../shared/instruments";
import { hashToken, newToken } from "../../functions/domain/tokens";
import type { StoredInvitation } from "../../functions/stores/invitations";

/**
 * Schema version 1 on a table seeded the old way: a skills-needs round that invited every
 * contact and took a response from each, written as the code before the migration wrote it.
 */
const skillsNeeds = getInstrument("skills-needs", 1)!;
const baseline = getInstrument("baseline", 1)!;
const clock = virtualClock("2026-03-01T08:00:00Z");
let deps: TestDeps;
let drop: () => Promise<void>;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let counter: ApiSuite["counter"];
let roundId: string;
let baselineId: string;
const orgIds: string[] = [];
/** Per organisation, its contacts' person ids in registration order. */
const persons: string[][] = [];
const tokens = new Map<string, string>(); // `${roundId}/${personId}` -> token

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const form = (token: string) => participant(apiEvent("GET /api/form", { formToken: token }));

/** Every item of a round's partition, as stored. */
async function partition(id: string) {
  const res = await deps.table.doc.send(
    new QueryCommand({ TableName: deps.table.name, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": `ROUND#${id}` }, ConsistentRead: true }),
  );
  return res.Items ?? [];
}

/** An invitation as the invite task wrote it before the migration: one per person, counted. */
async function oldInvite(id: string, instrumentId: string, org: number, contact: number) {
  const orgItem = (await deps.stores.organisations.get(orgIds[org]))!;
  const personId = persons[org][contact];
  const token = newToken();
  const tokenHash = hashToken(token);
  const inv: StoredInvitation = {
    roundId: id, personId, organisationId: orgItem.id, orgName: orgItem.name, orgNumber: orgItem.orgNumber, email: `p${org}-${contact}@example.se`,
    name: `Kontakt ${org}-${contact}`, language: "sv", tokenHash, status: "created", sni: orgItem.sni, municipality: orgItem.municipality,
    sizeClass: orgItem.sizeClass, remindersSent: [],
  };
  const snapshot = { roundId: id, personId, organisationId: inv.organisationId, orgNumber: inv.orgNumber, orgName: inv.orgName, sni: inv.sni, municipality: inv.municipality, sizeClass: inv.sizeClass, instrumentId, instrumentVersion: 1 };
  await deps.stores.transact([
    deps.stores.invitations.putIfAbsent(inv),
    deps.stores.tokens.putIfAbsent(tokenHash, snapshot, Math.floor(Date.parse("2026-06-01T00:00:00Z") / 1000)),
    deps.stores.rounds.addInvited(id),
    ...segmentsOf(inv).map((s) => deps.stores.aggregates.add(id, s, { invited: 1 })),
  ]);
  await deps.stores.invitations.markSent(id, personId, clock.now().toISOString());
  tokens.set(`${id}/${personId}`, token);
  return { token, snapshot };
}

/** A response as the submit path wrote it before the migration: per person, not per organisation. */
async function oldSubmit(id: string, org: number, contact: number, variant: number) {
  const token = tokens.get(`${id}/${persons[org][contact]}`)!;
  const found = (await deps.stores.tokens.get(hashToken(token)))!;
  const instrument = found.snapshot.instrumentId === "baseline" ? baseline : skillsNeeds;
  clock.advance(60_000);
  await deps.stores.transact([deps.stores.responses.putIfAbsent({ ...found.snapshot, answers: validAnswers(instrument, variant), submittedAt: clock.now().toISOString() })]);
}

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now }));
  const contactsPerOrg = [2, 2, 3, 1];
  for (const [i, n] of contactsPerOrg.entries()) {
    orgIds.push(body(await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i) }))).id);
    persons.push([body(await owner(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgIds[i] } }))).items[0].id]);
    for (let c = 1; c < n; c++) {
      clock.advance(1000);
      const res = await owner(apiEvent("POST /api/persons", { body: { organisationId: orgIds[i], name: `Kontakt ${i}-${c}`, email: `p${i}-${c}@example.se` } }));
      persons[i].push(body(res).id);
    }
  }
  const create = async (input: Record<string, unknown>) =>
    body(await owner(apiEvent("POST /api/rounds", { body: { opensAt: "2026-03-01T09:00:00Z", closesAt: "2026-03-20T16:00:00Z", ...input } }))).id as string;
  roundId = await create({ name: "Kompetensbehov (gammal)" });
  baselineId = await create({ name: "Baslinje", instrumentId: "baseline" });
  for (const id of [roundId, baselineId]) await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id } }));
  clock.set("2026-03-02T09:00:00Z");
  for (const [i, n] of contactsPerOrg.entries()) for (let c = 0; c < n; c++) await oldInvite(roundId, "skills-needs", i, c);
  for (let c = 0; c < 2; c++) await oldInvite(baselineId, "baseline", 0, c);

  // Organisation 0: both contacts answered, the second first. Organisation 1: its second contact
  // answered, its first only opened the link. Organisation 2: nobody answered; its third contact
  // has a draft. Organisation 3: its only contact answered.
  await oldSubmit(roundId, 0, 1, 1);
  await oldSubmit(roundId, 0, 0, 2);
  expect((await form(tokens.get(`${roundId}/${persons[1][0]}`)!)).statusCode).toBe(200);
  await oldSubmit(roundId, 1, 1, 3);
  const third = tokens.get(`${roundId}/${persons[2][2]}`)!;
  await participant(apiEvent("PUT /api/form/draft", { formToken: third, body: { answers: { [skillsNeeds.blocks[1].questions[0].id]: 2 } } }));
  await oldSubmit(roundId, 3, 0, 4);
  await oldSubmit(baselineId, 0, 0, 1);
  await oldSubmit(baselineId, 0, 1, 2);
  await counter.drain();
  expect((await deps.stores.rounds.get(roundId))!.submittedCount).toBe(4); // persons, as before
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

describe("migration 1: the organisation is the unit of a skills-needs round", () => {
  let baselineBefore: Record<string, unknown>[];

  it("runs from schema version 0 to 1 and on, and records it in the table", async () => {
    baselineBefore = await partition(baselineId);
    const report = await runMigrations(deps);
    expect(report).toMatchObject({ from: 0, to: SCHEMA_VERSION });
    expect(report.applied[0]).toMatchObject({ version: 1, name: "organisation-unit" });
    expect(await deps.stores.schema.version()).toBe(SCHEMA_VERSION);
  });

  it("keeps the earliest submitted response of an organisation and marks the later one superseded", async () => {
    const kept = await deps.stores.responses.list(roundId, { consistent: true });
    expect(kept.filter((r) => r.organisationId === orgIds[0]).map((r) => r.personId)).toEqual([persons[0][1]]);
    const all = await deps.stores.responses.list(roundId, { consistent: true, all: true });
    expect(all.find((r) => r.personId === persons[0][0])?.supersededAt).toBeDefined();
    expect(kept).toHaveLength(3);
  });

  it("keeps one invitation per organisation: the answered one, else the one that got furthest", async () => {
    const inForce = new Map((await deps.stores.invitations.list(roundId, { consistent: true })).map((i) => [i.organisationId, i.personId]));
    expect([...inForce.values()]).toHaveLength(4);
    expect(inForce.get(orgIds[0])).toBe(persons[0][1]);
    expect(inForce.get(orgIds[1])).toBe(persons[1][1]);
    expect(inForce.get(orgIds[2])).toBe(persons[2][2]); // its draft is in progress
    expect(inForce.get(orgIds[3])).toBe(persons[3][0]);
  });

  it("recounts invited, submitted and response rates per organisation", async () => {
    const status = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
    expect(status).toMatchObject({ invitedCount: 4, submittedCount: 3 });
    expect(status.rates.total).toMatchObject({ invited: 4, submitted: 3, opened: 0, responseRate: 0.75 });
    const who = body(await owner(apiEvent("GET /api/rounds/{id}/invitations", { params: { id: roundId }, query: { status: "pending" } }))).items;
    expect(who.map((i: { personId: string }) => i.personId)).toEqual([persons[2][2]]);
  });

  it("refuses a superseded invitation's link with 410", async () => {
    const res = await form(tokens.get(`${roundId}/${persons[1][0]}`)!);
    expect(res.statusCode).toBe(410);
    expect(body(res).error.code).toBe("link-replaced");
  });

  it("leaves a round whose every person answers as it was", async () => {
    expect(await partition(baselineId)).toEqual(baselineBefore);
  });

  it("changes nothing when it runs again", async () => {
    const before = await partition(roundId);
    await deps.stores.schema.advance(SCHEMA_VERSION, 0, "test: back to 0", clock.now().toISOString()); // as if the version steps had been lost
    expect((await runMigrations(deps)).applied).toHaveLength(MIGRATIONS.length);
    expect(await partition(roundId)).toEqual(before);
    expect((await runMigrations(deps)).applied).toEqual([]);
  });

  it("leaves aggregates the round's final aggregation agrees with", async () => {
    const dims = ["all", "industry", "section", "municipality", "county", "size"];
    const read = async () => (await Promise.all(dims.map((d) => deps.stores.aggregates.list(roundId, d)))).flat();
    const migrated = await read();
    await roundTasks.close(deps, { roundId });
    await roundTasks.aggregate(deps, { roundId });
    expect(await read()).toEqual(migrated);
    expect((await deps.stores.rounds.get(roundId))!.submittedCount).toBe(3);
  });
});
