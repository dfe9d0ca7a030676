import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTable } from "../support/dynamodb";
import { apiEvent, OWNER_CLAIMS, testDeps, seedTestProject } from "../support/deps";
import { organisationRequest, orgNumber } from "../support/fixtures";
import { ownerApi } from "../../functions/api/owner-api";
import type { Deps } from "../../functions/adapters/ports";

let deps: Deps;
let drop: () => Promise<void>;
let api: ReturnType<typeof ownerApi>;

beforeAll(async () => {
  const t = await createTestTable();
  drop = t.drop;
  deps = testDeps({ doc: t.docClient, name: t.tableName });
  await seedTestProject(deps);
  api = ownerApi(() => deps);
});
afterAll(() => drop());

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const list = async () => body(await api(apiEvent("GET /api/organisations"))).items as { orgNumber: string; name: string }[];

describe("owner API: organisations", () => {
  it("registers an organisation and lists it", async () => {
    const res = await api(apiEvent("POST /api/organisations", { body: organisationRequest(0) }));
    expect(res.statusCode).toBe(201);
    expect((await list()).map((o) => o.orgNumber)).toContain(orgNumber(1));
  });

  it("accepts an organisation number with a hyphen and stores it as ten digits", async () => {
    const n = orgNumber(2);
    const res = await api(apiEvent("POST /api/organisations", { body: organisationRequest(1, { orgNumber: `${n.slice(0, 6)}-${n.slice(6)}` }) }));
    expect(res.statusCode).toBe(201);
    expect(body(res).orgNumber).toBe(n);
  });

  it("rejects a wrong check digit with 400 naming the field, and writes nothing", async () => {
    const before = await list();
    const bad = orgNumber(3).slice(0, 9) + ((Number(orgNumber(3)[9]) + 1) % 10);
    const res = await api(apiEvent("POST /api/organisations", { body: organisationRequest(2, { orgNumber: bad }) }));
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues).toContainEqual({ path: "orgNumber", message: "error.orgNumber.checkDigit" });
    expect(await list()).toEqual(before);
  });

  it("rejects an SNI code that does not exist with 400", async () => {
    const res = await api(apiEvent("POST /api/organisations", { body: organisationRequest(3, { orgNumber: orgNumber(4), sni: "99999" }) }));
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues[0].path).toBe("sni");
  });

  it("answers a second registration of the same number with 409", async () => {
    const res = await api(apiEvent("POST /api/organisations", { body: organisationRequest(0) }));
    expect(res.statusCode).toBe(409);
  });

  it("answers malformed JSON with 400 and no internals", async () => {
    const res = await api(apiEvent("POST /api/organisations", { body: "{not json" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/SyntaxError|at .*\.ts/);
  });

  it("imports the good rows of a CSV and reports each bad row by line and field", async () => {
    const csv = [
      "orgNumber,name,sni,municipality,sizeClass,contactName,contactEmail",
      `${orgNumber(10)},Alfa Verkstad AB,25110,0580,10-49,Anna Alfa,anna@alfa.se`,
      `${orgNumber(11).slice(0, 9)}0,Fel Siffra AB,25110,0580,10-49,,`,
      `${orgNumber(12)},Beta Bygg AB,41200,9999,0-9,,`,
      `${orgNumber(13)},"Gamma, Data AB",62010,0581,250+,Gustav,not-an-email`,
      `${orgNumber(14)},Delta Plast AB,22210,0583,50-249,,`,
    ].join("\n");
    const res = await api(apiEvent("POST /api/organisations/import", { body: csv, contentType: "text/csv" }));
    expect(res.statusCode).toBe(200);
    const report = body(res);
    expect(report.imported).toBe(2);
    const errs = report.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`);
    expect(errs).toContain("3:orgNumber");
    expect(errs).toContain("4:municipality");
    expect(errs).toContain("5:contactEmail");
    const names = (await list()).map((o) => o.name);
    expect(names).toContain("Alfa Verkstad AB");
    expect(names).toContain("Delta Plast AB");
    expect(names).not.toContain("Gamma, Data AB");
  });

  it("previews an import without writing anything", async () => {
    const before = await list();
    const csv = ["orgNumber,name,sni,municipality,sizeClass", `${orgNumber(20)},Epsilon AB,25110,0580,10-49`, `${orgNumber(10)},Alfa Verkstad AB,25110,0580,10-49`, "123,Trasig,1,2,3"].join("\n");
    const res = await api(apiEvent("POST /api/organisations/import", { body: csv, contentType: "text/csv", query: { dryRun: "true" } }));
    expect(res.statusCode).toBe(200);
    // The row of an organisation registered with the same details is unchanged, not new.
    expect(body(res)).toMatchObject({ imported: 1, unchanged: 1, skipped: 0 });
    expect(body(res).errors.map((e: { line: number }) => e.line)).toContain(4);
    expect(await list()).toEqual(before);
  });

  it("corrects an organisation's details and finds it under its new name", async () => {
    const res = await api(apiEvent("PUT /api/organisations/{id}", { params: { id: orgNumber(10) }, body: { name: "Alfa Mekaniska AB", sizeClass: "50-249" } }));
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({ orgNumber: orgNumber(10), name: "Alfa Mekaniska AB", sizeClass: "50-249", sni: "25110" });
    const found = body(await api(apiEvent("GET /api/organisations", { query: { q: "mekaniska" } }))).items;
    expect(found.map((o: { orgNumber: string }) => o.orgNumber)).toEqual([orgNumber(10)]);
  });

  it("refuses a correction to an unknown municipality with 400 and keeps the organisation as it was", async () => {
    const res = await api(apiEvent("PUT /api/organisations/{id}", { params: { id: orgNumber(10) }, body: { municipality: "9999" } }));
    expect(res.statusCode).toBe(400);
    expect((await list()).find((o) => o.orgNumber === orgNumber(10))).toMatchObject({ municipality: "0580" });
  });

  it("answers a correction of an unknown organisation with 404", async () => {
    const res = await api(apiEvent("PUT /api/organisations/{id}", { params: { id: orgNumber(98) }, body: { name: "Ny" } }));
    expect(res.statusCode).toBe(404);
  });

  it("creates the contact of an imported row as a person of the organisation", async () => {
    const res = await api(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgNumber(10) } }));
    expect(body(res).items).toMatchObject([{ name: "Anna Alfa", email: "anna@alfa.se" }]);
  });

  it("adds a person to an organisation and refuses one for an unknown organisation with 404", async () => {
    const ok = await api(apiEvent("POST /api/persons", { body: { organisationId: orgNumber(1), name: "Per Persson", email: "per@example.se", gender: "man" } }));
    expect(ok.statusCode).toBe(201);
    const missing = await api(apiEvent("POST /api/persons", { body: { organisationId: orgNumber(99), name: "Ingen", email: "ingen@example.se" } }));
    expect(missing.statusCode).toBe(404);
    const persons = body(await api(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgNumber(99) } }))).items;
    expect(persons).toEqual([]);
  });

  it("refuses a person with an invalid e-mail with 400 naming the field", async () => {
    const res = await api(apiEvent("POST /api/persons", { body: { organisationId: orgNumber(1), name: "X", email: "x@" } }));
    expect(res.statusCode).toBe(400);
    expect(body(res).error.issues).toContainEqual({ path: "email", message: "error.email" });
  });

  it("refuses a CSV without the required columns with 400", async () => {
    const res = await api(apiEvent("POST /api/organisations/import", { body: "name,sni\nX,25110\n", contentType: "text/csv" }));
    expect(res.statusCode).toBe(400);
  });

  it("answers a request without a signed-in owner with 401", async () => {
    const res = await api(apiEvent("GET /api/organisations", { claims: null }));
    expect(res.statusCode).toBe(401);
  });

  it("answers an owner of another region with 403", async () => {
    const res = await api(apiEvent("GET /api/organisations", { claims: { ...OWNER_CLAIMS, "custom:region": "halland" } }));
    expect(res.statusCode).toBe(403);
  });

  it("answers a signed-in user who is neither a region admin nor a project owner with 403", async () => {
    const res = await api(apiEvent("GET /api/organisations", { claims: { ...OWNER_CLAIMS, email: "someone@region.se", "cognito:groups": "[viewers]" } }));
    expect(res.statusCode).toBe(403);
  });
});
