/**
 * The local stack behind `npm start`: the same handlers and the same state machine definitions
 * as on AWS, taken from the synthesized RegionStack, with no AWS account.
 *
 *   template (infra/template)          local stand-in
 *   AWS::DynamoDB::Table           ->  DynamoDB Local (on disk under <dataDir>/dynamodb), table
 *                                      created from tableDefinition(template)
 *   AWS::ApiGatewayV2::Route       ->  node:http server: httpRoutes(template) -> API Gateway v2
 *                                      events for functions/<handler>.ts, JWT routes verified here
 *   AWS::StepFunctions::StateMachine -> aws-local-stepfunctions behind an AWS JSON 1.0 endpoint at
 *                                      /_local/sfn, tasks bound by stateMachineAsl(...).taskHandlers
 *   Lambda environment             ->  functionEnvironment(template, handler) + local overrides
 *   Cognito                        ->  POST /api/dev/sign-in (HS256, secret in <dataDir>)
 *   SES                            ->  MAIL_MODE=outbox, GET /api/dev/outbox
 *   S3 + CloudFront                ->  web/dist with SPA fallback
 *   (a one-off migration task)     ->  functions/migrations run on every start, before the handlers
 *
 * Nothing here implements a use case: it is only wiring.
 */
import { mkdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import * as path from "node:path";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createStores } from "../../functions/stores/index";
import { runMigrations } from "../../functions/migrations/index";
import type { CfnTemplate } from "../template/index";
import { REGION_GROUPS } from "../../shared/schemas/project";
import { loadOrCreateSecret, signOwnerToken, verifyAuthorization } from "./dev-auth";
import { devRoutes } from "./dev-routes";
import { ensureTable, freePort, localDynamoDbClient, superviseDynamoDbLocal, type SupervisedDynamoDbLocal } from "./dynamodb-local";
import { BodyTooLarge, buildEvent, compileRoutes, listen, matchRoute, readBody, sendError, writeResult } from "./http-gateway";
import { createStaticSite, ensureWebBuilt } from "./static-site";
import { requestGuard } from "./request-guard";
import { timedHandlers } from "./timed-handlers";
import { LocalStepFunctions, type LambdaHandler } from "./step-functions";
import { recordFilter } from "./event-filter";
import { tableStreamReader, type StreamHandler, type TableStreamReader } from "./table-stream";
import { bindTemplate, importHandler, repoRoot, synthTemplate } from "./template-binding";
import { statusEventConsumer } from "./status-event-consumer";
import { exportDownloads } from "./export-downloads";
import { LOCAL_EXPORT_PATH } from "../../functions/adapters/export-files";
import { installFaults, type FaultInjector } from "./dynamodb-faults";
import { localHandlerEnvironment } from "./handler-environment";

export { statusEventConsumer };

export interface LocalStackOptions {
  /** HTTP port; 0 picks a free one. @default 3000 */
  port?: number;
  /** Interface to listen on. @default 127.0.0.1 (and ::1 when available) */
  host?: string;
  /** Where DynamoDB Local keeps its file and the dev JWT secret lives. */
  dataDir: string;
  /** Seed the demo region through the HTTP API when the table has no organisations. */
  seed?: boolean;
  /** @default process.env.REGION ?? "ostergotland" */
  regionId?: string;
  /** A template synthesized before (tests reuse one); synthesized here otherwise. */
  template?: CfnTemplate;
  /** Run `npm run build` when web/dist is missing. @default true */
  buildWeb?: boolean;
  /** @default web/dist of the repository */
  webDist?: string;
  /** Request body limit in bytes. @default 1 MB */
  maxBodyBytes?: number;
  /** Where the region publishes its release exports for a consortium (the exports bucket on AWS). @default <dataDir>/exports */
  exportDir?: string;
  /** Line logger. @default console.log with a prefix */
  log?: (line: string) => void;
  /** Injected DynamoDB faults on the handlers' calls (infra/local/dynamodb-faults.ts). @default process.env.KB_FAULTS (none) */
  faults?: string;
  /** Tests: every workflow task's Retry interval, instead of the definition's. @default the definition's */
  retryIntervalMs?: number;
  /**
   * Benchmarks: told of every handler invocation (HTTP route, workflow task, stream batch, status
   * event) with its duration, and of every event of every execution's log. @default none
   */
  instrument?: {
    onInvocation(handlerPath: string, ms: number): void;
    onExecutionEvent(machine: string, type: string): void;
    /** The endpoint the handlers' DynamoDB clients use, given DynamoDB Local's (a counting proxy in front of it). */
    handlerDynamoDbEndpoint?(endpoint: string): Promise<string>;
  };
}

