import { Validations, type CfnElement, Stack } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import { AUDIT_PARTITION_PREFIX } from "../../functions/stores/audit-log";
import type { Construct } from "constructs";
import type { CommonEnvironmentInput } from "../../functions/config/environment";
import { DataTable } from "./data-table";
import { Feature } from "./feature";
import type { KbFunction } from "./kb-function";
import { ResponseCounter } from "./response-counter";

export interface RegionDataProps {
  /** Environment of the response counter, its TABLE_NAME aside. */
  readonly environment: Omit<CommonEnvironmentInput, "TABLE_NAME">;
}

/** The region's table and the consumer of its stream that keeps the round aggregates. */
export class RegionData extends Feature {
  readonly table: dynamodb.Table;
  readonly counter: ResponseCounter;

  constructor(scope: Construct, id: string, props: RegionDataProps) {
    super(scope, id);
    // The stream's event source mapping is named after the table's full construct path
    // (Names.nodeUniqueId), which a Feature does not hide: a renamed mapping would be replaced
    // and replay the stream from its trim horizon. So the table stays at the stack's top level.
    this.table = new DataTable(Stack.of(this), "Data").table;
    this.counter = new ResponseCounter(this, "ResponseCounter", { table: this.table, environment: { TABLE_NAME: this.table.tableName, ...props.environment } });
    this.grantReadWrite(this.counter.function);
    // Counting a response deletes its draft.
    this.grantDelete(this.counter.function);
  }

  /**
   * Read and write items, on the table and its secondary index: exactly the calls of
   * functions/stores/table.ts (GetItem, Query, PutItem, UpdateItem; TransactWriteItems is
   * authorised per item as Put, Update or ConditionCheck). No Scan, BatchWriteItem or
   * DeleteItem: the owner API, which imports and erases, gets `grantBatchWrite` and `grantDelete` as well.
   * Every such function is also denied changing or deleting the audit log (`denyAuditChanges`).
   */
  grantReadWrite(fn: KbFunction, opts: { auditWriter?: boolean } = {}) {
    this.table.grant(fn, ...TABLE_READ_WRITE_ACTIONS);
    this.acknowledgeIndex(fn);
    this.denyAuditChanges(fn, opts.auditWriter ?? false);
  }

  /**
   * An explicit Deny, which no Allow of the role overrides, of every write to an item whose
   * partition key is the audit log's. An audit writer (the APIs whose routed handler records
   * owner actions) keeps PutItem, which its store conditions on the entry not existing; IAM cannot
   * hold a request to its condition expression, so that part rests on the store's code. Entries
   * end by DynamoDB's own TTL deletion, which no role's policy governs.
   */
  private denyAuditChanges(fn: KbFunction, auditWriter: boolean) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: "AuditLogIsAppendOnly",
        effect: iam.Effect.DENY,
        actions: [...(auditWriter ? [] : ["dynamodb:PutItem"]), ...AUDIT_DENIED_ACTIONS],
        resources: [this.table.tableArn],
        conditions: { "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": [`${AUDIT_PARTITION_PREFIX}*`] } },
      }),
    );
  }

  /** BatchWriteItem, for the owner API's CSV import (batches of puts). */
  grantBatchWrite(fn: KbFunction) {
    this.table.grant(fn, "dynamodb:BatchWriteItem");
    this.acknowledgeIndex(fn);
  }

  /** DeleteItem, for the functions that delete items (drafts: the stream consumer, the owner API's respondent change; a person's erasure). */
  grantDelete(fn: KbFunction) {
    this.table.grant(fn, "dynamodb:DeleteItem");
    this.acknowledgeIndex(fn);
  }

  private acknowledgeIndex(fn: KbFunction) {
    Validations.of(fn.role as iam.IRole & Construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason: "Access to the table's own secondary index gsi1 (Table.grant scopes it to <table>/index/*).",
    });
  }
}

/** What no function may do to the audit log's items (partition `AUDIT#...`). */
export const AUDIT_DENIED_ACTIONS = ["dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert"] as const;

/** What every function that uses the stores may do on the table. */
export const TABLE_READ_WRITE_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"] as const;
