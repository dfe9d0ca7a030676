import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, countItems, outbox, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { FormView } from "../../shared/schemas/responses";

const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const clock = virtualClock("2026-03-01T08:00:00Z");
let deps: TestDeps;
let drop: () => Promise<void>;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let roundId: string;
let counter: ApiSuite["counter"];
const tokens: string[] = [];

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const form = (token: string) => participant(apiEvent("GET /api/form", { formToken: token }));
const draft = (token: string, answers: unknown) => participant(apiEvent("PUT /api/form/draft", { formToken: token, body: { answers } }));
const submit = (token: string, answers: unknown) => participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers } }));

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now }));
  for (let i = 0; i < 6; i++) expect((await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i) }))).statusCode).toBe(201);
  const created = await owner(
    apiEvent("POST /api/rounds", {
      body: { name: "Vårens omgång", opensAt: "2026-03-01T09:00:00Z", closesAt: "2026-03-20T16:00:00Z", reminders: ["2026-03-10T08:00:00Z"] },
    }),
  );
  roundId = body(created).id;
  expect((await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
  clock.set("2026-03-01T09:00:00Z");
  await roundTasks.invite(deps, { roundId });
  for (const mail of await outbox(deps.table)) tokens.push(tokenFrom(mail.text));
  expect(tokens).toHaveLength(6);
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

describe("participant API: the personal link", () => {
  it("opens the form with the instrument and the organisation's details", async () => {
    const res = await form(tokens[0]);
    expect(res.statusCode).toBe(200);
    const view = body(res);
    expect(view.instrument.id).toBe("skills-needs");
    expect(view.organisation.name).toMatch(/Testbolaget/);
    expect(view.status).toBe("opened");
  });

  it("counts an opened link once, however often it is opened", async () => {
    await form(tokens[1]);
    await form(tokens[1]);
    const status = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
    expect(status.rates.total.opened).toBe(2);
  });

  it("answers an unknown, a malformed and a missing token with the same 404", async () => {
    const unknown = await form("A".repeat(43));
    const malformed = await form("nope");
    const missing = await participant(apiEvent("GET /api/form"));
    for (const res of [unknown, malformed, missing]) expect(res.statusCode).toBe(404);
    expect(body(unknown)).toEqual(body(malformed));
    expect(body(missing)).toEqual(body(malformed));
  });

  it("links to the form with the token in the fragment only, which browsers never send", async () => {
    for (const mail of await outbox(deps.table)) {
      const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
      const token = tokenFrom(mail.text);
      const formLinks = links.filter((l) => l.includes(token));
      expect(formLinks).toHaveLength(1);
      const url = new URL(formLinks[0]);
      expect(url.pathname).toBe("/f");
      expect(url.hash).toBe(`#${token}`);
    }
  });

  it("keeps a draft and gives it back when the link is opened again", async () => {
    const partial = { [instrument.blocks[1].questions[0].id]: 4 };
    const saved = await draft(tokens[2], partial);
    expect(saved.statusCode).toBe(200);
    expect(body(await form(tokens[2])).draft).toEqual(partial);
  });

  it("refuses a draft with a value of the wrong type with 400 and keeps the previous draft", async () => {
    const q = instrument.blocks[1].questions[0].id;
    const res = await draft(tokens[2], { [q]: "very much" });
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues[0].path).toBe(q);
    expect(body(await form(tokens[2])).draft).toEqual({ [q]: 4 });
  });

  it("refuses an incomplete submission with 400 and stores nothing", async () => {
    const res = await submit(tokens[3], { [instrument.blocks[1].questions[0].id]: 3 });
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues.length).toBeGreaterThan(0);
    expect(await countItems(deps.table, `ROUND#${roundId}`, "RESP#")).toBe(0);
  });

  it("stores a valid submission and counts it in the round's status", async () => {
    const res = await submit(tokens[0], validAnswers(instrument, 1));
    expect(res.statusCode).toBe(201);
    await counter.drain();
    const status = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
    expect(status.rates.total.submitted).toBe(1);
    expect(status.submittedCount).toBe(1);
  });

  it("answers a second submit of the same link with 409 and keeps the first answers", async () => {
    const res = await submit(tokens[0], validAnswers(instrument, 2));
    expect(res.statusCode).toBe(409);
    const stored = await deps.table.doc.send(
      new GetCommand({ TableName: deps.table.name, Key: { pk: `ROUND#${roundId}`, sk: (await submittedKey()) } }),
    );
    expect(stored.Item?.answers).toEqual(validAnswers(instrument, 1));
  });

  it("stores one response when the same link submits five times at once", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(tokens[4], validAnswers(instrument, 3))));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
    expect(await countItems(deps.table, `ROUND#${roundId}`, "RESP#")).toBe(2);
    await counter.drain();
    const status = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
    expect(status.rates.total.submitted).toBe(2);
  });

  it("counts a response once even when its stream record is delivered again", async () => {
    const { countResponses } = await import("../../functions/streams/count-responses");
    const { QueryCommand } = await import("@aws-sdk/lib-dynamodb");
    const { marshall } = await import("@aws-sdk/util-dynamodb");
    const items = (await deps.table.doc.send(new QueryCommand({ TableName: deps.table.name, KeyConditionExpression: "pk = :p AND begins_with(sk, :s)", ExpressionAttributeValues: { ":p": `ROUND#${roundId}`, ":s": "RESP#" } }))).Items!;
    const replay = { Records: items.map((i, n) => ({ eventName: "INSERT", dynamodb: { SequenceNumber: String(n), NewImage: marshall(i, { removeUndefinedValues: true }) } })) };
    await countResponses(() => deps)(replay as never);
    const status = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
    expect(status.rates.total.submitted).toBe(2);
    expect(status.submittedCount).toBe(2);
  });

  it("refuses a draft after submission with 409", async () => {
    const res = await draft(tokens[0], {});
    expect(res.statusCode).toBe(409);
  });

  it("answers 410 once the round has closed, and stores nothing", async () => {
    await roundTasks.close(deps, { roundId });
    expect((await form(tokens[5])).statusCode).toBe(410);
    expect((await submit(tokens[5], validAnswers(instrument, 0))).statusCode).toBe(410);
    expect(await countItems(deps.table, `ROUND#${roundId}`, "RESP#")).toBe(2);
  });

  it("answers an expired link with the same 404 as an unknown one", async () => {
    const unknown = body(await form("B".repeat(43)));
    clock.set("2026-09-01T00:00:00Z"); // 90 days after closing the links lapse
    const res = await form(tokens[0]);
    clock.set("2026-03-21T00:00:00Z");
    expect(res.statusCode).toBe(404);
    expect(body(res)).toEqual(unknown);
  });

  it("still shows a submitted participant their submission after the round closed", async () => {
    const res = await form(tokens[0]);
    expect(res.statusCode).toBe(200);
    expect(body(res).status).toBe("submitted");
  });
});

async function submittedKey(): Promise<string> {
  const { QueryCommand } = await import("@aws-sdk/lib-dynamodb");
  const res = await deps.table.doc.send(
    new QueryCommand({
      TableName: deps.table.name,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :s)",
      ExpressionAttributeValues: { ":p": `ROUND#${roundId}`, ":s": "RESP#" },
    }),
  );
  return res.Items![0].sk;
}

describe("participant API: documents", () => {
  it("answers the form in the shape its documented response schema gives (no field more or less)", async () => {
    const res = await form(tokens[0]);
    expect(res.statusCode).toBe(200);
    expect(FormView.parse(body(res))).toEqual(body(res));
  });

  it("serves the OpenAPI 3.1 document without sign-in", async () => {
    const res = await participant(apiEvent("GET /api/openapi.json"));
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({ openapi: expect.stringMatching(/^3\.1\./), paths: { "/api/rounds/{id}": { get: expect.any(Object) } } });
  });
});
