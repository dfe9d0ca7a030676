import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, virtualClock, type TestDeps } from "../support/deps";
import { ORGANISATIONS, organisationRequest, orgNumber } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { MAILING_PAGE } from "../../functions/domain/round-mailing";
import type { Deps, MailMessage, Mailer } from "../../functions/adapters/ports";

/**
 * A round larger than a page, mailed the way a national round is: each task invocation sends for
 * its sending time at the region's rate, stores where it got to and hands on; the state machine
 * calls it again until the round records the mailing done. Here the sending time is so short
 * that every invocation hands on after one page.
 */
const clock = virtualClock("2026-05-01T12:00:00Z");
const REMINDER = "2026-05-10T07:00:00.000Z";
const COMPANIES = MAILING_PAGE + 40;
let suite: ApiSuite;
let deps: TestDeps;
const emailOf = (i: number) => `paged${i}@example.se`;

class Crash extends Error {
  override readonly name = "Crash";
}

/** Sends everything it is given, like SES (no deduplication of its own), and counts per address. */
function sesLikeMailer(opts: { crashAfter?: number } = {}) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      if (opts.crashAfter !== undefined && sent.length >= opts.crashAfter) throw new Crash("the task's Lambda stopped");
      sent.push(message);
      return { messageId: `ses-${sent.length}` };
    },
  };
  const perAddress = (kind: string) => {
    const counts = new Map<string, number>();
    for (const m of sent) if (m.kind === kind) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    return counts;
  };
  return { mailer, sent, perAddress };
}

/** One page, then hand on: the budget is spent as soon as it is asked. */
const onePagePace = { sendRatePerSecond: 1000, taskSeconds: 0.000_001 };

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now });
  deps = suite.deps;
  const rows = Array.from({ length: COMPANIES }, (_, i) => {
    const o = ORGANISATIONS[i % ORGANISATIONS.length]!;
    return `${orgNumber(300_000 + i)},Företag ${i} AB,${o.sni},${o.municipality},${o.sizeClass},Kontakt ${i},${emailOf(i)}`;
  });
  const csv = ["orgNumber,name,sni,municipality,sizeClass,contactName,contactEmail", ...rows].join("\n");
  const event = apiEvent("POST /api/organisations/import", { body: Buffer.from(csv).toString("base64"), contentType: "application/octet-stream" });
  const imported = await suite.owner({ ...event, isBase64Encoded: true });
  expect(JSON.parse(imported.body!)).toMatchObject({ imported: COMPANIES, errors: [] });
});
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

