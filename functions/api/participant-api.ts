import { runtimeDeps } from "../adapters/runtime";
import type { Deps } from "../adapters/ports";
import { NotFoundError } from "../../shared/errors";
import { getForm, saveDraft, submit } from "../domain/forms";
import { errorResult, json, jsonBody, type ApiEvent, type ApiResult } from "./http";

type Route = (deps: Deps, event: ApiEvent) => Promise<ApiResult>;

const token = (event: ApiEvent) => event.pathParameters?.token ?? "";

const routes: Record<string, Route> = {
  "GET /api/health": async (deps) => json(200, { ok: true, region: deps.regionId }),
  "GET /api/forms/{token}": async (deps, e) => json(200, await getForm(deps, token(e))),
  "PUT /api/forms/{token}/draft": async (deps, e) => json(200, await saveDraft(deps, token(e), jsonBody(e))),
  "POST /api/forms/{token}/submit": async (deps, e) => json(201, await submit(deps, token(e), jsonBody(e))),
};

/** The routes this handler serves, as API Gateway route keys: the stack deploys exactly these. */
export const PARTICIPANT_ROUTE_KEYS = Object.keys(routes);

export function participantApi(deps: () => Deps) {
  return async (event: ApiEvent): Promise<ApiResult> => {
    try {
      const route = routes[event.routeKey];
      if (!route) throw new NotFoundError("No such endpoint.");
      return await route(deps(), event);
    } catch (error) {
      return errorResult(error, event);
    }
  };
}

export const handler = participantApi(runtimeDeps);
