import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, virtualClock, type TestDeps } from "../support/deps";
import { orgNumber, organisationRequest } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { CLAIM_TIMEOUT_MS } from "../../functions/domain/mail-once";
import type { Deps, MailMessage, Mailer } from "../../functions/adapters/ports";

/**
 * Invitations and reminders across a crash between each step of a mail (claim, send, confirm):
 * the task dies there, is retried at once (and skips or waits for what it cannot know), and again
 * after the claim timeout. The mailer here is SES-like: it sends whatever it is given, with no
 * deduplication of its own, so the counts are what people would receive.
 */
const clock = virtualClock("2026-05-01T12:00:00Z");
const REMINDER = "2026-05-10T07:00:00.000Z";
let suite: ApiSuite;
let deps: TestDeps;
const orgs = [orgNumber(9101), orgNumber(9102), orgNumber(9103)];
const emails = orgs.map((_, i) => `once${i}@example.se`);

class Crash extends Error {
  override readonly name = "Crash";
}

/** Sends everything it is given, like SES, and counts. */
function sesLikeMailer() {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      sent.push(message);
      return { messageId: `ses-${sent.length}` };
    },
  };
  return { mailer, sent, count: (kind: string, to: string) => sent.filter((m) => m.kind === kind && m.to === to).length };
}

type Step = "claim" | "send" | "confirm";

/** The deps of an attempt that dies right after `step` of its first mail. */
function crashingAfter(step: Step, base: Deps): Deps {
  let crashed = false;
  const crashOnce = () => {
    if (crashed) return;
    crashed = true;
    throw new Crash(`crashed after ${step}`);
  };
  const deliveries = {
    ...base.stores.deliveries,
    async claim(...args: Parameters<Deps["stores"]["deliveries"]["claim"]>) {
      const result = await base.stores.deliveries.claim(...args);
      if (step === "claim" && result === "claimed") crashOnce();
      return result;
    },
    async confirm(...args: Parameters<Deps["stores"]["deliveries"]["confirm"]>) {
      await base.stores.deliveries.confirm(...args);
      if (step === "confirm") crashOnce();
    },
  };
  const mailer: Mailer = {
    async send(message) {
      const receipt = await base.mailer.send(message);
      if (step === "send") crashOnce();
      return receipt;
    },
  };
  return { ...base, stores: { ...base.stores, deliveries }, mailer };
}

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now });
  deps = suite.deps;
  for (const [i, id] of orgs.entries())
    expect((await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: id, contactEmail: emails[i] }) }))).statusCode).toBe(201);
});
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

async function launchedRound(): Promise<string> {
  clock.set("2026-05-01T12:00:00Z");
  const created = await suite.owner(
    apiEvent("POST /api/rounds", { body: { name: "En gång", opensAt: "2026-05-02T07:00:00Z", closesAt: "2026-05-20T15:00:00Z", reminders: [REMINDER], recipients: { organisationIds: orgs } } }),
  );
  const roundId = JSON.parse(created.body!).id as string;
  expect((await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
  clock.set("2026-05-02T07:00:00Z");
  return roundId;
}

/** Runs `task` with a crash after `step`, retries it at once, then after the claim timeout. */
async function crashAndRetry(step: Step, base: Deps, task: (d: Deps) => Promise<unknown>) {
  await expect(task(crashingAfter(step, base))).rejects.toThrow(Crash);
  const atOnce = task(base);
  // Claimed but not confirmed: unknown whether it went out, so it waits for the timeout.
  if (step === "confirm") await atOnce;
  else await expect(atOnce).rejects.toThrow(/claimed by an earlier attempt/);
  clock.advance(CLAIM_TIMEOUT_MS + 1000);
  await task(base);
}

describe.each(["claim", "send", "confirm"] as const)("a crash right after the %s of a mail", (step) => {
  // Only a crash between SES accepting the mail and the confirmation can send it twice (mail-once.ts: at least once after the timeout).
  // Counts per person, sorted: the crashed mail's person is whoever came first.
  const expected = step === "send" ? [1, 1, 2] : [1, 1, 1];
  const counts = (ses: ReturnType<typeof sesLikeMailer>, kind: string) => emails.map((e) => ses.count(kind, e)).sort();

  const outcome = step === "send" ? "each person once, except the one whose confirmation was lost: a second copy after the claim timeout" : "each person exactly once";
  it(`sends the invitations to ${outcome}`, async () => {
    const roundId = await launchedRound();
    const ses = sesLikeMailer();
    const base = { ...deps, mailer: ses.mailer };
    await crashAndRetry(step, base, (d) => roundTasks.invite(d, { roundId }));
    expect(counts(ses, "invitation")).toEqual(expected);
    const invitations = await deps.stores.invitations.list(roundId, { consistent: true });
    expect(invitations.map((i) => i.status)).toEqual(["sent", "sent", "sent"]);
    expect((await deps.stores.rounds.get(roundId))?.invitationsComplete).toBe(true);
  });

  it(`sends the reminder to ${outcome}`, async () => {
    const roundId = await launchedRound();
    await roundTasks.invite(deps, { roundId });
    clock.set(REMINDER);
    const ses = sesLikeMailer();
    const base = { ...deps, mailer: ses.mailer };
    await crashAndRetry(step, base, (d) => roundTasks.remind(d, { roundId, reminderAt: REMINDER }));
    expect(counts(ses, "reminder")).toEqual(expected);
    expect((await deps.stores.rounds.get(roundId))?.remindersDone).toEqual([REMINDER]);
    // A later run of the same reminder sends nothing.
    await roundTasks.remind(base, { roundId, reminderAt: REMINDER });
    expect(ses.sent.filter((m) => m.kind === "reminder")).toHaveLength(emails.length + (step === "send" ? 1 : 0));
  });
});
