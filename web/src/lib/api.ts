import { FORM_TOKEN_HEADER } from "../../../shared/form-link";
import type { ErrorBody } from "../../../shared/schemas/api";

/** A non-2xx answer of the API, with the parsed error body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.name = "ApiError";
  }
  get code(): string | undefined {
    return this.body?.error.code;
  }
  get issues() {
    return this.body?.error.issues ?? [];
  }
}

/** The request never got an answer (offline, DNS, server down). */
export class NetworkError extends Error {
  constructor() {
    super("network");
    this.name = "NetworkError";
  }
}

export type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** A JSON body (objects) or a raw body (strings, e.g. CSV, with contentType; a Blob, sent as its bytes). */
  body?: unknown;
  contentType?: string;
  token?: string | null;
  /** The participant's link token, sent in its header (shared/form-link.ts), never in the URL. */
  formToken?: string;
  signal?: AbortSignal;
  /** Keep the request alive while the page unloads (draft save on leaving). */
  keepalive?: boolean;
};

declare global {
  interface Window {
    /** The participant form's GET, started by /form-prefetch.js before this code loaded. */
    __kbPrefetch?: { url: string; formToken: string; response: Promise<Response> };
  }
}

/** The prefetched answer for a plain GET of its URL with the same form token, once. */
function takePrefetched(path: string, options: RequestOptions): Promise<Response> | undefined {
  const p = typeof window === "undefined" ? undefined : window.__kbPrefetch;
  if (!p || p.url !== path || p.formToken !== options.formToken || (options.method ?? "GET") !== "GET" || options.token) return undefined;
  window.__kbPrefetch = undefined;
  return p.response;
}

export async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === "string") {
      body = options.body;
      headers["Content-Type"] = options.contentType ?? "text/plain";
    } else if (options.body instanceof Blob) {
      // A file as it lies on disk: its bytes, whatever their encoding, for the API to decode.
      body = options.body;
      headers["Content-Type"] = options.contentType ?? "application/octet-stream";
    } else {
      body = JSON.stringify(options.body);
      headers["Content-Type"] = "application/json";
    }
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.formToken !== undefined) headers[FORM_TOKEN_HEADER] = options.formToken;
  let response: Response;
  const prefetched = takePrefetched(path, options);
  try {
    response = await (prefetched ?? fetch(path, {
      method: options.method ?? "GET",
      headers,
      body,
      signal: options.signal,
      keepalive: options.keepalive,
    }));
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    throw new NetworkError();
  }
  if (!response.ok) {
    let parsed: ErrorBody | null = null;
    try {
      const json = (await response.json()) as ErrorBody;
      if (json && typeof json === "object" && json.error) parsed = json;
    } catch {
      // not JSON: keep the status only
    }
    throw new ApiError(response.status, parsed);
  }
  return response;
}

/** Calls the API and returns the parsed JSON answer (or undefined for an empty body). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
