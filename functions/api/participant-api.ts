import { runtimeDeps } from "../adapters/runtime";
import type { Deps } from "../adapters/ports";
import { getForm, saveDraft, submit } from "../domain/forms";
import { json, jsonBody, routedHandler, type ApiEvent, type PublicRoute } from "./http";
import { openApiDocument } from "./openapi";
import { routeKeysOf, type RouteKeyOf } from "./routes";

const token = (event: ApiEvent) => event.pathParameters?.token ?? "";

const routes: Record<RouteKeyOf<"participant">, PublicRoute> = {
  "GET /api/health": async (deps) => {
    try {
      // A read of a key no item has: it proves the table answers, with the function's own grant.
      await deps.stores.rounds.get("#health", { consistent: false });
    } catch {
      return json(503, { error: { code: "table_unreachable", message: "The region's table cannot be reached." } });
    }
    return json(200, { ok: true, region: deps.regionId, table: "ok" });
  },
  "GET /api/openapi.json": async () => json(200, openApiDocument()),
  "GET /api/forms/{token}": async (deps, e) => json(200, await getForm(deps, token(e))),
  "PUT /api/forms/{token}/draft": async (deps, e) => json(200, await saveDraft(deps, token(e), jsonBody(e))),
  "POST /api/forms/{token}/submit": async (deps, e) => json(201, await submit(deps, token(e), jsonBody(e))),
};

/** The routes this handler serves (functions/api/routes.ts): the stack deploys exactly these. */
export const PARTICIPANT_ROUTE_KEYS = routeKeysOf("participant");

export const participantApi = (deps: () => Deps) => routedHandler(routes, "public", deps);

export const handler = participantApi(() => runtimeDeps("participant-api"));
