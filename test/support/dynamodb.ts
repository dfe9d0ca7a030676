/**
 * Tables for the tests on the run's one DynamoDB Local (test/support/global-setup.ts): every
 * suite gets a fresh, uniquely named table with exactly the keys, index and TTL of the
 * synthesized stack (tableDefinition of the cached template).
 */
import { randomBytes } from "node:crypto";
import { CreateTableCommand, DeleteTableCommand, waitUntilTableExists, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { readCachedTemplate } from "../../infra/local/template-binding";
import { tableDefinition, type CfnTemplate } from "../../infra/template/index";

function provided<K extends "dynamodbEndpoint" | "templateFile" | "templateError">(key: K): string {
  try {
    return (inject(key) as string | undefined) ?? "";
  } catch {
    return "";
  }
}

/** The endpoint of the run's DynamoDB Local. */
export function dynamodbEndpoint(): string {
  const endpoint = provided("dynamodbEndpoint") || process.env.KB_TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error("No DynamoDB Local: run the tests with vitest (globalSetup test/support/global-setup.ts)");
  return endpoint;
}

let template: CfnTemplate | undefined;
/** The RegionStack template the global setup synthesized (without bundling) once for the run. */
export function cachedTemplate(): CfnTemplate {
  if (template) return template;
  const file = provided("templateFile") || process.env.KB_TEST_TEMPLATE_FILE;
  const cached = file ? readCachedTemplate(file) : undefined;
  if (!cached) throw new Error(provided("templateError") || "No cached template: run the tests with vitest (globalSetup test/support/global-setup.ts)");
  template = cached;
  return cached;
}

export interface TestTable {
  tableName: string;
  client: DynamoDBClient;
  docClient: DynamoDBDocumentClient;
  /** Deletes the table and closes the clients. */
  drop(): Promise<void>;
}

export async function createTestTable(prefix = "test"): Promise<TestTable> {
  const client = localDynamoDbClient(dynamodbEndpoint());
  const docClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  // TTL is left off: the tests run on virtual clocks, often in the past of the wall clock, so
  // DynamoDB Local's TTL sweep would delete tokens, persons and mails under a test at random.
  // The tests check the TTL attribute itself; deletion by TTL is DynamoDB's own behaviour.
  const { TimeToLiveAttribute: _ttl, ...definition } = tableDefinition(cachedTemplate());
  void _ttl;
  await client.send(new CreateTableCommand({ ...definition, TableName: tableName }));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.5 }, { TableName: tableName });
  let dropped = false;
  return {
    tableName,
    client,
    docClient,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await client.send(new DeleteTableCommand({ TableName: tableName }));
      } finally {
        docClient.destroy();
        client.destroy();
      }
    },
  };
}
