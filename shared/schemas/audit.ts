import * as z from "zod/mini";

/**
 * One owner action in the audit log (GET /api/audit-log): who, what (the route, never the raw
 * path), on which ids, when, and how it ended.
 */
export const AuditEntry = z.object({
  at: z.string(),
  requestId: z.string(),
  actor: z.object({ sub: z.string(), email: z.string() }),
  action: z.string(),
  target: z.record(z.string(), z.string()),
  /** The project the action was in, when the route acts in one and the caller was let in. */
  projectId: z.optional(z.string()),
  status: z.number(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export type AuditLogView = { month: string; items: AuditEntry[] };
