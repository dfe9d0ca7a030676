/**
 * The owners' sign-in on AWS: the site's runtime config (`/config.json`, deployed by the stack
 * beside the built site; absent locally, where the local sign-in form is used) and the Cognito
 * hosted UI's authorization code flow with PKCE. The id token (email, cognito:groups,
 * custom:region) is what the API's JWT authorizer is given. Owner code only (lazy chunk).
 */
import { NetworkError } from "../../lib/api";
import { setSession, type Session } from "./session";
import { authorizeUrl, codeChallenge, jwtClaims, logoutUrl, randomString, stateMatches, tokenRequestBody } from "./pkce";

export type CognitoConfig = { domain: string; clientId: string; region: string };

export const CALLBACK_PATH = "/owner/callback";
const SIGNED_OUT_PATH = "/owner";
/** The pending sign-in of this tab: state, code verifier and where to return. */
const PENDING_KEY = "kb.owner.signIn";

let configPromise: Promise<CognitoConfig | null> | undefined;

/**
 * The Cognito settings of `/config.json`, or null when the site has none (local stack: 404).
 * A network failure is thrown (NetworkError) and not cached, so the page can retry.
 */
export function loadCognitoConfig(): Promise<CognitoConfig | null> {
  configPromise ??= fetchConfig().catch((error: unknown) => {
    configPromise = undefined;
    throw error;
  });
  return configPromise;
}

async function fetchConfig(): Promise<CognitoConfig | null> {
  let response: Response;
  try {
    response = await fetch("/config.json", { headers: { Accept: "application/json" }, cache: "no-cache" });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok || !/json/i.test(response.headers.get("Content-Type") ?? "")) return null;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return null;
  }
  const c = (body as { cognito?: Partial<CognitoConfig> } | null)?.cognito;
  if (
    !c ||
    typeof c.domain !== "string" ||
    !/^[a-z0-9.-]+$/i.test(c.domain) ||
    typeof c.clientId !== "string" ||
    !c.clientId ||
    typeof c.region !== "string"
  )
    return null;
  return { domain: c.domain, clientId: c.clientId, region: c.region };
}

const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

/** Only owner pages of this site are return targets (no open redirect). */
function safeReturnTo(path: unknown): string {
  return typeof path === "string" && /^\/owner(\/|$)/.test(path) && !path.startsWith(CALLBACK_PATH) ? path : "/owner";
}

/** Sends the browser to the hosted UI; comes back to /owner/callback and then to `returnTo`. */
export async function startSignIn(config: CognitoConfig, returnTo: string): Promise<void> {
  const state = randomString();
  const verifier = randomString(48);
  const challenge = await codeChallenge(verifier);
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier, returnTo: safeReturnTo(returnTo) }));
  window.location.assign(authorizeUrl({ domain: config.domain, clientId: config.clientId, redirectUri: redirectUri(), state, challenge }));
}

export type SignInErrorKind = "provider" | "state" | "exchange" | "config";

/** Why the return from the hosted UI did not sign the owner in. */
export class SignInError extends Error {
  constructor(
    readonly kind: SignInErrorKind,
    readonly detail?: string,
  ) {
    super(`sign-in: ${kind}${detail ? `: ${detail}` : ""}`);
    this.name = "SignInError";
  }
}

const completions = new Map<string, Promise<{ session: Session; returnTo: string }>>();

/**
 * Finishes the sign-in on /owner/callback: checks `state`, redeems the code with the verifier at
 * the token endpoint and returns the session (id token) and where to go. Once per callback URL
 * (React may run the effect twice).
 */
export function completeSignIn(config: CognitoConfig, search: string): Promise<{ session: Session; returnTo: string }> {
  let pending = completions.get(search);
  if (!pending) {
    pending = redeem(config, search);
    completions.set(search, pending);
  }
  return pending;
}

async function redeem(config: CognitoConfig, search: string): Promise<{ session: Session; returnTo: string }> {
  const params = new URLSearchParams(search);
  let stored: { state?: string; verifier?: string; returnTo?: string } = {};
  try {
    stored = JSON.parse(window.sessionStorage.getItem(PENDING_KEY) ?? "{}") ?? {};
  } catch {
    stored = {};
  }
  window.sessionStorage.removeItem(PENDING_KEY);

  const error = params.get("error");
  if (error) throw new SignInError("provider", params.get("error_description") || error);
  const code = params.get("code");
  if (!code || !stored.verifier || !stateMatches(stored.state, params.get("state"))) throw new SignInError("state");

  let response: Response;
  try {
    response = await fetch(`https://${config.domain}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: tokenRequestBody({ clientId: config.clientId, code, redirectUri: redirectUri(), verifier: stored.verifier }),
    });
  } catch {
    throw new NetworkError();
  }
  const body = (await response.json().catch(() => null)) as { id_token?: string; error?: string } | null;
  if (!response.ok || !body?.id_token) throw new SignInError("exchange", body?.error);

  const claims = jwtClaims(body.id_token);
  if (!claims) throw new SignInError("exchange", "id_token");
  // Every account of the region's pool may sign in; what it may do is the API's to say (GET /api/me).
  const email = typeof claims.email === "string" ? claims.email : "";
  return { session: { token: body.id_token, email }, returnTo: safeReturnTo(stored.returnTo) };
}

/** Signs out of the site and, on AWS, of the hosted UI too (back to /owner). */
export async function signOut(): Promise<void> {
  setSession(null);
  const config = await loadCognitoConfig().catch(() => null);
  if (config) {
    window.location.assign(logoutUrl({ domain: config.domain, clientId: config.clientId, logoutUri: `${window.location.origin}${SIGNED_OUT_PATH}` }));
  }
}
