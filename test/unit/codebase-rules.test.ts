import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../infra/constructs/paths";
import { importCycles, importGraph, sourceFiles } from "../support/import-graph";

/** The rules of docs/architecture.md that a reader cannot see from one file. */
const SOURCE_DIRS = ["functions", "shared", "infra", "web/src"];
const files = sourceFiles(repoRoot, SOURCE_DIRS);
const rel = (f: string) => path.relative(repoRoot, f);

describe("the codebase", () => {
  it("has no import cycles in functions, shared, infra or web/src", () => {
    expect(importCycles(importGraph(repoRoot, files))).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself)", () => {
    const graph = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]);
    expect(importCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("keeps the AWS SDK out of the use cases: only stores and adapters talk to AWS", () => {
    const offenders = files.filter((f) => rel(f).startsWith("functions/domain/") && /["']@aws-sdk\//.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map(rel)).toEqual([]);
  });

  it("has no `as never` casts in functions or infra", () => {
    const offenders = files.filter((f) => /^(functions|infra)\//.test(rel(f)) && /\bas never\b/.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map(rel)).toEqual([]);
  });

  it("has no source file over 400 lines, seed data aside", () => {
    const long = files
      .filter((f) => !/infra\/local\/seed-/.test(rel(f)))
      .map((f) => [rel(f), fs.readFileSync(f, "utf8").trimEnd().split("\n").length] as const)
      .filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });
});
