import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe. Only the hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Tokens are 43 base64url characters; anything else is unknown without a table read. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function newId(): string {
  return randomBytes(9).toString("base64url");
}
