import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, claimsOf, recordingCycleWorkflows, recordingWorkflows, seedTestProject, virtualClock } from "../support/deps";
import { organisationRequest, orgNumber } from "../support/fixtures";
import { offeringRequest } from "../support/supply-fixtures";
import { API_ROUTES, type RouteKey } from "../../functions/api/routes";
import { memberIdOf } from "../../functions/stores/projects";

/**
 * Every owner route, called by every role, on a resource of the caller's own project, of another
 * project of the region, and from another region. The expectations are written out by hand from
 * the roles' descriptions (shared/schemas/project.ts), not derived from the access rules:
 *   o  allowed: the route ran (its own answer, a 2xx or the use case's 4xx for the dummy body)
 *   f  403: the caller's role does not allow it
 *   n  404, the very answer a resource that does not exist gets: the caller may not know it exists
 * Roles, in column order: region Admin, project Owner, Facilitator, aNalyst, Consortium reader.
 * The project roles are in project A; project B has its own owner only.
 */
const ROLES = ["admin", "owner", "facilitator", "analyst", "consortium"] as const;
type Role = (typeof ROLES)[number];
const CALLERS: Record<Role, Record<string, unknown>> = {
  admin: claimsOf("admin@region.se", ["region-admins"]),
  owner: claimsOf("owner-a@region.se"),
  facilitator: claimsOf("fac-a@region.se"),
  analyst: claimsOf("ana-a@region.se"),
  consortium: claimsOf("reader@consortium.se", ["consortium-readers"]),
};

type Target = { id?: string; exportId?: string; orgId?: string; memberId?: string; n?: string; kind?: string; version?: string; project?: string; offering?: string };
type Fixtures = { A: Target & Record<string, string>; B: Target & Record<string, string> };
type Case = {
  route: RouteKey;
  /** Expected per role in A (the callers' project) and in B (another project of the region). */
  own: string;
  other: string;
  /** Path parameters and query in project A or B, and the (harmless) body. */
  at: (f: Fixtures["A"]) => Target;
  body?: (f: Fixtures["A"]) => unknown;
  contentType?: string;
};

const none = () => ({});
const round = (f: Fixtures["A"]) => ({ id: f.surveyRound, orgId: f.org });
const programmeRound = (f: Fixtures["A"]) => ({ id: f.baselineRound, orgId: f.org });
const programme = (f: Fixtures["A"]) => ({ id: f.programme, n: "1", kind: "baseline" });
const project = (f: Fixtures["A"]) => ({ id: f.project, memberId: f.dummyMember });
const registry = { own: "oofff", other: "oofff" };

