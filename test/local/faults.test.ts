/**
 * Faults on the local stack (infra/local/dynamodb-faults.ts): DynamoDB errors and throttling
 * injected into the handlers' calls, switched on while the stack runs.
 *
 * - A load run (test/support/load-run.ts) with a share of the calls failing, some of them after
 *   DynamoDB carried them out (a timeout): what a participant was told is accepted is stored and
 *   counted exactly once; one retried after a 5xx is not stored twice; nothing refused is stored.
 * - A round whose workflow tasks meet nothing but failures: the owner's GET of the round shows it
 *   in the error state with the cause, and launching it again once the faults stop resumes it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { cachedTemplate } from "../support/dynamodb";
import { validAnswers } from "../support/fixtures";
import { checkStoredOnce, launchLoadRound, type LoadRound, type StoredCheck } from "../support/load-round";
import { runLoad, STEPS, type LoadResult } from "../support/load-run";
import { waitFor } from "../support/wait";

/** A harsh share, so that the SDK's three attempts run out often enough for participants to see 5xx. */
const FAULTS = "rate=0.3,throttle=0.5,timeout=0.3,seed=1";
const INVITATIONS = 100;

describe("faults: injected DynamoDB errors and throttling", () => {
  let dataDir: string;
  let stack: LocalStack;
  let base: string;
  let round: LoadRound;
  let run: LoadResult;
  let check: StoredCheck;
  let injected: ReturnType<LocalStack["faults"]["counts"]>;

  const owner = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { authorization: `Bearer ${round.owner}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-faults-"));
    // Task retries without their definition's 2 s, 4 s, 8 s waits: the failing round fails within seconds.
    stack = await startLocalStack({ port: 0, dataDir, seed: false, buildWeb: false, template: cachedTemplate(), retryIntervalMs: 0, log: () => {} });
    base = `http://127.0.0.1:${stack.port}`;
    round = await launchLoadRound(base, stack.dynamodb.endpoint, stack.tableName, INVITATIONS, 800_000);
    const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
    stack.faults.set(FAULTS);
    run = await runLoad({ port: stack.port, tokens: round.tokens, participants: 15, durationMs: 6_000, answers: validAnswers(instrument, 3), thinkMs: 300, retries: 3, addressBase: 40 });
    injected = stack.faults.counts();
    // The stream consumer catches up without faults, so the check waits for it only as long as it needs.
    stack.faults.set(undefined);
    check = await checkStoredOnce(stack.dynamodb.endpoint, stack.tableName, round.roundId, run.outcomes);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("injects throttles, 500s and timeouts after the write, and participants see some of them as 5xx", () => {
    expect(injected.ProvisionedThroughputExceededException + injected.ThrottlingException).toBeGreaterThan(0);
    expect(injected.InternalServerError).toBeGreaterThan(0);
    expect(injected.TimeoutError).toBeGreaterThan(0);
    expect(STEPS.reduce((n, s) => n + run.steps[s].server, 0)).toBeGreaterThan(0);
  });

  it("stores every submit a participant saw accepted, once", () => {
    expect(check.counts.accepted).toBeGreaterThan(0);
    expect(check.lost).toBe(0);
    expect(check.stored).toBeGreaterThanOrEqual(check.counts.accepted + check.counts["stored-earlier"]);
    // Beyond the accepted ones, only submits whose participant saw a 5xx may be stored.
    expect(check.stored).toBeLessThanOrEqual(check.counts.accepted + check.counts["stored-earlier"] + check.counts.unsure);
  });

  it("stores nothing for a participant who was only refused", () => {
    expect(check.storedThoughRefused).toBe(0);
  });

  it("never accepts a second submit of the same answers", () => {
    expect(Object.keys(run.steps.resubmit.statuses).filter((s) => Number(s) < 300)).toEqual([]);
  });

  it("counts each stored response once, retries and redelivered stream records included", () => {
    expect(check.submittedCount).toBe(check.stored);
    expect(check.aggregateSubmitted).toBe(check.stored);
    expect(check.invitationsSubmitted).toBe(check.stored);
    expect(check.duplicated).toBe(0);
  });

  it("shows a round whose workflow tasks keep failing in the error state with the cause, and launch resumes it", async () => {
    const now = Date.now();
    const created = await owner("POST", "/api/rounds", {
      name: "Felande uppgift",
      projectId: round.projectId,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      reminders: [],
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    stack.faults.set("rate=1,only=round-task");
    try {
      expect((await owner("POST", `/api/rounds/${id}/launch`)).status).toBe(202);
      const failed = await waitFor(async () => {
        const r = await owner("GET", `/api/rounds/${id}`);
        return r.json.status === "error" ? r.json : undefined;
      }, "the round's error state", 60_000, 250);
      expect(failed.error).toMatch(/stopped \((ProvisionedThroughputExceededException|ThrottlingException|InternalServerError)\).*launching again resumes/);
    } finally {
      stack.faults.set(undefined);
    }
    expect((await owner("POST", `/api/rounds/${id}/launch`)).status).toBe(202);
    const resumed = await waitFor(async () => {
      const r = await owner("GET", `/api/rounds/${id}`);
      return r.json.status === "open" ? r.json : undefined;
    }, "the resumed round to open", 60_000, 250);
    expect(resumed.error).toBeUndefined();
  });
});
