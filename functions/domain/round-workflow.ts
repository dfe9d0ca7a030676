import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Organisation, Person } from "../../shared/schemas";
import { matchesPerson, matchesRecipients } from "./recipients";
import { getInstrument } from "../../shared/instruments";
import { contributions, segmentsOf } from "../../shared/indicators/contributions";
import { isConditionFailure, queryPrefix, unlessAlreadyDone } from "../adapters/dynamodb";
import type { Deps } from "../adapters/ports";
import { listOrganisations, listPersons } from "./organisations";
import { getRound, readAggregates, type StoredRound } from "./rounds";
import { keys } from "./keys";
import { hashToken, newToken } from "./tokens";
import type { StoredInvitation, TokenSnapshot } from "./forms";
import { invitationMail, ownerNoticeMail, reminderMail } from "./mail-texts";

/**
 * The survey round's workflow tasks. Each is idempotent and reads the time from the clock, so the
 * state machine can be started again from the top at any moment and reach the same state.
 */
export type PlanResult = { next: "invite" | "remind" | "wait" | "close"; at?: string; reminderAt?: string };

/** Links stay valid this long after the round closes, so a late click gets "closed", not "unknown". */
const TOKEN_DAYS_AFTER_CLOSE = 90;
/** Invitations written per task invocation; Plan calls Invite again until all are out. */
const INVITE_BATCH = 200;

export async function plan(deps: Deps, roundId: string): Promise<PlanResult> {
  const round = await getRound(deps, roundId);
  const now = deps.clock().getTime();
  if (round.status === "closed" || round.closeRequestedAt || now >= Date.parse(round.closesAt)) return { next: "close" };
  const cap = now + deps.maxWaitSeconds * 1000;
  if (now < Date.parse(round.opensAt)) return { next: "wait", at: new Date(Math.min(Date.parse(round.opensAt), cap)).toISOString() };
  if (!round.invitationsComplete) return { next: "invite" };
  const pending = round.reminders.filter((r) => !(round.remindersDone ?? []).includes(r));
  const due = pending.find((r) => Date.parse(r) <= now);
  if (due) return { next: "remind", reminderAt: due };
  const upcoming = pending.map(Date.parse).filter((t) => t > now);
  const at = Math.min(...upcoming, Date.parse(round.closesAt), cap);
  return { next: "wait", at: new Date(at).toISOString() };
}

async function invitations(deps: Deps, roundId: string): Promise<StoredInvitation[]> {
  return queryPrefix<StoredInvitation>(deps.table, keys.round(roundId).pk, keys.prefix.invitation, { consistent: true });
}

/**
 * The token item carries what a submission needs of its invitation, so the submit path reads one
 * item; the invitation and the round guard the write through the transaction's conditions.
 */
function tokenItem(deps: Deps, round: StoredRound, inv: StoredInvitation, tokenHash: string) {
  const snapshot: TokenSnapshot = {
    roundId: round.id,
    personId: inv.personId,
    organisationId: inv.organisationId,
    orgNumber: inv.orgNumber,
    orgName: inv.orgName,
    sni: inv.sni,
    municipality: inv.municipality,
    sizeClass: inv.sizeClass,
    instrumentId: round.instrumentId,
    instrumentVersion: round.instrumentVersion,
  };
  return {
    Put: {
      TableName: deps.table.name,
      Item: {
        ...keys.token(tokenHash),
        type: "token",
        tokenHash,
        ...snapshot,
        expiresAt: Math.floor(Date.parse(round.closesAt) / 1000) + TOKEN_DAYS_AFTER_CLOSE * 86400,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

function link(deps: Deps, token: string) {
  return `${deps.siteUrl.replace(/\/$/, "")}/f/${token}`;
}

export async function invite(deps: Deps, roundId: string): Promise<{ invited: number; complete: boolean }> {
  const round = await getRound(deps, roundId);
  if (round.status === "closed" || round.status === "closing") return { invited: 0, complete: true };
  await unlessAlreadyDone(
    deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.round(roundId),
        UpdateExpression: "SET #s = :open",
        ConditionExpression: "#s = :scheduled",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":open": "open", ":scheduled": "scheduled" },
      }),
    ),
  );

  const existing = new Map((await invitations(deps, roundId)).map((i) => [i.personId, i]));
  const orgs = (await listOrganisations(deps)).filter((o) => matchesRecipients(round.recipients, o));
  let sent = 0;
  for (const org of orgs) {
    for (const person of await listPersons(deps, org.id)) {
      if (!matchesPerson(round.recipients, person)) continue;
      const current = existing.get(person.id);
      if (current && current.status !== "created") continue;
      if (sent >= INVITE_BATCH) return { invited: sent, complete: false };
      await inviteOne(deps, round, org, person, current);
      sent++;
    }
  }
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.round(roundId),
      UpdateExpression: "SET invitationsComplete = :t",
      ExpressionAttributeValues: { ":t": true },
    }),
  );
  return { invited: sent, complete: true };
}

