import { runtimeDeps } from "../adapters/runtime";
import { listedProjects } from "../domain/access";
import { createProject, getProject, listProjects, me, removeMember, setMember } from "../domain/projects";
import { readAuditLog } from "../domain/audit-log";
import { erasePerson, exportPersonalData } from "../domain/personal-data";
import type { Deps } from "../adapters/ports";
import { UnsupportedMediaTypeError } from "../../shared/errors";
import { createOrganisation, createPerson, designateRespondent, listOrganisations, listPersons, updateOrganisation } from "../domain/organisations";
import { importOrganisationsCsv } from "../domain/organisation-import";
import { closeRound, createRound, launchRound, listInvitations, listRounds, previewRound, roundStatus } from "../domain/rounds";
import { changeRespondent } from "../domain/respondents";
import { exportStatus, requestExport } from "../domain/export-jobs";
import { exportCsv, resultsCsv, resultsXlsx, roundResponses, roundResults } from "../domain/results";
import { listReleases, requestInterimRelease } from "../domain/releases";
import { publishReleaseExport, releaseExport } from "../domain/release-export";
import { SUPPLY_ROUTES } from "./supply-routes";
import { projectTrends } from "../domain/trends";
import { csv, download, header, json, xlsx, jsonBody, MAX_CSV_BODY_BYTES, rawBodyBytes, routedHandler, type ApiEvent, type OwnerRoute } from "./http";
import { routeKeysOf, type RouteKeyOf } from "./routes";
import { createRegionVersion, listInstrumentVersions, replaceRegionVersion } from "../domain/instrument-versions";

const id = (event: ApiEvent) => event.pathParameters?.id ?? "";

