import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import type { RowSpool } from "../domain/response-export";

/**
 * A spool in a temporary file under `dir` (Lambda's /tmp; the worker's ephemeral storage is sized
 * for a national round's rows): one JSON line per row, read back as a stream.
 */
export function fileRowSpool(dir: string): RowSpool {
  const file = path.join(dir, `export-spool-${randomBytes(6).toString("hex")}.jsonl`);
  const out = createWriteStream(file);
  let ended: Promise<void> | undefined;
  return {
    async write(line) {
      if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    },
    async *lines() {
      ended ??= new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      await ended;
      yield* createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    },
    async close() {
      out.destroy();
      rmSync(file, { force: true });
    },
  };
}
