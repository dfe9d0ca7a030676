import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, outbox, tokenFrom, virtualClock } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { startRetention } from "../../functions/domain/retention";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { AUDIT_LOG_DAYS, expiryAfter, type Retention } from "../../shared/retention";

/**
 * The region's retention as DynamoDB's TTL attribute on what it holds (shared/retention.ts).
 * DynamoDB Local keeps expired items (it runs no TTL deletion), so these tests check the
 * attribute each item carries: the time DynamoDB on AWS deletes it.
 */
const RETENTION: Retention = { rawAnswersDays: 100, draftsDays: 7, contactDataDays: 200, outboxDays: 10 };
const clock = virtualClock("2026-03-01T08:00:00Z");
let suite: ApiSuite;
let roundId: string;
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");

async function partition(pk: string) {
  const res = await suite.deps.table.doc.send(new QueryCommand({ TableName: suite.deps.table.name, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": pk }, ConsistentRead: true }));
  return res.Items ?? [];
}
const expiryOf = (items: Record<string, unknown>[], prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix)).map((i) => i.expiresAt);

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, retention: RETENTION });
  for (let i = 0; i < 3; i++) expect((await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(i) }))).statusCode).toBe(201);
  const created = await suite.owner(apiEvent("POST /api/rounds", { body: { name: "Gallras", opensAt: "2026-03-02T08:00:00Z", closesAt: "2026-03-20T16:00:00Z" } }));
  roundId = body(created).id;
  expect((await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
  clock.set("2026-03-02T08:00:00Z");
  await roundTasks.invite(suite.deps, { roundId });
});
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

describe("retention", () => {
  it("keeps a person's contact data its retention from registration, and from the latest invitation", async () => {
    const orgs = body(await suite.owner(apiEvent("GET /api/organisations"))).items as { id: string }[];
    const persons = (await Promise.all(orgs.map((o) => partition(`ORG#${o.id}`)))).flat().filter((i) => String(i.sk).startsWith("PERSON#"));
    expect(persons.map((p) => p.expiresAt)).toEqual(persons.map(() => expiryAfter("2026-03-02T08:00:00Z", RETENTION.contactDataDays)));
  });

  it("keeps the outbox's mails their retention from sending", async () => {
    const mails = await partition("OUTBOX");
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(m.expiresAt).toBe(expiryAfter(String(m.createdAt), RETENTION.outboxDays));
  });

  it("sets nothing on answers while the round is open", async () => {
    const [first, second] = (await outbox(suite.deps.table)).filter((m) => m.roundId === roundId).map((m) => tokenFrom(m.text));
    const answers = validAnswers(getInstrument("skills-needs", latestVersion("skills-needs"))!);
    const submitted = await suite.participant(apiEvent("POST /api/form/submit", { formToken: first!, body: { answers } }));
    expect(submitted.statusCode, submitted.body).toBe(201);
    const saved = await suite.participant(apiEvent("PUT /api/form/draft", { formToken: second!, body: { answers: {} } }));
    expect(saved.statusCode, saved.body).toBe(200);
    await suite.counter.drain();
    const items = await partition(`ROUND#${roundId}`);
    expect([...expiryOf(items, "RESP#"), ...expiryOf(items, "DRAFT#")]).toEqual([undefined, undefined]);
  });

  it("starts the clock on drafts, answers and invitations when the round closes and its final release is made", async () => {
    clock.set("2026-03-20T16:00:00Z");
    await roundTasks.close(suite.deps, { roundId });
    await roundTasks.aggregate(suite.deps, { roundId });
    const closedAt = (await suite.deps.stores.rounds.get(roundId))!.closedAt!;
    const items = await partition(`ROUND#${roundId}`);
    expect(expiryOf(items, "DRAFT#")).toEqual([expiryAfter(closedAt, RETENTION.draftsDays)]);
    expect(expiryOf(items, "RESP#")).toEqual([expiryAfter(closedAt, RETENTION.rawAnswersDays)]);
    expect(expiryOf(items, "ORGRESP#")).toEqual([expiryAfter(closedAt, RETENTION.rawAnswersDays)]);
    expect(new Set(expiryOf(items, "INV#"))).toEqual(new Set([expiryAfter(closedAt, RETENTION.contactDataDays)]));
    // The release holds no answer and no personal datum: it stays.
    expect(expiryOf(items, "REL#").every((e) => e === undefined)).toBe(true);
  });

  it("keeps a programme's baseline answers until its follow-up closes, then starts the clock on both", async () => {
    const { doc, name } = suite.deps.table;
    const round = (id: string, closedAt: string) => ({ pk: `ROUND#${id}`, sk: "#ROUND", type: "round", id, projectId: "p-test", name: id, instrumentId: "baseline", instrumentVersion: 1, opensAt: "2026-01-01T08:00:00.000Z", closesAt: closedAt, closedAt, reminders: [], recipients: {}, status: "closed", createdAt: "2026-01-01T08:00:00.000Z", createdBy: "owner@example.se", invitedCount: 1, submittedCount: 1, remindersDone: [], launchCount: 1, programmeId: "prog-r", purpose: id.endsWith("base") ? "baseline" : "follow-up" });
    const items = [
      round("prog-r-base", "2026-02-01T16:00:00.000Z"),
      round("prog-r-follow", "2026-09-01T16:00:00.000Z"),
      { pk: "ROUND#prog-r-base", sk: "RESP#p1", type: "response" },
      { pk: "ROUND#prog-r-follow", sk: "RESP#p1", type: "response" },
      { pk: "PROG#prog-r", sk: "#PROG", type: "programme", id: "prog-r", projectId: "p-test", name: "Program", facilitator: { name: "F", email: "owner@example.se" }, cycles: 1, organisationIds: [], personIds: [], targets: [], baselineRoundId: "prog-r-base", followUpRoundId: "prog-r-follow", createdAt: "2026-01-01T08:00:00.000Z", createdBy: "owner@example.se" },
    ];
    for (const Item of items) await doc.send(new PutCommand({ TableName: name, Item }));
    await startRetention(suite.deps, (await suite.deps.stores.rounds.get("prog-r-base"))!);
    expect(expiryOf(await partition("ROUND#prog-r-base"), "RESP#")).toEqual([undefined]);
    await startRetention(suite.deps, (await suite.deps.stores.rounds.get("prog-r-follow"))!);
    const fromFollowUp = expiryAfter("2026-09-01T16:00:00.000Z", RETENTION.rawAnswersDays);
    expect(expiryOf(await partition("ROUND#prog-r-base"), "RESP#")).toEqual([fromFollowUp]);
    expect(expiryOf(await partition("ROUND#prog-r-follow"), "RESP#")).toEqual([fromFollowUp]);
  });

  it("states the region's periods on its public retention route, which /om-tjansten shows", async () => {
    const res = await suite.participant(apiEvent("GET /api/retention", { claims: null }));
    expect(res.statusCode).toBe(200);
    expect(body(res)).toEqual({ ...RETENTION, auditLogDays: AUDIT_LOG_DAYS });
  });
});
