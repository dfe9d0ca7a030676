/** The `arn:aws:states:::dynamodb:*` service integrations, run against the local table with the low-level client. */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";

export async function dynamoDbTask(ddb: DynamoDBClient, action: string, input: any): Promise<any> {
  const out =
    action === "getItem" ? await ddb.send(new GetItemCommand(input))
    : action === "putItem" ? await ddb.send(new PutItemCommand(input))
    : action === "updateItem" ? await ddb.send(new UpdateItemCommand(input))
    : action === "deleteItem" ? await ddb.send(new DeleteItemCommand(input))
    : null;
  if (!out) throw Object.assign(new Error(`dynamodb:${action} is not emulated locally`), { name: "States.Runtime" });
  const { $metadata, ...rest } = out as any;
  void $metadata;
  return rest;
}
