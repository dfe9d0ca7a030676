import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * The ports the domain depends on. Handlers build them once per module from the environment;
 * tests and the local stack build them against DynamoDB Local, a virtual clock and the outbox.
 */
export type TableRef = { doc: DynamoDBDocumentClient; name: string };

export type MailMessage = {
  /** Same key, same mail: a retried task does not send twice. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  kind: "invitation" | "reminder" | "owner-notice";
  roundId?: string;
};
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface RoundWorkflows {
  /** Starts the round's execution; starting one that already runs is not an error. */
  start(roundId: string, attempt: number): Promise<string>;
  /** Stops the given execution (if still running) so a new one can start from the top. */
  stop(executionArn: string): Promise<void>;
}

export type Clock = () => Date;

export type Deps = {
  table: TableRef;
  clock: Clock;
  mailer: Mailer;
  workflows: RoundWorkflows;
  regionId: string;
  /** Disclosure threshold: cells built from fewer organisations are suppressed. */
  k: number;
  siteUrl: string;
  maxWaitSeconds: number;
};
