import { DEFAULT_CYCLE_POLL_SECONDS, DEFAULT_MAX_WAIT_SECONDS, parseHandlerEnvironment, type HandlerEnvironment, type HandlerKind } from "../config/environment";
import { createDocumentClient } from "./dynamodb";
import { createStores } from "../stores";
import { outboxMailer, sesMailer } from "./mailer";
import { fixedMailAccount, sesMailAccount } from "./mail-account";
import type { CycleWorkflows, Deps, RoundWorkflows } from "./ports";
import { stepFunctionsRoundWorkflows } from "./round-workflows";
import { createSfnClient } from "./step-functions";
import { stepFunctionsCycleWorkflows } from "./cycle-workflows";
import { cognitoUserDirectory } from "./user-directory";
import { fileReleaseSigner, kmsReleaseSigner } from "./release-signer";
import { folderExportShelf, s3ExportShelf } from "./export-shelf";
import { folderExportFiles, loadOrCreateExportUrlSecret, s3ExportFiles } from "./export-files";
import { backgroundExportRunner, lambdaExportRunner } from "./export-runner";
import { fileRowSpool } from "./row-spool";
import { tmpdir } from "node:os";
import { runExport } from "../domain/export-jobs";
import { logger } from "../observability/logger";

/** A handler used a state machine whose ARN its kind is not given (functions/config/environment.ts). */
export class StateMachineNotConfiguredError extends Error {
  override readonly name = "StateMachineNotConfiguredError";
  constructor(kind: HandlerKind, variable: string) {
    super(`${kind} handlers are not given ${variable}`);
  }
}

function notConfigured(kind: HandlerKind, variable: string): () => never {
  return () => {
    throw new StateMachineNotConfiguredError(kind, variable);
  };
}

/** One Deps per handler kind and module instance (Lambda reuses it; the local stack runs every kind in one process). */
const built = new Map<Exclude<HandlerKind, "consortium-api">, Deps>();

/**
 * The handlers' ports, built from the environment of their kind once per module instance. The
 * first call fails with an InvalidEnvironmentError listing every missing or invalid variable.
 */
