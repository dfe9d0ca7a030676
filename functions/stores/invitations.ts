import * as z from "zod/mini";
import { INVITATION_STATUSES, Language, type Invitation } from "../../shared/schemas";
import { expirePrefix, getItem, parseItem, queryPrefix, setOnce, txCheck, txPut, txUpdate, unlessAlreadyDone, updateIf, updateItem, type Same, type TableRef, type TransactItem } from "./table";
import { batchGet, queryPrefixPage } from "./pages";
import { roundPartition } from "./rounds";

/** Invitations: pk `ROUND#<roundId>`, sk `INV#<personId>`. */
const key = (roundId: string, personId: string) => ({ pk: roundPartition(roundId), sk: `INV#${personId}` });

/** The invitation as stored, with the organisation's name and number copied at invitation time. */
export const StoredInvitation = z.object({
  roundId: z.string(),
  personId: z.string(),
  organisationId: z.string(),
  orgName: z.string(),
  orgNumber: z.string(),
  email: z.string(),
  name: z.string(),
  language: Language,
  tokenHash: z.string(),
  status: z.enum(INVITATION_STATUSES),
  sni: z.string(),
  municipality: z.string(),
  sizeClass: z.string(),
  sentAt: z.optional(z.string()),
  openedAt: z.optional(z.string()),
  submittedAt: z.optional(z.string()),
  remindersSent: z.array(z.string()),
  replacedAt: z.optional(z.string()),
  replacedBy: z.optional(z.string()),
  supersededAt: z.optional(z.string()),
  /** When the mail bounced or was marked as spam (status bounced / opted-out). */
  mailProblemAt: z.optional(z.string()),
  /** The person was erased (functions/domain/personal-data.ts). */
  erasedAt: z.optional(z.string()),
});
export type StoredInvitation = z.infer<typeof StoredInvitation>;
export const STORED_INVITATION_IS_INVITATION: Same<Omit<StoredInvitation, "orgName" | "orgNumber">, Invitation> = true;

const parse = (item: Record<string, unknown>) => parseItem(StoredInvitation, "invitation", item);

/** In force: neither replaced by another respondent nor superseded by a migration. */
export const isInForce = (inv: Pick<StoredInvitation, "replacedAt" | "supersededAt">) => !inv.replacedAt && !inv.supersededAt;
const IN_FORCE = "attribute_exists(pk) AND attribute_not_exists(replacedAt) AND attribute_not_exists(supersededAt)";

