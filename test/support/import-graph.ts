/**
 * The repo's own module graph, read from the source text: relative imports, re-exports and
 * dynamic imports, type-only ones included (a cycle of types still ties two modules' meaning
 * together, and esbuild's metafile would not show it).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function sourceFiles(root: string, dirs: string[]): string[] {
  const acc: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && e.name !== "dist") walk(p);
      } else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts")) acc.push(p);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return acc.sort();
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s*["']([^"']+)["']/g;

function resolveRelative(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
  return candidates.find((c) => /\.(ts|tsx)$/.test(c) && fs.existsSync(c) && fs.statSync(c).isFile());
}

/** Module -> the repo modules it imports, both as paths relative to root. */
export function importGraph(root: string, files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const src = fs.readFileSync(f, "utf8");
    const targets = [...src.matchAll(IMPORT)]
      .map((m) => resolveRelative(f, m[1] ?? m[2] ?? m[3]))
      .filter((x): x is string => x !== undefined)
      .map((x) => path.relative(root, x));
    graph.set(path.relative(root, f), [...new Set(targets)]);
  }
  return graph;
}

/** The graph's cycles as strongly connected groups of two or more modules (or one importing itself), by Tarjan. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
