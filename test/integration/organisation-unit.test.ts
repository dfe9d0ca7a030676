import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, countItems, outbox, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { InvitationView } from "../../shared/schemas/responses";

/**
 * A skills-needs round counts organisations: one invitation per organisation to its designated
 * respondent, one response per organisation, and the owner may pass the survey on to another
 * contact before the organisation has answered.
 */
const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const clock = virtualClock("2026-03-01T08:00:00Z");
let deps: TestDeps;
let drop: () => Promise<void>;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let counter: ApiSuite["counter"];
let roundId: string;
/** Per organisation (index), its contacts' person ids in the order they were registered. */
const contacts: string[][] = [];
const orgIds: string[] = [];

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const form = (token: string) => participant(apiEvent("GET /api/form", { formToken: token }));
const draft = (token: string, answers: unknown) => participant(apiEvent("PUT /api/form/draft", { formToken: token, body: { answers } }));
const submit = (token: string, answers: unknown) => participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers } }));
const change = (orgId: string, input: unknown, id = roundId) =>
  owner(apiEvent("POST /api/rounds/{id}/organisations/{orgId}/respondent", { params: { id, orgId }, body: input }));
const status = async () => body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
const invitations = async () => body(await owner(apiEvent("GET /api/rounds/{id}/invitations", { params: { id: roundId } }))).items as z.infer<typeof InvitationView>[];
const mailsTo = async (email: string) => (await outbox(deps.table)).filter((m) => m.to === email && m.roundId === roundId && m.kind === "invitation");
const tokenOf = async (email: string) => tokenFrom((await mailsTo(email)).at(-1)!.text);
const emailOf = (org: number, contact: number) => (contact === 0 ? `kontakt${org + 1}@example.se` : `kontakt${org + 1}-${contact}@example.se`);