export function runtimeDeps(kind: Exclude<HandlerKind, "consortium-api">): Deps {
  const cached = built.get(kind);
  if (cached) return cached;
  const env = parseHandlerEnvironment(kind, process.env);
  const stores = createStores({ doc: createDocumentClient(process.env.DYNAMODB_ENDPOINT, kind), name: env.TABLE_NAME });
  const clock = () => new Date();
  const sfn = createSfnClient();
  const roundArn = "ROUND_STATE_MACHINE_ARN" in env ? env.ROUND_STATE_MACHINE_ARN : undefined;
  const cycleArn = "CYCLE_STATE_MACHINE_ARN" in env ? env.CYCLE_STATE_MACHINE_ARN : undefined;
  const noRounds = notConfigured(kind, "ROUND_STATE_MACHINE_ARN");
  const noCycles = notConfigured(kind, "CYCLE_STATE_MACHINE_ARN");
  const userPoolId = "USER_POOL_ID" in env ? env.USER_POOL_ID : undefined;
  // Only the owner API exports releases; its environment declares the export settings.
  const exports = kind === "owner-api" ? (env as HandlerEnvironment<"owner-api">) : undefined;
  const deps: Deps = {
    stores,
    users: userPoolId ? cognitoUserDirectory(userPoolId, env.REGION_ID) : undefined,
    clock,
    mailer: env.MAIL_MODE === "outbox" ? outboxMailer(stores.outbox, clock, env.RETENTION_OUTBOX_DAYS) : sesMailer(env.MAIL_FROM),
    mailAccount: env.MAIL_MODE === "outbox" ? localMailAccount(env.MAIL_ACCOUNT) : sesMailAccount(),
    workflows: roundArn ? stepFunctionsRoundWorkflows(roundArn, sfn) : ({ start: noRounds, stop: noRounds } satisfies RoundWorkflows),
    cycles: cycleArn ? stepFunctionsCycleWorkflows(cycleArn, sfn) : ({ start: noCycles, stop: noCycles, sendTaskSuccess: noCycles } satisfies CycleWorkflows),
    regionId: env.REGION_ID,
    k: env.DISCLOSURE_K,
    p: env.DISCLOSURE_P,
    siteUrl: env.SITE_URL,
    signer: exports?.EXPORT_SIGNING_KEY_ARN
      ? kmsReleaseSigner(exports.EXPORT_SIGNING_KEY_ARN)
      : exports?.EXPORT_SIGNING_KEY_FILE
        ? fileReleaseSigner(exports.EXPORT_SIGNING_KEY_FILE)
        : undefined,
    exportShelf: exports?.EXPORT_BUCKET ? s3ExportShelf(exports.EXPORT_BUCKET) : exports?.EXPORT_DIR ? folderExportShelf(exports.EXPORT_DIR) : undefined,
    region: exports?.REGION_NAME ? { name: exports.REGION_NAME, countyCodes: exports.REGION_COUNTY_CODES?.split(",") ?? [] } : undefined,
    retention: {
      rawAnswersDays: env.RETENTION_RAW_ANSWERS_DAYS,
      draftsDays: env.RETENTION_DRAFTS_DAYS,
      contactDataDays: env.RETENTION_CONTACT_DATA_DAYS,
      outboxDays: env.RETENTION_OUTBOX_DAYS,
    },
    mailPace: "MAIL_SEND_RATE" in env ? { sendRatePerSecond: env.MAIL_SEND_RATE, taskSeconds: env.MAIL_TASK_SECONDS } : undefined,
    ...exportPorts(kind, env),
    maxWaitSeconds: "MAX_WAIT_SECONDS" in env ? env.MAX_WAIT_SECONDS : DEFAULT_MAX_WAIT_SECONDS,
    cyclePollSeconds: "CYCLE_POLL_SECONDS" in env ? env.CYCLE_POLL_SECONDS : DEFAULT_CYCLE_POLL_SECONDS,
  };
  if (kind === "owner-api" && deps.exportFiles && !deps.exportRunner) {
    // Locally: no worker function; the export runs in this process once the request is answered.
    deps.exportRunner = backgroundExportRunner(
      (roundId, exportId) => runExport(deps, roundId, exportId),
      (error) => logger.error("export failed", { error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }
  built.set(kind, deps);
  return deps;
}

/** The export files (bucket or folder) of the owner API and the worker, and the owner API's worker function. */
function exportPorts(kind: Exclude<HandlerKind, "consortium-api">, env: HandlerEnvironment<typeof kind>): Pick<Deps, "exportFiles" | "exportRunner" | "exportSpool"> {
  if (kind !== "owner-api" && kind !== "export-worker") return {};
  const e = env as HandlerEnvironment<"owner-api">;
  const exportFiles = e.EXPORT_FILES_BUCKET
    ? s3ExportFiles(e.EXPORT_FILES_BUCKET)
    : e.EXPORT_FILES_DIR && e.EXPORT_URL_SECRET_FILE
      ? folderExportFiles({ dir: e.EXPORT_FILES_DIR, baseUrl: e.SITE_URL, secret: loadOrCreateExportUrlSecret(e.EXPORT_URL_SECRET_FILE) })
      : undefined;
  return { exportFiles, exportRunner: e.EXPORT_WORKER_FUNCTION ? lambdaExportRunner(e.EXPORT_WORKER_FUNCTION) : undefined, exportSpool: () => fileRowSpool(tmpdir()) };
}

function localMailAccount(status: "production" | "sandbox" | "paused" | undefined) {
  return fixedMailAccount(status === undefined || status === "production" ? { canSend: true } : { canSend: false, reason: status });
}
