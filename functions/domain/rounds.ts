import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  CreateRoundRequest,
  RESULT_DIMENSIONS,
  RoundPreviewRequest,
  type InvitationView,
  type ResultDimension,
  type Round,
  type RoundPreview,
  type RoundStatusView,
  type SegmentRate,
} from "../../shared/schemas";
import { getInstrument } from "../../shared/instruments";
import { ConflictError, NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import { isConditionFailure, queryIndex, queryPrefix } from "../adapters/dynamodb";
import type { Deps } from "../adapters/ports";
import { keys, stripKeys } from "./keys";
import { newId } from "./tokens";
import { listOrganisations, listPersons } from "./organisations";
import { invitationMail } from "./mail-texts";
import { matchesRecipients } from "./recipients";
import { compareSegments, segmentLabel } from "./segments";

export async function createRound(deps: Deps, input: unknown, createdBy: string): Promise<Round> {
  const parsed = CreateRoundRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  const req = parsed.data;
  if (!getInstrument(req.instrumentId, req.instrumentVersion))
    throw new ValidationError("There is no such instrument.", [{ path: "instrumentId", message: "error.instrument.unknown" }]);
  const now = deps.clock().toISOString();
  const round: Round = {
    id: newId(),
    name: req.name,
    instrumentId: req.instrumentId,
    instrumentVersion: req.instrumentVersion,
    opensAt: new Date(req.opensAt).toISOString(),
    closesAt: new Date(req.closesAt).toISOString(),
    reminders: req.reminders.map((r) => new Date(r).toISOString()).sort(),
    recipients: req.recipients,
    invitationText: req.invitationText,
    status: "draft",
    createdAt: now,
    createdBy,
    invitedCount: 0,
    submittedCount: 0,
  };
  await deps.table.doc.send(
    new PutCommand({
      TableName: deps.table.name,
      Item: { ...keys.round(round.id), ...keys.roundIndex(now), type: "round", ...round, remindersDone: [], launchCount: 0 },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return round;
}

export type StoredRound = Round & { remindersDone: string[]; launchCount: number; executionArn?: string; invitationsComplete?: boolean };

export async function getRound(deps: Deps, roundId: string): Promise<StoredRound> {
  const res = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: keys.round(roundId), ConsistentRead: true }));
  if (!res.Item) throw new NotFoundError("No round with that id.");
  return stripKeys(res.Item) as unknown as StoredRound;
}

export async function listRounds(deps: Deps): Promise<Round[]> {
  const items = await queryIndex<Record<string, unknown>>(deps.table, "ROUNDS", { descending: true });
  return items.map((i) => stripKeys(i) as unknown as Round);
}

/** Launch: draft -> scheduled, then one execution for the round. */
export async function launchRound(deps: Deps, roundId: string): Promise<Round> {
  const round = await getRound(deps, roundId);
  if (round.status === "error") return resumeRound(deps, round);
  if (round.status !== "draft") throw new ConflictError("round-not-draft", "The round has already been launched.");
  if (Date.parse(round.closesAt) <= deps.clock().getTime())
    throw new ValidationError("The closing time has passed; change it before launching.", [{ path: "closesAt", message: "error.closesInPast" }]);
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.round(roundId),
        UpdateExpression: "SET #s = :scheduled, launchedAt = :now, launchCount = launchCount + :one",
        ConditionExpression: "#s = :draft",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":scheduled": "scheduled", ":draft": "draft", ":now": deps.clock().toISOString(), ":one": 1 },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError("round-not-draft", "The round has already been launched.");
    throw error;
  }
  await startExecution(deps, roundId, round.launchCount + 1);
  return getRound(deps, roundId);
}

/** A round whose workflow failed is started again from the top; the idempotent tasks carry on where it stopped. */
async function resumeRound(deps: Deps, round: StoredRound): Promise<Round> {
  const status = deps.clock().getTime() >= Date.parse(round.opensAt) && round.invitationsComplete ? "open" : "scheduled";
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.round(round.id),
        UpdateExpression: "SET #s = :status REMOVE #e",
        ConditionExpression: "#s = :error",
        ExpressionAttributeNames: { "#s": "status", "#e": "error" },
        ExpressionAttributeValues: { ":status": status, ":error": "error" },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError("round-not-failed", "The round is no longer in an error state.");
    throw error;
  }
  if (round.executionArn) await deps.workflows.stop(round.executionArn);
  await startExecution(deps, round.id, round.launchCount + 1);
  return getRound(deps, round.id);
}

async function startExecution(deps: Deps, roundId: string, attempt: number): Promise<void> {
  const executionArn = await deps.workflows.start(roundId, attempt);
  await deps.table.doc.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.round(roundId),
      UpdateExpression: "SET executionArn = :arn, launchCount = :n",
      ExpressionAttributeValues: { ":arn": executionArn, ":n": attempt },
    }),
  );
}

/**
 * Early close: recorded on the round, then the execution starts again from the top. Its Plan
 * sees the request and goes straight to Close, Aggregate and Notify.
 */
