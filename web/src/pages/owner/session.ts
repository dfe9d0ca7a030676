import { useSyncExternalStore } from "react";
import { api, ApiError, send, type RequestOptions } from "../../lib/api";

/** The owner's bearer token, kept for the browser tab only (sessionStorage). */
export type Session = { token: string; email: string };
const KEY = "kb.owner";
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function read(): Session | null {
  let raw: string | null = null;
  try {
    raw = window.sessionStorage.getItem(KEY);
  } catch {
    raw = null;
  }
  if (raw !== cached.raw) {
    let session: Session | null = null;
    try {
      const parsed = raw ? (JSON.parse(raw) as Session) : null;
      if (parsed && typeof parsed.token === "string") session = parsed;
    } catch {
      session = null;
    }
    cached = { raw, session };
  }
  return cached.session;
}

export function setSession(session: Session | null, reason?: "expired"): void {
  try {
    if (session) window.sessionStorage.setItem(KEY, JSON.stringify(session));
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // storage blocked: nothing to keep
  }
  signOutReason = session ? null : (reason ?? null);
  listeners.forEach((l) => l());
}

export let signOutReason: "expired" | null = null;

export function useSession(): Session | null {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    read,
    read,
  );
}

function handle401(error: unknown): never {
  if (error instanceof ApiError && error.status === 401) setSession(null, "expired");
  throw error;
}

/** An owner API call with the bearer token; a 401 signs the owner out. */
export function ownerApi<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return api<T>(path, { ...options, token: read()?.token }).catch(handle401);
}

export function ownerBlob(path: string, options: RequestOptions = {}) {
  return apiBlob(path, { ...options, token: read()?.token }).catch(handle401);
}

/** Calls the API and returns the answer as a Blob (file downloads). */
async function apiBlob(path: string, options: RequestOptions = {}): Promise<{ blob: Blob; filename?: string }> {
  const response = await send(path, options);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob: await response.blob(), filename: match ? decodeURIComponent(match[1]) : undefined };
}