const CASES: Case[] = [
  { route: "GET /api/me", own: "ooooo", other: "ooooo", at: none },
  { route: "GET /api/projects", own: "ooooo", other: "ooooo", at: none },
  { route: "POST /api/projects", own: "offff", other: "offff", at: none, body: () => ({ name: "" }) },
  { route: "GET /api/projects/{id}", own: "oooon", other: "onnnn", at: project },
  { route: "PUT /api/projects/{id}/members", own: "offff", other: "offff", at: project, body: () => ({ email: "dummy@region.se", role: "analyst" }) },
  { route: "DELETE /api/projects/{id}/members/{memberId}", own: "offff", other: "offff", at: project },
  { route: "GET /api/projects/{id}/trends", own: "nooon", other: "nnnnn", at: project },

  { route: "POST /api/organisations", ...registry, at: none, body: () => ({}) },
  { route: "GET /api/instruments", ...registry, at: none },
  { route: "POST /api/instruments/{id}/versions", ...registry, at: () => ({ id: "skills-needs" }), body: () => ({}) },
  { route: "PUT /api/instruments/{id}/versions/{version}", ...registry, at: () => ({ id: "skills-needs", version: "101" }), body: () => ({}) },
  { route: "GET /api/organisations", ...registry, at: none },
  { route: "POST /api/organisations/import", ...registry, at: none, body: () => "orgNumber\n", contentType: "text/csv" },
  { route: "PUT /api/organisations/{id}", ...registry, at: (f) => ({ id: f.org }), body: () => ({}) },
  { route: "GET /api/organisations/{id}/persons", ...registry, at: (f) => ({ id: f.org }) },
  { route: "PUT /api/organisations/{id}/respondent", ...registry, at: (f) => ({ id: f.org }), body: () => ({}) },
  { route: "POST /api/persons", ...registry, at: none, body: () => ({}) },
  { route: "POST /api/rounds/preview", ...registry, at: none, body: () => ({}) },
  { route: "GET /api/audit-log", own: "offff", other: "offff", at: none },
  { route: "GET /api/persons/{id}/personal-data", own: "offff", other: "offff", at: (f) => ({ id: f.person }) },
  { route: "POST /api/persons/{id}/erase", own: "offff", other: "offff", at: (f) => ({ id: f.person }), body: () => ({ confirm: "not this one" }) },

  { route: "GET /api/rounds", own: "nooon", other: "nnnnn", at: (f) => ({ project: f.project }) },
  { route: "POST /api/rounds", own: "fofff", other: "fnfff", at: none, body: (f) => ({ projectId: f.project }) },
  { route: "POST /api/rounds/{id}/launch", own: "noffn", other: "nnnnn", at: round },
  { route: "POST /api/rounds/{id}/close", own: "noffn", other: "nnnnn", at: round },
  { route: "GET /api/rounds/{id}", own: "noffn", other: "nnnnn", at: round },
  { route: "GET /api/rounds/{id}/invitations", own: "noffn", other: "nnnnn", at: round },
  { route: "POST /api/rounds/{id}/organisations/{orgId}/respondent", own: "noffn", other: "nnnnn", at: round, body: () => ({}) },
  { route: "GET /api/rounds/{id}/results", own: "nooon", other: "nnnnn", at: round },
  { route: "GET /api/rounds/{id}/results.csv", own: "nooon", other: "nnnnn", at: round },
  { route: "GET /api/rounds/{id}/results.xlsx", own: "nooon", other: "nnnnn", at: round },
  { route: "GET /api/rounds/{id}/releases", own: "nooon", other: "nnnnn", at: round },
  { route: "POST /api/rounds/{id}/releases", own: "noffn", other: "nnnnn", at: round, body: () => ({}) },
  { route: "GET /api/rounds/{id}/releases/{n}/export.json", own: "nooon", other: "nnnnn", at: (f) => ({ ...round(f), n: "1" }) },
  { route: "POST /api/rounds/{id}/releases/{n}/export", own: "noffn", other: "nnnnn", at: (f) => ({ ...round(f), n: "1" }) },
  { route: "GET /api/rounds/{id}/responses", own: "noffn", other: "nnnnn", at: round },
  // The suite prepares no exports: an allowed caller gets the 409 that says so, or the 404 of an unknown export.
  { route: "POST /api/rounds/{id}/exports", own: "noffn", other: "nnnnn", at: round, body: () => ({ format: "csv" }) },
  { route: "GET /api/rounds/{id}/exports/{exportId}", own: "noffn", other: "nnnnn", at: (f) => ({ ...round(f), exportId: "x-nowhere" }) },
  { route: "GET /api/rounds/{id}/export.csv", own: "noffn", other: "nnnnn", at: round },
  // A programme's own round is the facilitator's to run.
  { route: "GET /api/rounds/{id}", own: "noofn", other: "nnnnn", at: programmeRound },
  { route: "GET /api/rounds/{id}/responses", own: "noofn", other: "nnnnn", at: programmeRound },
  { route: "POST /api/rounds/{id}/launch", own: "noofn", other: "nnnnn", at: programmeRound },

  { route: "POST /api/programmes", own: "fofff", other: "fnfff", at: none, body: (f) => ({ projectId: f.project }) },
  { route: "GET /api/programmes", own: "nooon", other: "nnnnn", at: (f) => ({ project: f.project }) },
  { route: "GET /api/programmes/{id}", own: "noofn", other: "nnnnn", at: programme },
  { route: "POST /api/programmes/{id}/measurements/{kind}", own: "noffn", other: "nnnnn", at: programme, body: () => ({}) },
  { route: "POST /api/programmes/{id}/cycles/{n}/schedule", own: "noofn", other: "nnnnn", at: programme, body: () => ({}) },
  { route: "POST /api/programmes/{id}/cycles/{n}/start", own: "noofn", other: "nnnnn", at: programme },
  { route: "POST /api/programmes/{id}/cycles/{n}/workshop", own: "noofn", other: "nnnnn", at: programme, body: () => ({}) },
  { route: "POST /api/programmes/{id}/cycles/{n}/lecture", own: "noofn", other: "nnnnn", at: programme, body: () => ({}) },
  { route: "GET /api/programmes/{id}/releases", own: "nooon", other: "nnnnn", at: programme },
  { route: "POST /api/programmes/{id}/releases", own: "noofn", other: "nnnnn", at: programme, body: () => ({}) },
  { route: "GET /api/programmes/{id}/report", own: "nooon", other: "nnnnn", at: programme },
  { route: "GET /api/programmes/{id}/export.csv", own: "nooon", other: "nnnnn", at: programme },
  { route: "GET /api/programmes/{id}/report.xlsx", own: "nooon", other: "nnnnn", at: programme },

  { route: "GET /api/rounds/{id}/supply-gap", own: "nooon", other: "nnnnn", at: round },
  { route: "GET /api/rounds/{id}/shortage", own: "nooon", other: "nnnnn", at: round },
  // Education offerings and Yrkesbarometern are public facts: every user reads them; the registry's keepers change them.
  { route: "GET /api/education-offerings", own: "ooooo", other: "ooooo", at: none },
  { route: "POST /api/education-offerings", ...registry, at: none, body: () => ({}) },
  { route: "GET /api/education-offerings/template.csv", own: "ooooo", other: "ooooo", at: none },
  { route: "POST /api/education-offerings/import", ...registry, at: none, body: () => "provider\n", contentType: "text/csv" },
  { route: "GET /api/education-offerings/{id}", own: "ooooo", other: "ooooo", at: (f) => ({ id: f.offering }) },
  { route: "PUT /api/education-offerings/{id}", ...registry, at: (f) => ({ id: f.offering }), body: () => ({}) },
  { route: "GET /api/yrkesbarometer", own: "ooooo", other: "ooooo", at: none },
  { route: "POST /api/yrkesbarometer/import", ...registry, at: none, body: () => [] },
];

