import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, outbox, recordingWorkflows, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { orgNumber, organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import * as R from "../../shared/schemas/responses";

/**
 * A person's data on request (GDPR access) and their erasure: afterwards nothing in the table
 * holds their name or e-mail, their link no longer opens, and the round's counts and releases
 * stay what they were.
 */
const clock = virtualClock("2026-04-01T08:00:00Z");
const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
let deps: TestDeps;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let counter: ApiSuite["counter"];
let drop: () => Promise<void>;
let roundId = "";
let personId = "";
let token = "";
const NAME = "Greta Raderas";
const EMAIL = "greta.raderas@example.se";

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const allItems = async () => (await deps.table.doc.send(new ScanCommand({ TableName: deps.table.name }))).Items ?? [];
/** Everything but the audit log, which records refused attempts too. */
const dataItems = async () => (await allItems()).filter((i) => !String(i.pk).startsWith("AUDIT#"));

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows() }));
  for (let i = 0; i < 6; i++) {
    const org = organisationRequest(i, { orgNumber: orgNumber(8300 + i), ...(i === 0 ? { contactName: NAME, contactEmail: EMAIL } : {}) });
    expect((await owner(apiEvent("POST /api/organisations", { body: org }))).statusCode).toBe(201);
  }
  const persons = body(await owner(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgNumber(8300) } }))).items;
  personId = persons[0].id;
  const round = body(await owner(apiEvent("POST /api/rounds", { body: { name: "Radering", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00", reminders: [] } })));
  roundId = round.id;
  await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
  clock.set("2026-04-01T09:00:00+02:00");
  await roundTasks.invite(deps, { roundId });
  const mails = (await outbox(deps.table)).filter((m) => m.roundId === roundId);
  token = tokenFrom(mails.find((m) => m.to === EMAIL)!.text);
  const answers = { ...validAnswers(instrument, 0) };
  expect((await participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers } }))).statusCode).toBe(201);
  for (const m of mails.filter((m) => m.to !== EMAIL).slice(0, 4))
    await participant(apiEvent("POST /api/form/submit", { formToken: tokenFrom(m.text), body: { answers: validAnswers(instrument, 1) } }));
  await counter.drain();
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

describe("a person's data", () => {
  it("is exported whole: the person, each round's invitation, response and the mails sent", async () => {
    const res = await owner(apiEvent("GET /api/persons/{id}/personal-data", { params: { id: personId } }));
    expect(res.statusCode).toBe(200);
    const data = R.PersonalDataExport.parse(body(res));
    expect(data.person).toMatchObject({ id: personId, name: NAME, email: EMAIL });
    expect(data.rounds).toEqual([expect.objectContaining({ roundId, roundName: "Radering", invitation: expect.objectContaining({ status: "submitted", email: EMAIL }) })]);
    expect(data.rounds[0].response?.answers).toMatchObject({ competencePlan: expect.anything() });
    expect(data.mails.length).toBeGreaterThan(0);
  });

  it("answers 404 for a person it does not know and 400 for a malformed id", async () => {
    expect((await owner(apiEvent("GET /api/persons/{id}/personal-data", { params: { id: "nobody" } }))).statusCode).toBe(404);
    expect((await owner(apiEvent("GET /api/persons/{id}/personal-data", { params: { id: "x".repeat(3000) } }))).statusCode).toBe(404);
  });

  it("is not erased without the person's id as confirmation, and nothing changes", async () => {
    const before = JSON.stringify(await dataItems());
    for (const b of [{}, { confirm: "someone-else" }, null])
      expect((await owner(apiEvent("POST /api/persons/{id}/erase", { params: { id: personId }, body: b }))).statusCode).toBe(400);
    expect(JSON.stringify(await dataItems())).toBe(before);
  });

  it("is erased in one action: no name or e-mail left anywhere, the link closed, the counts and the release unchanged", async () => {
    const statusBefore = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
    const res = await owner(apiEvent("POST /api/persons/{id}/erase", { params: { id: personId }, body: { confirm: personId } }));
    expect(res.statusCode).toBe(200);
    expect(R.ErasureReport.parse(body(res))).toMatchObject({ personId, rounds: 1, responses: 1 });
    const dump = JSON.stringify(await allItems());
    expect(dump).not.toContain(NAME);
    expect(dump.toLowerCase()).not.toContain(EMAIL);
    expect(dump).not.toContain("Vi behöver fler svetsare."); // the free text only this person wrote
    expect((await participant(apiEvent("GET /api/form", { formToken: token }))).statusCode).toBe(404);
    expect((await owner(apiEvent("GET /api/persons/{id}/personal-data", { params: { id: personId } }))).statusCode).toBe(404);
    const statusAfter = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
    expect(statusAfter.rates.total).toEqual(statusBefore.rates.total);
    // The answers still count, under an id nothing links to a name.
    clock.set("2026-05-01T09:00:00+02:00");
    await roundTasks.close(deps, { roundId });
    expect(await roundTasks.aggregate(deps, { roundId })).toMatchObject({ responses: 5, releaseStatus: "published" });
  });

  it("can be erased again, which changes nothing more", async () => {
    expect((await owner(apiEvent("POST /api/persons/{id}/erase", { params: { id: personId }, body: { confirm: personId } }))).statusCode).toBe(404);
  });
});
