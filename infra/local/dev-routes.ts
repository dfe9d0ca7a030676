/**
 * The local-only API routes, absent from the template on purpose: POST /api/dev/sign-in stands in
 * for Cognito, GET /api/dev/outbox shows the mail that SES would have sent (MAIL_MODE=outbox).
 */
import type { ServerResponse } from "node:http";
import type { OutboxStore } from "../../functions/stores/outbox";
import { signOwnerToken } from "./dev-auth";
import { sendError, sendJson } from "./http-gateway";

export interface DevRoutesOptions {
  secret: Uint8Array;
  regionId: string;
  outbox: OutboxStore;
}

/** A handler that answers a dev route and returns true, or returns false for any other path. */
export function devRoutes({ secret, regionId, outbox }: DevRoutesOptions) {
  return async (res: ServerResponse, method: string, url: URL, body: Buffer): Promise<boolean> => {
    const pathname = url.pathname;
    if (pathname === "/api/dev/sign-in") {
      if (method !== "POST") {
        sendError(res, 405, "method-not-allowed", "Use POST.");
        return true;
      }
      let email: unknown;
      try {
        email = JSON.parse(body.toString("utf8") || "{}").email;
      } catch {
        sendJson(res, 400, { error: { code: "validation", message: "The request body is not valid JSON.", issues: [{ path: "body", message: "error.json" }] } });
        return true;
      }
      if (typeof email !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
        sendJson(res, 400, { error: { code: "validation", message: "Enter an e-mail address.", issues: [{ path: "email", message: "error.email" }] } });
        return true;
      }
      sendJson(res, 200, { token: await signOwnerToken(secret, email, regionId) });
      return true;
    }
    if (pathname === "/api/dev/outbox") {
      if (method !== "GET") {
        sendError(res, 405, "method-not-allowed", "Use GET.");
        return true;
      }
      const limit = Math.min(Math.max(Number(url.searchParams.get("limit") ?? 200) || 200, 1), 1000);
      sendJson(res, 200, { items: await outbox.newest(limit) });
      return true;
    }
    return false;
  };
}
