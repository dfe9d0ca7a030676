import * as z from "zod/mini";
import { DEFAULT_RETENTION } from "../../shared/retention";
import { DEFAULT_MAIL_PACE } from "../domain/mail-pace";

/**
 * The handlers' environment, one schema per handler kind. The CDK constructs validate what they
 * set against it at synth time and the runtime wiring (functions/adapters/runtime.ts) parses
 * process.env with it at cold start, so both sides read the same contract
 * (docs/architecture.md, "Environment of the handlers").
 */

const text = z.string().check(z.minLength(1));
/** A whole number of at least 1, written as decimal digits (no `Number("")` = 0 surprises). */
const positiveInteger = (fallback: number) =>
  z._default(z.pipe(z.string().check(z.regex(/^[1-9]\d*$/)), z.transform(Number)), fallback);
const stateMachineArn = z.string().check(z.regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/));

const common = z.object({
  TABLE_NAME: text,
  REGION_ID: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
  DISCLOSURE_K: positiveInteger(5),
  /** The p% rule's p (percent) for magnitudes. */
  DISCLOSURE_P: positiveInteger(10),
  SITE_URL: z.url(),
  MAIL_FROM: z.email(),
  MAIL_MODE: z.enum(["ses", "outbox"]),
  /** Local only, with MAIL_MODE outbox: the SES account status to pretend (a launch is refused unless production). */
  MAIL_ACCOUNT: z.optional(z.enum(["production", "sandbox", "paused"])),
  /** Local only: DynamoDB Local and the local Step Functions emulation (read by the clients). */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  SFN_ENDPOINT: z.optional(z.url()),
  /** How long raw answers, drafts, contact data and the outbox are kept, in days (shared/retention.ts). */
  RETENTION_RAW_ANSWERS_DAYS: positiveInteger(DEFAULT_RETENTION.rawAnswersDays),
  RETENTION_DRAFTS_DAYS: positiveInteger(DEFAULT_RETENTION.draftsDays),
  RETENTION_CONTACT_DATA_DAYS: positiveInteger(DEFAULT_RETENTION.contactDataDays),
  RETENTION_OUTBOX_DAYS: positiveInteger(DEFAULT_RETENTION.outboxDays),
  /** For the structured logger, when it reads them. */
  LOG_LEVEL: z.optional(z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT", "CRITICAL", "TRACE"])),
  POWERTOOLS_SERVICE_NAME: z.optional(text),
});

/** The longest single Wait a plan task asks for, and how often an open cycle stage looks for submissions. */
export const DEFAULT_MAX_WAIT_SECONDS = 86400;
export const DEFAULT_CYCLE_POLL_SECONDS = 43200;

const maxWait = { MAX_WAIT_SECONDS: positiveInteger(DEFAULT_MAX_WAIT_SECONDS) };
/** The tasks that send invitations and reminders keep to the region's SES rate (functions/domain/mail-pace.ts). */
const mailPace = {
  MAIL_SEND_RATE: positiveInteger(DEFAULT_MAIL_PACE.sendRatePerSecond),
  MAIL_TASK_SECONDS: positiveInteger(DEFAULT_MAIL_PACE.taskSeconds),
};

const bucketName = z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/));
/**
 * Where prepared exports of raw responses are kept: the bucket on AWS; locally a folder, whose
 * links the local stack signs with the key in EXPORT_URL_SECRET_FILE (functions/adapters/export-files.ts).
 */
const exportFiles = {
  EXPORT_FILES_BUCKET: z.optional(bucketName),
  EXPORT_FILES_DIR: z.optional(text),
  EXPORT_URL_SECRET_FILE: z.optional(text),
};