const clock = virtualClock("2026-05-01T08:00:00Z");
let suite: ApiSuite;
const fixtures = {} as Fixtures;
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");

function call(c: Case, where: Target, claims: Record<string, unknown>, f: Fixtures["A"]) {
  const params = Object.fromEntries(Object.entries(where).filter(([k, v]) => k !== "project" && v !== undefined)) as Record<string, string>;
  const event = apiEvent(c.route, { params, query: where.project ? { project: where.project } : undefined, body: c.body?.(f), contentType: c.contentType, claims });
  return API_ROUTES[c.route].api === "programme" ? suite.programme(event) : suite.owner(event);
}

/** The answer a route gives for ids nothing has: what a caller who may not know a resource must get. */
const NOWHERE: Fixtures["A"] = { offering: "e-nowhere", project: "p-nowhere", surveyRound: "r-nowhere", baselineRound: "r-nowhere", programme: "g-nowhere", org: "5599999999", person: "x-nowhere", dummyMember: "m-nowhere" };

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows(), cycles: recordingCycleWorkflows() });
  const admin = CALLERS.admin;
  await seedTestProject(suite.deps, "pa", { "owner-a@region.se": "project-owner", "fac-a@region.se": "facilitator", "ana-a@region.se": "analyst", "dummy@region.se": "analyst" });
  await seedTestProject(suite.deps, "pb", { "owner-b@region.se": "project-owner", "dummy@region.se": "analyst" });
  const orgs = [orgNumber(7001), orgNumber(7002)];
  for (const [i, org] of orgs.entries()) {
    const res = await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: org }), claims: admin }));
    expect(res.statusCode).toBe(201);
  }
  const persons = body(await suite.owner(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgs[0]! }, claims: admin }))).items;
  const offering = body(await suite.owner(apiEvent("POST /api/education-offerings", { body: offeringRequest(), claims: admin }))).id;
  for (const [key, projectId, ownerEmail] of [["A", "pa", "owner-a@region.se"], ["B", "pb", "owner-b@region.se"]] as const) {
    const ownerClaims = claimsOf(ownerEmail);
    const survey = await suite.owner(
      apiEvent("POST /api/rounds", { body: { projectId, name: `Enkät ${key}`, opensAt: "2026-05-02T08:00:00Z", closesAt: "2026-05-30T16:00:00Z", recipients: { organisationIds: orgs } }, claims: ownerClaims }),
    );
    expect(survey.statusCode, survey.body).toBe(201);
    const prog = await suite.programme(apiEvent("POST /api/programmes", { body: { projectId, name: `Program ${key}`, organisationIds: orgs }, claims: ownerClaims }));
    expect(prog.statusCode, prog.body).toBe(201);
    const baseline = await suite.programme(
      apiEvent("POST /api/programmes/{id}/measurements/{kind}", { params: { id: body(prog).id, kind: "baseline" }, body: { opensAt: "2026-05-02T08:00:00Z", closesAt: "2026-05-20T16:00:00Z" }, claims: ownerClaims }),
    );
    expect(baseline.statusCode, baseline.body).toBe(201);
    fixtures[key] = { project: projectId, surveyRound: body(survey).id, baselineRound: body(baseline).id, programme: body(prog).id, org: orgs[0]!, person: persons[0].id, dummyMember: memberIdOf("dummy@region.se"), offering };
  }
});
afterAll(() => suite.drop());

