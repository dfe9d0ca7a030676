import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../functions/api/openapi";
import { API_ROUTES, splitRouteKey, type RouteKey } from "../../functions/api/routes";
import { FORM_API_PATH, FORM_TOKEN_HEADER } from "../../shared/form-link";

const doc = buildOpenApiDocument();
const keys = Object.keys(API_ROUTES) as RouteKey[];
const operations = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

describe("the OpenAPI document", () => {
  it("has the shape of OpenAPI 3.1: version, info, paths and components", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    expect(Object.keys(doc.components.schemas).length).toBeGreaterThan(0);
    expect(doc.components.securitySchemes.ownerJwt).toEqual({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
  });

  it("describes every route of API_ROUTES with its method, and nothing else", () => {
    expect(operations.map((o) => o.key).sort()).toEqual([...keys].sort());
  });

  it("asks for the owner's bearer JWT exactly on the routes that need it", () => {
    for (const key of keys) {
      const { method, path } = splitRouteKey(key);
      const op = doc.paths[path][method.toLowerCase()];
      expect(op.security, key).toEqual(API_ROUTES[key].auth === "jwt" ? [{ ownerJwt: [] }] : []);
    }
  });

  it("keeps only the health check, the document itself, the retention statement and the form routes public", () => {
    expect(keys.filter((k) => API_ROUTES[k].auth === "none").sort()).toEqual(
      ["GET /api/health", "GET /api/openapi.json", "GET /api/retention", "GET /api/form", "PUT /api/form/draft", "POST /api/form/submit", "GET /api/form/feedback"].sort(),
    );
  });

  it("tells a health check whose table does not answer (503, the error body) from one that is healthy", () => {
    const responses = doc.paths["/api/health"]!.get!.responses as unknown as Record<string, { content: Record<string, { schema: unknown }> }>;
    expect(responses["503"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ErrorBody" });
    expect(doc.components.schemas.Health.required).toEqual(expect.arrayContaining(["ok", "region", "table"]));
  });

  it("says on every owner route which roles may call it", () => {
    for (const { key, op } of operations) if (API_ROUTES[key as RouteKey].auth === "jwt") expect(op["x-access"], key).toMatch(/admins|members|caller|signed-in/);
  });

  it("declares every path parameter of a route", () => {
    for (const { key, op } of operations) {
      const names = [...key.matchAll(/\{(\w+)\}/g)].map(([, n]) => n);
      const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(declared, key).toEqual(names);
    }
  });

  it("asks for the participant's token in its header on exactly the form routes, never in the path", () => {
    const withToken = operations.filter(({ op }) => (op.parameters ?? []).some((p) => p.in === "header" && p.name === FORM_TOKEN_HEADER && p.required));
    expect(withToken.map((o) => o.key).sort()).toEqual(["GET /api/form", "GET /api/form/feedback", "POST /api/form/submit", "PUT /api/form/draft"]);
    for (const { key } of withToken) expect(key.startsWith(`${key.split(" ")[0]} ${FORM_API_PATH}`) && !key.includes("{"), key).toBe(true);
  });

  it("gives every route a summary and a success response", () => {
    for (const { key, op } of operations) {
      expect(op.summary, key).toBeTruthy();
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), key).toBe(true);
    }
  });

  it("resolves every schema reference to a component", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(([, n]) => n);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
  });
});