const routes: Record<RouteKeyOf<"owner">, OwnerRoute> = {
  ...SUPPLY_ROUTES,
  "GET /api/me": async (deps, _e, owner) => json(200, await me(deps, owner)),
  "GET /api/projects": async (deps, _e, owner) => json(200, { items: await listProjects(deps, owner) }),
  "POST /api/projects": async (deps, e, owner) => json(201, await createProject(deps, jsonBody(e), owner)),
  "GET /api/projects/{id}": async (deps, e) => json(200, await getProject(deps, id(e))),
  "PUT /api/projects/{id}/members": async (deps, e, owner) => json(200, await setMember(deps, id(e), jsonBody(e), owner)),
  "GET /api/projects/{id}/trends": async (deps, e) => json(200, await projectTrends(deps, id(e))),
  "DELETE /api/projects/{id}/members/{memberId}": async (deps, e) => json(200, await removeMember(deps, id(e), e.pathParameters?.memberId ?? "")),
  "POST /api/organisations": async (deps, e) => json(201, await createOrganisation(deps, jsonBody(e))),
  "GET /api/organisations": async (deps, e) => json(200, { items: await listOrganisations(deps, e.queryStringParameters?.q) }),
  "POST /api/organisations/import": async (deps, e) => {
    const type = header(e, "content-type") ?? "";
    // A file is best sent as application/octet-stream: it then reaches the function as base64, byte
    // for byte, and its encoding is detected here. A text/csv body arrives as text (UTF-8).
    if (!/^(text\/(csv|plain)|application\/octet-stream)/.test(type)) throw new UnsupportedMediaTypeError("Send the file as text/csv or application/octet-stream.");
    const bytes = rawBodyBytes(e, MAX_CSV_BODY_BYTES);
    return json(200, await importOrganisationsCsv(deps, e.isBase64Encoded ? bytes : bytes.toString("utf8"), { dryRun: e.queryStringParameters?.dryRun === "true" }));
  },
  "PUT /api/organisations/{id}": async (deps, e) => json(200, await updateOrganisation(deps, id(e), jsonBody(e))),
  "GET /api/organisations/{id}/persons": async (deps, e) => json(200, { items: await listPersons(deps, id(e)) }),
  "PUT /api/organisations/{id}/respondent": async (deps, e) => json(200, { items: await designateRespondent(deps, id(e), jsonBody(e)) }),
  "POST /api/persons": async (deps, e) => json(201, await createPerson(deps, jsonBody(e))),
  "GET /api/audit-log": async (deps, e) => json(200, await readAuditLog(deps, e.queryStringParameters?.month)),
  "GET /api/persons/{id}/personal-data": async (deps, e) => json(200, await exportPersonalData(deps, id(e))),
  "POST /api/persons/{id}/erase": async (deps, e) => json(200, await erasePerson(deps, id(e), jsonBody(e))),
  "GET /api/instruments": async (deps) => json(200, { items: await listInstrumentVersions(deps) }),
  "POST /api/instruments/{id}/versions": async (deps, e, owner) => json(201, await createRegionVersion(deps, id(e), jsonBody(e), owner)),
  "PUT /api/instruments/{id}/versions/{version}": async (deps, e) => json(200, await replaceRegionVersion(deps, id(e), e.pathParameters?.version, jsonBody(e))),
  "GET /api/rounds": async (deps, e, owner) => json(200, { items: await listRounds(deps, listedProjects(owner, "list", e.queryStringParameters?.project)) }),
  "POST /api/rounds": async (deps, e, owner) => json(201, await createRound(deps, jsonBody(e), owner)),
  "POST /api/rounds/preview": async (deps, e) => json(200, await previewRound(deps, jsonBody(e))),
  "POST /api/rounds/{id}/launch": async (deps, e) => json(202, await launchRound(deps, id(e))),
  "POST /api/rounds/{id}/close": async (deps, e) => json(202, await closeRound(deps, id(e))),
  "GET /api/rounds/{id}": async (deps, e) => json(200, await roundStatus(deps, id(e))),
  "GET /api/rounds/{id}/invitations": async (deps, e) => json(200, await listInvitations(deps, id(e), e.queryStringParameters?.status)),
  "POST /api/rounds/{id}/organisations/{orgId}/respondent": async (deps, e) =>
    json(200, await changeRespondent(deps, id(e), e.pathParameters?.orgId ?? "", jsonBody(e))),
  "GET /api/rounds/{id}/results": async (deps, e) =>
    json(200, await roundResults(deps, id(e), e.queryStringParameters?.by, e.queryStringParameters?.release)),
  "GET /api/rounds/{id}/results.csv": async (deps, e) =>
    csv(`resultat-${id(e)}.csv`, await resultsCsv(deps, id(e), e.queryStringParameters?.by, e.queryStringParameters?.release)),
  "GET /api/rounds/{id}/results.xlsx": async (deps, e) => {
    const q = e.queryStringParameters ?? {};
    return xlsx(`resultat-${id(e)}.xlsx`, await resultsXlsx(deps, id(e), q.by, q.release, q.lang));
  },
  "GET /api/rounds/{id}/releases": async (deps, e) => json(200, { items: await listReleases(deps, id(e)) }),
  "POST /api/rounds/{id}/releases": async (deps, e) => json(201, await requestInterimRelease(deps, id(e), jsonBody(e))),
  "GET /api/rounds/{id}/releases/{n}/export.json": async (deps, e) => download(`${deps.regionId}-${id(e)}-${e.pathParameters?.n}.json`, await releaseExport(deps, id(e), e.pathParameters?.n)),
  "POST /api/rounds/{id}/releases/{n}/export": async (deps, e) => json(201, await publishReleaseExport(deps, id(e), e.pathParameters?.n)),
  "GET /api/rounds/{id}/responses": async (deps, e) => json(200, await roundResponses(deps, id(e))),
  "GET /api/rounds/{id}/export.csv": async (deps, e) => csv(`omgang-${id(e)}.csv`, await exportCsv(deps, id(e))),
  "POST /api/rounds/{id}/exports": async (deps, e) => json(202, await requestExport(deps, id(e), jsonBody(e))),
  "GET /api/rounds/{id}/exports/{exportId}": async (deps, e) => json(200, await exportStatus(deps, id(e), e.pathParameters?.exportId ?? "")),
};

/** The routes this handler serves (functions/api/routes.ts): the stack deploys exactly these. */
export const OWNER_ROUTE_KEYS = routeKeysOf("owner");

export const ownerApi = (deps: () => Deps) => routedHandler(routes, "owner", deps);

export const handler = ownerApi(() => runtimeDeps("owner-api"));
