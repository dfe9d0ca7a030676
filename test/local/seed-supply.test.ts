/**
 * The demo region's education supply (infra/local/seed-supply.ts), seeded through the HTTP API of a
 * local stack started without the demo seed: every fixture's record arrives, so `npm start` has
 * offerings and Yrkesbarometer assessments for the gap and shortage pages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { DEMO_OWNER } from "../../infra/local/seed-demo";
import { seedSupply } from "../../infra/local/seed-supply";
import { REGION_GROUPS } from "../../shared/schemas/project";
import type { EducationOffering, YrkesbarometerAssessment } from "../../shared/supply/schemas";
import { cachedTemplate } from "../support/dynamodb";

describe("the demo education supply seed", () => {
  let dataDir: string;
  let stack: LocalStack;
  let token: string;
  const lines: string[] = [];
  const get = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${stack.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, p).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-seed-supply-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: () => {} });
    token = await stack.signIn(DEMO_OWNER, [REGION_GROUPS.regionAdmin]);
    await seedSupply({ baseUrl: stack.url, token, log: (l) => lines.push(l) });
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("imports every offering of the CSV, Skolverket and Susa-navet fixtures", async () => {
    const { items } = await get<{ items: EducationOffering[] }>("/api/education-offerings");
    expect(items.map((o) => o.source).sort()).toEqual([...Array(3).fill("owner"), ...Array(4).fill("skolverket"), ...Array(4).fill("susa")]);
  });

  it("imports Yrkesbarometern's assessments for Östergötland and a neighbour", async () => {
    const { items } = await get<{ items: YrkesbarometerAssessment[] }>("/api/yrkesbarometer");
    expect(new Set(items.map((a) => a.county))).toEqual(new Set(["05", "06"]));
    expect(lines.join("\n")).toContain("11 offerings");
  });
});
