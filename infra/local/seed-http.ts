import { FORM_TOKEN_HEADER } from "../../shared/form-link";

/**
 * The seeds' HTTP client: they write data only through the real API. `T` is what the caller
 * expects the endpoint to answer; the body is JSON-parsed, not validated.
 */
export async function call<T>(baseUrl: string, method: string, path: string, init: { token?: string; formToken?: string; json?: unknown; csv?: string } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.formToken) headers[FORM_TOKEN_HEADER] = init.formToken;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.csv !== undefined) {
    headers["content-type"] = "text/csv; charset=utf-8";
    body = init.csv;
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T };
}

/** The body of an answer with a status below 300; an error naming `what` otherwise. */
export async function expectOk<T>(what: string, p: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await p;
  if (status >= 300) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}
