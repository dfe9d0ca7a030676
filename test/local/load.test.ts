/**
 * A bounded load run on loopback against the local stack (infra/local/local-stack.ts, in this
 * process): 20 virtual participants for 8 s, each opening the form, saving two drafts and
 * submitting, one invitation after another (test/support/load-run.ts); then what they were told
 * is held against what the table holds once the stream consumer has caught up.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { cachedTemplate } from "../support/dynamodb";
import { validAnswers } from "../support/fixtures";
import { checkStoredOnce, launchLoadRound, type StoredCheck } from "../support/load-round";
import { runLoad, STEPS, type LoadResult } from "../support/load-run";

const PARTICIPANTS = 20;
const DURATION_MS = 8_000;
/** A person's pause before each step; with it, the journeys that fit in the time stay below the invitations. */
const THINK_MS = 300;
/** Each invitation is mailed by the invite task one after another: the set-up's cost grows with these. */
const INVITATIONS = 150;

describe("load: virtual participants open, save drafts and submit", () => {
  let dataDir: string;
  let stack: LocalStack;
  let run: LoadResult;
  let check: StoredCheck;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-load-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, buildWeb: false, template: cachedTemplate(), log: () => {} });
    const base = `http://127.0.0.1:${stack.port}`;
    const round = await launchLoadRound(base, stack.dynamodb.endpoint, stack.tableName, INVITATIONS, 700_000);
    const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
    run = await runLoad({ port: stack.port, tokens: round.tokens, participants: PARTICIPANTS, durationMs: DURATION_MS, answers: validAnswers(instrument, 1), thinkMs: THINK_MS, addressBase: 20 });
    check = await checkStoredOnce(stack.dynamodb.endpoint, stack.tableName, round.roundId, run.outcomes);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("stops by itself when the time is up", () => {
    expect(run.journeys).toBeGreaterThan(PARTICIPANTS);
    expect(run.tokensLeft).toBeGreaterThan(0);
    // The journeys that began before the deadline end within a few steps of it.
    expect(run.wallMs).toBeGreaterThanOrEqual(DURATION_MS);
    expect(run.wallMs).toBeLessThan(DURATION_MS + 15_000);
  });

  it("answers every step without a server error", () => {
    for (const step of STEPS) {
      expect(run.steps[step].server, step).toBe(0);
      expect(run.steps[step].broken, step).toBe(0);
    }
    expect(run.steps.open.ok).toBe(run.journeys);
    expect(run.steps.submit.ok).toBe(run.journeys);
  });

  it("stores every accepted submit exactly once", () => {
    expect(check.counts.accepted).toBe(run.journeys);
    expect(check.lost).toBe(0);
    expect(check.stored).toBe(check.counts.accepted);
  });

  it("refuses every second submit with 409 and stores nothing for it", () => {
    expect(run.steps.resubmit.statuses).toEqual({ 409: run.journeys });
    expect(check.stored).toBe(run.journeys);
  });

  it("counts each stored response once: the round's count, the aggregate and the invitations", () => {
    expect(check.submittedCount).toBe(check.stored);
    expect(check.aggregateSubmitted).toBe(check.stored);
    expect(check.invitationsSubmitted).toBe(check.stored);
    expect(check.duplicated).toBe(0);
  });
});
