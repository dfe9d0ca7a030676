import type { MailPace } from "../domain/mail-pace";
import type { Writable } from "node:stream";
import type { OutboxMessage } from "../../shared/schemas";
import type { Stores } from "../stores";
import type { Retention } from "../../shared/retention";
import type { Instrument } from "../../shared/schemas/instrument";
import type { RowSpool } from "../domain/response-export";
export type { TableRef } from "../stores/table";

/** A mail to send: what the outbox shows, keyed by the idempotency key instead of an id and time. */
export type MailMessage = Omit<OutboxMessage, "id" | "createdAt"> & {
  /** Same key, same mail: the outbox writes it once (SES does not deduplicate; see sesMailer). */
  idempotencyKey: string;
  /** The invited person: with the round, SES hands it back on a bounce or complaint (functions/domain/mail-feedback.ts). */
  personId?: string;
};
/** What the mailer answers for a sent mail: SES's message id (the outbox's: the idempotency key). */
export type MailReceipt = { messageId: string };
export interface Mailer {
  send(message: MailMessage): Promise<MailReceipt | void>;
}

/** Whether the mail account may send to anyone: SES starts every account in a sandbox. */
export type MailSendingStatus = { canSend: true } | { canSend: false; reason: "sandbox" | "paused" };
export interface MailAccount {
  sendingStatus(): Promise<MailSendingStatus>;
}

export interface RoundWorkflows {
  /** Starts the round's execution; starting one that already runs is not an error. */
  start(roundId: string, attempt: number): Promise<string>;
  /** Stops the given execution (if still running) so a new one can start from the top. */
  stop(executionArn: string): Promise<void>;
}

/** The learning-cycle state machine: one execution per programme cycle. */
export interface CycleWorkflows {
  /** Starts the cycle's execution; starting one that already runs is not an error. */
  start(programmeId: string, cycle: number, attempt: number): Promise<string>;
  /** Stops the given execution (if still running) so a new one can start from the top. */
  stop(executionArn: string): Promise<void>;
  /**
   * Completes the task waiting on this token. False when no task waits on it any more (it timed
   * out or its execution stopped): the caller has recorded what it needs in the table anyway.
   */
  sendTaskSuccess(taskToken: string, output: unknown): Promise<boolean>;
}

/** The region's sign-in accounts (the Cognito user pool on AWS). */
export interface UserDirectory {
  /** Makes a sign-in account for the address unless one exists (Cognito then mails a temporary password). */
  ensureUser(email: string): Promise<void>;
}

export type Clock = () => Date;

/** Instruments by id and version: the shipped ones (shared/instruments) and the region's own, stored ones. */
export interface InstrumentRegistry {
  get(id: string, version: number): Promise<Instrument | undefined>;
}

/** Signs what leaves the region (release exports): a KMS key on AWS, a key file in the local stack. */
export interface ReleaseSigner {
  /** Names the key, so a reader knows which public key to check with. */
  readonly keyId: string;
  /** ECDSA P-256 over SHA-256 of the bytes, DER-encoded. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Where a region puts the exports its consortium reads: an S3 bucket on AWS, a folder locally. */
export interface ExportShelf {
  put(name: string, body: string): Promise<void>;
}

/**
 * Where prepared exports of raw responses are kept until fetched: an S3 bucket on AWS (streamed
 * as a multipart upload, handed out as presigned GET URLs), a folder locally (handed out as URLs
 * of the local stack, signed with an HMAC and an expiry the same way).
 */
export interface ExportFiles {
  /** Streams the object `key` from what `write` writes to the stream (and ends); answers its size. */
  put(key: string, contentType: string, write: (out: Writable) => Promise<void>): Promise<{ bytes: number }>;
  /** A URL that downloads the object as `filename` until `expiresInSeconds` have passed. */
  url(key: string, filename: string, expiresInSeconds: number): Promise<string>;
}

/** Runs an export job away from the request: an asynchronous Lambda invoke on AWS, in the background locally. */
export interface ExportRunner {
  start(roundId: string, exportId: string): Promise<void>;
}

/**
 * The ports the domain depends on. Handlers build them once per module from the environment (the
 * local stack sets that to DynamoDB Local and the outbox); tests build them against DynamoDB
 * Local, a virtual clock and the outbox (test/support/deps.ts).
 */
export type Deps = {
  stores: Stores;
  clock: Clock;
  mailer: Mailer;
  /** The sending rate invitations and reminders keep to, and one task's sending time; absent (tests): unpaced, one task does all. */
  mailPace?: MailPace;
  /** Checked before a round is launched. Absent: sending is assumed possible (tests). */
  mailAccount?: MailAccount;
  /** Absent where accounts need not be made (the local stack signs in any address; tests). */
  users?: UserDirectory;
  workflows: RoundWorkflows;
  /** Absent: the shipped versions, then the region's stored ones (functions/domain/instrument-registry.ts). */
  instruments?: InstrumentRegistry;
  /** The learning-cycle executions (programme API only). */
  cycles: CycleWorkflows;
  regionId: string;
  /** Disclosure threshold: cells built from fewer organisations are suppressed. */
  k: number;
  /** The p% dominance rule's p (default 10). */
  p?: number;
  siteUrl: string;
  /** Signs release exports; absent where the region exports nothing (tests that do not export). */
  signer?: ReleaseSigner;
  /** Where published exports go for the consortium; absent: exports can be downloaded, not published. */
  exportShelf?: ExportShelf;
  /** Where prepared exports are kept, and what runs them; absent: exports can only be downloaded at once (export.csv). */
  exportFiles?: ExportFiles;
  exportRunner?: ExportRunner;
  /** Where the export worker keeps the rows between its read and its write (a temporary file); absent: in memory. */
  exportSpool?: () => RowSpool;
  /** The region's display name and counties, as its exports state them. */
  region?: { name: string; countyCodes: string[] };
  /** How long what the region holds is kept (default DEFAULT_RETENTION). */
  retention?: Retention;
  maxWaitSeconds: number;
  /** How often a learning cycle looks whether everyone has submitted (default 12 hours, DEFAULT_CYCLE_POLL_SECONDS). */
  cyclePollSeconds?: number;
};