export interface LocalStack {
  readonly url: string;
  readonly port: number;
  readonly regionId: string;
  readonly tableName: string;
  readonly dataDir: string;
  readonly dynamodb: SupervisedDynamoDbLocal;
  readonly sfn: LocalStepFunctions;
  readonly sfnEndpoint: string;
  readonly stateMachineArns: Record<string, string>;
  /** Milliseconds per start-up step. */
  readonly timings: Record<string, number>;
  /** The fault setting in force, switchable while the stack runs, and what it injected. */
  readonly faults: FaultInjector;
  /** A token as POST /api/dev/sign-in issues it, with these region-wide groups. */
  signIn(email: string, groups?: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

/** API Gateway HTTP APIs take bodies up to 10 MB; the handlers hold their own, smaller limits (functions/api/http.ts). */
const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
/** Node's timers overflow beyond ~24.8 days; the plan task never asks for longer than this. */
/** API Gateway's integration timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const mark = (step: string, since: number) => (timings[step] = Date.now() - since);
  const log = options.log ?? ((line: string) => console.log(`[local] ${line}`));
  const regionId = options.regionId ?? process.env.REGION ?? "ostergotland";
  const dataDir = path.resolve(options.dataDir);
  const webDist = options.webDist ?? path.join(repoRoot, "web", "dist");
  const bodyLimit = options.maxBodyBytes ?? DEFAULT_BODY_LIMIT;
  const host = options.host ?? "127.0.0.1";
  mkdirSync(dataDir, { recursive: true });
  const port = options.port === undefined ? 3000 : options.port === 0 ? await freePort() : options.port;
  const url = `http://localhost:${port}`;
  const sfnEndpoint = `http://127.0.0.1:${port}/_local/sfn`;

  if (options.buildWeb !== false) {
    const t = Date.now();
    ensureWebBuilt(webDist, repoRoot, log);
    mark("webBuild", t);
  }

  // DynamoDB Local (a JVM) starts while the template is synthesized.
  const tDynamo = Date.now();
  // Supervised: killed or crashed, it comes back on the same port with the same database file.
  const dynamodbStarting = superviseDynamoDbLocal({ dbPath: path.join(dataDir, "dynamodb"), log: (line) => log(line) });
  dynamodbStarting.catch(() => {}); // handled below
  let dynamodb: SupervisedDynamoDbLocal | undefined;
  try {
    const tSynth = Date.now();
    const template = options.template ?? (await synthTemplate(regionId));
    const binding = await bindTemplate(template, regionId);
    mark("synth", tSynth);

    dynamodb = await dynamodbStarting;
    timings.dynamodb = dynamodb.startupMs;
    mark("dynamodbReady", tDynamo);

    const tableName = `kompetensbehov-${regionId}`;
    const ddb = localDynamoDbClient(dynamodb.endpoint);
    const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
    const stores = createStores({ doc, name: tableName });
    const tTable = Date.now();
    if (await ensureTable(ddb, tableName, binding.tableDefinition)) log(`created table ${tableName}`);
    mark("table", tTable);
    // Before any handler or stream reader runs: the data is brought to the code's schema version.
    const tMigrate = Date.now();
    const migrated = await runMigrations({ stores, clock: () => new Date() }, log);
    if (migrated.applied.length) log(`table at schema version ${migrated.to} (was ${migrated.from})`);
    mark("migrate", tMigrate);

    // The handlers' environment: what the template declares, then the local overrides. Set
    // before the handler modules are imported (they build their clients at import).
    const { env, stateMachineArns } = localHandlerEnvironment({
      binding, regionId, tableName, url, sfnEndpoint, dataDir, exportDir: options.exportDir,
      dynamoDbEndpoint: (await options.instrument?.handlerDynamoDbEndpoint?.(dynamodb.endpoint)) ?? dynamodb.endpoint,
    }, log);
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    Object.assign(process.env, env);

    // Before the handlers build their clients: every one of them passes the fault middleware.
    const faults = installFaults(options.faults ?? process.env.KB_FAULTS, log);
    const tImport = Date.now();
    const handlers = new Map<string, LambdaHandler>();
    for (const handlerPath of binding.handlers) handlers.set(handlerPath, await importHandler(handlerPath));
    mark("handlers", tImport);
    const loaded = async (handlerPath: string) => handlers.get(handlerPath) ?? importHandler(handlerPath);
    const instrument = options.instrument;
    // Every way in to a handler (routes, tasks, stream readers, status events) loads it here.
    const loadHandler = instrument ? timedHandlers(loaded, instrument.onInvocation) : loaded;

    const sfn = new LocalStepFunctions({
      doc,
      ddb,
      tableName,
      awsRegion: binding.awsRegion,
      machines: binding.machines,
      loadHandler,
      log: (line) => log(`sfn: ${line}`),
      onExecutionEnded: statusEventConsumer(binding.statusEventConsumers, loadHandler),
      onExecutionEvent: instrument?.onExecutionEvent,
      retryIntervalMs: options.retryIntervalMs,
    });

    // Event source mappings on the table's stream: polled as Lambda polls them on AWS.
    const streamReaders: TableStreamReader[] = [];
    for (const { handler: handlerPath, filterCriteria } of binding.streamHandlers) {
      const handler = await loadHandler(handlerPath);
      const passes = recordFilter(filterCriteria);
      const reader = tableStreamReader({
        endpoint: dynamodb.endpoint,
        client: ddb,
        tableName,
        // As on AWS: records the mapping's filters drop never reach the function.
        handler: (async (event) => {
          const records = JSON.parse(JSON.stringify(event.Records)).filter(passes);
          if (!records.length) return { batchItemFailures: [] };
          return handler({ Records: records }, { functionName: handlerPath.replace(/\//g, "-") });
        }) as StreamHandler,
      });
      reader.start(250);
      streamReaders.push(reader);
    }
    if (!binding.streamHandlers.length && binding.tableDefinition.StreamSpecification) log("note: the table has a stream but the template maps no function to it");

    const secret = loadOrCreateSecret(dataDir);
    const serveDevRoute = devRoutes({ secret, regionId: env.REGION_ID!, outbox: stores.outbox, regionAdminEmails: firstRegionAdmins(template) });
    const routes = compileRoutes(binding.routes);
    const serveStatic = createStaticSite(webDist);
    const serveExport = exportDownloads(env.EXPORT_FILES_DIR!, env.EXPORT_URL_SECRET_FILE!);
    const inflight = new Set<Promise<unknown>>();

    const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, rawQueryString: string, body: Buffer) => {
      const method = (req.method ?? "GET").toUpperCase();
      const pathname = url.pathname;
      if (await serveDevRoute(res, method, url, body)) return;

      const match = matchRoute(routes, method, pathname);
      if (!match.route) return sendError(res, 404, "not-found", "No such endpoint.");
      let claims: Record<string, string> | null = null;
      if (match.route.auth === "jwt") {
        claims = await verifyAuthorization(secret, req.headers.authorization);
        if (!claims) {
          res.setHeader("www-authenticate", "Bearer");
          return sendError(res, 401, "unauthorized", "Sign in to continue.");
        }
      }
      const event = buildEvent({ req, url, rawQueryString, body, route: match.route, pathParameters: match.pathParameters, claims, awsRegion: binding.awsRegion });
      const handler = await loadHandler(match.route.handler);
      const context = {
        functionName: match.route.handler.replace(/\//g, "-"),
        awsRequestId: event.requestContext.requestId,
        getRemainingTimeInMillis: () => INTEGRATION_TIMEOUT_MS,
        callbackWaitsForEmptyEventLoop: true,
      };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), INTEGRATION_TIMEOUT_MS)));
      try {
        const result = await Promise.race([Promise.resolve(handler(event, context)), timeout]);
        if (result === "timeout") return sendError(res, 503, "unavailable", "The service did not answer in time.");
        writeResult(res, result, event.requestContext.requestId);
      } finally {
        clearTimeout(timer);
      }
    };

    const guard = requestGuard({ listenHost: host });
    const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
      const rawUrl = req.url ?? "/";
      const q = rawUrl.indexOf("?");
      const rawQueryString = q >= 0 ? rawUrl.slice(q + 1) : "";
      let url: URL;
      try {
        url = new URL(rawUrl, "http://localhost");
      } catch {
        return sendError(res, 400, "bad-request", "Malformed URL.");
      }
      const verdict = guard.check(req, url.pathname);
      if (!verdict.ok) {
        if (verdict.retryAfterSeconds) res.setHeader("retry-after", String(verdict.retryAfterSeconds));
        return sendError(res, verdict.status, verdict.code, verdict.message);
      }
      const isApi = url.pathname === "/api" || url.pathname.startsWith("/api/");
      const isSfn = url.pathname === "/_local/sfn" || url.pathname === "/_local/sfn/";
      if (url.pathname.startsWith(LOCAL_EXPORT_PATH)) return serveExport(req, res, url);
      if (!isApi && !isSfn) return serveStatic(req, res, url.pathname);
      let body: Buffer;
      try {
        body = await readBody(req, bodyLimit);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader("connection", "close");
          return sendError(res, 413, "too-large", "The request is too large.");
        }
        throw error;
      }
      if (isSfn) return sfn.handleHttp(req, res, body);
      return handleApi(req, res, url, rawQueryString, body);
    };

    const requestListener = (req: IncomingMessage, res: ServerResponse) => {
      const p = onRequest(req, res).catch((error) => {
        log(`${req.method} ${req.url} failed: ${(error as Error)?.stack ?? error}`);
        if (!res.headersSent) sendError(res, 500, "internal", "Something went wrong on our side. Please try again in a moment.");
        else res.destroy();
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    };

    const servers: Server[] = [];
    const tListen = Date.now();
    const main = createServer(requestListener);
    main.keepAliveTimeout = 5000;
    await listen(main, port, host);
    servers.push(main);
    if (host === "127.0.0.1") {
      // Browsers may resolve localhost to ::1 first.
      const v6 = createServer(requestListener);
      try {
        await listen(v6, port, "::1");
        servers.push(v6);
      } catch {
        v6.close();
      }
    }
    mark("listen", tListen);

    let stopping: Promise<void> | undefined;
    const stack: LocalStack = {
      url,
      port,
      regionId,
      tableName,
      dataDir,
      dynamodb,
      sfn,
      sfnEndpoint,
      stateMachineArns,
      timings,
      faults,
      signIn: (email, groups = []) => signOwnerToken(secret, email, env.REGION_ID!, "8h", groups),
      stop() {
        stopping ??= (async () => {
          for (const s of servers) s.close();
          await sfn.close();
          await Promise.allSettled(streamReaders.map((r) => r.stop()));
          await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, 3000))]);
          for (const s of servers) s.closeAllConnections();
          doc.destroy();
          await dynamodb!.stop();
        })();
        return stopping;
      },
    };

    const resumed = await sfn.resumeRunning();
    if (resumed.length) log(`re-running ${resumed.length} execution(s) from the top: ${resumed.map((a) => a.split(":").pop()).join(", ")}`);

    if (options.seed) {
      const tSeed = Date.now();
      try {
        const { seedDemo } = await import("./seed-demo");
        await seedDemo({ baseUrl: `http://127.0.0.1:${port}`, log, regionId });
      } catch (error) {
        log(`seeding the demo region failed: ${(error as Error)?.stack ?? error}`);
      }
      mark("seed", tSeed);
    }
    timings.total = Date.now() - t0;
    return stack;
  } catch (error) {
    const d = dynamodb ?? (await dynamodbStarting.catch(() => undefined));
    await d?.stop();
    throw error;
  }
}

/** The users the deploy puts in the region admins' group (infra/constructs/owner-auth.ts): locally they sign in as region admins. */
function firstRegionAdmins(template: CfnTemplate): string[] {
  return Object.values(template.Resources ?? {})
    .filter((r) => r.Type === "AWS::Cognito::UserPoolUserToGroupAttachment" && r.Properties?.GroupName === REGION_GROUPS.regionAdmin)
    .map((r) => String(r.Properties?.Username ?? ""))
    .filter(Boolean);
}