async function inviteOne(deps: Deps, round: StoredRound, org: Organisation, person: Person, current?: StoredInvitation) {
  const token = newToken();
  const tokenHash = hashToken(token);
  const invitation: StoredInvitation = {
    roundId: round.id,
    personId: person.id,
    organisationId: org.id,
    orgName: org.name,
    orgNumber: org.orgNumber,
    email: person.email,
    name: person.name,
    language: person.language ?? "sv",
    tokenHash,
    status: "created",
    sni: org.sni,
    municipality: org.municipality,
    sizeClass: org.sizeClass,
    remindersSent: [],
  };
  if (current) {
    // Written before but never mailed (the task stopped in between): mail it with a fresh token.
    await deps.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          tokenItem(deps, round, invitation, tokenHash),
          {
            Update: {
              TableName: deps.table.name,
              Key: keys.invitation(round.id, person.id),
              UpdateExpression: "SET tokenHash = :h",
              ConditionExpression: "#s = :created",
              ExpressionAttributeNames: { "#s": "status" },
              ExpressionAttributeValues: { ":h": tokenHash, ":created": "created" },
            },
          },
        ] as never,
      }),
    );
  } else {
    await deps.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.table.name,
              Item: { ...keys.invitation(round.id, person.id), type: "invitation", ...invitation },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          tokenItem(deps, round, invitation, tokenHash),
          {
            Update: {
              TableName: deps.table.name,
              Key: keys.round(round.id),
              UpdateExpression: "ADD invitedCount :one",
              ExpressionAttributeValues: { ":one": 1 },
            },
          },
          ...segmentsOf(invitation).map((s) => ({
            Update: {
              TableName: deps.table.name,
              Key: keys.aggregate(round.id, s.dimension, s.value),
              UpdateExpression: "ADD invited :one",
              ExpressionAttributeValues: { ":one": 1 },
            },
          })),
        ] as never,
      }),
    );
  }
  await deps.mailer.send({
    idempotencyKey: `invite-${round.id}-${person.id}-${tokenHash.slice(0, 12)}`,
    to: person.email,
    kind: "invitation",
    roundId: round.id,
    ...invitationMail(round, invitation, link(deps, token)),
  });
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.invitation(round.id, person.id),
      UpdateExpression: "SET #s = :sent, sentAt = :now",
      ConditionExpression: "#s = :created",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":sent": "sent", ":created": "created", ":now": deps.clock().toISOString() },
    }),
  );
}

const NOT_REMINDED = new Set(["submitted", "opted-out", "bounced"]);

/**
 * Sends the reminder due at `reminderAt` to those who have not submitted. Each invitation records
 * the reminder before the mail goes, so no one gets the same reminder twice, however often this runs.
 */
export async function remind(deps: Deps, roundId: string, reminderAt: string): Promise<{ reminded: number }> {
  const round = await getRound(deps, roundId);
  if ((round.remindersDone ?? []).includes(reminderAt)) return { reminded: 0 };
  let reminded = 0;
  for (const inv of await invitations(deps, roundId)) {
    if (NOT_REMINDED.has(inv.status) || (inv.remindersSent ?? []).includes(reminderAt)) continue;
    const token = newToken();
    const tokenHash = hashToken(token);
    try {
      await deps.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            tokenItem(deps, round, inv, tokenHash),
            // The response itself decides: the invitation's status follows it from the stream.
            { ConditionCheck: { TableName: deps.table.name, Key: keys.response(roundId, inv.personId), ConditionExpression: "attribute_not_exists(pk)" } },
            {
              Update: {
                TableName: deps.table.name,
                Key: keys.invitation(roundId, inv.personId),
                UpdateExpression: "SET remindersSent = list_append(if_not_exists(remindersSent, :empty), :at)",
                ConditionExpression: "NOT contains(remindersSent, :atValue) AND NOT (#s IN (:submitted, :optedOut, :bounced))",
                ExpressionAttributeNames: { "#s": "status" },
                ExpressionAttributeValues: {
                  ":empty": [],
                  ":at": [reminderAt],
                  ":atValue": reminderAt,
                  ":submitted": "submitted",
                  ":optedOut": "opted-out",
                  ":bounced": "bounced",
                },
              },
            },
          ] as never,
        }),
      );
    } catch (error) {
      if ((error as Error).name === "TransactionCanceledException") continue; // submitted or reminded meanwhile
      throw error;
    }
    await deps.mailer.send({
      idempotencyKey: `remind-${roundId}-${inv.personId}-${reminderAt}`,
      to: inv.email,
      kind: "reminder",
      roundId,
      ...reminderMail(round, inv, link(deps, token)),
    });
    reminded++;
  }
  await unlessAlreadyDone(
    deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.round(roundId),
        UpdateExpression: "SET remindersDone = list_append(if_not_exists(remindersDone, :empty), :at)",
        ConditionExpression: "NOT contains(remindersDone, :atValue)",
        ExpressionAttributeValues: { ":empty": [], ":at": [reminderAt], ":atValue": reminderAt },
      }),
    ),
  );
  return { reminded };
}

