import { fileURLToPath } from "node:url";
import * as path from "node:path";

/** Repository root (the directory holding package.json, functions/, web/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Absolute path of a handler module, given its path under functions/ without extension. */
export function handlerEntry(handler: string): string {
  return path.join(repoRoot, "functions", `${handler}.ts`);
}
