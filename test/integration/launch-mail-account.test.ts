import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetAccountCommand } from "@aws-sdk/client-sesv2";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, recordingWorkflows, virtualClock } from "../support/deps";
import { sesMailAccount } from "../../functions/adapters/mail-account";
import type { MailSendingStatus } from "../../functions/adapters/ports";

const clock = virtualClock("2026-03-01T08:00:00Z");
const workflows = recordingWorkflows();
let status: MailSendingStatus = { canSend: true };
let suite: ApiSuite;
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const ROUND = { name: "Vårens omgång", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00", reminders: [] };

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, workflows, mailAccount: { sendingStatus: async () => status } });
});
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

const launch = async () => {
  const round = body(await suite.owner(apiEvent("POST /api/rounds", { body: ROUND })));
  const res = await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: round.id } }));
  return { round, res };
};

describe("launching a round while the mail account cannot send", () => {
  it("answers 409 saying what to do, starts nothing and leaves the round a draft, while in the SES sandbox", async () => {
    status = { canSend: false, reason: "sandbox" };
    const { round, res } = await launch();
    expect(res.statusCode).toBe(409);
    expect(body(res).error.code).toBe("mail-sandbox");
    expect(body(res).error.message).toMatch(/SES sandbox.*request SES production access/);
    expect(workflows.calls.filter((c) => c.roundId === round.id)).toEqual([]);
    expect(body(await suite.owner(apiEvent("GET /api/rounds/{id}", { params: { id: round.id } }))).status).toBe("draft");
  });

  it("answers 409 while sending is paused", async () => {
    status = { canSend: false, reason: "paused" };
    const { res } = await launch();
    expect([res.statusCode, body(res).error.code]).toEqual([409, "mail-paused"]);
  });

  it("launches once the account may send", async () => {
    status = { canSend: true };
    const { res } = await launch();
    expect(res.statusCode).toBe(202);
  });
});

describe("the SES account status (SESv2 GetAccount)", () => {
  const account = (answer: Record<string, unknown>) => sesMailAccount({ send: (async (cmd: unknown) => (expect(cmd).toBeInstanceOf(GetAccountCommand), answer)) as never });

  it("is sandbox without production access, paused when sending is disabled, else ready", async () => {
    expect(await account({ SendingEnabled: true, ProductionAccessEnabled: false }).sendingStatus()).toEqual({ canSend: false, reason: "sandbox" });
    expect(await account({ SendingEnabled: false, ProductionAccessEnabled: true }).sendingStatus()).toEqual({ canSend: false, reason: "paused" });
    expect(await account({ SendingEnabled: true, ProductionAccessEnabled: true }).sendingStatus()).toEqual({ canSend: true });
  });
});
