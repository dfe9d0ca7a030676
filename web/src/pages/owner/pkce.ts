/**
 * OAuth 2.0 authorization code flow with PKCE (RFC 7636) for the owners' Cognito sign-in: pure
 * helpers (Web Crypto only), unit-tested in test/unit/pkce.test.ts. Owner code only.
 */

/** base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A random URL-safe string of `byteLength` random bytes (32 bytes -> 43 characters, as PKCE asks). */
export function randomString(byteLength = 32): string {
  const bytes = new Uint8Array(byteLength);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

/** The S256 code challenge of a code verifier: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** True only if the `state` that came back is the one this tab sent (both present and equal). */
export function stateMatches(expected: string | null | undefined, received: string | null | undefined): boolean {
  if (!expected || !received || expected.length !== received.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ received.charCodeAt(i);
  return diff === 0;
}

export interface AuthorizeParams {
  /** Host name of the hosted UI, e.g. `kompetensbehov-ostergotland.auth.eu-north-1.amazoncognito.com`. */
  readonly domain: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge: string;
}

/** The hosted UI's /oauth2/authorize URL for the code flow with an S256 challenge. */
export function authorizeUrl(p: AuthorizeParams): string {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: "openid email profile",
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: "S256",
  });
  return `https://${p.domain}/oauth2/authorize?${query}`;
}

/** The form body of the token request that redeems a code (application/x-www-form-urlencoded). */
export function tokenRequestBody(p: { clientId: string; code: string; redirectUri: string; verifier: string }): string {
  return new URLSearchParams({
    grant_type: "authorization_code",
    client_id: p.clientId,
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.verifier,
  }).toString();
}

/** The hosted UI's /logout URL that ends the Cognito session and comes back to `logoutUri`. */
export function logoutUrl(p: { domain: string; clientId: string; logoutUri: string }): string {
  return `https://${p.domain}/logout?${new URLSearchParams({ client_id: p.clientId, logout_uri: p.logoutUri })}`;
}

/** The claims of a JWT (not verified: the API's JWT authorizer does that); null if it is not one. */
export function jwtClaims(jwt: string): Record<string, unknown> | null {
  const part = jwt.split(".")[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
