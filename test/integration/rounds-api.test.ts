import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, outbox, recordingWorkflows, tokenFrom, virtualClock, type TestDeps, TEST_PROJECT } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { ResultsView, RoundStatusView } from "../../shared/schemas/responses";

const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const clock = virtualClock("2026-04-01T08:00:00Z");
const workflows = recordingWorkflows();
let deps: TestDeps;
let drop: () => Promise<void>;
let owner: ApiSuite["owner"];
let participant: ApiSuite["participant"];
let counter: ApiSuite["counter"];

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const ROUND = { name: "Höstens omgång", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00", reminders: ["2026-04-15T08:00:00+02:00"] };
const createRound = (extra: Record<string, unknown> = {}) => owner(apiEvent("POST /api/rounds", { body: { ...ROUND, ...extra } }));

beforeAll(async () => {
  ({ deps, owner, participant, counter, drop } = await startApiSuite({ clock: clock.now, workflows }));
  // Eight organisations: five in SNI division 25 (metal goods), three elsewhere.
  const specs = [0, 1, 0, 1, 0, 2, 3, 4];
  for (const [i, spec] of specs.entries()) {
    const req = organisationRequest(spec, { orgNumber: organisationRequest(i).orgNumber, name: `Bolag ${i}`, contactEmail: `c${i}@example.se` });
    expect((await owner(apiEvent("POST /api/organisations", { body: req }))).statusCode).toBe(201);
  }
});
afterAll(async () => {
  await counter.stop();
  await drop();
});

describe("owner API: rounds", () => {
  it("refuses a round that closes before it opens with 400 on closesAt", async () => {
    const res = await createRound({ closesAt: "2026-03-01T00:00:00Z" });
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues).toContainEqual({ path: "closesAt", message: "error.closesBeforeOpens" });
    expect(body(await owner(apiEvent("GET /api/rounds"))).items).toHaveLength(0);
  });

  it("refuses a reminder outside the round's window with 400", async () => {
    const res = await createRound({ reminders: ["2026-05-15T08:00:00Z"] });
    expect(res.statusCode).toBe(400);
  });

  it("takes the year the round describes as given, else the year it closes, and refuses one that is no year with 400", async () => {
    expect(body(await createRound({ referenceYear: 2025 })).referenceYear).toBe(2025);
    expect(body(await createRound()).referenceYear).toBe(new Date(ROUND.closesAt).getUTCFullYear());
    const before = (await owner(apiEvent("GET /api/rounds"))).body;
    for (const bad of [1999, 2025.5, "2025"]) expect((await createRound({ referenceYear: bad })).statusCode).toBe(400);
    expect((await owner(apiEvent("GET /api/rounds"))).body).toBe(before);
  });

  it("creates a round as a draft and launches it into one execution", async () => {
    const round = body(await createRound());
    expect(round.status).toBe("draft");
    const res = await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: round.id } }));
    expect(res.statusCode).toBe(202);
    expect(body(res).status).toBe("scheduled");
    expect(workflows.calls.filter((c) => c.op === "start" && c.roundId === round.id)).toHaveLength(1);
  });

  it("answers a second launch with 409 and starts nothing", async () => {
    const round = body(await createRound());
    await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: round.id } }));
    const starts = workflows.calls.length;
    const res = await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: round.id } }));
    expect(res.statusCode).toBe(409);
    expect(workflows.calls.length).toBe(starts);
  });

  it("previews who a round would reach and the invitation mail in both languages", async () => {
    const res = await owner(apiEvent("POST /api/rounds/preview", { body: { name: "Vårens omgång", recipients: { sniDivisions: ["25"] }, closesAt: ROUND.closesAt } }));
    expect(res.statusCode).toBe(200);
    const preview = body(res);
    expect(preview.recipients).toEqual({ organisations: 5, persons: 5 });
    expect(preview.mail.sv.subject).toBe("Inbjudan: Vårens omgång");
    expect(preview.mail.en.text).toMatch(/personal link/);
  });

  it("answers an unknown round with 404", async () => {
    expect((await owner(apiEvent("GET /api/rounds/{id}", { params: { id: "nope" } }))).statusCode).toBe(404);
  });

  it("closes early by stopping the execution and starting it again from the top", async () => {
    const round = body(await createRound());
    await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: round.id } }));
    const res = await owner(apiEvent("POST /api/rounds/{id}/close", { params: { id: round.id } }));
    expect(res.statusCode).toBe(202);
    expect(body(res).status).toBe("closing");
    const calls = workflows.calls.filter((c) => c.roundId === round.id || c.executionArn?.includes(round.id));
    expect(calls.map((c) => c.op)).toEqual(["start", "stop", "start"]);
    expect(await roundTasks.plan(deps, { roundId: round.id })).toEqual({ next: "close" });
  });

  it("answers 409 round-driven-by-cycle to closing or launching a learning cycle's stage round, and touches no execution", async () => {
    const id = "prog-x-c1-assignment";
    await deps.stores.rounds.createIfAbsent(
      { ...ROUND, id, projectId: TEST_PROJECT, instrumentId: "home-assignment", instrumentVersion: 1, recipients: { organisationIds: [] }, status: "open", createdAt: clock.now().toISOString(), createdBy: "fia@example.se", invitedCount: 0, submittedCount: 0, programmeId: "prog-x", cycle: 1, purpose: "home-assignment" },
      { listed: false },
    );
    const before = workflows.calls.length;
    for (const action of ["close", "launch"]) {
      const res = await owner(apiEvent(`POST /api/rounds/{id}/${action}`, { params: { id } }));
      expect(res.statusCode, action).toBe(409);
      expect(body(res).error.code, action).toBe("round-driven-by-cycle");
    }
    expect(workflows.calls.length).toBe(before);
    expect((await deps.stores.rounds.get(id))?.status).toBe("open");
  });

  describe("results and export", () => {
    let roundId: string;
    beforeAll(async () => {
      roundId = body(await createRound()).id;
      await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
      clock.set("2026-04-01T09:00:00+02:00");
      await roundTasks.invite(deps, { roundId });
      const mails = (await outbox(deps.table)).filter((m) => m.roundId === roundId);
      expect(mails).toHaveLength(8);
      for (const [i, mail] of mails.entries()) {
        const res = await participant(apiEvent("POST /api/form/submit", { formToken: tokenFrom(mail.text), body: { answers: validAnswers(instrument, i) } }));
        expect(res.statusCode).toBe(201);
      }
      await counter.drain();
      const res = await owner(apiEvent("POST /api/rounds/{id}/releases", { params: { id: roundId }, body: { kind: "interim" } }));
      expect(res.statusCode).toBe(201);
    });

    it("reports the response rate per industry", async () => {
      const status = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
      expect(status.rates.total).toMatchObject({ invited: 8, submitted: 8, responseRate: 1 });
      expect(status.rates.byIndustry.find((r: { segment: string }) => r.segment === "25")).toMatchObject({ invited: 5, submitted: 5 });
    });

    it("answers the round and its results in the shape their documented response schemas give", async () => {
      // The round also carries its stored item's `type`, which the schema (and the Round type) leave out.
      const status = body(await owner(apiEvent("GET /api/rounds/{id}", { params: { id: roundId } })));
      expect(RoundStatusView.parse(status)).toEqual({ ...status, type: undefined });
      const results = body(await owner(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by: "industry" } })));
      expect(ResultsView.parse(results)).toEqual(results);
    });

    it("publishes from a release: the small industries suppressed, never as 0, the round's total shown", async () => {
      const res = await owner(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by: "industry" } }));
      expect(res.statusCode).toBe(200);
      const view = body(res);
      expect(view.responses).toBe(8);
      expect(view.release).toMatchObject({ number: 1, kind: "interim", status: "published", unit: "organisation" });
      const table = view.tables.find((t: { id: string }) => t.id === "maturity");
      const small = table.rows.filter((r: { segment: string }) => r.segment !== "25");
      for (const row of small) for (const cell of row.cells) expect(cell).toEqual({ suppressed: true });
      expect(table.total.cells.every((c: { value?: number }) => typeof c.value === "number")).toBe(true);
      // The industry of five is hidden with them here: the other three add up to the round's total minus it.
      const responses = view.tables.find((t: { id: string }) => t.id === "responses");
      expect(responses.rows.find((r: { segment: string }) => r.segment === "25").cells[0]).toEqual({ value: 5, n: 5 });
    });

    it("lists who has answered and who has not", async () => {
      const all = body(await owner(apiEvent("GET /api/rounds/{id}/invitations", { params: { id: roundId } }))).items;
      expect(all).toHaveLength(8);
      const pending = body(await owner(apiEvent("GET /api/rounds/{id}/invitations", { params: { id: roundId }, query: { status: "pending" } }))).items;
      expect(pending).toEqual([]);
      const bad = await owner(apiEvent("GET /api/rounds/{id}/invitations", { params: { id: roundId }, query: { status: "maybe" } }));
      expect(bad.statusCode).toBe(400);
    });

    it("refuses an unknown results dimension with 400", async () => {
      const res = await owner(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by: "colour" } }));
      expect(res.statusCode).toBe(400);
    });

    it("lets the owner read the submitted answers with names, and a reflection's without names or times", async () => {
      const res = await owner(apiEvent("GET /api/rounds/{id}/responses", { params: { id: roundId } }));
      expect(res.statusCode).toBe(200);
      const view = body(res);
      expect(view.anonymous).toBe(false);
      expect(view.items).toHaveLength(8);
      expect(view.items[0]).toMatchObject({ orgName: expect.stringMatching(/^Bolag \d$/), submittedAt: expect.any(String), answers: expect.any(Object) });
      expect(view.items.every((i: { name?: string }) => typeof i.name === "string" && i.name.length > 0)).toBe(true);

      // A reflection round (as a learning cycle makes it): the same answers, nothing that names a person.
      await deps.table.doc.send(
        new UpdateCommand({ TableName: deps.table.name, Key: { pk: `ROUND#${roundId}`, sk: "#ROUND" }, UpdateExpression: "SET purpose = :p", ExpressionAttributeValues: { ":p": "reflection" } }),
      );
      try {
        const anonymous = body(await owner(apiEvent("GET /api/rounds/{id}/responses", { params: { id: roundId } })));
        expect(anonymous.anonymous).toBe(true);
        expect(anonymous.items).toHaveLength(8);
        for (const item of anonymous.items) expect(Object.keys(item)).toEqual(["answers"]);
      } finally {
        await deps.table.doc.send(
          new UpdateCommand({ TableName: deps.table.name, Key: { pk: `ROUND#${roundId}`, sk: "#ROUND" }, UpdateExpression: "REMOVE purpose" }),
        );
      }
      expect((await owner(apiEvent("GET /api/rounds/{id}/responses", { params: { id: "no-such-round" } }))).statusCode).toBe(404);
      expect((await owner(apiEvent("GET /api/rounds/{id}/responses", { params: { id: roundId }, claims: { sub: "x", "cognito:groups": "[owners]", "custom:region": "halland" } }))).statusCode).toBe(403);
    });

    it("exports one row per response with spreadsheet formulas neutralised", async () => {
      const res = await owner(apiEvent("GET /api/rounds/{id}/export.csv", { params: { id: roundId } }));
      expect(res.statusCode).toBe(200);
      expect(res.headers?.["content-type"]).toMatch(/text\/csv/);
      const lines = String(res.body).trim().split("\r\n");
      expect(lines).toHaveLength(9);
      expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    });
  });
});