export async function close(deps: Deps, roundId: string): Promise<{ closedAt: string }> {
  const now = deps.clock().toISOString();
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.round(roundId),
        UpdateExpression: "SET #s = :closed, closedAt = :now REMOVE #e",
        ConditionExpression: "attribute_exists(pk) AND #s <> :closed",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":closed": "closed", ":now": now },
      }),
    );
    return { closedAt: now };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const round = await getRound(deps, roundId);
    return { closedAt: round.closedAt ?? now };
  }
}

/**
 * Recomputes every kept aggregate of the round from its stored responses, so the final results
 * are exact whatever happened to the running counters. Writing the same totals again is harmless.
 */
export async function aggregate(deps: Deps, roundId: string): Promise<{ responses: number }> {
  // The fence first: from now on the stream consumer only marks responses, it adds nothing, so
  // the totals written below cannot be counted into twice.
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.round(roundId),
      UpdateExpression: "SET finalAggregationAt = if_not_exists(finalAggregationAt, :now)",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":now": deps.clock().toISOString() },
    }),
  );
  const round = await getRound(deps, roundId);
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  if (!instrument) throw new Error("instrument missing");
  const responses = await queryPrefix<Record<string, unknown>>(deps.table, keys.round(roundId).pk, keys.prefix.response, { consistent: true });
  const totals = new Map<string, Record<string, number>>();
  for (const r of responses) {
    const counters = { ...contributions(instrument, r.answers as never), submitted: 1 };
    for (const s of segmentsOf(r as never)) {
      const id = `${s.dimension}#${s.value}`;
      const t = totals.get(id) ?? {};
      for (const [k, v] of Object.entries(counters)) t[k] = (t[k] ?? 0) + v;
      totals.set(id, t);
    }
  }
  const existing = (await Promise.all(["all", "industry", "section", "municipality", "county", "size"].map((d) => readAggregates(deps, roundId, d)))).flat();
  const ids = new Set([...totals.keys(), ...existing.map((a) => `${a.dimension}#${a.value}`)]);
  for (const id of ids) {
    const [dimension, value] = id.split("#");
    const before = existing.find((a) => a.dimension === dimension && a.value === value);
    await deps.table.doc.send(
      new PutCommand({
        TableName: deps.table.name,
        Item: {
          ...keys.aggregate(roundId, dimension, value),
          invited: before?.invited ?? 0,
          opened: before?.opened ?? 0,
          submitted: 0,
          ...totals.get(id),
        },
      }),
    );
  }
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.round(roundId),
      UpdateExpression: "SET aggregatedAt = :now, submittedCount = :n",
      ExpressionAttributeValues: { ":now": deps.clock().toISOString(), ":n": responses.length },
    }),
  );
  return { responses: responses.length };
}

export async function notify(deps: Deps, roundId: string): Promise<{ notified: string }> {
  const round = await getRound(deps, roundId);
  await deps.mailer.send({
    idempotencyKey: `notify-${roundId}`,
    to: round.createdBy,
    kind: "owner-notice",
    roundId,
    ...ownerNoticeMail(round, `${deps.siteUrl.replace(/\/$/, "")}/owner/rounds/${roundId}`),
  });
  return { notified: round.createdBy };
}

/** The error state an owner sees: which step stopped, never the internals of why. */
export async function markFailed(deps: Deps, roundId: string, error: { Error?: string } | undefined): Promise<{ status: "error" }> {
  const res = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: keys.round(roundId) }));
  if (!res.Item) return { status: "error" };
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.round(roundId),
      UpdateExpression: "SET #s = :error, #e = :message, failedAt = :now",
      ExpressionAttributeNames: { "#s": "status", "#e": "error" },
      ExpressionAttributeValues: {
        ":error": "error",
        ":message": `The round's workflow stopped (${String(error?.Error ?? "unknown error").slice(0, 80)}). Operations has been alerted; launching again resumes where it stopped.`,
        ":now": deps.clock().toISOString(),
      },
    }),
  );
  return { status: "error" };
}
