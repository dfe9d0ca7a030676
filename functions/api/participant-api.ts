import { runtimeDeps } from "../adapters/runtime";
import type { Deps } from "../adapters/ports";
import { getForm, saveDraft, submit } from "../domain/forms";
import { getFeedback } from "../domain/feedback";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import { header, json, jsonBody, routedHandler, type ApiEvent, type PublicRoute } from "./http";
import { openApiDocument } from "./openapi";
import { retentionOf } from "../domain/retention";
import { AUDIT_LOG_DAYS } from "../../shared/retention";
import { routeKeysOf, type RouteKeyOf } from "./routes";

/** The participant's token, sent in a header (shared/form-link.ts); a missing or malformed one is the unknown link's 404. */
const token = (event: ApiEvent) => header(event, FORM_TOKEN_HEADER) ?? "";

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
  // What /om-tjansten states: this region's retention, from the same config the stores use.
  "GET /api/retention": async (deps) => json(200, { ...retentionOf(deps), auditLogDays: AUDIT_LOG_DAYS }),
  "GET /api/form": async (deps, e) => json(200, await getForm(deps, token(e))),
  "PUT /api/form/draft": async (deps, e) => json(200, await saveDraft(deps, token(e), jsonBody(e))),
  "POST /api/form/submit": async (deps, e) => json(201, await submit(deps, token(e), jsonBody(e))),
  "GET /api/form/feedback": async (deps, e) => json(200, await getFeedback(deps, token(e))),
};

/** The routes this handler serves (functions/api/routes.ts): the stack deploys exactly these. */
export const PARTICIPANT_ROUTE_KEYS = routeKeysOf("participant");

export const participantApi = (deps: () => Deps) => routedHandler(routes, "public", deps);

export const handler = participantApi(() => runtimeDeps("participant-api"));
