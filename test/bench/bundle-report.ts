/**
 * What each route of the built site loads, gzipped (DESIGN.md, "Budgets": the participant route
 * ships at most 100 KB of gzipped JavaScript). Reads web/dist/.vite/manifest.json, so run
 * `npm run build` first:
 *
 *   npx tsx test/bench/bundle-report.ts            # the report
 *   npx tsx test/bench/bundle-report.ts --json     # the same as JSON (for the bench)
 *   npx tsx test/bench/bundle-report.ts --check    # exits 1 when the participant route is over budget
 *
 * - participant (/f#<token>), first step: the entry and every chunk it imports statically, i.e. all
 *   the JS loaded before the form's first step is usable. This is what the budget limits.
 * - participant, later: the form's own lazy chunks (validation, the need matrix, the occupation
 *   rows, the SSYK labels), which it loads once the first step is on screen or when a step needs them.
 * - owner (/owner): the entry's chunks plus the owner pages' chunk and its static imports.
 * - feedback: the company's feedback after submitting (its chunk and its static imports beyond the
 *   first step's), which must stay out of the first step: --check fails if the entry holds it.
 *
 * Sizes are gzip level 9 (node:zlib, within 0.2 % of `gzip -9`); KB = 1000 bytes. Vite's own build
 * log uses another gzip implementation and prints figures about 1 % higher.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

type ManifestChunk = {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
type Manifest = Record<string, ManifestChunk>;

export const BUDGET_BYTES = 100_000;
const OWNER_ENTRY = "src/pages/owner/OwnerApp.tsx";
const FEEDBACK_ENTRY = "src/pages/feedback/Feedback.tsx";
const PARTICIPANT_DIR = "src/pages/participant/";
/** Lazy chunks from shared/ (the SSYK labels) are the participant form's. */
const SHARED_DIR = /(^|\/)shared\//;

type FileSize = { file: string; bytes: number; gzip: number };
export type RouteReport = { js: FileSize[]; css: FileSize[]; jsGzip: number; cssGzip: number };
export type BundleReport = {
  budgetBytes: number;
  participant: RouteReport & { ratio: number; withinBudget: boolean };
  participantLater: RouteReport;
  owner: RouteReport;
  feedback: RouteReport & { outsideFirstStep: boolean };
};

/** The manifest keys of `roots` and every chunk they import statically. */
function staticClosure(manifest: Manifest, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  roots.forEach(visit);
  return seen;
}

function route(manifest: Manifest, dist: string, keys: Iterable<string>, sizes: Map<string, FileSize>): RouteReport {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (chunk.file.endsWith(".js")) js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
  }
  const size = (file: string): FileSize => {
    let s = sizes.get(file);
    if (!s) {
      const bytes = readFileSync(`${dist}/${file}`);
      s = { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      sizes.set(file, s);
    }
    return s;
  };
  const jsSizes = [...js].map(size).sort((a, b) => b.gzip - a.gzip);
  const cssSizes = [...css].map(size).sort((a, b) => b.gzip - a.gzip);
  const sum = (list: FileSize[]) => list.reduce((n, s) => n + s.gzip, 0);
  return { js: jsSizes, css: cssSizes, jsGzip: sum(jsSizes), cssGzip: sum(cssSizes) };
}

export function bundleReport(dist: string): BundleReport {
  const manifestPath = `${dist}/.vite/manifest.json`;
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
  const sizes = new Map<string, FileSize>();

  const first = staticClosure(manifest, entries);
  const participant = route(manifest, dist, first, sizes);

  // The participant form's lazy chunks, and what they load in turn (static or lazy).
  const later = new Set<string>();
  const queue = [...first]
    .flatMap((k) => manifest[k].dynamicImports ?? [])
    .filter((k) => k.startsWith(PARTICIPANT_DIR) || SHARED_DIR.test(k));
  while (queue.length) {
    const key = queue.shift()!;
    if (first.has(key) || later.has(key) || !manifest[key]) continue;
    later.add(key);
    queue.push(...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? []));
  }

  if (!manifest[OWNER_ENTRY]) throw new Error(`${OWNER_ENTRY} is not in the manifest`);
  const owner = staticClosure(manifest, [...entries, OWNER_ENTRY]);

  if (!manifest[FEEDBACK_ENTRY]) throw new Error(`${FEEDBACK_ENTRY} is not in the manifest`);
  const feedback = [...staticClosure(manifest, [FEEDBACK_ENTRY])].filter((k) => !first.has(k));

  return {
    budgetBytes: BUDGET_BYTES,
    participant: { ...participant, ratio: participant.jsGzip / BUDGET_BYTES, withinBudget: participant.jsGzip <= BUDGET_BYTES },
    participantLater: route(manifest, dist, later, sizes),
    owner: route(manifest, dist, owner, sizes),
    feedback: { ...route(manifest, dist, feedback, sizes), outsideFirstStep: !first.has(FEEDBACK_ENTRY) },
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`;

function print(report: BundleReport): void {
  const lines: string[] = [];
  const section = (title: string, r: RouteReport) => {
    lines.push(title);
    for (const f of [...r.js, ...r.css]) lines.push(`  ${f.file.padEnd(44)} ${kb(f.bytes).padStart(11)} raw ${kb(f.gzip).padStart(10)} gzip`);
    lines.push(`  ${"JS".padEnd(44)} ${"".padStart(15)} ${kb(r.jsGzip).padStart(10)} gzip`);
    lines.push(`  ${"CSS".padEnd(44)} ${"".padStart(15)} ${kb(r.cssGzip).padStart(10)} gzip`);
  };
  const p = report.participant;
  section("Participant route (/f#<token>), JS and CSS before the first step is usable:", p);
  lines.push(
    `  budget ${kb(report.budgetBytes)} of gzipped JS: ${kb(p.jsGzip)} = ${(p.ratio * 100).toFixed(1)} % ` +
      (p.withinBudget ? `(within, ${kb(report.budgetBytes - p.jsGzip)} to spare)` : `(OVER by ${kb(p.jsGzip - report.budgetBytes)})`),
  );
  lines.push("");
  section("Participant route, loaded after the first step is on screen (validation, later steps' question types, SSYK labels):", report.participantLater);
  lines.push(`  whole participant session: ${kb(p.jsGzip + report.participantLater.jsGzip)} of gzipped JS`);
  lines.push("");
  section("Owner route (/owner):", report.owner);
  lines.push("");
  section(`Feedback after submitting (${report.feedback.outsideFirstStep ? "a lazy chunk, outside the first step" : "IN THE FIRST STEP"}):`, report.feedback);
  console.log(lines.join("\n"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = fileURLToPath(new URL("../../web/dist", import.meta.url));
  const report = bundleReport(dist);
  if (process.argv.includes("--json")) console.log(JSON.stringify(report, null, 2));
  else {
    print(report);
    const p = report.participant;
    console.log(
      `SUMMARY bundles: participant first step ${kb(p.jsGzip)} JS + ${kb(p.cssGzip)} CSS gzipped, budget ${kb(report.budgetBytes)} JS: ${p.ratio.toFixed(2)}x, ${p.withinBudget ? "met" : "missed"}; ` +
        `owner ${kb(report.owner.jsGzip)} JS + ${kb(report.owner.cssGzip)} CSS; feedback ${report.feedback.outsideFirstStep ? "outside" : "INSIDE"} the first step`,
    );
  }
  if (process.argv.includes("--check") && !(report.participant.withinBudget && report.feedback.outsideFirstStep)) process.exit(1);
}
