import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  authorizeUrl,
  base64url,
  codeChallenge,
  jwtClaims,
  logoutUrl,
  randomString,
  stateMatches,
  tokenRequestBody,
} from "../../web/src/pages/owner/pkce";

describe("PKCE helpers (owner sign-in on AWS)", () => {
  it("the code challenge is base64url(SHA-256(verifier)): RFC 7636 appendix B", async () => {
    expect(await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("the code challenge equals node's SHA-256 in base64url for any verifier", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom(..."ABCxyz0189-._~"), minLength: 43, maxLength: 128 }), async (verifier) => {
        expect(await codeChallenge(verifier)).toBe(createHash("sha256").update(verifier).digest("base64url"));
      }),
      { numRuns: 50 },
    );
  });

  it("base64url has no padding and only URL-safe characters", () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
    expect(base64url(new Uint8Array([]))).toBe("");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
      }),
    );
  });

  it("verifiers and states are random, URL-safe and long enough for PKCE (43..128)", () => {
    const a = randomString();
    const b = randomString();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomString(48)).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it("the state check accepts only the state this tab sent", () => {
    const state = randomString();
    expect(stateMatches(state, state)).toBe(true);
    expect(stateMatches(state, randomString())).toBe(false);
    expect(stateMatches(state, state.slice(1))).toBe(false);
    expect(stateMatches(state, null)).toBe(false);
    expect(stateMatches(null, state)).toBe(false);
    expect(stateMatches(undefined, undefined)).toBe(false);
    expect(stateMatches("", "")).toBe(false);
  });

  it("builds the hosted UI's authorize, token and logout requests", () => {
    const domain = "kompetensbehov-ostergotland.auth.eu-north-1.amazoncognito.com";
    const redirectUri = "https://d111.cloudfront.net/owner/callback";
    const url = new URL(authorizeUrl({ domain, clientId: "client1", redirectUri, state: "s1", challenge: "c1" }));
    expect(url.origin + url.pathname).toBe(`https://${domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "client1",
      redirect_uri: redirectUri,
      scope: "openid email profile",
      state: "s1",
      code_challenge: "c1",
      code_challenge_method: "S256",
    });
    expect(Object.fromEntries(new URLSearchParams(tokenRequestBody({ clientId: "client1", code: "k1", redirectUri, verifier: "v1" })))).toEqual({
      grant_type: "authorization_code",
      client_id: "client1",
      code: "k1",
      redirect_uri: redirectUri,
      code_verifier: "v1",
    });
    const out = new URL(logoutUrl({ domain, clientId: "client1", logoutUri: "https://d111.cloudfront.net/owner" }));
    expect(out.origin + out.pathname).toBe(`https://${domain}/logout`);
    expect(Object.fromEntries(out.searchParams)).toEqual({ client_id: "client1", logout_uri: "https://d111.cloudfront.net/owner" });
  });

  it("reads the id token's claims (email, groups, custom:region), and null for anything else", () => {
    const claims = { email: "åsa@example.se", "cognito:groups": ["owners"], "custom:region": "ostergotland" };
    const jwt = `${base64url(new TextEncoder().encode('{"alg":"RS256"}'))}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;
    expect(jwtClaims(jwt)).toEqual(claims);
    expect(jwtClaims("not-a-jwt")).toBeNull();
    expect(jwtClaims("a.!!!.c")).toBeNull();
    expect(jwtClaims(`a.${Buffer.from("[1]").toString("base64url")}.c`)).toBeNull();
  });
});
