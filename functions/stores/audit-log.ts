import { randomUUID } from "node:crypto";
import { AuditEntry } from "../../shared/schemas/audit";
import { parseItem, putItem, type TableRef } from "./table";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";

/**
 * The audit log: pk `AUDIT#<yyyy-mm>`, sk `<at>#<random id>`, one item per owner action, written
 * once (never overwritten: the condition, and an id nobody chooses) and never updated or
 * deleted by any route; DynamoDB's TTL removes it after `expiresAt` (the region's retention).
 */
/** The audit log's partitions begin so; the stack denies every function changing them (infra/constructs/region-data.ts). */
export const AUDIT_PARTITION_PREFIX = "AUDIT#";
const partition = (month: string) => `${AUDIT_PARTITION_PREFIX}${month}`;

export function auditLogStore(table: TableRef) {
  return {
    async append(entry: AuditEntry, expiresAt: number): Promise<void> {
      await putItem(table, { pk: partition(entry.at.slice(0, 7)), sk: `${entry.at}#${randomUUID()}`, type: "audit", ...entry, expiresAt }, "attribute_not_exists(pk)");
    },
    /** A month's entries, newest first, at most `limit`. */
    async month(month: string, limit: number): Promise<AuditEntry[]> {
      const res = await table.doc.send(
        new QueryCommand({ TableName: table.name, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": partition(month) }, ScanIndexForward: false, Limit: limit }),
      );
      return (res.Items ?? []).map((item) => parseItem(AuditEntry, "audit entry", item));
    },
  };
}
export type AuditLogStore = ReturnType<typeof auditLogStore>;