export function invitationStore(table: TableRef) {
  return {
    /** Every invitation of the round (its name and e-mail address) goes at `expiresAt` (epoch seconds, DynamoDB's TTL). */
    expireAll: (roundId: string, expiresAt: number) => expirePrefix(table, roundPartition(roundId), "INV#", expiresAt),
    putIfAbsent(invitation: StoredInvitation): TransactItem {
      return txPut(table, { ...key(invitation.roundId, invitation.personId), type: "invitation", ...invitation }, "attribute_not_exists(pk)");
    },
    async get(roundId: string, personId: string): Promise<StoredInvitation | undefined> {
      const item = await getItem(table, key(roundId, personId), { consistent: true });
      return item && parse(item);
    },
    /** The invitations in force; `all` adds those replaced or superseded. */
    async list(roundId: string, opts: { consistent?: boolean; all?: boolean } = {}): Promise<StoredInvitation[]> {
      const items = (await queryPrefix(table, roundPartition(roundId), "INV#", opts)).map(parse);
      return opts.all ? items : items.filter(isInForce);
    },
    /** At most `limit` invitations in force, in person-id order, after the cursor `after` of the page before. */
    async page(roundId: string, opts: { after?: string; limit: number }): Promise<{ items: StoredInvitation[]; next?: string }> {
      const page = await queryPrefixPage(table, roundPartition(roundId), "INV#", { ...opts, consistent: true });
      return { items: page.items.map(parse).filter(isInForce), next: page.next };
    },
    /** The round's invitations of these persons (in force or not), read consistently. */
    async ofPersons(roundId: string, personIds: string[]): Promise<StoredInvitation[]> {
      return (await batchGet(table, personIds.map((id) => key(roundId, id)), { consistent: true })).map(parse);
    },
    /** Holds a transaction to the invitation existing and being in force. */
    checkInForce(roundId: string, personId: string): TransactItem {
      return txCheck(table, key(roundId, personId), { ConditionExpression: IN_FORCE });
    },
    /**
     * The organisation's respondent changes: the old invitation is marked replaced (only if it is
     * in force) and the new one written, over an earlier invitation of that person no longer in force, if any.
     */
    replace(old: { roundId: string; personId: string }, next: StoredInvitation, now: string): TransactItem[] {
      return [
        txUpdate(table, key(old.roundId, old.personId), {
          UpdateExpression: "SET replacedAt = :now, replacedBy = :by",
          ConditionExpression: IN_FORCE,
          ExpressionAttributeValues: { ":now": now, ":by": next.personId },
        }),
        txPut(table, { ...key(next.roundId, next.personId), type: "invitation", ...next }, "attribute_not_exists(pk) OR attribute_exists(replacedAt) OR attribute_exists(supersededAt)"),
      ];
    },
    /**
     * The person is erased: the invitation keeps its status for the round's counts, loses the
     * name and e-mail, and is no longer in force (listed, reminded or answerable).
     */
    erase(roundId: string, personId: string, now: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
        UpdateExpression: "SET #name = :blank, email = :blank, erasedAt = if_not_exists(erasedAt, :now), supersededAt = if_not_exists(supersededAt, :now)",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#name": "name" },
        ExpressionAttributeValues: { ":blank": "", ":now": now },
      });
    },
    /** Marks an invitation superseded (a migration kept another of its organisation); once. */
    markSuperseded(roundId: string, personId: string, now: string): Promise<void> {
      return setOnce(table, key(roundId, personId), "supersededAt", now);
    },
    /** A fresh token for an invitation written but never mailed (still `created`). */
    replaceToken(roundId: string, personId: string, tokenHash: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
        UpdateExpression: "SET tokenHash = :h",
        ConditionExpression: "#s = :created",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":h": tokenHash, ":created": "created" },
      });
    },
    /** created -> sent (fails its condition otherwise). */
    markSent(roundId: string, personId: string, now: string): Promise<void> {
      return updateItem(table, key(roundId, personId), {
        UpdateExpression: "SET #s = :sent, sentAt = :now",
        ConditionExpression: "#s = :created",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":sent": "sent", ":created": "created", ":now": now },
      });
    },
    /** The mail bounced for good or was marked as spam: not reminded any more; one submitted stays submitted, and the first problem stays. */
    markMailProblem(roundId: string, personId: string, status: "bounced" | "opted-out", now: string): Promise<boolean> {
      return updateIf(table, key(roundId, personId), {
        UpdateExpression: "SET #s = :status, mailProblemAt = :now",
        ConditionExpression: "attribute_exists(pk) AND NOT (#s IN (:submitted, :bounced, :optedOut))",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":status": status, ":submitted": "submitted", ":bounced": "bounced", ":optedOut": "opted-out", ":now": now },
      });
    },
    /** created or sent -> opened. */
    markOpened(roundId: string, personId: string, now: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
        UpdateExpression: "SET #s = :opened, openedAt = :now",
        ConditionExpression: "#s IN (:created, :sent)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":opened": "opened", ":now": now, ":created": "created", ":sent": "sent" },
      });
    },
    /** created, sent or opened -> in-progress; any later status stays. */
    markInProgress(roundId: string, personId: string): Promise<void> {
      return unlessAlreadyDone(
        updateItem(table, key(roundId, personId), {
          UpdateExpression: "SET #s = :p",
          ConditionExpression: "#s IN (:created, :sent, :opened)",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":p": "in-progress", ":created": "created", ":sent": "sent", ":opened": "opened" },
        }),
      );
    },
    /** Records the reminder on the invitation, once, and not for one submitted, opted out or bounced. */
    recordReminder(roundId: string, personId: string, reminderAt: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
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
      });
    },
    markSubmitted(roundId: string, personId: string, submittedAt: string): TransactItem {
      return txUpdate(table, key(roundId, personId), {
        UpdateExpression: "SET #s = :submitted, submittedAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":submitted": "submitted", ":at": submittedAt },
      });
    },
  };
}
export type InvitationStore = ReturnType<typeof invitationStore>;
