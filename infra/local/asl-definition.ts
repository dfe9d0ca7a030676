/**
 * The ASL of a state machine as aws-local-stepfunctions runs it: what the interpreter does not
 * know (`$$.Task.Token`, TimeoutSecondsPath against the state's input) is rewritten here, and
 * every timeout stays below Node's timer limit.
 */
const TOKEN_PLACEHOLDER = "__KOMPETENSBEHOV_LOCAL_TASK_TOKEN__";
/** Where prepareDefinition carries a TimeoutSecondsPath's value (see there); dropped before a task runs. */
export const LOCAL_TIMEOUT_KEY = "__kompetensbehovTimeoutSeconds";
/** setTimeout overflows beyond 2^31-1 ms (~24.8 days): every local timer stays below that. */
const MAX_TIMER_SECONDS = 2_000_000;

/** Every state of a definition, also inside Parallel branches and Map processors. */
export function forEachState(definition: any, fn: (name: string, state: any) => void): void {
  for (const [name, state] of Object.entries<any>(definition?.States ?? {})) {
    fn(name, state);
    for (const branch of state.Branches ?? []) forEachState(branch, fn);
    if (state.Iterator) forEachState(state.Iterator, fn);
    if (state.ItemProcessor) forEachState(state.ItemProcessor, fn);
  }
}

function replaceTokenPath(value: any): any {
  if (Array.isArray(value)) return value.map(replaceTokenPath);
  if (value && typeof value === "object") {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith(".$") && v === "$$.Task.Token") out[k.slice(0, -2)] = TOKEN_PLACEHOLDER;
      else out[k] = replaceTokenPath(v);
    }
    return out;
  }
  return value;
}

export function fillToken(value: any, token: string): any {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((v) => fillToken(v, token));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillToken(v, token)]));
  return value;
}

/**
 * The definition as the interpreter runs it: `$$.Task.Token` (which the interpreter does not
 * know) becomes a placeholder filled per task, and timeouts stay below Node's timer limit.
 */
/** Lambda's longest run. */
const LAMBDA_MAX_SECONDS = 900;
const isLambdaTask = (resource: unknown) => typeof resource === "string" && (resource.startsWith("arn:aws:states:::lambda:invoke") || resource.includes(":lambda:"));

export function prepareDefinition(definition: any): any {
  const copy = JSON.parse(JSON.stringify(definition));
  forEachState(copy, (_name, state) => {
    if (state.Type !== "Task") return;
    if (typeof state.Resource === "string" && state.Resource.endsWith(".waitForTaskToken")) {
      if (state.Parameters) state.Parameters = replaceTokenPath(state.Parameters);
      // A timeout from the input (TimeoutSecondsPath) may not sit beside TimeoutSeconds.
      if (state.TimeoutSecondsPath === undefined) state.TimeoutSeconds ??= MAX_TIMER_SECONDS;
    }
    // On AWS a Lambda task without a timeout of its own ends when the function does (at most its
    // 15 minutes); the interpreter's default is the ASL spec's 60 s, which would time out and retry
    // a long invite task while it still runs.
    else if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined && isLambdaTask(state.Resource)) state.TimeoutSeconds = LAMBDA_MAX_SECONDS;
    if (state.TimeoutSeconds) state.TimeoutSeconds = Math.min(state.TimeoutSeconds, MAX_TIMER_SECONDS);
    // Step Functions resolves TimeoutSecondsPath against the state's input, the interpreter against
    // the input after Parameters: the value is carried through Parameters under a key no task sees.
    if (typeof state.TimeoutSecondsPath === "string" && state.Parameters && typeof state.Parameters === "object") {
      state.Parameters = { ...state.Parameters, [`${LOCAL_TIMEOUT_KEY}.$`]: state.TimeoutSecondsPath };
      state.TimeoutSecondsPath = `$.${LOCAL_TIMEOUT_KEY}`;
    }
  });
  return copy;
}

/** The task's input without the value prepareDefinition carried for TimeoutSecondsPath. */
export function withoutLocalTimeout(input: any): any {
  if (!input || typeof input !== "object" || Array.isArray(input) || !(LOCAL_TIMEOUT_KEY in input)) return input;
  const { [LOCAL_TIMEOUT_KEY]: _timeout, ...rest } = input;
  void _timeout;
  return rest;
}
