/**
 * Every HTTP route of the API, once: which handler serves it and whether it needs an owner's JWT.
 * The handlers implement exactly these keys (their route records are typed by them), the CDK
 * construct deploys exactly these, and the OpenAPI document describes exactly these.
 * `/api/dev/*` routes belong to the local stack only and are deliberately absent.
 */
export type ApiName = "owner" | "participant" | "programme";
export type RouteAuth = "jwt" | "none";
export type RouteInfo = { readonly api: ApiName; readonly auth: RouteAuth };

export const API_ROUTES = {
  "GET /api/health": { api: "participant", auth: "none" },
  "GET /api/openapi.json": { api: "participant", auth: "none" },
  "GET /api/form": { api: "participant", auth: "none" },
  "PUT /api/form/draft": { api: "participant", auth: "none" },
  "POST /api/form/submit": { api: "participant", auth: "none" },

  "POST /api/organisations": { api: "owner", auth: "jwt" },
  "GET /api/organisations": { api: "owner", auth: "jwt" },
  "POST /api/organisations/import": { api: "owner", auth: "jwt" },
  "PUT /api/organisations/{id}": { api: "owner", auth: "jwt" },
  "GET /api/organisations/{id}/persons": { api: "owner", auth: "jwt" },
  "PUT /api/organisations/{id}/respondent": { api: "owner", auth: "jwt" },
  "POST /api/persons": { api: "owner", auth: "jwt" },
  "GET /api/audit-log": { api: "owner", auth: "jwt" },
  "GET /api/persons/{id}/personal-data": { api: "owner", auth: "jwt" },
  "POST /api/persons/{id}/erase": { api: "owner", auth: "jwt" },
  "GET /api/rounds": { api: "owner", auth: "jwt" },
  "POST /api/rounds": { api: "owner", auth: "jwt" },
  "POST /api/rounds/preview": { api: "owner", auth: "jwt" },
  "POST /api/rounds/{id}/launch": { api: "owner", auth: "jwt" },
  "POST /api/rounds/{id}/close": { api: "owner", auth: "jwt" },
  "GET /api/rounds/{id}": { api: "owner", auth: "jwt" },
  "GET /api/rounds/{id}/invitations": { api: "owner", auth: "jwt" },
  "POST /api/rounds/{id}/organisations/{orgId}/respondent": { api: "owner", auth: "jwt" },
  "GET /api/rounds/{id}/results": { api: "owner", auth: "jwt" },
  "GET /api/rounds/{id}/results.csv": { api: "owner", auth: "jwt" },
  "GET /api/rounds/{id}/releases": { api: "owner", auth: "jwt" },
  "POST /api/rounds/{id}/releases": { api: "owner", auth: "jwt" },
  "GET /api/rounds/{id}/responses": { api: "owner", auth: "jwt" },
  "GET /api/rounds/{id}/export.csv": { api: "owner", auth: "jwt" },

  "POST /api/programmes": { api: "programme", auth: "jwt" },
  "GET /api/programmes": { api: "programme", auth: "jwt" },
  "GET /api/programmes/{id}": { api: "programme", auth: "jwt" },
  "POST /api/programmes/{id}/measurements/{kind}": { api: "programme", auth: "jwt" },
  "POST /api/programmes/{id}/cycles/{n}/schedule": { api: "programme", auth: "jwt" },
  "POST /api/programmes/{id}/cycles/{n}/start": { api: "programme", auth: "jwt" },
  "POST /api/programmes/{id}/cycles/{n}/workshop": { api: "programme", auth: "jwt" },
  "POST /api/programmes/{id}/cycles/{n}/lecture": { api: "programme", auth: "jwt" },
  "GET /api/programmes/{id}/releases": { api: "programme", auth: "jwt" },
  "POST /api/programmes/{id}/releases": { api: "programme", auth: "jwt" },
  "GET /api/programmes/{id}/report": { api: "programme", auth: "jwt" },
  "GET /api/programmes/{id}/export.csv": { api: "programme", auth: "jwt" },
} as const satisfies Record<string, RouteInfo>;

export type RouteKey = keyof typeof API_ROUTES;
/** The route keys one handler serves ("POST /api/rounds"). */
export type RouteKeyOf<A extends ApiName> = { [K in RouteKey]: (typeof API_ROUTES)[K]["api"] extends A ? K : never }[RouteKey];

export function routeKeysOf<A extends ApiName>(api: A): RouteKeyOf<A>[] {
  return (Object.keys(API_ROUTES) as RouteKey[]).filter((k): k is RouteKeyOf<A> => API_ROUTES[k].api === api);
}

/** "POST /api/rounds/{id}/launch" -> method and path, as API Gateway spells them. */
export function splitRouteKey(key: RouteKey): { method: "GET" | "POST" | "PUT"; path: string } {
  const [method, path] = key.split(" ") as ["GET" | "POST" | "PUT", string];
  return { method, path };
}
