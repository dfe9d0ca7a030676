import * as z from "zod/mini";
import { getItem, parseItem, txDelete, txPut, type TableRef, type TransactItem } from "./table";

/** Tokens: pk `TOKEN#<sha256 hex>`, sk `#TOKEN`; DynamoDB's TTL removes them after `expiresAt`. */
const key = (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: "#TOKEN" });

/** What a token item knows of its invitation (written with the token, never changed). */
export const TokenSnapshot = z.object({
  roundId: z.string(),
  personId: z.string(),
  organisationId: z.string(),
  orgNumber: z.string(),
  orgName: z.string(),
  sni: z.string(),
  municipality: z.string(),
  sizeClass: z.string(),
  instrumentId: z.string(),
  instrumentVersion: z.number(),
});
export type TokenSnapshot = z.infer<typeof TokenSnapshot>;

const parse = (item: Record<string, unknown>) => parseItem(TokenSnapshot, "token", item);

export function tokenStore(table: TableRef) {
  return {
    /** A new token item; `expiresAt` in epoch seconds. */
    delete(tokenHash: string): TransactItem {
      return txDelete(table, key(tokenHash));
    },
    putIfAbsent(tokenHash: string, snapshot: TokenSnapshot, expiresAt: number): TransactItem {
      return txPut(table, { ...key(tokenHash), type: "token", tokenHash, ...snapshot, expiresAt }, "attribute_not_exists(pk)");
    },
    /** The token's snapshot and expiry (epoch seconds), or undefined for an unknown token. */
    async get(tokenHash: string): Promise<{ snapshot: TokenSnapshot; expiresAt: number } | undefined> {
      const item = await getItem(table, key(tokenHash));
      return item && { snapshot: parse(item), expiresAt: Number(item.expiresAt ?? 0) };
    },
  };
}
export type TokenStore = ReturnType<typeof tokenStore>;