async function addContact(org: number, contact: number, extra: Record<string, unknown> = {}) {
  clock.advance(60_000); // registered later: younger
  const res = await owner(apiEvent("POST /api/persons", { body: { organisationId: orgIds[org], name: `Kontakt ${org + 1}-${contact}`, email: emailOf(org, contact), ...extra } }));
  expect(res.statusCode).toBe(201);
  contacts[org].push(body(res).id);
}

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now }));
  for (let i = 0; i < 5; i++) {
    const created = await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i) }));
    orgIds.push(body(created).id);
    contacts.push([body(await owner(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgIds[i] } }))).items[0].id]);
  }
  // Organisations 0..3 have a second contact; organisation 1's second contact is its marked respondent.
  await addContact(0, 1);
  await addContact(1, 1, { respondent: true });
  await addContact(2, 1);
  await addContact(3, 1);
  await addContact(3, 2);
  const created = await owner(apiEvent("POST /api/rounds", { body: { name: "Kompetensbehov", opensAt: "2026-03-01T09:00:00Z", closesAt: "2026-03-20T16:00:00Z" } }));
  roundId = body(created).id;
  expect((await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
  clock.set("2026-03-01T09:00:00Z");
  await roundTasks.invite(deps, { roundId });
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

describe("a skills-needs round: invitations per organisation", () => {
  it("sends one invitation per organisation, however many contacts it has", async () => {
    const mails = (await outbox(deps.table)).filter((m) => m.roundId === roundId && m.kind === "invitation");
    expect(mails).toHaveLength(5);
    expect((await status()).invitedCount).toBe(5);
    expect((await status()).rates.total.invited).toBe(5);
  });

  it("invites the contact marked as respondent, else the organisation's first contact", async () => {
    const invited = new Map((await invitations()).map((i) => [i.orgNumber, i.personId]));
    expect(invited.get(orgIds[0])).toBe(contacts[0][0]);
    expect(invited.get(orgIds[1])).toBe(contacts[1][1]);
    expect(invited.get(orgIds[3])).toBe(contacts[3][0]);
  });

  it("previews one contact per organisation for a skills-needs round, every contact for a programme's round", async () => {
    const preview = async (input: Record<string, unknown>) => body(await owner(apiEvent("POST /api/rounds/preview", { body: input }))).recipients;
    expect(await preview({ name: "Nästa" })).toEqual({ organisations: 5, persons: 5 });
    expect(await preview({ name: "Nästa", instrumentId: "baseline" })).toEqual({ organisations: 5, persons: 10 });
  });

  it("sends nothing more when the invite task runs again", async () => {
    await roundTasks.invite(deps, { roundId });
    expect((await outbox(deps.table)).filter((m) => m.roundId === roundId)).toHaveLength(5);
  });
});

describe("a skills-needs round: one response per organisation", () => {
  it("stores one response when the respondent's link submits five times at once", async () => {
    const token = await tokenOf(emailOf(4, 0));
    const codes = (await Promise.all(Array.from({ length: 5 }, () => submit(token, validAnswers(instrument, 1))))).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
    await counter.drain();
    expect(await countItems(deps.table, `ROUND#${roundId}`, "RESP#")).toBe(1);
    expect((await status()).submittedCount).toBe(1);
  });

  it("counts the response rate per organisation", async () => {
    const s = await status();
    expect(s.rates.total).toMatchObject({ invited: 5, submitted: 1, responseRate: 0.2 });
  });
});

describe("changing an organisation's respondent", () => {
  it("revokes the old link with 410, mails the new contact a new link, and the draft follows", async () => {
    const oldToken = await tokenOf(emailOf(0, 0));
    const q = instrument.blocks[1].questions[0].id;
    expect((await form(oldToken)).statusCode).toBe(200);
    expect((await draft(oldToken, { [q]: 4 })).statusCode).toBe(200);
    const res = await change(orgIds[0], { personId: contacts[0][1] });
    expect(res.statusCode).toBe(200);
    expect(InvitationView.parse(body(res))).toMatchObject({ personId: contacts[0][1], email: emailOf(0, 1), status: "sent" });

    const old = await form(oldToken);
    expect(old.statusCode).toBe(410);
    expect(body(old).error.code).toBe("link-replaced");
    expect((await submit(oldToken, validAnswers(instrument, 2))).statusCode).toBe(410);
    const fresh = await form(await tokenOf(emailOf(0, 1)));
    expect(fresh.statusCode).toBe(200);
    expect(body(fresh).draft).toEqual({ [q]: 4 });
  });

  it("keeps the organisation's counts: still one invitation, and its open counted once", async () => {
    const s = await status();
    expect(s.invitedCount).toBe(5);
    expect(s.rates.total.invited).toBe(5);
    // Organisation 0's link was opened by both its old and its new respondent: one organisation opened.
    // (Organisation 4 submitted without opening the form through the API.)
    expect(s.rates.total.opened).toBe(1);
    expect((await invitations()).filter((i) => i.orgNumber === orgIds[0]).map((i) => i.personId)).toEqual([contacts[0][1]]);
  });

  it("answers 409 once the organisation has answered, and changes nothing", async () => {
    expect((await submit(await tokenOf(emailOf(0, 1)), validAnswers(instrument, 3))).statusCode).toBe(201);
    const before = await invitations();
    const mails = (await outbox(deps.table)).length;
    const res = await change(orgIds[0], { personId: contacts[0][0] });
    expect(res.statusCode).toBe(409);
    expect(body(res).error.code).toBe("already-submitted");
    expect(await invitations()).toEqual(before);
    expect((await outbox(deps.table)).length).toBe(mails);
  });

  it("refuses bad input with 4xx and changes nothing", async () => {
    const before = await invitations();
    const mails = (await outbox(deps.table)).length;
    expect((await change(orgIds[2], { personId: "no such id!" })).statusCode).toBe(400);
    expect((await change(orgIds[2], {})).statusCode).toBe(400);
    const other = await change(orgIds[2], { personId: contacts[3][1] }); // a contact of another organisation
    expect(other.statusCode).toBe(400);
    expect(body(other).error.issues[0].path).toBe("personId");
    expect((await change(orgIds[2], { personId: contacts[2][0] })).statusCode).toBe(409); // already its respondent
    expect((await change("5569999990", { personId: contacts[2][1] })).statusCode).toBe(404);
    expect((await change(orgIds[2], { personId: contacts[2][1] }, "no-such-round")).statusCode).toBe(404);
    expect(await invitations()).toEqual(before);
    expect((await outbox(deps.table)).length).toBe(mails);
  });

  it("lets either the old respondent's submit or the change win a race, never both", async () => {
    const oldToken = await tokenOf(emailOf(2, 0));
    const [submitted, changed] = await Promise.all([submit(oldToken, validAnswers(instrument, 4)), change(orgIds[2], { personId: contacts[2][1] })]);
    expect([submitted.statusCode, changed.statusCode].sort()).toEqual(submitted.statusCode === 201 ? [201, 409] : [200, 410]);
    if (changed.statusCode === 200) expect((await submit(await tokenOf(emailOf(2, 1)), validAnswers(instrument, 4))).statusCode).toBe(201);
    await counter.drain();
    const responses = await deps.stores.responses.list(roundId, { consistent: true });
    expect(responses.filter((r) => r.organisationId === orgIds[2])).toHaveLength(1);
  });

  it("answers a second contact's submit for an organisation that has answered with 409", async () => {
    // Organisation 3's respondent changes to contact 1, whose link submits twice at once while the
    // first respondent's revoked link submits too: one response.
    const first = await tokenOf(emailOf(3, 0));
    expect((await change(orgIds[3], { personId: contacts[3][1] })).statusCode).toBe(200);
    const second = await tokenOf(emailOf(3, 1));
    const codes = (await Promise.all([submit(second, validAnswers(instrument, 5)), submit(second, validAnswers(instrument, 5)), submit(first, validAnswers(instrument, 5))]))
      .map((r) => r.statusCode)
      .sort();
    expect(codes).toEqual([201, 409, 410]);
    await counter.drain();
    expect((await status()).submittedCount).toBe(4);
  });

  it("answers 409 for a round whose every person answers (a programme's rounds)", async () => {
    const created = await owner(
      apiEvent("POST /api/rounds", {
        body: { name: "Baslinje", instrumentId: "baseline", opensAt: "2026-03-02T09:00:00Z", closesAt: "2026-03-20T16:00:00Z" },
      }),
    );
    const res = await change(orgIds[1], { personId: contacts[1][0] }, body(created).id);
    expect(res.statusCode).toBe(409);
    expect(body(res).error.code).toBe("round-counts-persons");
  });

  it("answers 409 once the round has closed", async () => {
    await roundTasks.close(deps, { roundId });
    expect((await change(orgIds[1], { personId: contacts[1][0] })).statusCode).toBe(409);
  });
});

describe("designating an organisation's respondent", () => {
  const designate = (orgId: string, input: unknown) => owner(apiEvent("PUT /api/organisations/{id}/respondent", { params: { id: orgId }, body: input }));

  it("marks one contact, and no other, as the organisation's respondent", async () => {
    const res = await designate(orgIds[1], { personId: contacts[1][0] });
    expect(res.statusCode).toBe(200);
    const marked = (body(res).items as { id: string; respondent?: boolean }[]).filter((p) => p.respondent).map((p) => p.id);
    expect(marked).toEqual([contacts[1][0]]);
  });

  it("refuses a contact of another organisation or an unknown organisation, and changes nothing", async () => {
    expect((await designate(orgIds[2], { personId: contacts[1][1] })).statusCode).toBe(400);
    expect((await designate(orgIds[2], { personId: 7 })).statusCode).toBe(400);
    expect((await designate("5569999990", { personId: contacts[2][1] })).statusCode).toBe(404);
    const persons = body(await owner(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgIds[2] } }))).items as { respondent?: boolean }[];
    expect(persons.some((p) => p.respondent)).toBe(false);
  });

  it("is whom the next skills-needs round invites", async () => {
    const created = await owner(apiEvent("POST /api/rounds", { body: { name: "Hösten", opensAt: "2026-03-22T09:00:00Z", closesAt: "2026-04-20T16:00:00Z" } }));
    const next = body(created).id as string;
    await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: next } }));
    clock.set("2026-03-22T09:00:00Z");
    await roundTasks.invite(deps, { roundId: next });
    const invited = (await deps.stores.invitations.list(next, { consistent: true })).find((i) => i.organisationId === orgIds[1]);
    expect(invited?.personId).toBe(contacts[1][0]);
  });
});
