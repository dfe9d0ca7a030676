/**
 * The round a load run answers, made through the owner's HTTP API of a running local stack, and
 * the check after the run: every submit a participant saw accepted is stored exactly once and
 * counted exactly once (the stream consumer's counters, the invitations, the kept aggregates).
 */
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { createStores } from "../../functions/stores";
import { hashToken } from "../../functions/domain/tokens";
import { tokenFrom } from "./deps";
import { organisationRequest, orgNumber } from "./fixtures";
import { outcomeCounts, type SubmitOutcome } from "./load-run";
import { waitFor } from "./wait";

/** A client of the test's own, not the handlers' (so the local stack's fault setting never reaches it). */
const plainClient = (endpoint: string) => DynamoDBDocumentClient.from(localDynamoDbClient(endpoint), { marshallOptions: { removeUndefinedValues: true } });

export interface LoadRound {
  roundId: string;
  tokens: string[];
  projectId: string;
  /** The owner's bearer token. */
  owner: string;
  /** Milliseconds from the launch until every invitation's mail was in the outbox. */
  inviteMs: number;
}

async function call(base: string, method: string, route: string, init: { token?: string; body?: string; type?: string } = {}) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...(init.type ? { "content-type": init.type } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** `count` organisations, one contact each, of the region's municipalities and industries. */
export function organisationsCsv(count: number, offset: number): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const r = organisationRequest(i, { orgNumber: orgNumber(offset + i) });
    return `${r.orgNumber},Last ${offset + i} AB,${r.sni},${r.municipality},${r.sizeClass},company,Kontakt ${i},last${offset + i}@example.se`;
  });
  return ["orgNumber,name,sni,municipality,sizeClass,kind,contactName,contactEmail", ...rows].join("\n");
}

/**
 * A project, `count` organisations and an open round launched over them; resolves when all the
 * invitations are in the outbox (read from the table: the dev route shows at most 1,000).
 */
export async function launchLoadRound(base: string, dynamodbEndpoint: string, table: string, count: number, offset: number): Promise<LoadRound> {
  const email = `load${offset}@example.se`;
  const { token: owner } = await call(base, "POST", "/api/dev/sign-in", { body: JSON.stringify({ email, groups: ["region-admins"] }), type: "application/json" });
  const json = { token: owner, type: "application/json" };
  const project = await call(base, "POST", "/api/projects", { ...json, body: JSON.stringify({ name: `Last ${offset}`, kind: "region" }) });
  await call(base, "PUT", `/api/projects/${project.id}/members`, { ...json, body: JSON.stringify({ email, role: "project-owner" }) });
  await call(base, "POST", "/api/organisations/import", { token: owner, type: "text/csv", body: organisationsCsv(count, offset) });
  const now = Date.now();
  const round = await call(base, "POST", "/api/rounds", {
    ...json,
    body: JSON.stringify({ name: `Last ${offset}`, projectId: project.id, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString(), reminders: [] }),
  });
  const t0 = Date.now();
  await call(base, "POST", `/api/rounds/${round.id}/launch`, json);
  const doc = plainClient(dynamodbEndpoint);
  try {
    const stores = createStores({ doc, name: table });
    const tokens = await waitFor(
      async () => {
        const mails = (await stores.outbox.all()).filter((m) => m.roundId === round.id && m.kind === "invitation");
        return mails.length >= count ? mails.map((m) => tokenFrom(m.text)) : undefined;
      },
      `${count} invitations`,
      60_000 + count * 500,
      500,
    );
    return { roundId: round.id, projectId: project.id, tokens, owner, inviteMs: Date.now() - t0 };
  } finally {
    doc.destroy();
  }
}

export interface StoredCheck {
  /** Responses in the table for the round. */
  stored: number;
  /** Accepted (2xx, or 409 after a 5xx) with no response stored. */
  lost: number;
  /** Counted more often than stored: the round's submitted count, the "all" aggregate or the invitations marked submitted above the responses. */
  duplicated: number;
  /** Stored though the participant only ever got a 4xx (or never submitted). */
  storedThoughRefused: number;
  /** Of the submits that saw only 5xx, how many are stored anyway. */
  unsureStored: number;
  counts: Record<SubmitOutcome, number>;
  submittedCount: number;
  aggregateSubmitted: number;
  invitationsSubmitted: number;
}

/**
 * Waits for the stream consumer to have counted every stored response (each marked counted),
 * then compares what the participants saw with what the table holds.
 */
export async function checkStoredOnce(dynamodbEndpoint: string, table: string, roundId: string, outcomes: Map<string, SubmitOutcome>, waitMs = 60_000): Promise<StoredCheck> {
  const doc = plainClient(dynamodbEndpoint);
  try {
    const stores = createStores({ doc, name: table });
    const responses = await waitFor(
      async () => {
        const all = await stores.responses.list(roundId, { consistent: true, all: true });
        return all.every((r) => r.countedAt) ? all : undefined;
      },
      "the stream consumer to count every response",
      waitMs,
      250,
    );
    const byPerson = new Map(responses.map((r) => [r.personId, r]));
    let lost = 0;
    let storedThoughRefused = 0;
    let unsureStored = 0;
    for (const [token, outcome] of outcomes) {
      const found = await stores.tokens.get(hashToken(token));
      if (!found) throw new Error("a token of the run is not in the table");
      const isStored = byPerson.has(found.snapshot.personId);
      if ((outcome === "accepted" || outcome === "stored-earlier") && !isStored) lost++;
      if (outcome === "refused" && isStored) storedThoughRefused++;
      if (outcome === "unsure" && isStored) unsureStored++;
    }
    const round = await stores.rounds.get(roundId, { consistent: true });
    const all = (await stores.aggregates.list(roundId, "all")).find((a) => a.value === "all");
    const invitations = await stores.invitations.list(roundId, { consistent: true });
    const submittedCount = round?.submittedCount ?? 0;
    const aggregateSubmitted = all?.counters.submitted ?? 0;
    const invitationsSubmitted = invitations.filter((i) => i.status === "submitted").length;
    const duplicated = Math.max(0, submittedCount - responses.length, aggregateSubmitted - responses.length, invitationsSubmitted - responses.length);
    return { stored: responses.length, lost, duplicated, storedThoughRefused, unsureStored, counts: outcomeCounts(outcomes), submittedCount, aggregateSubmitted, invitationsSubmitted };
  } finally {
    doc.destroy();
  }
}
