import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Given each client made here with the handler kind it is for (infra/local/dynamodb-faults.ts puts its fault middleware on). */
export type LocalClientDecorator = (client: DynamoDBClient, kind: string) => void;
let localDecorator: LocalClientDecorator | undefined;

/**
 * The local stack's hook (infra/local/local-stack.ts sets it before it loads the handlers). It is
 * applied only to clients given an endpoint (DYNAMODB_ENDPOINT, which only the local stack sets),
 * so nothing on AWS passes through it even if it were set.
 */
export function decorateLocalClients(decorator: LocalClientDecorator | undefined): void {
  localDecorator = decorator;
}

export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT, kind = "unnamed"): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    endpoint
      ? { endpoint, region: process.env.AWS_REGION ?? "eu-north-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {},
  );
  if (endpoint) localDecorator?.(client, kind);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
