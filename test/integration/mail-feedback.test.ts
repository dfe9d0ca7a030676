import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SQSEvent } from "aws-lambda";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, virtualClock } from "../support/deps";
import { orgNumber, organisationRequest } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { handleMailFeedback } from "../../functions/streams/mail-feedback";
import { mailTags } from "../../functions/adapters/mailer";
import type { MailMessage, Mailer } from "../../functions/adapters/ports";
import type { InvitationView } from "../../shared/schemas";

/**
 * SES's bounces and complaints, as its configuration set publishes them (SNS envelope on an SQS
 * queue), mark the invitation they concern and stop mail to the person: no reminder, no
 * invitation of a later round. The mails carry the tags the SES mailer gives them.
 */
const clock = virtualClock("2026-05-01T12:00:00Z");
const REMINDER = "2026-05-10T07:00:00.000Z";
const orgs = [orgNumber(9301), orgNumber(9302), orgNumber(9303)];
const emails = ["bounces@example.se", "complains@example.se", "answers@example.se"];
let suite: ApiSuite;
const sent: MailMessage[] = [];
const mailer: Mailer = { send: async (m) => (sent.push(m), { messageId: `ses-${sent.length}` }) };
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");

/** The SQS record SNS delivers for an SES event about `mail`, with the tags SES hands back. */
function feedback(mail: MailMessage, event: Record<string, unknown>): SQSEvent["Records"][number] {
  const tags = Object.fromEntries(mailTags(mail).map((t) => [t.Name, [t.Value]]));
  const ses = { ...event, mail: { messageId: `ses-${sent.indexOf(mail) + 1}`, destination: [mail.to], tags } };
  return { messageId: `sqs-${Math.random()}`, body: JSON.stringify({ Type: "Notification", Message: JSON.stringify(ses) }) } as SQSEvent["Records"][number];
}
const permanentBounce = { eventType: "Bounce", bounce: { bounceType: "Permanent", bounceSubType: "General", bouncedRecipients: [{ emailAddress: emails[0] }] } };
const complaint = { eventType: "Complaint", complaint: { complainedRecipients: [{ emailAddress: emails[1] }] } };
/** The first round's invitations, as they were mailed. */
const firstInvitations: MailMessage[] = [];
const invitationTo = (email: string) => firstInvitations.find((m) => m.to === email)!;

async function launchedRound(name: string, reminders: string[]): Promise<string> {
  const created = await suite.owner(apiEvent("POST /api/rounds", { body: { name, opensAt: clock.now().toISOString(), closesAt: "2026-05-20T15:00:00Z", reminders, recipients: { organisationIds: orgs } } }));
  expect(created.statusCode, created.body).toBe(201);
  const roundId = body(created).id as string;
  expect((await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }))).statusCode).toBe(202);
  await roundTasks.invite(suite.deps, { roundId });
  return roundId;
}
const statuses = async (roundId: string) =>
  Object.fromEntries((body(await suite.owner(apiEvent("GET /api/rounds/{id}/invitations", { params: { id: roundId } }))).items as InvitationView[]).map((i) => [i.email, i.status]));

let roundId: string;
beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, mailer });
  for (const [i, id] of orgs.entries())
    expect((await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: id, contactEmail: emails[i] }) }))).statusCode).toBe(201);
  roundId = await launchedRound("Studsar", [REMINDER]);
  firstInvitations.push(...sent.filter((m) => m.kind === "invitation"));
});
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

describe("bounces and complaints", () => {
  it("tags every invitation with its round and person, as SES hands them back", () => {
    expect(mailTags(invitationTo(emails[0]))).toEqual(expect.arrayContaining([{ Name: "round", Value: roundId }, { Name: "person", Value: expect.any(String) }]));
  });

  it("marks a permanent bounce's invitation bounced and a complaint's opted out; a transient bounce changes nothing", async () => {
    const transient = { eventType: "Bounce", bounce: { bounceType: "Transient", bouncedRecipients: [{ emailAddress: emails[2] }] } };
    const result = await handleMailFeedback(suite.deps, {
      Records: [feedback(invitationTo(emails[0]), permanentBounce), feedback(invitationTo(emails[1]), complaint), feedback(invitationTo(emails[2]), transient)],
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(await statuses(roundId)).toEqual({ [emails[0]]: "bounced", [emails[1]]: "opted-out", [emails[2]]: "sent" });
  });

  it("marks once when SES or the queue delivers the same event again", async () => {
    const before = await suite.deps.stores.invitations.list(roundId, { consistent: true });
    await handleMailFeedback(suite.deps, { Records: [feedback(invitationTo(emails[0]), permanentBounce), feedback(invitationTo(emails[0]), complaint)] });
    expect(await suite.deps.stores.invitations.list(roundId, { consistent: true })).toEqual(before);
  });

  it("reminds neither the bounced address nor the person who complained", async () => {
    clock.set(REMINDER);
    sent.length = 0;
    await roundTasks.remind(suite.deps, { roundId, reminderAt: REMINDER });
    expect(sent.filter((m) => m.kind === "reminder").map((m) => m.to)).toEqual([emails[2]]);
  });

  it("invites neither of them to a later round, and says why on the person", async () => {
    sent.length = 0;
    const next = await launchedRound("Nästa", []);
    expect(sent.filter((m) => m.kind === "invitation").map((m) => m.to)).toEqual([emails[2]]);
    expect(Object.keys(await statuses(next))).toEqual([emails[2]]);
    const persons = body(await suite.owner(apiEvent("GET /api/organisations/{id}/persons", { params: { id: orgs[0]! } }))).items;
    expect(persons[0].mailStop).toEqual({ reason: "bounced", at: expect.any(String) });
  });

  it("drops what is not an SES event without failing the batch, and asks again for what could not be written", async () => {
    const garbage = { messageId: "sqs-garbage", body: "not json" } as SQSEvent["Records"][number];
    const failing = { ...suite.deps, stores: { ...suite.deps.stores, invitations: { ...suite.deps.stores.invitations, get: () => Promise.reject(new Error("table unreachable")) } } };
    const record = feedback(invitationTo(emails[2]), permanentBounce);
    const result = await handleMailFeedback(failing as typeof suite.deps, { Records: [garbage, record] });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
  });
});
