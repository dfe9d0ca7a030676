import { tableStreamReader } from "../../infra/local/table-stream";
import { countResponses } from "../../functions/streams/count-responses";
import type { Deps } from "../../functions/adapters/ports";
import { dynamodbEndpoint, type TestTable } from "./dynamodb";

/**
 * The table's stream on DynamoDB Local, consumed by the deployed stream handler: `drain()` does
 * what Lambda's event source mapping does on AWS, at the moment the test chooses.
 */
export function responseCounter(table: TestTable, deps: () => Deps) {
  return tableStreamReader({ endpoint: dynamodbEndpoint(), client: table.client, tableName: table.tableName, handler: countResponses(deps) });
}
