/**
 * Every HTTP route of the API, once: which handler serves it and whether it needs an owner's JWT.
 * The handlers implement exactly these keys (their route records are typed by them), the CDK
 * construct deploys exactly these, and the OpenAPI document describes exactly these.
 * `/api/dev/*` routes belong to the local stack only and are deliberately absent.
 */
import type { Capability, RouteAccess } from "../domain/access";

export type ApiName = "owner" | "participant" | "programme";
export type RouteAuth = "jwt" | "none";
export type RouteInfo = { readonly api: ApiName; readonly auth: RouteAuth; readonly access: RouteAccess };

const PUBLIC = { kind: "public" } as const;
const ADMIN = { kind: "region-admin" } as const;
const REGISTRY = { kind: "registry" } as const;
const round = <N extends Capability | "work">(need: N) => ({ kind: "project", of: "round", need }) as const;
const programme = <N extends Capability>(need: N) => ({ kind: "project", of: "programme", need }) as const;

export const API_ROUTES = {
  "GET /api/health": { api: "participant", auth: "none", access: PUBLIC },
  "GET /api/openapi.json": { api: "participant", auth: "none", access: PUBLIC },
  "GET /api/retention": { api: "participant", auth: "none", access: PUBLIC },
  "GET /api/form": { api: "participant", auth: "none", access: PUBLIC },
  "PUT /api/form/draft": { api: "participant", auth: "none", access: PUBLIC },
  "POST /api/form/submit": { api: "participant", auth: "none", access: PUBLIC },
  "GET /api/form/feedback": { api: "participant", auth: "none", access: PUBLIC },

  "GET /api/me": { api: "owner", auth: "jwt", access: { kind: "signed-in" } },
  "GET /api/projects": { api: "owner", auth: "jwt", access: { kind: "signed-in" } },
  "POST /api/projects": { api: "owner", auth: "jwt", access: ADMIN },
  "GET /api/projects/{id}": { api: "owner", auth: "jwt", access: { kind: "project", of: "project", need: "list", admin: true } },
  "PUT /api/projects/{id}/members": { api: "owner", auth: "jwt", access: ADMIN },
  "DELETE /api/projects/{id}/members/{memberId}": { api: "owner", auth: "jwt", access: ADMIN },
  "GET /api/projects/{id}/trends": { api: "owner", auth: "jwt", access: { kind: "project", of: "project", need: "read-releases" } },
  "POST /api/organisations": { api: "owner", auth: "jwt", access: REGISTRY },
  "GET /api/organisations": { api: "owner", auth: "jwt", access: REGISTRY },
  "POST /api/organisations/import": { api: "owner", auth: "jwt", access: REGISTRY },
  "PUT /api/organisations/{id}": { api: "owner", auth: "jwt", access: REGISTRY },
  "GET /api/organisations/{id}/persons": { api: "owner", auth: "jwt", access: REGISTRY },
  "PUT /api/organisations/{id}/respondent": { api: "owner", auth: "jwt", access: REGISTRY },
  "POST /api/persons": { api: "owner", auth: "jwt", access: REGISTRY },
  "GET /api/audit-log": { api: "owner", auth: "jwt", access: ADMIN },
  "GET /api/persons/{id}/personal-data": { api: "owner", auth: "jwt", access: ADMIN },
  "POST /api/persons/{id}/erase": { api: "owner", auth: "jwt", access: ADMIN },
  "GET /api/instruments": { api: "owner", auth: "jwt", access: REGISTRY },
  "POST /api/instruments/{id}/versions": { api: "owner", auth: "jwt", access: REGISTRY },
  "PUT /api/instruments/{id}/versions/{version}": { api: "owner", auth: "jwt", access: REGISTRY },
  "GET /api/rounds": { api: "owner", auth: "jwt", access: { kind: "projects", need: "list" } },
  "POST /api/rounds": { api: "owner", auth: "jwt", access: { kind: "project", of: "body", need: "manage" } },
  "POST /api/rounds/preview": { api: "owner", auth: "jwt", access: REGISTRY },
  "POST /api/rounds/{id}/launch": { api: "owner", auth: "jwt", access: round("work") },
  "POST /api/rounds/{id}/close": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}/invitations": { api: "owner", auth: "jwt", access: round("work") },
  "POST /api/rounds/{id}/organisations/{orgId}/respondent": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}/results": { api: "owner", auth: "jwt", access: round("read-releases") },
  "GET /api/rounds/{id}/results.csv": { api: "owner", auth: "jwt", access: round("read-releases") },
  "GET /api/rounds/{id}/results.xlsx": { api: "owner", auth: "jwt", access: round("read-releases") },
  "GET /api/rounds/{id}/releases": { api: "owner", auth: "jwt", access: round("read-releases") },
  "POST /api/rounds/{id}/releases": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}/releases/{n}/export.json": { api: "owner", auth: "jwt", access: round("read-releases") },
  "POST /api/rounds/{id}/releases/{n}/export": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}/responses": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}/export.csv": { api: "owner", auth: "jwt", access: round("work") },
  "POST /api/rounds/{id}/exports": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}/exports/{exportId}": { api: "owner", auth: "jwt", access: round("work") },
  "GET /api/rounds/{id}/supply-gap": { api: "owner", auth: "jwt", access: round("read-releases") },
  "GET /api/rounds/{id}/shortage": { api: "owner", auth: "jwt", access: round("read-releases") },
  "GET /api/education-offerings": { api: "owner", auth: "jwt", access: { kind: "signed-in" } },
  "POST /api/education-offerings": { api: "owner", auth: "jwt", access: REGISTRY },
  "GET /api/education-offerings/template.csv": { api: "owner", auth: "jwt", access: { kind: "signed-in" } },
  "POST /api/education-offerings/import": { api: "owner", auth: "jwt", access: REGISTRY },
  "GET /api/education-offerings/{id}": { api: "owner", auth: "jwt", access: { kind: "signed-in" } },
  "PUT /api/education-offerings/{id}": { api: "owner", auth: "jwt", access: REGISTRY },
  "GET /api/yrkesbarometer": { api: "owner", auth: "jwt", access: { kind: "signed-in" } },
  "POST /api/yrkesbarometer/import": { api: "owner", auth: "jwt", access: REGISTRY },

  "POST /api/programmes": { api: "programme", auth: "jwt", access: { kind: "project", of: "body", need: "manage" } },
  "GET /api/programmes": { api: "programme", auth: "jwt", access: { kind: "projects", need: "list" } },
  "GET /api/programmes/{id}": { api: "programme", auth: "jwt", access: programme("programme-work") },
  "POST /api/programmes/{id}/measurements/{kind}": { api: "programme", auth: "jwt", access: programme("manage") },
  "POST /api/programmes/{id}/cycles/{n}/schedule": { api: "programme", auth: "jwt", access: programme("programme-work") },
  "POST /api/programmes/{id}/cycles/{n}/start": { api: "programme", auth: "jwt", access: programme("programme-work") },
  "POST /api/programmes/{id}/cycles/{n}/workshop": { api: "programme", auth: "jwt", access: programme("programme-work") },
  "POST /api/programmes/{id}/cycles/{n}/lecture": { api: "programme", auth: "jwt", access: programme("programme-work") },
  "GET /api/programmes/{id}/releases": { api: "programme", auth: "jwt", access: programme("read-releases") },
  "POST /api/programmes/{id}/releases": { api: "programme", auth: "jwt", access: programme("programme-work") },
  "GET /api/programmes/{id}/report": { api: "programme", auth: "jwt", access: programme("read-releases") },
  "GET /api/programmes/{id}/export.csv": { api: "programme", auth: "jwt", access: programme("read-releases") },
  "GET /api/programmes/{id}/report.xlsx": { api: "programme", auth: "jwt", access: programme("read-releases") },
} as const satisfies Record<string, RouteInfo>;

export type RouteKey = keyof typeof API_ROUTES;
/** The route keys one handler serves ("POST /api/rounds"). */
export type RouteKeyOf<A extends ApiName> = { [K in RouteKey]: (typeof API_ROUTES)[K]["api"] extends A ? K : never }[RouteKey];

export function routeKeysOf<A extends ApiName>(api: A): RouteKeyOf<A>[] {
  return (Object.keys(API_ROUTES) as RouteKey[]).filter((k): k is RouteKeyOf<A> => API_ROUTES[k].api === api);
}

/** "POST /api/rounds/{id}/launch" -> method and path, as API Gateway spells them. */
export function splitRouteKey(key: RouteKey): { method: "GET" | "POST" | "PUT" | "DELETE"; path: string } {
  const [method, path] = key.split(" ") as ["GET" | "POST" | "PUT" | "DELETE", string];
  return { method, path };
}
