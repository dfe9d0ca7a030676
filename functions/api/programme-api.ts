import { runtimeDeps } from "../adapters/runtime";
import { listedProjects } from "../domain/access";
import type { Deps } from "../adapters/ports";
import { createMeasurement, createProgramme, listProgrammes } from "../domain/programmes";
import { recordSession, scheduleCycle, startCycle } from "../domain/programme-cycles";
import { programmeView } from "../domain/programme-views";
import { exportReportCsv, programmeReport } from "../domain/programme-report";
import { programmeReportXlsx } from "../domain/programme-report-xlsx";
import { listProgrammeReleases, requestInterimProgrammeRelease } from "../domain/programme-releases";
import { csv, json, jsonBody, xlsx, routedHandler, type ApiEvent, type OwnerRoute } from "./http";
import { routeKeysOf, type RouteKeyOf } from "./routes";

const id = (event: ApiEvent) => event.pathParameters?.id ?? "";
const n = (event: ApiEvent) => event.pathParameters?.n;
const release = (event: ApiEvent) => event.queryStringParameters?.release;

/** Learning programmes: the owner (facilitator) routes of docs/architecture.md, "HTTP API". */
const routes: Record<RouteKeyOf<"programme">, OwnerRoute> = {
  "POST /api/programmes": async (deps, e, owner) => json(201, await createProgramme(deps, jsonBody(e), owner)),
  "GET /api/programmes": async (deps, e, owner) => json(200, { items: await listProgrammes(deps, listedProjects(owner, "list", e.queryStringParameters?.project)) }),
  "GET /api/programmes/{id}": async (deps, e) => json(200, await programmeView(deps, id(e))),
  "POST /api/programmes/{id}/measurements/{kind}": async (deps, e, owner) =>
    json(201, await createMeasurement(deps, id(e), e.pathParameters?.kind, jsonBody(e), owner)),
  "POST /api/programmes/{id}/cycles/{n}/schedule": async (deps, e) => json(200, await scheduleCycle(deps, id(e), n(e), jsonBody(e))),
  "POST /api/programmes/{id}/cycles/{n}/start": async (deps, e) => json(202, await startCycle(deps, id(e), n(e))),
  "POST /api/programmes/{id}/cycles/{n}/workshop": async (deps, e) => json(200, await recordSession(deps, id(e), n(e), "workshop", jsonBody(e))),
  "POST /api/programmes/{id}/cycles/{n}/lecture": async (deps, e) => json(200, await recordSession(deps, id(e), n(e), "lecture", jsonBody(e))),
  "GET /api/programmes/{id}/releases": async (deps, e) => json(200, { items: await listProgrammeReleases(deps, id(e)) }),
  "POST /api/programmes/{id}/releases": async (deps, e) => json(201, await requestInterimProgrammeRelease(deps, id(e), jsonBody(e))),
  "GET /api/programmes/{id}/report": async (deps, e) => json(200, await programmeReport(deps, id(e), release(e))),
  "GET /api/programmes/{id}/export.csv": async (deps, e) => csv(`program-${id(e)}.csv`, await exportReportCsv(deps, id(e), release(e))),
  "GET /api/programmes/{id}/report.xlsx": async (deps, e) =>
    xlsx(`program-${id(e)}.xlsx`, await programmeReportXlsx(deps, id(e), release(e), e.queryStringParameters?.lang)),
};

/** The routes this handler serves (functions/api/routes.ts): the stack deploys exactly these. */
export const PROGRAMME_ROUTE_KEYS = routeKeysOf("programme");

export const programmeApi = (deps: () => Deps) => routedHandler(routes, "owner", deps);

export const handler = programmeApi(() => runtimeDeps("programme-api"));
