import { gunzipSync, gzipSync } from "node:zlib";
import * as z from "zod/mini";
import { parseItem } from "./table";

/**
 * Large immutable bodies (a release's tables and state) as gzipped JSON split into items well
 * under DynamoDB's 400 KB limit; the items of one body share a sort-key prefix and a zero-padded
 * chunk number, so one query returns them in order.
 */
const CHUNK_BYTES = 300_000;
const Chunk = z.object({ body: z.custom<Uint8Array>((v) => v instanceof Uint8Array) });

export function chunks(value: unknown): Uint8Array[] {
  const zipped = gzipSync(Buffer.from(JSON.stringify(value)));
  const out: Uint8Array[] = [];
  for (let i = 0; i < zipped.length; i += CHUNK_BYTES) out.push(new Uint8Array(zipped.subarray(i, i + CHUNK_BYTES)));
  return out.length > 0 ? out : [new Uint8Array(gzipSync(Buffer.from("null")))];
}

export function joined(items: Record<string, unknown>[], entity: string): unknown {
  const parts = items.sort((a, b) => String(a.sk).localeCompare(String(b.sk))).map((i) => parseItem(Chunk, entity, i).body);
  return JSON.parse(gunzipSync(Buffer.concat(parts)).toString("utf8"));
}