async function launchedRound(): Promise<string> {
  clock.set("2026-05-01T12:00:00Z");
  const created = await suite.owner(apiEvent("POST /api/rounds", { body: { name: "Nationell", opensAt: "2026-05-02T07:00:00Z", closesAt: "2026-05-20T15:00:00Z", reminders: [REMINDER], recipients: {} } }));
  expect(created.statusCode).toBe(201);
  const roundId = JSON.parse(created.body!).id as string;
  expect((await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
  clock.set("2026-05-02T07:00:00Z");
  return roundId;
}

/** Calls the task as the state machine's Plan loop does, until it answers complete; the number of invocations it took. */
async function untilComplete(task: () => Promise<{ complete: boolean }>): Promise<number> {
  for (let calls = 1; calls < 100; calls++) if ((await task()).complete) return calls;
  throw new Error("the task never completed");
}

function expectOncePerCompany(counts: Map<string, number>, expected = COMPANIES) {
  expect(counts.size).toBe(expected);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe("a round larger than a page", () => {
  it("is invited over several invocations, one page each, and every company's respondent gets exactly one invitation", async () => {
    const roundId = await launchedRound();
    const ses = sesLikeMailer();
    const paced = { ...deps, mailer: ses.mailer, mailPace: onePagePace };
    const calls = await untilComplete(() => roundTasks.invite(paced, { roundId }));
    expect(calls).toBe(Math.ceil(COMPANIES / MAILING_PAGE));
    expectOncePerCompany(ses.perAddress("invitation"));
    const round = await deps.stores.rounds.get(roundId);
    expect(round).toMatchObject({ invitationsComplete: true, invitedCount: COMPANIES });
    expect(round?.inviteCursor).toBeUndefined();
  });

  it("resumes after a task that stopped mid-page, from where it got to, and nobody gets a second invitation", async () => {
    const roundId = await launchedRound();
    const ses = sesLikeMailer({ crashAfter: MAILING_PAGE + 10 });
    const crashing = { ...deps, mailer: ses.mailer, mailPace: onePagePace };
    // The first page goes out; the second stops after ten mails, as a Lambda killed mid-page would.
    expect(await roundTasks.invite(crashing, { roundId })).toMatchObject({ complete: false });
    await expect(roundTasks.invite(crashing, { roundId })).rejects.toThrow(Crash);
    expect((await deps.stores.rounds.get(roundId))?.inviteCursor).toBeDefined();
    // Restarted from the top (a new execution), the mailer working again. The mail the crash
    // interrupted was claimed and never confirmed: whether it went out is unknown, so the page
    // waits for the claim timeout (mail-once.ts) and the task says so.
    const working = sesLikeMailer();
    const resumed = { ...crashing, mailer: working.mailer };
    await expect(roundTasks.invite(resumed, { roundId })).rejects.toThrow(/claimed by an earlier attempt/);
    clock.advance(17 * 60_000);
    await untilComplete(() => roundTasks.invite(resumed, { roundId }));
    const counts = ses.perAddress("invitation");
    for (const [to, n] of working.perAddress("invitation")) counts.set(to, (counts.get(to) ?? 0) + n);
    expectOncePerCompany(counts);
  }, 120_000);

  it("reminds those who have not answered over several invocations, each exactly once, and none who answered", async () => {
    const roundId = await launchedRound();
    await untilComplete(() => roundTasks.invite(deps, { roundId }));
    // Three companies answer first (their invitations are marked as the stream would).
    const answered = (await deps.stores.invitations.list(roundId, { consistent: true })).slice(0, 3);
    for (const inv of answered) await deps.stores.transact([deps.stores.invitations.markSubmitted(roundId, inv.personId, clock.now().toISOString())]);
    clock.set(REMINDER);
    const ses = sesLikeMailer();
    const paced: Deps = { ...deps, mailer: ses.mailer, mailPace: onePagePace };
    const calls = await untilComplete(() => roundTasks.remind(paced, { roundId, reminderAt: REMINDER }));
    expect(calls).toBe(Math.ceil(COMPANIES / MAILING_PAGE));
    const reminded = ses.perAddress("reminder");
    expectOncePerCompany(reminded, COMPANIES - answered.length);
    for (const inv of answered) expect(reminded.has(inv.email)).toBe(false);
    expect((await deps.stores.rounds.get(roundId))?.remindersDone).toEqual([REMINDER]);
    // The reminder done, a later call sends nothing.
    expect(await roundTasks.remind(paced, { roundId, reminderAt: REMINDER })).toEqual({ reminded: 0, complete: true });
  }, 120_000);

  it("invites an organisation registered while the round is being invited, though it sorts before where inviting got to", async () => {
    const roundId = await launchedRound();
    const ses = sesLikeMailer();
    const paced = { ...deps, mailer: ses.mailer, mailPace: onePagePace };
    expect(await roundTasks.invite(paced, { roundId })).toMatchObject({ complete: false });
    clock.advance(60_000);
    const late = organisationRequest(0, { orgNumber: orgNumber(399_999), name: "AAA Sen AB", contactEmail: "sen@example.se" });
    expect((await suite.owner(apiEvent("POST /api/organisations", { body: late }))).statusCode).toBe(201);
    await untilComplete(() => roundTasks.invite(paced, { roundId }));
    expect(ses.perAddress("invitation").get("sen@example.se")).toBe(1);
    expectOncePerCompany(ses.perAddress("invitation"), COMPANIES + 1);
  }, 120_000);
});
