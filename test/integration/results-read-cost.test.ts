/**
 * Issue 11, item 3: reading a results page costs what the page shows, not the organisations
 * behind it. Two rounds with the same segments, one of 30 organisations and one of twenty times
 * as many, stored as makeRelease stores them; the owner API's results route reads each breakdown
 * of each through a DocumentClient that counts requests, items and capacity units.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTable, type TestTable } from "../support/dynamodb";
import { apiEvent, seedTestProject, testDeps, virtualClock } from "../support/deps";
import { countingReads } from "../support/read-counter";
import { storeComputedRelease } from "../support/stored-release";
import { generatedUnits } from "../bench/generated-round";
import { computeRelease } from "../../functions/domain/release-computation";
import { ownerApi } from "../../functions/api/owner-api";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { RESULT_DIMENSIONS } from "../../shared/schemas";
import type { Unit } from "../../shared/disclosure/linked-model";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { dynamodbEndpoint } from "../support/dynamodb";

const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const clock = virtualClock("2026-06-01T08:00:00Z");
let table: TestTable;

/** Stores a final release of the units as makeRelease does; returns the round's id. */
async function storedRound(units: Unit[]): Promise<string> {
  const deps = testDeps({ doc: table.docClient, name: table.tableName }, { clock: clock.now });
  const created = await ownerApi(() => deps)(apiEvent("POST /api/rounds", { body: { name: `Omgång ${units.length}`, opensAt: "2026-06-01T08:00:00Z", closesAt: "2026-06-30T08:00:00Z", reminders: [] } }));
  expect(created.statusCode, created.body).toBe(201);
  const roundId = JSON.parse(created.body ?? "{}").id as string;
  const invited = new Map<string, number>();
  for (const u of units) for (const s of u.segments) invited.set(s, (invited.get(s) ?? 0) + 1);
  const computed = await computeRelease({ instrument, units, releases: 1, earlierSuppressed: new Set(), rules: DEFAULT_RULES, invited });
  expect(computed.protection.findings).toEqual([]);
  await storeComputedRelease(deps.stores, roundId, units, computed, clock.now(), DEFAULT_RULES);
  return roundId;
}

async function readCost(roundId: string) {
  const counted = countingReads(localDynamoDbClient(dynamodbEndpoint()));
  const reader = ownerApi(() => testDeps({ doc: counted.doc, name: table.tableName }, { clock: clock.now }));
  const out: Record<string, { requests: number; items: number; capacity: number }> = {};
  for (const by of RESULT_DIMENSIONS) {
    counted.reset();
    const res = await reader(apiEvent("GET /api/rounds/{id}/results", { params: { id: roundId }, query: { by } }));
    expect(res.statusCode, res.body).toBe(200);
    out[by] = counted.totals();
  }
  counted.doc.destroy();
  return out;
}

describe("reading a round's results", () => {
  let small: Awaited<ReturnType<typeof readCost>>;
  let large: Awaited<ReturnType<typeof readCost>>;

  beforeAll(async () => {
    table = await createTestTable("read-cost");
    await seedTestProject(testDeps({ doc: table.docClient, name: table.tableName }));
    const thirty = generatedUnits(instrument, 30, 1, 7);
    // Twenty organisations in each of the thirty's places: the same segments, twenty times the answers.
    const six = thirty.flatMap((u) => Array.from({ length: 20 }, (_, i) => ({ ...u, id: `${u.id}-${i}` })));
    small = await readCost(await storedRound(thirty));
    large = await readCost(await storedRound(six));
  }, 120_000);

  afterAll(async () => {
    await table?.drop();
  });

  it("reads the same number of items, in as many requests, for 600 organisations as for 30 in the same segments", () => {
    for (const by of RESULT_DIMENSIONS) {
      expect(large[by]!.items, by).toBe(small[by]!.items);
      expect(large[by]!.requests, by).toBe(small[by]!.requests);
    }
  });

  it("consumes about the same capacity: only the figures' digits grow, never a read per organisation", () => {
    // Capacity is counted per 4 KB read, so larger numbers in the same cells may cross a boundary.
    for (const by of RESULT_DIMENSIONS) expect(large[by]!.capacity, by).toBeLessThanOrEqual(small[by]!.capacity * 1.25 + 0.5);
  });
});
