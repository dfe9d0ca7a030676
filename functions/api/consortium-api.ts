import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { parseConsortiumEnvironment } from "../config/consortium-environment";
import { combinedExportSource, folderExportSource, s3ExportSource } from "../adapters/export-source";
import { consortiumPicture, type ConsortiumDeps } from "../domain/consortium";
import { NotFoundError } from "../../shared/errors";
import { errorResult, json, xlsx, type ApiEvent, type ApiResult } from "./http";
import { consortiumXlsx } from "../domain/consortium-report";
import { consortiumTrends } from "../domain/consortium-trends";
import { CONSORTIUM_ROUTES, type ConsortiumRouteKey } from "./consortium-routes";

type Route = (deps: ConsortiumDeps, event: APIGatewayProxyEventV2) => Promise<ApiResult>;

const routes: Record<ConsortiumRouteKey, Route> = {
  "GET /api/consortium": async (deps, e) => json(200, await consortiumPicture(deps, e.queryStringParameters?.by)),
  "GET /api/consortium/trends": async (deps) => json(200, await consortiumTrends(deps)),
  "GET /api/consortium.xlsx": async (deps, e) =>
    xlsx(`konsortium-${e.queryStringParameters?.by ?? "region"}.xlsx`, await consortiumXlsx(deps, e.queryStringParameters?.by, e.queryStringParameters?.lang)),
};

export function consortiumApi(deps: () => ConsortiumDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<ApiResult> => {
    try {
      const route = routes[event.routeKey as ConsortiumRouteKey];
      if (!route || !(event.routeKey in CONSORTIUM_ROUTES)) throw new NotFoundError("No such endpoint.");
      return await route(deps(), event);
    } catch (error) {
      return errorResult(error, event as ApiEvent);
    }
  };
}

let built: ConsortiumDeps | undefined;
/** Built once per module instance from the environment. */
export function consortiumDepsFromEnvironment(): ConsortiumDeps {
  if (built) return built;
  const config = parseConsortiumEnvironment(process.env);
  built = {
    name: config.name,
    members: config.members,
    source: combinedExportSource(config.members.map((m) => (m.bucket ? s3ExportSource(m.bucket, `${m.id}/`) : folderExportSource(m.dir!)))),
  };
  return built;
}

export const handler = consortiumApi(consortiumDepsFromEnvironment);
