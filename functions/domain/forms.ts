import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Answers, FormView, Invitation } from "../../shared/schemas";
import { getInstrument } from "../../shared/instruments";
import { answersSchema } from "../../shared/instruments/answers-schema";
import { segmentsOf } from "../../shared/indicators/contributions";
import { addCounters } from "./response-counting";
import { ConflictError, GoneError, NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { cancellationCodes, retryOnTransactionConflict, unlessAlreadyDone } from "../adapters/dynamodb";
import { getRound, type StoredRound } from "./rounds";
import { keys, stripKeys } from "./keys";
import { hashToken, looksLikeToken } from "./tokens";

export type StoredInvitation = Invitation & { orgName: string; orgNumber: string };

/** What a token item knows of its invitation (written with the token, never changed). */
export type TokenSnapshot = Pick<
  StoredInvitation,
  "roundId" | "personId" | "organisationId" | "orgNumber" | "orgName" | "sni" | "municipality" | "sizeClass"
> & { instrumentId: string; instrumentVersion: number };

const UNKNOWN_LINK = "This link is not valid. It may be mistyped or have expired; contact the person who sent it to you.";

/** Unknown, malformed and expired tokens are the same 404: the answer never tells which. */
async function resolveToken(deps: Deps, token: string): Promise<TokenSnapshot> {
  if (!looksLikeToken(token)) throw new NotFoundError(UNKNOWN_LINK);
  const t = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: keys.token(hashToken(token)) }));
  const expiresAt = Number(t.Item?.expiresAt ?? 0);
  if (!t.Item || expiresAt * 1000 <= deps.clock().getTime()) throw new NotFoundError(UNKNOWN_LINK);
  return t.Item as TokenSnapshot;
}

async function resolve(deps: Deps, token: string): Promise<{ invitation: StoredInvitation; round: StoredRound }> {
  const t = { Item: await resolveToken(deps, token) };
  const [inv, round, response] = await Promise.all([
    deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: keys.invitation(t.Item.roundId, t.Item.personId), ConsistentRead: true })),
    getRound(deps, t.Item.roundId),
    deps.table.doc.send(
      new GetCommand({
        TableName: deps.table.name,
        Key: keys.response(t.Item.roundId, t.Item.personId),
        ConsistentRead: true,
        ProjectionExpression: "submittedAt",
      }),
    ),
  ]);
  // Each mail (invitation, reminder) carries its own token; all of them lead to the same invitation.
  if (!inv.Item) throw new NotFoundError(UNKNOWN_LINK);
  const invitation = stripKeys(inv.Item) as unknown as StoredInvitation;
  // The stored response is the truth; the invitation's status follows it from the stream a moment later.
  if (response.Item) Object.assign(invitation, { status: "submitted", submittedAt: response.Item.submittedAt });
  return { invitation, round };
}

function instrumentOf(round: { instrumentId: string; instrumentVersion: number }) {
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  if (!instrument) throw new Error(`Instrument ${round.instrumentId} v${round.instrumentVersion} is missing`);
  return instrument;
}

function assertOpen(round: StoredRound) {
  if (round.status === "closed" || round.status === "closing")
    throw new GoneError("round-closed", "This survey has closed and no longer takes answers. Contact the person who sent you the link if you have questions.");
}

function segmentUpdates(deps: Deps, roundId: string, invitation: Pick<StoredInvitation, "sni" | "municipality" | "sizeClass">, counters: Record<string, number>) {
  return segmentsOf(invitation).map((s) => addCounters(deps, roundId, s, counters));
}

export async function getForm(deps: Deps, token: string): Promise<FormView> {
  const { invitation, round } = await resolve(deps, token);
  if (invitation.status !== "submitted") assertOpen(round);
  if (invitation.status === "created" || invitation.status === "sent") {
    try {
      await retryOnTransactionConflict(() => deps.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: deps.table.name,
                Key: keys.invitation(round.id, invitation.personId),
                UpdateExpression: "SET #s = :opened, openedAt = :now",
                ConditionExpression: "#s IN (:created, :sent)",
                ExpressionAttributeNames: { "#s": "status" },
                ExpressionAttributeValues: { ":opened": "opened", ":now": deps.clock().toISOString(), ":created": "created", ":sent": "sent" },
              },
            },
            ...segmentUpdates(deps, round.id, invitation, { opened: 1 }),
          ] as never,
        }),
      ));
      invitation.status = "opened";
    } catch (error) {
      // Opened in another tab at the same moment: counted there.
      if (!cancellationCodes(error).includes("ConditionalCheckFailed")) throw error;
    }
  }
  const draft = await deps.table.doc.send(
    new GetCommand({ TableName: deps.table.name, Key: keys.draft(round.id, invitation.personId), ConsistentRead: true }),
  );
  return {
    round: {
      id: round.id,
      name: round.name,
      closesAt: round.closesAt,
      status: round.status,
      ...(round.purpose === "home-assignment" && round.invitationText ? { brief: round.invitationText } : {}),
    },
    organisation: {
      name: invitation.orgName,
      orgNumber: invitation.orgNumber,
      sni: invitation.sni,
      municipality: invitation.municipality,
      sizeClass: invitation.sizeClass,
    },
    language: invitation.language,
    status: invitation.status,
    instrument: instrumentOf(round),
    draft: (draft.Item?.answers as Answers) ?? {},
    submittedAt: invitation.submittedAt,
  };
}

