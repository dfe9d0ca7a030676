import type { Deps } from "../../functions/adapters/ports";
import { ownerApi } from "../../functions/api/owner-api";
import { participantApi } from "../../functions/api/participant-api";
import { programmeApi } from "../../functions/api/programme-api";
import { createTestTable } from "./dynamodb";
import { seedTestProject, testDeps, type TestDeps } from "./deps";
import { responseCounter } from "./streams";

/**
 * What an API suite runs against: its own table on DynamoDB Local, the ports over it, the owner,
 * participant and programme handlers, and the table stream's consumer (stop it, then drop the table).
 */
export type ApiSuite = {
  deps: TestDeps;
  owner: ReturnType<typeof ownerApi>;
  participant: ReturnType<typeof participantApi>;
  programme: ReturnType<typeof programmeApi>;
  counter: ReturnType<typeof responseCounter>;
  drop: () => Promise<void>;
};

export async function startApiSuite(overrides: Partial<Deps>): Promise<ApiSuite> {
  const t = await createTestTable();
  const deps = testDeps({ doc: t.docClient, name: t.tableName }, overrides);
  await seedTestProject(deps);
  return {
    deps,
    owner: ownerApi(() => deps),
    participant: participantApi(() => deps),
    programme: programmeApi(() => deps),
    counter: responseCounter(t, () => deps),
    drop: t.drop,
  };
}
