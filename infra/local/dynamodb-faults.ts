/**
 * Injected DynamoDB faults for the local stack (never on AWS): a middleware on the handlers'
 * DynamoDB clients (functions/adapters/dynamodb.ts, decorateLocalClients) that fails a share of
 * the calls as DynamoDB fails them under load, so the load and fault tests can check that what a
 * participant was told is stored is stored exactly once.
 *
 * The setting, from `KB_FAULTS` or LocalStackOptions.faults, is a comma-separated list:
 *
 *   rate=0.05       share of calls (each attempt the SDK makes) that fail
 *   throttle=0.5    share of the failures that are throttles (ProvisionedThroughputExceededException
 *                   and ThrottlingException, half each); the rest are InternalServerError (HTTP 500)
 *   timeout=0       share of the failures that happen after DynamoDB has carried the call out (the
 *                   client sees a TimeoutError; the write may have been made), taken before the split above
 *   seed=1          seed of the draws (one sequence per stack; with concurrent calls the order, and
 *                   so which call meets which draw, still varies from run to run)
 *   only=round-task handler kinds (functions/config/environment.ts) whose calls may fail, joined
 *                   by `+`; every kind when absent
 *
 * The middleware sits inside the SDK's retry middleware: each attempt is drawn on its own, and
 * the SDK retries a throttle, a 500 or a timeout as it does on AWS (3 attempts by default), so a
 * handler sees a failure only when every attempt failed.
 */
import {
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from "@aws-sdk/client-dynamodb";
import * as z from "zod";
import { decorateLocalClients } from "../../functions/adapters/dynamodb";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

const share = z.coerce.number().min(0).max(1);

/** The fault setting as given (`rate=0.05,throttle=0.5,...`), parsed. */
export const FaultSetting = z
  .object({
    rate: share.default(0),
    throttle: share.default(0.5),
    timeout: share.default(0),
    seed: z.coerce.number().int().default(1),
    only: z
      .string()
      .regex(/^[a-z-]+(\+[a-z-]+)*$/, "only takes handler kinds joined by +")
      .transform((s) => s.split("+"))
      .optional(),
  })
  .strict();
export type FaultSetting = z.infer<typeof FaultSetting>;

export class InvalidFaultSettingError extends Error {
  override readonly name = "InvalidFaultSettingError";
}

/** `rate=0.05,throttle=0.5,seed=1` -> FaultSetting; a bad setting throws, naming what is wrong. */
export function parseFaultSetting(text: string): FaultSetting {
  const entries: Record<string, string> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new InvalidFaultSettingError(`KB_FAULTS: "${part}" is not name=value`);
    entries[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const parsed = FaultSetting.safeParse(entries);
  if (!parsed.success) throw new InvalidFaultSettingError(`KB_FAULTS: ${parsed.error.issues.map((i) => `${i.path.join(".") || "setting"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export type FaultKind = "ProvisionedThroughputExceededException" | "ThrottlingException" | "InternalServerError" | "TimeoutError";

/** The switch a running stack exposes: what is injected now, and how many of each were. */
export interface FaultInjector {
  readonly setting: FaultSetting | undefined;
  /** Another setting from now on (undefined: none). */
  set(setting: FaultSetting | string | undefined): void;
  /** Faults injected so far, by kind, and the calls that were drawn for. */
  counts(): Record<FaultKind, number> & { calls: number };
  /** The fault of one attempt by a client of the handlers of `kind`, if it gets one (counted). */
  pick(kind: string): FaultKind | undefined;
}

const metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: "local-fault", attempts: 1, totalRetryDelay: 0 });

function injected(kind: Exclude<FaultKind, "TimeoutError">): Error {
  const message = `Injected by the local stack's fault setting (KB_FAULTS)`;
  switch (kind) {
    case "ProvisionedThroughputExceededException":
      return new ProvisionedThroughputExceededException({ message, $metadata: metadata(400) });
    case "ThrottlingException":
      return new ThrottlingException({ message, $metadata: metadata(400) });
    case "InternalServerError":
      return new InternalServerError({ message, $metadata: metadata(500) });
  }
}

/** As Node's socket timeout reaches the SDK: a TimeoutError, which its retry strategy takes as transient. */
function timeoutError(): Error {
  return Object.assign(new Error("Injected timeout after DynamoDB answered (KB_FAULTS)"), { name: "TimeoutError", $metadata: {} });
}

export function faultInjector(initial?: FaultSetting | string): FaultInjector {
  let setting: FaultSetting | undefined;
  let draw: () => number = Math.random;
  const counts = { ProvisionedThroughputExceededException: 0, ThrottlingException: 0, InternalServerError: 0, TimeoutError: 0, calls: 0 };
  const set = (next: FaultSetting | string | undefined) => {
    setting = typeof next === "string" ? (next.trim() ? parseFaultSetting(next) : undefined) : next;
    const generator = xoroshiro128plus(setting?.seed ?? 1);
    draw = () => uniformFloat64(generator);
  };
  set(initial);

  return {
    get setting() {
      return setting;
    },
    set,
    counts: () => ({ ...counts }),
    pick(kind) {
      const s = setting;
      if (!s || s.rate === 0 || (s.only && !s.only.includes(kind))) return undefined;
      counts.calls++;
      if (draw() >= s.rate) return undefined;
      const fault: FaultKind =
        draw() < s.timeout ? "TimeoutError" : draw() < s.throttle ? (draw() < 0.5 ? "ProvisionedThroughputExceededException" : "ThrottlingException") : "InternalServerError";
      counts[fault]++;
      return fault;
    },
  };
}

/**
 * The injector the middleware asks: the running stack's. The handler modules, and the clients
 * they build once, outlive a stack that a test stops and starts again in the same process.
 */
let active: FaultInjector | undefined;
export function activateFaults(injector: FaultInjector | undefined): void {
  active = injector;
}

/** Puts the fault middleware on a client the handlers of `kind` use (functions/adapters/dynamodb.ts, decorateLocalClients). */
export function addFaultMiddleware(client: DynamoDBClient, kind: string): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const fault = active?.pick(kind);
      if (!fault) return next(args);
      if (fault !== "TimeoutError") throw injected(fault);
      await next(args);
      throw timeoutError();
    },
    // finalizeRequest after the retry middleware (which is priority high there): once per attempt.
    { step: "finalizeRequest", priority: "low", name: "localFaultInjection" },
  );
}

/** The local stack's faults: the setting's injector made the active one, the middleware on every handler client made from now on. */
export function installFaults(setting: string | undefined, log: (line: string) => void): FaultInjector {
  const faults = faultInjector(setting);
  if (faults.setting) log(`injecting DynamoDB faults: ${JSON.stringify(faults.setting)}`);
  activateFaults(faults);
  decorateLocalClients(addFaultMiddleware);
  return faults;
}
