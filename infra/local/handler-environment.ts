import * as path from "node:path";
import { regionConfig } from "../config/regions";
import { LOCAL_CREDENTIALS } from "./dynamodb-local";
import type { bindTemplate } from "./template-binding";

/** Waits longer than this are cut short locally, so a wait's timer stays within Node's. */
const MAX_LOCAL_WAIT_SECONDS = 2_000_000;

export type LocalEnvironmentInput = {
  binding: Awaited<ReturnType<typeof bindTemplate>>;
  regionId: string;
  tableName: string;
  url: string;
  sfnEndpoint: string;
  dataDir: string;
  exportDir?: string;
  dynamoDbEndpoint: string;
};

/**
 * The handlers' environment in the local stack: what the template declares, then the local
 * overrides (no Cognito, KMS, S3 or SES; DynamoDB Local and the local Step Functions instead).
 */
export function localHandlerEnvironment(o: LocalEnvironmentInput, log: (line: string) => void): { env: Record<string, string>; stateMachineArns: Record<string, string> } {
  const stateMachineArns: Record<string, string> = {};
  for (const m of o.binding.machines) stateMachineArns[m.name] = `arn:aws:states:${o.binding.awsRegion}:000000000000:stateMachine:${m.name}`;
  if (o.binding.conflicts.length) log(`warning: functions declare different values for ${o.binding.conflicts.join(", ")}; one process uses one value`);
  // No Cognito locally: any address signs in (POST /api/dev/sign-in), so no account is made for a new member.
  // No KMS and no S3 either: a key file signs the exports and folders take them; exports of raw
  // responses run in the owner API's process, their links served by the local stack (export-downloads.ts).
  const { NODE_OPTIONS: _ignored, USER_POOL_ID: _noPool, EXPORT_SIGNING_KEY_ARN: _noKey, EXPORT_BUCKET: _noBucket, EXPORT_FILES_BUCKET: _noFiles, EXPORT_WORKER_FUNCTION: _noWorker, ...declared } = o.binding.environment;
  void [_ignored, _noPool, _noKey, _noBucket, _noFiles, _noWorker];
  const config = regionConfig(o.regionId);
  const env: Record<string, string> = {
    ...declared,
    TABLE_NAME: o.tableName,
    REGION_ID: declared.REGION_ID ?? o.regionId,
    DYNAMODB_ENDPOINT: o.dynamoDbEndpoint,
    SFN_ENDPOINT: o.sfnEndpoint,
    MAIL_MODE: "outbox",
    SITE_URL: o.url,
    MAX_WAIT_SECONDS: String(Math.min(Number(declared.MAX_WAIT_SECONDS ?? 86400) || 86400, MAX_LOCAL_WAIT_SECONDS)),
    // The mail goes to the outbox, not SES: its delay is compressed to this rate (the bench sets its own).
    MAIL_SEND_RATE: process.env.MAIL_SEND_RATE ?? "500",
    MAIL_TASK_SECONDS: process.env.MAIL_TASK_SECONDS ?? declared.MAIL_TASK_SECONDS ?? "300",
    // A stage that everyone has submitted ends within seconds on a laptop, not the half day AWS polls at.
    CYCLE_POLL_SECONDS: process.env.CYCLE_POLL_SECONDS ?? "15",
    AWS_REGION: o.binding.awsRegion,
    AWS_DEFAULT_REGION: o.binding.awsRegion,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: "1",
    EXPORT_SIGNING_KEY_FILE: path.join(o.dataDir, "export-signing-key.pem"),
    EXPORT_DIR: path.resolve(o.exportDir ?? path.join(o.dataDir, "exports")),
    REGION_NAME: config.displayName,
    REGION_COUNTY_CODES: config.countyCodes.join(","),
    EXPORT_FILES_DIR: path.join(o.dataDir, "export-files"),
    EXPORT_URL_SECRET_FILE: path.join(o.dataDir, "export-url-secret"),
  };
  if (stateMachineArns.SurveyRound) env.ROUND_STATE_MACHINE_ARN = stateMachineArns.SurveyRound;
  return { env, stateMachineArns };
}
