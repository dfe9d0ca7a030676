import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, claimsOf, virtualClock } from "../support/deps";
import type { Me, Project, ProjectWithMembers } from "../../shared/schemas/project";

/** A region admin sets up projects and says who works in them; the members see what they were given. */
const clock = virtualClock("2026-12-02T09:00:00Z");
const ADMIN = claimsOf("admin@region.se", ["region-admins"]);
const accountsMade: string[] = [];
let suite: ApiSuite;
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const call = (route: string, opts: Parameters<typeof apiEvent>[1] = {}) => suite.owner(apiEvent(route, { claims: ADMIN, ...opts }));

/** Every project and membership item: what a refused request must leave as it was. */
async function projectItems() {
  const res = await suite.deps.table.doc.send(
    new ScanCommand({ TableName: suite.deps.table.name, ConsistentRead: true, FilterExpression: "begins_with(pk, :p) OR begins_with(pk, :m)", ExpressionAttributeValues: { ":p": "PROJECT#", ":m": "MEMBER#" } }),
  );
  return (res.Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
}

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, users: { ensureUser: async (email) => void accountsMade.push(email) } });
});
afterAll(() => suite.drop());

describe("projects and their members", () => {
  let project: Project;

  it("lets a region admin create a project", async () => {
    const res = await call("POST /api/projects", { body: { name: "Teknikcollege Östergötland", kind: "teknikcollege", description: "Lärande nätverk" } });
    expect(res.statusCode).toBe(201);
    project = body(res);
    expect(project).toMatchObject({ name: "Teknikcollege Östergötland", kind: "teknikcollege", createdBy: "admin@region.se", createdAt: clock.now().toISOString() });
    expect(body(await call("GET /api/projects")).items.map((p: Project) => p.id)).toContain(project.id);
  });

  it("refuses a project without a name or of an unknown kind with 400, and makes none", async () => {
    const before = await projectItems();
    for (const bad of [{ name: "", kind: "region" }, { name: "X", kind: "company" }, { name: "A\u0000B", kind: "region" }]) {
      expect((await call("POST /api/projects", { body: bad })).statusCode).toBe(400);
    }
    expect(await projectItems()).toEqual(before);
  });

  it("adds a member with a role, makes their sign-in account, and the member then sees the project", async () => {
    const res = await call("PUT /api/projects/{id}/members", { params: { id: project.id }, body: { email: "Fia.Facilitator@Region.se", role: "facilitator" } });
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({ email: "fia.facilitator@region.se", role: "facilitator", addedBy: "admin@region.se" });
    expect(accountsMade).toEqual(["fia.facilitator@region.se"]);
    const me: Me = body(await suite.owner(apiEvent("GET /api/me", { claims: claimsOf("fia.facilitator@region.se") })));
    expect(me).toMatchObject({ regionAdmin: false, projects: [{ id: project.id, name: project.name, kind: "teknikcollege", role: "facilitator" }] });
    const view: ProjectWithMembers = body(await call("GET /api/projects/{id}", { params: { id: project.id } }));
    expect(view.members.map((m) => [m.email, m.role])).toEqual([["fia.facilitator@region.se", "facilitator"]]);
  });

  it("changes a member's role with the same call, keeping one membership", async () => {
    await call("PUT /api/projects/{id}/members", { params: { id: project.id }, body: { email: "fia.facilitator@region.se", role: "project-owner" } });
    const view: ProjectWithMembers = body(await call("GET /api/projects/{id}", { params: { id: project.id } }));
    expect(view.members.map((m) => [m.email, m.role])).toEqual([["fia.facilitator@region.se", "project-owner"]]);
    const me: Me = body(await suite.owner(apiEvent("GET /api/me", { claims: claimsOf("fia.facilitator@region.se") })));
    expect(me.projects.map((p) => p.role)).toEqual(["project-owner"]);
  });

  it("refuses a member with a bad address or an unknown role with 400, and one of an unknown project with 404, changing nothing", async () => {
    const before = await projectItems();
    const view = body(await call("GET /api/projects/{id}", { params: { id: project.id } }));
    for (const bad of [{ email: "not-an-address", role: "analyst" }, { email: "a@region.se", role: "region-admin" }, { email: "a@region.se" }]) {
      expect((await call("PUT /api/projects/{id}/members", { params: { id: project.id }, body: bad })).statusCode).toBe(400);
    }
    expect((await call("PUT /api/projects/{id}/members", { params: { id: "no-such-project" }, body: { email: "a@region.se", role: "analyst" } })).statusCode).toBe(404);
    expect(await projectItems()).toEqual(before);
    expect(body(await call("GET /api/projects/{id}", { params: { id: project.id } }))).toEqual(view);
  });

  it("removes a member, who then no longer sees the project; removing again answers 404", async () => {
    const view: ProjectWithMembers = body(await call("GET /api/projects/{id}", { params: { id: project.id } }));
    const memberId = view.members[0]!.id;
    expect((await call("DELETE /api/projects/{id}/members/{memberId}", { params: { id: project.id, memberId } })).statusCode).toBe(200);
    expect(body(await suite.owner(apiEvent("GET /api/me", { claims: claimsOf("fia.facilitator@region.se") }))).projects).toEqual([]);
    expect((await call("DELETE /api/projects/{id}/members/{memberId}", { params: { id: project.id, memberId } })).statusCode).toBe(404);
  });

  it("records who set up projects and members in the audit log", async () => {
    const actions = body(await call("GET /api/audit-log", { query: { month: "2026-12" } })).items.map((e: { action: string; status: number }) => `${e.action} ${e.status}`);
    expect(actions).toEqual(expect.arrayContaining(["POST /api/projects 201", "PUT /api/projects/{id}/members 200", "DELETE /api/projects/{id}/members/{memberId} 200"]));
  });
});