function parseAnswers(round: { instrumentId: string; instrumentVersion: number }, body: unknown, mode: "draft" | "submit"): Answers {
  const answers = (body as { answers?: unknown } | null)?.answers;
  if (typeof answers !== "object" || answers === null || Array.isArray(answers))
    throw new ValidationError("The request must carry the answers.", [{ path: "answers", message: "error.required" }]);
  const parsed = answersSchema(instrumentOf(round), mode).safeParse(answers);
  if (!parsed.success)
    throw new ValidationError("Some answers need another look.", fieldIssues(parsed.error.issues));
  return parsed.data as Answers;
}

export async function saveDraft(deps: Deps, token: string, body: unknown): Promise<{ savedAt: string }> {
  const { invitation, round } = await resolve(deps, token);
  if (invitation.status === "submitted") throw new ConflictError("already-submitted", "These answers have already been submitted.");
  assertOpen(round);
  const answers = parseAnswers(round, body, "draft");
  const savedAt = deps.clock().toISOString();
  await deps.table.doc.send(
    new PutCommand({
      TableName: deps.table.name,
      Item: { ...keys.draft(round.id, invitation.personId), type: "draft", answers, savedAt },
    }),
  );
  await unlessAlreadyDone(
    deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.invitation(round.id, invitation.personId),
        UpdateExpression: "SET #s = :p",
        ConditionExpression: "#s IN (:created, :sent, :opened)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":p": "in-progress", ":created": "created", ":sent": "sent", ":opened": "opened" },
      }),
    ),
  );
  return { savedAt };
}

/**
 * One transaction: the response (only if none exists for the invitation) and a check that the
 * round is still open. A double click, a retry or a second tab stores one response; the loser
 * gets 409. A round that closed in between gets 410 and nothing is written. The invitation's
 * status and the kept aggregates follow from the table's stream (functions/streams/count-responses.ts).
 */
export async function submit(deps: Deps, token: string, body: unknown): Promise<{ submittedAt: string }> {
  return retryOnTransactionConflict(() => submitOnce(deps, token, body));
}

async function submitOnce(deps: Deps, token: string, body: unknown): Promise<{ submittedAt: string }> {
  // One read: the token carries the invitation's snapshot. Whether the round is open and the
  // invitation not yet submitted is checked by the write itself, not by reads that could be stale.
  const invitation = await resolveToken(deps, token);
  const round = { id: invitation.roundId, instrumentId: invitation.instrumentId, instrumentVersion: invitation.instrumentVersion };
  const answers = parseAnswers(round, body, "submit");
  const submittedAt = deps.clock().toISOString();
  try {
    await deps.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.table.name,
              Item: {
                ...keys.response(round.id, invitation.personId),
                type: "response",
                roundId: round.id,
                personId: invitation.personId,
                organisationId: invitation.organisationId,
                orgNumber: invitation.orgNumber,
                orgName: invitation.orgName,
                sni: invitation.sni,
                municipality: invitation.municipality,
                sizeClass: invitation.sizeClass,
                instrumentId: round.instrumentId,
                instrumentVersion: round.instrumentVersion,
                answers,
                submittedAt,
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            ConditionCheck: {
              TableName: deps.table.name,
              Key: keys.round(round.id),
              ConditionExpression: "#s IN (:open, :scheduled, :error)",
              ExpressionAttributeNames: { "#s": "status" },
              ExpressionAttributeValues: { ":open": "open", ":scheduled": "scheduled", ":error": "error" },
            },
          },
        ] as never,
      }),
    );
  } catch (error) {
    const reasons = cancellationCodes(error);
    if (reasons[0] === "ConditionalCheckFailed") throw new ConflictError("already-submitted", "These answers have already been submitted.");
    if (reasons[1] === "ConditionalCheckFailed") throw new GoneError("round-closed", "This survey has closed and no longer takes answers.");
    throw error;
  }
  return { submittedAt };
}
