/**
 * Virtual participants for the load test (test/local/load.test.ts, test/local/faults.test.ts) and
 * its benchmark (test/bench/load.ts): a fixed number of them for a fixed time, each following
 * one invitation's token at a time through the participant's steps over HTTP on loopback:
 *
 *   open      GET /api/form
 *   draft     PUT /api/form/draft (`drafts` times, part of the answers)
 *   submit    POST /api/form/submit; after a 5xx or a broken connection the participant tries
 *             again (up to `retries` times), as someone who clicks "Skicka" once more
 *   resubmit  POST /api/form/submit once more after a 2xx (a double click): to be refused (409)
 *
 * A step that gets a 5xx is tried again like the submit; a 4xx ends the journey. No journey starts
 * after `durationMs`; the run ends when the journeys under way have ended, or earlier when the
 * tokens run out. Each journey is one participant: its own keep-alive connection from its own
 * loopback address (127.x.y.z), as the per-address limit of /api/form counts people, not this
 * test (shared/rate-limits.ts).
 */
import { Agent, request } from "node:http";
import type { Answers } from "../../shared/schemas";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";

export const STEPS = ["open", "draft", "submit", "resubmit"] as const;
export type Step = (typeof STEPS)[number];

export interface LoadPlan {
  port: number;
  /** One per journey, used in order. */
  tokens: readonly string[];
  participants: number;
  durationMs: number;
  answers: Answers;
  /** What each draft saves. @default the first half of `answers` */
  draftAnswers?: Answers;
  /** @default 2 */
  drafts?: number;
  /** Pause before each step, as a person reads and answers. @default 0 */
  thinkMs?: number;
  /** Tries after a 5xx or a broken connection, per step. @default 3 */
  retries?: number;
  /** The first loopback address used is 127.<addressBase>.0.1 (tests running at once pick different ones). @default 16 */
  addressBase?: number;
}

export interface StepFigures {
  /** Every attempt's duration, in ms. */
  latencies: number[];
  ok: number;
  client: number;
  server: number;
  /** No HTTP answer (connection refused, reset). */
  broken: number;
  statuses: Record<number, number>;
}

/** What became of one token's submit, as its participant saw it. */
export type SubmitOutcome =
  /** A 2xx: the answers must be stored, once. */
  | "accepted"
  /** 409 on a try after a 5xx: an earlier try was stored (it must be, once). */
  | "stored-earlier"
  /** Only 5xx or broken connections: may or may not be stored. */
  | "unsure"
  /** A 4xx (other than the above) or the journey ended before the submit: nothing may be stored. */
  | "refused";

export interface LoadResult {
  /** From the first request to the last answer of the journeys that started in time. */
  wallMs: number;
  journeys: number;
  tokensLeft: number;
  steps: Record<Step, StepFigures>;
  outcomes: Map<string, SubmitOutcome>;
}

const emptyFigures = (): StepFigures => ({ latencies: [], ok: 0, client: 0, server: 0, broken: 0, statuses: {} });

function call(agent: Agent, port: number, method: string, route: string, token: string, body?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, [FORM_TOKEN_HEADER]: token };
    if (body !== undefined) Object.assign(headers, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    const req = request({ host: "127.0.0.1", port, method, path: route, agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/** 127.<base + n / 65 024>.<n / 254 % 256>.<n % 254 + 1>: distinct for the first million journeys. */
function loopbackAddress(base: number, n: number): string {
  const host = n % 254;
  const rest = Math.floor(n / 254);
  return `127.${base + Math.floor(rest / 256)}.${rest % 256}.${host + 1}`;
}

const pause = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const drafts = plan.drafts ?? 2;
  const thinkMs = plan.thinkMs ?? 0;
  const retries = plan.retries ?? 3;
  const base = plan.addressBase ?? 16;
  const keys = Object.keys(plan.answers);
  const draftAnswers = plan.draftAnswers ?? Object.fromEntries(keys.slice(0, Math.ceil(keys.length / 2)).map((k) => [k, plan.answers[k]!]));
  const submitBody = JSON.stringify({ answers: plan.answers });
  const draftBody = JSON.stringify({ answers: draftAnswers });
  const steps = Object.fromEntries(STEPS.map((s) => [s, emptyFigures()])) as Record<Step, StepFigures>;
  const outcomes = new Map<string, SubmitOutcome>();
  let next = 0;
  let journeys = 0;

  /** One attempt of a step, timed and counted. */
  const attempt = async (step: Step, agent: Agent, method: string, route: string, token: string, body?: string) => {
    const t = performance.now();
    const status = await call(agent, plan.port, method, route, token, body);
    const f = steps[step];
    f.latencies.push(performance.now() - t);
    f.statuses[status] = (f.statuses[status] ?? 0) + 1;
    if (status === 0) f.broken++;
    else if (status < 400) f.ok++;
    else if (status < 500) f.client++;
    else f.server++;
    return status;
  };
  /** A step with the participant's tries after a 5xx; the last status, and whether a 5xx came first. */
  const withRetries = async (step: Step, agent: Agent, method: string, route: string, token: string, body?: string) => {
    let sawServerError = false;
    for (let i = 0; ; i++) {
      await pause(thinkMs);
      const status = await attempt(step, agent, method, route, token, body);
      const failed = status === 0 || status >= 500;
      if (!failed || i >= retries) return { status, sawServerError: sawServerError || failed };
      sawServerError = true;
    }
  };

  const journey = async (token: string, n: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: loopbackAddress(base, n) });
    outcomes.set(token, "refused");
    try {
      const opened = await withRetries("open", agent, "GET", "/api/form", token);
      if (opened.status !== 200) return;
      for (let d = 0; d < drafts; d++) {
        const saved = await withRetries("draft", agent, "PUT", "/api/form/draft", token, draftBody);
        if (saved.status !== 200) return;
      }
      const submitted = await withRetries("submit", agent, "POST", "/api/form/submit", token, submitBody);
      if (submitted.status >= 200 && submitted.status < 300) outcomes.set(token, "accepted");
      else if (submitted.status === 409 && submitted.sawServerError) outcomes.set(token, "stored-earlier");
      else if (submitted.status === 0 || submitted.status >= 500) outcomes.set(token, "unsure");
      if (outcomes.get(token) !== "accepted") return;
      await pause(thinkMs);
      await attempt("resubmit", agent, "POST", "/api/form/submit", token, submitBody);
    } finally {
      agent.destroy();
    }
  };

  const t0 = performance.now();
  const deadline = t0 + plan.durationMs;
  await Promise.all(
    Array.from({ length: plan.participants }, async () => {
      while (performance.now() < deadline && next < plan.tokens.length) {
        const n = next++;
        journeys++;
        await journey(plan.tokens[n]!, n);
      }
    }),
  );
  return { wallMs: performance.now() - t0, journeys, tokensLeft: plan.tokens.length - next, steps, outcomes };
}

/** How many tokens' submits ended each way. */
export function outcomeCounts(outcomes: Map<string, SubmitOutcome>): Record<SubmitOutcome, number> {
  const counts: Record<SubmitOutcome, number> = { accepted: 0, "stored-earlier": 0, unsure: 0, refused: 0 };
  for (const o of outcomes.values()) counts[o]++;
  return counts;
}
