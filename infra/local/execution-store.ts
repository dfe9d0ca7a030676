/**
 * The local Step Functions' own record of its executions (not a domain item): one item per
 * execution in the table, pk `LOCALEXEC`, sk `<stateMachine>#<name>`, so a restart finds every
 * RUNNING execution again. `runId` names the run in memory; a run that was stopped or superseded
 * by a restart does not overwrite the record.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export type ExecStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface ExecItem {
  pk: "LOCALEXEC";
  sk: string;
  executionArn: string;
  stateMachineArn: string;
  stateMachine: string;
  name: string;
  input: string;
  status: ExecStatus;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  runId: string;
  runs: number;
  /** When its status-change event (FAILED, TIMED_OUT, ABORTED) reached the rule's consumer. */
  statusEventDeliveredAt?: string;
}

export interface ExecutionEnd {
  status: ExecStatus;
  output?: string;
  error?: string;
  cause?: string;
}

const PARTITION = "LOCALEXEC";

export const executionKey = (machine: string, name: string) => `${machine}#${name}`;

/** DescribeExecution's answer for an execution. */
export function describeExecution(item: ExecItem) {
  return {
    executionArn: item.executionArn,
    stateMachineArn: item.stateMachineArn,
    name: item.name,
    status: item.status,
    startDate: Date.parse(item.startDate) / 1000,
    ...(item.stopDate ? { stopDate: Date.parse(item.stopDate) / 1000 } : {}),
    input: item.input,
    inputDetails: { included: true },
    ...(item.output !== undefined && item.output !== null ? { output: item.output, outputDetails: { included: true } } : {}),
    ...(item.error ? { error: item.error } : {}),
    ...(item.cause ? { cause: item.cause } : {}),
  };
}

export class ExecutionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(machine: string, name: string): Promise<ExecItem | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: PARTITION, sk: executionKey(machine, name) }, ConsistentRead: true }));
    return Item as ExecItem | undefined;
  }

  /** Writes a new execution; false when one with its key exists. */
  async create(item: ExecItem): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" }));
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }

  /** Marks a RUNNING execution ABORTED; an execution that already ended keeps its record. */
  async markAborted(sk: string, stopDate: string, error: string | undefined, cause: string | undefined): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: PARTITION, sk },
          UpdateExpression: "SET #s = :aborted, stopDate = :now, #e = :error, cause = :cause",
          ConditionExpression: "#s = :running",
          ExpressionAttributeNames: { "#s": "status", "#e": "error" },
          ExpressionAttributeValues: { ":aborted": "ABORTED", ":running": "RUNNING", ":now": stopDate, ":error": error ?? null, ":cause": cause ?? null },
        }),
      );
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }

  /** Every execution, of one state machine when `machine` is given. */
  async all(machine?: string): Promise<ExecItem[]> {
    const items: ExecItem[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: machine ? "pk = :pk AND begins_with(sk, :prefix)" : "pk = :pk",
          ExpressionAttributeValues: machine ? { ":pk": PARTITION, ":prefix": `${machine}#` } : { ":pk": PARTITION },
          ExclusiveStartKey,
          ConsistentRead: true,
        }),
      );
      items.push(...((page.Items ?? []) as ExecItem[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  /** Records that the execution's status-change event was delivered. */
  async markStatusEventDelivered(sk: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: PARTITION, sk },
        UpdateExpression: "SET statusEventDeliveredAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":at": at },
      }),
    );
  }

  /** Hands the execution to a new run (after a restart). */
  async newRun(sk: string, runId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: PARTITION, sk },
        UpdateExpression: "SET runId = :run ADD runs :one",
        ExpressionAttributeValues: { ":run": runId, ":one": 1 },
      }),
    );
  }

  /** Records how the run `item.runId` ended, unless the execution was stopped or handed to another run. */
  async recordEnd(item: ExecItem, end: ExecutionEnd): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: PARTITION, sk: item.sk },
          UpdateExpression: "SET #s = :status, stopDate = :now, #o = :output, #e = :error, cause = :cause",
          ConditionExpression: "#s = :running AND runId = :run",
          ExpressionAttributeNames: { "#s": "status", "#o": "output", "#e": "error" },
          ExpressionAttributeValues: {
            ":status": end.status,
            ":now": new Date().toISOString(),
            ":output": end.output ?? null,
            ":error": end.error ?? null,
            ":cause": end.cause ?? null,
            ":running": "RUNNING",
            ":run": item.runId,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
