import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, recordingWorkflows, virtualClock, type TestDeps, TEST_PROJECT } from "../support/deps";
import { orgNumber, organisationRequest } from "../support/fixtures";
import { API_ROUTES } from "../../functions/api/routes";
import { AuditEntry } from "../../shared/schemas/audit";

/** Who did what and when: every owner action is in the log, refused ones too, and no route can change it. */
const clock = virtualClock("2026-11-30T10:00:00Z");
let deps: TestDeps;
let owner: ApiSuite["owner"];
let drop: () => Promise<void>;
const claims = (sub: string, email: string) => ({ sub, email, "cognito:groups": "[region-admins]", "custom:region": "ostergotland" });
const log = async (month?: string) => JSON.parse((await owner(apiEvent("GET /api/audit-log", { query: month ? { month } : {} }))).body ?? "null");

beforeAll(async () => {
  ({ deps, owner, drop } = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows() }));
});
afterAll(() => drop());

describe("the audit log", () => {
  it("records each owner action with who, the route, the ids and the outcome, refused ones too", async () => {
    const id = orgNumber(9100);
    expect((await owner(apiEvent("POST /api/organisations", { body: organisationRequest(0, { orgNumber: id }), claims: claims("sub-anna", "anna@region.se") }))).statusCode).toBe(201);
    clock.set("2026-11-30T10:01:00Z");
    expect((await owner(apiEvent("PUT /api/organisations/{id}", { params: { id }, body: { name: "" }, claims: claims("sub-bo", "bo@region.se") }))).statusCode).toBe(400);
    expect((await owner(apiEvent("GET /api/organisations", {}))).statusCode).toBe(200); // a plain read is not an action
    const { month, items } = await log("2026-11");
    expect(month).toBe("2026-11");
    for (const item of items) AuditEntry.parse(item);
    expect(items.map((e: AuditEntry) => [e.actor.email, e.action, e.target, e.status])).toEqual([
      ["bo@region.se", "PUT /api/organisations/{id}", { id }, 400],
      ["anna@region.se", "POST /api/organisations", {}, 201],
    ]);
  });

  it("names the project an action was in", async () => {
    clock.set("2026-11-30T11:00:00Z");
    const created = await owner(apiEvent("POST /api/rounds", { body: { name: "Projektets omgång", opensAt: "2026-12-01T08:00:00Z", closesAt: "2026-12-20T16:00:00Z" } }));
    expect(created.statusCode).toBe(201);
    const entry = (await log("2026-11")).items.find((e: AuditEntry) => e.action === "POST /api/rounds");
    expect(entry).toMatchObject({ projectId: TEST_PROJECT, status: 201 });
  });

  it("records reading it, and reads a month at a time", async () => {
    clock.set("2026-12-01T09:00:00Z");
    expect((await log()).items).toEqual([]);
    const december = await log("2026-12");
    expect(december.items.map((e: AuditEntry) => e.action)).toEqual(["GET /api/audit-log"]);
    expect((await owner(apiEvent("GET /api/audit-log", { query: { month: "2026-13" } }))).statusCode).toBe(400);
  });

  it("has no route that changes or deletes it", () => {
    const touching = Object.keys(API_ROUTES).filter((k) => k.includes("audit"));
    expect(touching).toEqual(["GET /api/audit-log"]);
  });
});
