import { AUDIT_LOG_DAYS } from "../../shared/retention";
import { randomUUID } from "node:crypto";
import type { AuditEntry, AuditLogView } from "../../shared/schemas/audit";
import { ValidationError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import type { Owner } from "./owner";

/**
 * The audit log of owner actions (functions/stores/audit-log.ts). What is recorded: every owner
 * route that changes something, and every read that hands out identified data (exports, raw
 * answers, a person's data). Kept AUDIT_RETENTION_DAYS, then DynamoDB's TTL removes it.
 */
export const AUDIT_RETENTION_DAYS = AUDIT_LOG_DAYS;

/** Reads recorded as actions: they hand out identified data. */
const AUDITED_READS = new Set([
  "GET /api/rounds/{id}/export.csv",
  // Each read of a done export hands out a new link to the file.
  "GET /api/rounds/{id}/exports/{exportId}",
  "GET /api/rounds/{id}/responses",
  "GET /api/rounds/{id}/results.csv",
  "GET /api/rounds/{id}/results.xlsx",
  "GET /api/programmes/{id}/export.csv",
  "GET /api/programmes/{id}/report.xlsx",
  "GET /api/persons/{id}/personal-data",
  "GET /api/audit-log",
]);

export const isAudited = (routeKey: string) => !routeKey.startsWith("GET ") || AUDITED_READS.has(routeKey);

export async function recordOwnerAction(
  deps: Deps,
  action: { owner: Owner; routeKey: string; target: Record<string, string | undefined>; status: number; requestId?: string },
): Promise<void> {
  const at = deps.clock().toISOString();
  const entry: AuditEntry = {
    at,
    requestId: action.requestId ?? randomUUID(),
    actor: { sub: action.owner.sub, email: action.owner.email },
    action: action.routeKey,
    target: Object.fromEntries(Object.entries(action.target).filter((e): e is [string, string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 200)])),
    ...(action.owner.projectId ? { projectId: action.owner.projectId } : {}),
    status: action.status,
  };
  await deps.stores.auditLog.append(entry, Math.floor(Date.parse(at) / 1000) + AUDIT_RETENTION_DAYS * 86_400);
}

/** A month of the log ("2026-12"; default the current one), newest first. */
export async function readAuditLog(deps: Deps, month: string | undefined): Promise<AuditLogView> {
  const m = month ?? deps.clock().toISOString().slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new ValidationError("Give the month as YYYY-MM.", [{ path: "month", message: "error.month" }]);
  return { month: m, items: await deps.stores.auditLog.month(m, 1000) };
}
