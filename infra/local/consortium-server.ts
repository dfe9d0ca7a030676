/**
 * The consortium stack on this machine: the consortium API handler (functions/api/consortium-api.ts)
 * over the regions' shelf folders, and the built site, on one port. Wiring only.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { consortiumApi } from "../../functions/api/consortium-api";
import { CONSORTIUM_ROUTES, type ConsortiumRouteKey } from "../../functions/api/consortium-routes";
import { combinedExportSource, folderExportSource } from "../../functions/adapters/export-source";
import type { ConsortiumMember } from "../../functions/domain/consortium";
import { listen, sendError, writeResult } from "./http-gateway";
import { createStaticSite } from "./static-site";
import { requestGuard } from "./request-guard";
import { CONSORTIUM_RATE_LIMITS } from "../../shared/rate-limits";

export type LocalConsortiumOptions = {
  port: number;
  host?: string;
  name: string;
  /** Each member with the folder its exports are put in. */
  members: (ConsortiumMember & { dir: string })[];
  webDist: string;
};

export async function startLocalConsortium(options: LocalConsortiumOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const deps = { name: options.name, members: options.members, source: combinedExportSource(options.members.map((m) => folderExportSource(m.dir))) };
  const handler = consortiumApi(() => deps);
  const serveStatic = createStaticSite(options.webDist);
  // The same per-client limits as the consortium's WAF web ACL (infra/stacks/consortium-app.ts).
  const guard = requestGuard({ listenHost: options.host ?? "127.0.0.1", limits: CONSORTIUM_RATE_LIMITS });
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const verdict = guard.check(req, url.pathname);
    if (!verdict.ok) {
      if (verdict.retryAfterSeconds) res.setHeader("retry-after", String(verdict.retryAfterSeconds));
      return sendError(res, verdict.status, verdict.code, verdict.message);
    }
    if (!url.pathname.startsWith("/api/")) return serveStatic(req, res, url.pathname);
    const routeKey = `${(req.method ?? "GET").toUpperCase()} ${url.pathname}`;
    if (!(routeKey in CONSORTIUM_ROUTES)) return sendError(res, 404, "not-found", "No such endpoint.");
    const requestId = randomUUID();
    const event = {
      version: "2.0",
      routeKey: routeKey as ConsortiumRouteKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
      requestContext: { requestId, http: { method: req.method ?? "GET", path: url.pathname } },
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    handler(event).then(
      (result) => writeResult(res, result, requestId),
      () => sendError(res, 500, "internal", "Something went wrong on our side."),
    );
  });
  await listen(server, options.port, options.host ?? "127.0.0.1");
  return {
    url: `http://localhost:${options.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
