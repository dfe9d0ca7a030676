/**
 * The local-only API routes, absent from the template on purpose: POST /api/dev/sign-in stands in
 * for Cognito, GET /api/dev/outbox shows the mail that SES would have sent (MAIL_MODE=outbox).
 */
import type { ServerResponse } from "node:http";
import type { OutboxStore } from "../../functions/stores/outbox";
import { REGION_GROUPS } from "../../shared/schemas/project";
import { signOwnerToken } from "./dev-auth";
import { sendError, sendJson } from "./http-gateway";

export interface DevRoutesOptions {
  secret: Uint8Array;
  regionId: string;
  outbox: OutboxStore;
  /** Signed in as region admins, as the deploy makes the region config's first admins. */
  regionAdminEmails?: readonly string[];
}

const GROUPS: readonly string[] = Object.values(REGION_GROUPS);

/** A handler that answers a dev route and returns true, or returns false for any other path. */
export function devRoutes({ secret, regionId, outbox, regionAdminEmails = [] }: DevRoutesOptions) {
  return async (res: ServerResponse, method: string, url: URL, body: Buffer): Promise<boolean> => {
    const pathname = url.pathname;
    if (pathname === "/api/dev/sign-in") {
      if (method !== "POST") {
        sendError(res, 405, "method-not-allowed", "Use POST.");
        return true;
      }
      let email: unknown;
      let groups: unknown;
      try {
        ({ email, groups } = JSON.parse(body.toString("utf8") || "{}"));
      } catch {
        sendJson(res, 400, { error: { code: "validation", message: "The request body is not valid JSON.", issues: [{ path: "body", message: "error.json" }] } });
        return true;
      }
      if (typeof email !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
        sendJson(res, 400, { error: { code: "validation", message: "Enter an e-mail address.", issues: [{ path: "email", message: "error.email" }] } });
        return true;
      }
      // Locally anyone may sign in with any region-wide role: the stack is a developer's, and tests need every role.
      if (groups !== undefined && !(Array.isArray(groups) && groups.every((g) => GROUPS.includes(g)))) {
        sendJson(res, 400, { error: { code: "validation", message: `groups may hold ${GROUPS.join(" and ")}.`, issues: [{ path: "groups", message: "error.groups" }] } });
        return true;
      }
      const asked = (groups as string[] | undefined) ?? [];
      const admin = regionAdminEmails.some((a) => a.toLowerCase() === email.trim().toLowerCase()) ? [REGION_GROUPS.regionAdmin] : [];
      sendJson(res, 200, { token: await signOwnerToken(secret, email, regionId, "8h", [...new Set([...asked, ...admin])]) });
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
