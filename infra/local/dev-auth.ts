/**
 * Local stand-in for Cognito + the API Gateway JWT authorizer: HS256 ID tokens signed with a
 * secret kept in the data directory, verified the way the authorizer verifies (signature, expiry,
 * issuer, audience) and handed to the handler as API Gateway does (every claim a string, arrays
 * as "[a b]").
 */
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { SignJWT, jwtVerify, type JWTPayload } from "jose";

export const LOCAL_ISSUER = "kompetensbehov-local";
export const LOCAL_AUDIENCE = "kompetensbehov-local-owners";
const SECRET_FILE = "dev-jwt-secret";

/** The secret is made once per data directory, so tokens survive a restart of the stack. */
export function loadOrCreateSecret(dataDir: string): Uint8Array {
  const file = path.join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    try {
      chmodSync(file, 0o600);
    } catch {
      /* best effort */
    }
  }
  return new TextEncoder().encode(readFileSync(file, "utf8").trim());
}

/** A stable, UUID-shaped subject derived from the e-mail address (Cognito subs are UUIDs). */
export function subjectFor(email: string): string {
  const h = createHash("sha256").update(`kompetensbehov-local:${email.trim().toLowerCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A token as Cognito issues one for a user of the region in these groups (region-wide roles only; project roles are in the table). */
export async function signOwnerToken(secret: Uint8Array, email: string, regionId: string, ttl = "8h", groups: readonly string[] = []): Promise<string> {
  const normalised = email.trim().toLowerCase();
  return new SignJWT({
    email: normalised,
    email_verified: true,
    "cognito:groups": [...groups],
    "cognito:username": normalised,
    "custom:region": regionId,
    token_use: "id",
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(subjectFor(normalised))
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(secret);
}

/** What the authorizer puts into requestContext.authorizer.jwt.claims: every value a string. */
export function apiGatewayClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) claims[key] = `[${value.map(String).join(" ")}]`;
    else if (typeof value === "object") claims[key] = JSON.stringify(value);
    else claims[key] = String(value);
  }
  return claims;
}

/**
 * Verifies `Authorization: Bearer <jwt>` (the authorizer also takes the bare token).
 * Returns the claims in API Gateway's shape, or null when missing or invalid.
 */
export async function verifyAuthorization(secret: Uint8Array, header: string | undefined): Promise<Record<string, string> | null> {
  if (!header) return null;
  const token = header.replace(/^Bearer\s+/i, "").trim();
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ["HS256"],
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      // A token without an expiry would be good for ever.
      requiredClaims: ["exp"],
    });
    return apiGatewayClaims(payload);
  } catch {
    return null;
  }
}