export const handlerEnvironments = {
  /** api/owner-api: starts and stops survey-round executions. */
  "owner-api": z.extend(common, {
    ROUND_STATE_MACHINE_ARN: stateMachineArn,
    ...maxWait,
    /** The region's user pool, where a new project member gets a sign-in account. Absent locally (any address signs in). */
    USER_POOL_ID: z.optional(z.string().check(z.regex(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]+$/))),
    /** The KMS key (ECC_NIST_P256) that signs release exports; locally EXPORT_SIGNING_KEY_FILE stands in. */
    EXPORT_SIGNING_KEY_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/))),
    EXPORT_SIGNING_KEY_FILE: z.optional(text),
    /** Where published exports go: the exports bucket, or locally a folder. */
    EXPORT_BUCKET: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/))),
    EXPORT_DIR: z.optional(text),
    /** The region's name and counties as its exports state them. */
    REGION_NAME: z.optional(text),
    REGION_COUNTY_CODES: z.optional(z.string().check(z.regex(/^\d{2}(,\d{2})*$/))),
    ...exportFiles,
    /** The export worker, invoked asynchronously; absent with EXPORT_FILES_DIR, the worker runs in the owner API's process (local). */
    EXPORT_WORKER_FUNCTION: z.optional(text),
  }),
  /** exports/export-worker: prepares one export of a round's raw responses. */
  "export-worker": z.extend(common, exportFiles),
  /** api/programme-api: starts, stops and answers learning-cycle executions. */
  "programme-api": z.extend(common, { CYCLE_STATE_MACHINE_ARN: stateMachineArn }),
  /** api/participant-api: the public form routes. */
  "participant-api": common,
  /** workflow/plan, invite, ...: the survey-round state machine's tasks. */
  "round-task": z.extend(common, { ...maxWait, ...mailPace }),
  /** workflow/cycle-*: the learning-cycle state machine's tasks. */
  "cycle-task": z.extend(common, { ...maxWait, ...mailPace, CYCLE_POLL_SECONDS: positiveInteger(DEFAULT_CYCLE_POLL_SECONDS) }),
  /** streams/count-responses: the table stream's consumer. */
  "stream-consumer": common,
  /** workflow/execution-status: marks the round or cycle of a failed, timed-out or aborted execution. */
  "execution-events": common,
  /** streams/mail-feedback: marks invitations and persons from SES bounces and complaints. */
  "mail-feedback": common,
  /**
   * api/consortium-api, in the consortium stack: no table, only the member regions' exports
   * (functions/config/consortium-environment.ts checks CONSORTIUM_MEMBERS' content).
   */
  "consortium-api": z.object({
    CONSORTIUM_NAME: text,
    CONSORTIUM_MEMBERS: text,
    LOG_LEVEL: z.optional(z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT", "CRITICAL", "TRACE"])),
    POWERTOOLS_SERVICE_NAME: z.optional(text),
  }),
} as const;

export type HandlerKind = keyof typeof handlerEnvironments;
export type HandlerEnvironment<K extends HandlerKind> = z.output<(typeof handlerEnvironments)[K]>;
/** What a construct sets: every value a string (numbers in decimal), CDK tokens allowed. */
export type HandlerEnvironmentInput<K extends HandlerKind> = z.input<(typeof handlerEnvironments)[K]>;
/** The variables every handler kind reads. */
export type CommonEnvironmentInput = z.input<typeof common>;

export class InvalidEnvironmentError extends Error {
  override readonly name = "InvalidEnvironmentError";
  constructor(
    readonly subject: string,
    readonly problems: string[],
  ) {
    super(`${subject}: invalid environment: ${problems.join("; ")}`);
  }
}

/**
 * What is wrong with `env` for a handler of `kind`, one line per variable ("TABLE_NAME is
 * missing"). Values are never repeated in a line. Variables for which `isDeployTime` is true
 * (an unresolved CDK token, a CloudFormation intrinsic) count as present and valid: their value
 * is known only on deploy.
 */
export function environmentProblems(
  kind: HandlerKind,
  env: Record<string, unknown>,
  isDeployTime: (value: unknown) => boolean = () => false,
): string[] {
  const result = handlerEnvironments[kind].safeParse(env);
  if (result.success) return [];
  const problems = new Set<string>();
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? "(environment)");
    if (isDeployTime(env[name])) continue;
    problems.add(env[name] === undefined ? `${name} is missing` : `${name} is invalid (${describeIssue(issue)})`);
  }
  return [...problems];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_format") return issue.format === "regex" ? `does not match ${String((issue as { pattern?: unknown }).pattern)}` : `not a valid ${issue.format}`;
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "too_small") return "empty";
  return issue.code;
}

/** Parses `env` for a handler of `kind`; throws an InvalidEnvironmentError naming every bad variable. */
export function parseHandlerEnvironment<K extends HandlerKind>(kind: K, env: Record<string, string | undefined>, subject = kind): HandlerEnvironment<K> {
  const result = handlerEnvironments[kind].safeParse(env);
  if (!result.success) throw new InvalidEnvironmentError(subject, environmentProblems(kind, env));
  return result.data as HandlerEnvironment<K>;
}