export async function closeRound(deps: Deps, roundId: string): Promise<Round> {
  const round = await getRound(deps, roundId);
  if (round.status === "draft") throw new ConflictError("round-not-launched", "The round has not been launched; there is nothing to close.");
  if (round.status === "closed" || round.status === "closing") throw new ConflictError("round-closed", "The round is already closed.");
  try {
    await deps.table.doc.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.round(roundId),
        UpdateExpression: "SET closeRequestedAt = :now, #s = :closing",
        ConditionExpression: "#s IN (:scheduled, :open, :error)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":now": deps.clock().toISOString(), ":closing": "closing", ":scheduled": "scheduled", ":open": "open", ":error": "error" },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError("round-closed", "The round is already closed.");
    throw error;
  }
  if (round.executionArn) await deps.workflows.stop(round.executionArn);
  await startExecution(deps, roundId, round.launchCount + 1);
  return getRound(deps, roundId);
}

export type AggregateItem = { dimension: string; value: string; invited?: number; opened?: number; submitted?: number } & Record<string, unknown>;

export async function readAggregates(deps: Deps, roundId: string, dimension: string): Promise<AggregateItem[]> {
  const items = await queryPrefix<Record<string, unknown>>(deps.table, keys.round(roundId).pk, keys.prefix.aggregate(dimension));
  return items.map((i) => {
    const [, dim, value] = String(i.sk).split("#");
    return { ...(stripKeys(i) as Record<string, unknown>), dimension: dim, value } as AggregateItem;
  });
}

function rate(segment: string, label: string, a?: AggregateItem): SegmentRate {
  const invited = Number(a?.invited ?? 0);
  const submitted = Number(a?.submitted ?? 0);
  return { segment, label, invited, opened: Number(a?.opened ?? 0), submitted, responseRate: invited ? submitted / invited : 0 };
}

export async function roundStatus(deps: Deps, roundId: string): Promise<RoundStatusView> {
  const round = await getRound(deps, roundId);
  const [all, industry, municipality, size] = await Promise.all(
    ["all", "industry", "municipality", "size"].map((d) => readAggregates(deps, roundId, d)),
  );
  const rows = (items: AggregateItem[], dim: ResultDimension) => items.map((a) => rate(a.value, segmentLabel(dim, a.value), a)).sort(compareSegments(dim));
  const { remindersDone: _r, launchCount: _l, executionArn: _e, invitationsComplete: _i, ...visible } = round;
  return {
    ...visible,
    rates: {
      total: rate("all", "Alla", all[0]),
      byIndustry: rows(industry, "industry"),
      byMunicipality: rows(municipality, "municipality"),
      bySize: rows(size, "size"),
    },
  };
}

export function parseDimension(by: string | undefined): ResultDimension {
  if (by && (RESULT_DIMENSIONS as readonly string[]).includes(by)) return by as ResultDimension;
  throw new ValidationError(`Choose results by one of: ${RESULT_DIMENSIONS.join(", ")}.`, [{ path: "by", message: "error.option" }]);
}

const INVITATION_FILTERS = ["all", "pending", "submitted"] as const;

/** The round's invitations, for the owner's "who has not answered" list. */
export async function listInvitations(deps: Deps, roundId: string, status = "all"): Promise<InvitationView[]> {
  if (!(INVITATION_FILTERS as readonly string[]).includes(status))
    throw new ValidationError(`Choose status one of: ${INVITATION_FILTERS.join(", ")}.`, [{ path: "status", message: "error.option" }]);
  await getRound(deps, roundId);
  const items = await queryPrefix<InvitationView & Record<string, unknown>>(deps.table, keys.round(roundId).pk, keys.prefix.invitation);
  return items
    .filter((i) => status === "all" || (status === "submitted") === (i.status === "submitted"))
    .map((i) => ({
      personId: i.personId,
      name: i.name,
      email: i.email,
      orgName: i.orgName,
      orgNumber: i.orgNumber,
      municipality: i.municipality,
      sni: i.sni,
      status: i.status,
      sentAt: i.sentAt,
      openedAt: i.openedAt,
      submittedAt: i.submittedAt,
      remindersSent: i.remindersSent ?? [],
    }))
    .sort((a, b) => a.orgName.localeCompare(b.orgName, "sv"));
}

/** Who a round would reach and the mail they would get, before the round exists. */
export async function previewRound(deps: Deps, input: unknown): Promise<RoundPreview> {
  const parsed = RoundPreviewRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  const req = parsed.data;
  const orgs = (await listOrganisations(deps)).filter((o) => matchesRecipients(req.recipients, o));
  const persons = (await Promise.all(orgs.map((o) => listPersons(deps, o.id)))).flat();
  const round = {
    name: req.name || "…",
    closesAt: req.closesAt ?? new Date(deps.clock().getTime() + 21 * 86400_000).toISOString(),
    invitationText: req.invitationText,
  } as Round;
  const sample = (language: "sv" | "en") =>
    invitationMail(round, { name: persons[0]?.name ?? "Anna Andersson", orgName: orgs[0]?.name ?? "Exempelbolaget AB", language }, `${deps.siteUrl.replace(/\/$/, "")}/f/…`);
  return { recipients: { organisations: orgs.length, persons: persons.length }, mail: { sv: sample("sv"), en: sample("en") } };
}
