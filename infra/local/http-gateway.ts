/**
 * What API Gateway (HTTP API, payload format 2.0) does in front of the Lambda handlers, locally:
 * route matching as the template declares the routes, the JWT authorizer on `jwt` routes, the
 * event the handler receives and the way its result becomes the HTTP answer. Wiring only.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface HttpRoute {
  method: string;
  path: string;
  handler: string;
  auth: "jwt" | "none";
}

interface CompiledRoute extends HttpRoute {
  routeKey: string;
  regex: RegExp;
  params: string[];
  /** Higher sorts first: literal segments beat `{param}`, which beats `{proxy+}`. */
  rank: number[];
}

export function compileRoutes(routes: HttpRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    const segments = route.path.split("/").filter(Boolean);
    const params: string[] = [];
    const rank: number[] = [];
    const pattern = segments
      .map((segment) => {
        const greedy = /^\{(\w+)\+\}$/.exec(segment);
        if (greedy) {
          params.push(greedy[1]!);
          rank.push(0);
          return "/(.+)";
        }
        const param = /^\{(\w+)\}$/.exec(segment);
        if (param) {
          params.push(param[1]!);
          rank.push(1);
          return "/([^/]+)";
        }
        rank.push(2);
        return "/" + segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    return {
      ...route,
      method: route.method.toUpperCase(),
      routeKey: `${route.method.toUpperCase()} ${route.path}`,
      regex: new RegExp(`^${pattern || "/"}$`),
      params,
      rank,
    };
  });
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? -1) - (a[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; pathParameters: Record<string, string> } | { route: null; pathMatched: boolean } {
  const candidates: { route: CompiledRoute; match: RegExpExecArray }[] = [];
  let pathMatched = false;
  for (const route of routes) {
    const match = route.regex.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method || route.method === "ANY") candidates.push({ route, match });
  }
  if (!candidates.length) return { route: null, pathMatched };
  candidates.sort((a, b) => compareRank(a.route.rank, b.route.rank) || (a.route.method === "ANY" ? 1 : 0) - (b.route.method === "ANY" ? 1 : 0));
  const { route, match } = candidates[0]!;
  const pathParameters: Record<string, string> = {};
  route.params.forEach((name, i) => {
    const raw = match[i + 1]!;
    try {
      pathParameters[name] = decodeURIComponent(raw);
    } catch {
      pathParameters[name] = raw;
    }
  });
  return { route, pathParameters };
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[\w.+-]+\+(json|xml)))/i;

export function isTextContentType(contentType: string | undefined): boolean {
  return !contentType || TEXT_TYPES.test(contentType);
}

export interface EventInput {
  req: IncomingMessage;
  url: URL;
  rawQueryString: string;
  body: Buffer;
  route: CompiledRoute;
  pathParameters: Record<string, string>;
  claims: Record<string, string> | null;
  awsRegion: string;
}

/** The API Gateway v2 (payload format 2.0) event for a request. */
export function buildEvent({ req, url, rawQueryString, body, route, pathParameters, claims, awsRegion }: EventInput) {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === "cookie") {
      cookies = String(value).split(/;\s*/).filter(Boolean);
      continue;
    }
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [k, v] of url.searchParams) queryStringParameters[k] = k in queryStringParameters ? `${queryStringParameters[k]},${v}` : v;

  const now = new Date();
  const host = headers.host ?? "localhost";
  const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  const text = isTextContentType(headers["content-type"]);
  const hasBody = body.length > 0;
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length ? { queryStringParameters } : {}),
    ...(route.params.length ? { pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      domainName: host,
      domainPrefix: host.split(".")[0],
      http: {
        method: (req.method ?? "GET").toUpperCase(),
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(hasBody ? { body: text ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: hasBody && !text,
  };
}

/** Writes a Lambda result back the way API Gateway interprets payload format 2.0 answers. */
export function writeResult(res: ServerResponse, result: any, requestId: string): void {
  const base = { "apigw-requestid": requestId };
  if (result === null || result === undefined || typeof result !== "object" || !("statusCode" in result)) {
    // No statusCode: API Gateway answers 200 with the result as JSON.
    const body = typeof result === "string" ? result : JSON.stringify(result ?? null);
    res.writeHead(200, { ...base, "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const headers: Record<string, string | string[]> = { ...base };
  for (const [k, v] of Object.entries<any>(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (Array.isArray(result.cookies) && result.cookies.length) headers["set-cookie"] = result.cookies.map(String);
  const body = result.body === undefined || result.body === null ? Buffer.alloc(0) : result.isBase64Encoded ? Buffer.from(String(result.body), "base64") : Buffer.from(String(result.body), "utf8");
  if (!headers["content-type"] && body.length) headers["content-type"] = "application/json";
  headers["content-length"] = String(body.length);
  res.writeHead(Number(result.statusCode), headers);
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extraHeaders,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

export class BodyTooLarge extends Error {}

/** The request body, rejected with BodyTooLarge beyond `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
