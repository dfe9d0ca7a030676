import { describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { requestGuard } from "../../infra/local/request-guard";
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signOwnerToken, verifyAuthorization } from "../../infra/local/dev-auth";
import { RATE_LIMITS } from "../../shared/rate-limits";

const request = (host: string | undefined, remoteAddress = "127.0.0.1") => ({ headers: { host }, socket: { remoteAddress } }) as never;

describe("the local stack's request guard", () => {
  it("answers requests for localhost and refuses another host name, as a rebound DNS name would send", () => {
    const guard = requestGuard({ listenHost: "127.0.0.1" });
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST"]) expect(guard.check(request(host), "/api/health"), host).toEqual({ ok: true });
    for (const host of ["evil.example:3000", "localhost.evil.example", undefined]) expect(guard.check(request(host), "/api/health")).toMatchObject({ ok: false, status: 421 });
  });

  it("limits each client on the token routes to the shared limit per window, and lets it in again when the window has passed", () => {
    let now = 0;
    const guard = requestGuard({ listenHost: "127.0.0.1", now: () => now });
    const forms = RATE_LIMITS.find((l) => l.id === "forms")!;
    for (let i = 0; i < forms.limit; i++) expect(guard.check(request("localhost"), "/api/form")).toEqual({ ok: true });
    const refused = guard.check(request("localhost"), "/api/form/submit");
    expect(refused).toMatchObject({ ok: false, status: 429, code: "too-many-requests" });
    expect(guard.check(request("localhost", "10.0.0.2"), "/api/form")).toEqual({ ok: true });
    expect(guard.check(request("localhost"), "/api/rounds")).toEqual({ ok: true });
    // The limit's path and the paths below it, not every path that begins with its letters.
    expect(guard.check(request("localhost"), `${forms.pathPrefix}s`)).toEqual({ ok: true });
    now += forms.windowSeconds * 1000 + 1;
    expect(guard.check(request("localhost"), "/api/form")).toEqual({ ok: true });
  });

  it("limits sign-in attempts more tightly", () => {
    const guard = requestGuard({ listenHost: "127.0.0.1", now: () => 0 });
    const signIn = RATE_LIMITS.find((l) => l.id === "sign-in")!;
    for (let i = 0; i < signIn.limit; i++) guard.check(request("localhost"), "/api/dev/sign-in");
    expect(guard.check(request("localhost"), "/api/dev/sign-in")).toMatchObject({ status: 429 });
  });
});

describe("local owner tokens", () => {
  const secret = new TextEncoder().encode("x".repeat(32));

  it("are accepted while they have not expired", async () => {
    expect(await verifyAuthorization(secret, `Bearer ${await signOwnerToken(secret, "a@example.se", "ostergotland")}`)).toMatchObject({ email: "a@example.se" });
  });

  it("are refused without an expiry", async () => {
    const forever = await new SignJWT({ email: "a@example.se" }).setProtectedHeader({ alg: "HS256" }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).sign(secret);
    expect(await verifyAuthorization(secret, `Bearer ${forever}`)).toBeNull();
  });
});