const labelOf = (c: Case) => `${c.route}${c.at === programmeRound ? " (a programme's round)" : ""}`;

function outcome(res: { statusCode?: number; body?: string }, nowhere: { statusCode?: number; body?: string }): string {
  if (res.statusCode === 403) return "f";
  if (res.statusCode === nowhere.statusCode && res.body === nowhere.body && res.statusCode === 404) return "n";
  return res.statusCode !== undefined && res.statusCode < 500 && res.statusCode !== 401 ? "o" : `5xx(${res.statusCode})`;
}

describe("who may call which route", () => {
  for (const [project, column] of [["A", "own"], ["B", "other"]] as const) {
    it(`answers every role on a resource of ${column === "own" ? "its own project" : "another project"} as the roles promise`, async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const c of CASES) {
        let row = "";
        for (const role of ROLES) {
          // A member removed by the previous call is there again, so every call finds the same state.
          await seedTestProject(suite.deps, fixtures[project].project!, { "dummy@region.se": "analyst" });
          const res = await call(c, c.at(fixtures[project]), CALLERS[role], fixtures[project]);
          const nowhere = await call(c, c.at(NOWHERE), CALLERS[role], NOWHERE);
          row += outcome(res, nowhere);
        }
        seen.push(`${labelOf(c)}: ${row}`);
        wanted.push(`${labelOf(c)}: ${c[column]}`);
      }
      expect(seen).toEqual(wanted);
    });
  }

  it("answers every owner route called with a token of another region with 403, whatever the role", async () => {
    const answers = new Set<number | undefined>();
    for (const c of CASES) {
      for (const role of ROLES) {
        const claims = { ...CALLERS[role], "custom:region": "halland" };
        answers.add((await call(c, c.at(fixtures.A), claims, fixtures.A)).statusCode);
      }
    }
    expect([...answers]).toEqual([403]);
  });

  it("covers every owner route of the API", () => {
    const owned = (Object.keys(API_ROUTES) as RouteKey[]).filter((k) => API_ROUTES[k].auth === "jwt");
    expect(new Set(CASES.map((c) => c.route))).toEqual(new Set(owned));
  });

  it("lists, without ?project=, the rounds and programmes of the caller's own projects only", async () => {
    const ids = async (route: "GET /api/rounds" | "GET /api/programmes", role: Role) =>
      body(await (route === "GET /api/rounds" ? suite.owner : suite.programme)(apiEvent(route, { claims: CALLERS[role] }))).items.map((i: { id: string }) => i.id);
    expect(await ids("GET /api/rounds", "analyst")).toEqual(expect.arrayContaining([fixtures.A.surveyRound, fixtures.A.baselineRound]));
    expect(await ids("GET /api/rounds", "analyst")).not.toContain(fixtures.B.surveyRound);
    expect(await ids("GET /api/programmes", "facilitator")).toEqual([fixtures.A.programme]);
    expect(await ids("GET /api/rounds", "admin")).toEqual([]);
    expect(await ids("GET /api/rounds", "consortium")).toEqual([]);
  });

  it("takes a role away at once: a removed member's next request finds nothing", async () => {
    await seedTestProject(suite.deps, "pa", { "temp@region.se": "project-owner" });
    const temp = claimsOf("temp@region.se");
    const read = () => suite.owner(apiEvent("GET /api/rounds/{id}", { params: { id: fixtures.A.surveyRound! }, claims: temp }));
    expect((await read()).statusCode).toBe(200);
    const removed = await suite.owner(apiEvent("DELETE /api/projects/{id}/members/{memberId}", { params: { id: "pa", memberId: memberIdOf("temp@region.se") }, claims: CALLERS.admin }));
    expect(removed.statusCode).toBe(200);
    expect((await read()).statusCode).toBe(404);
  });
});
