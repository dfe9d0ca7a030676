import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent } from "../support/deps";
import { organisationRequest, orgNumber } from "../support/fixtures";
import { API_ROUTES, splitRouteKey, type RouteKey } from "../../functions/api/routes";
import { MAX_JSON_BODY_BYTES } from "../../functions/api/http";
import type { ApiEvent } from "../../functions/api/http";

/**
 * No bad input gets a 5xx, and none writes anything: every route with a path parameter is called
 * with ids it could never have handed out, and every mutating route with bodies that are too
 * large, not JSON, empty or hold control characters.
 */
let suite: ApiSuite;
let itemsAfterSetUp: number;
const ORG = orgNumber(8001);

/** Items in the table but the audit log's, which records refused requests too. */
async function itemCount(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await suite.deps.table.doc.send(new ScanCommand({
        TableName: suite.deps.table.name,
        Select: "COUNT",
        FilterExpression: "NOT begins_with(pk, :audit)",
        ExpressionAttributeValues: { ":audit": "AUDIT#" },
        ExclusiveStartKey: start,
      }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

beforeAll(async () => {
  suite = await startApiSuite({});
  const res = await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(0, { orgNumber: ORG }) }));
  expect(res.statusCode).toBe(201);
  itemsAfterSetUp = await itemCount();
});
afterAll(() => suite.drop());

function call(route: RouteKey, event: ApiEvent) {
  const api = API_ROUTES[route].api;
  return (api === "owner" ? suite.owner : api === "programme" ? suite.programme : suite.participant)(event);
}

const ROUTES = Object.keys(API_ROUTES) as RouteKey[];
const paramsOf = (route: RouteKey) => [...splitRouteKey(route).path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const WITH_PARAMS = ROUTES.filter((r) => paramsOf(r).length > 0);
const MUTATING = ROUTES.filter((r) => splitRouteKey(r).method !== "GET" && r !== "POST /api/organisations/import");
/** Path parameters that name something that could exist (the registered organisation, a plausible id). */
const plausible = (route: RouteKey) => Object.fromEntries(paramsOf(route).map((p) => [p, p === "n" ? "1" : p === "kind" ? "baseline" : ORG]));

const BAD_IDS = [
  ["a 3,000-character id", "x".repeat(3000)],
  ["an id with odd characters", "../\u0000<script>"],
  ["an id with a space", "abc def"],
] as const;

const BAD_BODIES: [string, string][] = [
  ["a body over the limit", JSON.stringify({ name: "x".repeat(MAX_JSON_BODY_BYTES) })],
  ["a body that is not JSON", "{not json"],
  ["an empty object", "{}"],
  ["a JSON array", "[]"],
  ["a name with NUL", JSON.stringify({ name: "Noll\u0000Byte", notes: "x\u0000" })],
  ["texts far over their bounds", JSON.stringify({ name: "n".repeat(5000), invitationText: { sv: "s".repeat(100_000), en: "e" } })],
];

describe("bad input: path parameters", () => {
  for (const route of WITH_PARAMS)
    for (const [what, id] of BAD_IDS)
      it(`${route} with ${what} answers 4xx`, async () => {
        const params = Object.fromEntries(paramsOf(route).map((p) => [p, id]));
        const res = await call(route, apiEvent(route, { params, body: {} }));
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(await itemCount()).toBe(itemsAfterSetUp);
      });
});

/** A preview reads and writes nothing: `{}` asks it for every organisation with the default texts. */
const EMPTY_IS_VALID = new Set<RouteKey>(["POST /api/rounds/preview"]);

describe("bad input: request bodies", () => {
  for (const route of MUTATING)
    for (const [what, body] of BAD_BODIES.filter(([, b]) => b !== "{}" || !EMPTY_IS_VALID.has(route)))
      it(`${route} with ${what} answers 4xx and writes nothing`, async () => {
        const res = await call(route, apiEvent(route, { params: plausible(route), body }));
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(await itemCount()).toBe(itemsAfterSetUp);
      });
});

describe("bad input: the cases of issue 9", () => {
  it("answers a JSON body over the limit with 413 before parsing it", async () => {
    const res = await suite.owner(apiEvent("POST /api/organisations", { body: `{"name":"${"x".repeat(MAX_JSON_BODY_BYTES)}"` }));
    expect(res.statusCode).toBe(413);
  });

  it("answers an empty update of an organisation with 400", async () => {
    const res = await suite.owner(apiEvent("PUT /api/organisations/{id}", { params: { id: ORG }, body: {} }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body ?? "{}").error.issues).toContainEqual({ path: "", message: "error.emptyUpdate" });
  });

  it("refuses a control character in an organisation's name, naming the field", async () => {
    const res = await suite.owner(apiEvent("PUT /api/organisations/{id}", { params: { id: ORG }, body: { name: "Ny\u0007Namn AB" } }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body ?? "{}").error.issues).toContainEqual({ path: "name", message: "error.controlCharacter" });
  });

  it("accepts line breaks and tabs in a multi-line text but not NUL", async () => {
    const round = { name: "Omgång", opensAt: "2030-01-01T08:00:00Z", closesAt: "2030-02-01T08:00:00Z" };
    const ok = await suite.owner(apiEvent("POST /api/rounds/preview", { body: { ...round, invitationText: { sv: "Hej!\n\n\tVälkommen", en: "Hi" } } }));
    expect(ok.statusCode).toBe(200);
    const nul = await suite.owner(apiEvent("POST /api/rounds/preview", { body: { ...round, invitationText: { sv: "Hej\u0000", en: "Hi" } } }));
    expect(nul.statusCode).toBe(400);
  });

  it("answers a CSV import over its limit with 413", async () => {
    const res = await suite.owner(apiEvent("POST /api/organisations/import", { body: "x".repeat(3 * 1024 * 1024 + 1), contentType: "text/csv" }));
    expect(res.statusCode).toBe(413);
    expect(await itemCount()).toBe(itemsAfterSetUp);
  });
});
