import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { Deps } from "../adapters/ports";
import { logger } from "../observability/logger";
import { DomainError, ForbiddenError, NotFoundError, PayloadTooLargeError, UnauthorizedError, UnsupportedMediaTypeError, ValidationError, httpStatusOf } from "../../shared/errors";
import type { Owner } from "../domain/owner";
import { isAudited, recordOwnerAction } from "../domain/audit-log";
import { authorizeProject, authorizeRegionAdmin, authorizeRegistry } from "../domain/access";
import { REGION_GROUPS } from "../../shared/schemas/project";
import { API_ROUTES, type RouteKey } from "./routes";
export type { Owner } from "../domain/owner";

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/**
 * The largest JSON body: the largest valid request (a round to 5,000 organisations named by id,
 * with both invitation texts) is under 100 KB, and anything over this is refused before parsing.
 */
export const MAX_JSON_BODY_BYTES = 256 * 1024;
/**
 * The largest CSV import: 5,000 rows with a contact each come to about 1 MB. As base64 (how a
 * binary body reaches the function) the event stays well under Lambda's 6 MB request limit.
 */
export const MAX_CSV_BODY_BYTES = 3 * 1024 * 1024;
/** A path parameter (an id, an organisation number, a cycle number, a kind). */
const PATH_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;
const SECURITY_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

export function json(statusCode: number, body: unknown): ApiResult {
  return { statusCode, headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS }, body: JSON.stringify(body) };
}

export function csv(filename: string, body: string): ApiResult {
  return {
    statusCode: 200,
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, ...SECURITY_HEADERS },
    // A BOM so Excel reads the Swedish characters as UTF-8.
    body: `\uFEFF${body}`,
  };
}

/** A JSON document to save as a file (a signed release export). */
export function download(filename: string, body: unknown): ApiResult {
  return {
    statusCode: 200,
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, ...SECURITY_HEADERS },
    body: JSON.stringify(body),
  };
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file download: the bytes as base64 (API Gateway decodes them for the client), under its name. */
export function binary(filename: string, contentType: string, bytes: Buffer): ApiResult {
  return {
    statusCode: 200,
    headers: { "content-type": contentType, "content-disposition": `attachment; filename="${filename}"`, ...SECURITY_HEADERS },
    body: bytes.toString("base64"),
    isBase64Encoded: true,
  };
}

export const xlsx = (filename: string, bytes: Buffer) => binary(filename, XLSX_CONTENT_TYPE, bytes);

/** Domain errors become their status and message; anything else is logged with its stack and answered as a plain 500. */
export function errorResult(error: unknown, event: ApiEvent): ApiResult {
  if (error instanceof DomainError) {
    return json(httpStatusOf(error), { error: { code: error.code, message: error.message, ...(error.issues.length ? { issues: error.issues } : {}) } });
  }
  logger.error("unexpected error", { correlationId: event.requestContext?.requestId, route: event.routeKey, error: error instanceof Error ? error : new Error(String(error)) });
  return json(500, { error: { code: "internal", message: "Something went wrong on our side. Please try again in a moment." } });
}

/**
 * The body's bytes as the client sent them. API Gateway hands a body whose content type is not
 * text to the function as base64 (`isBase64Encoded`), so a file in any encoding arrives intact;
 * a text body arrives as a string. The size is checked before anything is decoded.
 */
export function rawBodyBytes(event: ApiEvent, maxBytes: number): Buffer {
  const body = event.body ?? "";
  // Base64 holds 3 bytes per 4 characters (less up to 2 of padding) and a string at least one byte
  // per UTF-16 unit: a body over the limit by these counts is refused without decoding it.
  const atLeast = event.isBase64Encoded ? Math.floor((body.length * 3) / 4) - 2 : body.length;
  if (atLeast > maxBytes) throw new PayloadTooLargeError(tooLarge(maxBytes));
  const bytes = event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(tooLarge(maxBytes));
  return bytes;
}

const tooLarge = (maxBytes: number) => `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`;

export function header(event: ApiEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function jsonBody(event: ApiEvent): unknown {
  const type = header(event, "content-type") ?? "application/json";
  if (!type.startsWith("application/json")) throw new UnsupportedMediaTypeError("Send the request body as application/json.");
  const text = rawBodyBytes(event, MAX_JSON_BODY_BYTES).toString("utf8");
  try {
    return JSON.parse(text || "null");
  } catch {
    throw new ValidationError("The request body is not valid JSON.", [{ path: "body", message: "error.json" }]);
  }
}


/** The token's groups: API Gateway hands an array claim over as "[a b]". */
function groupsOf(claims: Record<string, unknown>): string[] {
  const groups = claims["cognito:groups"];
  return Array.isArray(groups) ? groups.map(String) : String(groups ?? "").replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
}

/**
 * The API Gateway JWT authorizer has checked the signature; here the claims are held against this
 * region, so a token from another region's pool gets nowhere. Region-wide roles are the token's
 * groups; project roles are read from the table on every request, so a role given or taken away
 * counts at once rather than when the token expires.
 */
export async function requireOwner(deps: Pick<Deps, "stores" | "regionId">, event: ApiEvent): Promise<Owner> {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims?.sub) throw new UnauthorizedError();
  if (claims["custom:region"] !== deps.regionId) throw new ForbiddenError("Your account belongs to another region.");
  const email = String(claims.email ?? "").trim().toLowerCase();
  const groups = groupsOf(claims);
  const memberships = email ? await deps.stores.projects.membershipsOf(email) : [];
  return {
    sub: String(claims.sub),
    email: email || String(claims.sub),
    regionAdmin: groups.includes(REGION_GROUPS.regionAdmin),
    consortiumReader: groups.includes(REGION_GROUPS.consortiumReader),
    roles: new Map(memberships.map((m) => [m.projectId, m.role])),
  };
}

/** Holds the caller against the route's access rule; a project-scoped route learns its project. */
async function authorize(deps: Deps, event: ApiEvent, owner: Owner): Promise<Owner> {
  const access = API_ROUTES[event.routeKey as RouteKey]?.access;
  if (!access) throw new NotFoundError("No such endpoint.");
  switch (access.kind) {
    case "public":
    case "signed-in":
    case "projects":
      return owner;
    case "region-admin":
      authorizeRegionAdmin(owner);
      return owner;
    case "registry":
      authorizeRegistry(owner);
      return owner;
    case "project": {
      const projectId = await authorizeProject(deps, owner, access, { pathId: event.pathParameters?.id, body: () => jsonBody(event) });
      return { ...owner, projectId };
    }
  }
}

/**
 * Records the owner's action, refused ones too. A write that fails is retried; one that still
 * fails is logged as an error (the action itself has happened by then, and is not undone).
 */
async function audit(deps: Deps, event: ApiEvent, owner: Owner, status: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await recordOwnerAction(deps, { owner, routeKey: event.routeKey, target: event.pathParameters ?? {}, status, requestId: event.requestContext?.requestId });
      return;
    } catch (error) {
      if (attempt >= 3) {
        logger.error("audit log write failed", { correlationId: event.requestContext?.requestId, route: event.routeKey, error: error instanceof Error ? error : new Error(String(error)) });
        return;
      }
    }
  }
}

/**
 * No id the API hands out is longer than 64 characters or holds other characters than these, so
 * a path parameter that does not match names nothing: 404 before any route (or DynamoDB, whose
 * key limits would answer an overlong key with an error) sees it.
 */
function checkPathParameters(event: ApiEvent): void {
  for (const value of Object.values(event.pathParameters ?? {})) {
    if (value === undefined || !PATH_PARAMETER.test(value)) throw new NotFoundError("No such resource.");
  }
}

export type OwnerRoute = (deps: Deps, event: ApiEvent, owner: Owner) => Promise<ApiResult>;
export type PublicRoute = (deps: Deps, event: ApiEvent) => Promise<ApiResult>;

/**
 * One handler for a table of routes keyed like API Gateway's route keys ("POST /api/rounds").
 * Owner routes check the caller's claims and roles against the route's access rule (routes.ts) before the route runs; every error
 * becomes its status through the one error table. Each request is logged with its route key
 * (the template, never the raw path),
 * status and duration.
 */
export function routedHandler(routes: Record<string, OwnerRoute>, access: "owner", deps: () => Deps): (event: ApiEvent) => Promise<ApiResult>;
export function routedHandler(routes: Record<string, PublicRoute>, access: "public", deps: () => Deps): (event: ApiEvent) => Promise<ApiResult>;
export function routedHandler(routes: Record<string, OwnerRoute | PublicRoute>, access: "owner" | "public", deps: () => Deps) {
  return async (event: ApiEvent): Promise<ApiResult> => {
    const started = Date.now();
    let result: ApiResult;
    let owner: Owner | undefined;
    try {
      const route = routes[event.routeKey];
      if (!route) throw new NotFoundError("No such endpoint.");
      const d = deps();
      if (access === "owner") owner = await requireOwner(d, event);
      checkPathParameters(event);
      if (owner) owner = await authorize(d, event, owner);
      result = owner ? await (route as OwnerRoute)(d, event, owner) : await (route as PublicRoute)(d, event);
    } catch (error) {
      result = errorResult(error, event);
    }
    if (owner && isAudited(event.routeKey)) await audit(deps(), event, owner, result.statusCode ?? 200);
    logger.info("request", { correlationId: event.requestContext?.requestId, route: event.routeKey, status: result.statusCode, durationMs: Date.now() - started });
    return result;
  };
}
