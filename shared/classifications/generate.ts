/**
 * Generates the compact code lists under shared/classifications/data/ from the SCB CSVs beside
 * the checkout (../shared/data/classifications). Run with `npm run classifications` from the repo
 * root; the output is committed, so nothing reads the CSVs at run time.
 *
 * This is the only module under shared/ that uses node: imports; nothing imports it.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../csv";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");
const sourceDir = resolve(repoRoot, "..", "shared", "data", "classifications");
const outDir = join(here, "data");

/** Parses the two-column `vardekod,vardebenamning` CSV. */
export function parseCodeList(text: string): [string, string][] {
  const [header, ...body] = parseCsv(text, { delimiter: "," }).map((r) => r.fields);
  if (header?.[0] !== "vardekod" || header?.[1] !== "vardebenamning") throw new Error(`unexpected header: ${header?.join(",")}`);
  return body.map((r) => [r[0].trim(), r[1].trim()]);
}

function read(file: string): [string, string][] {
  return parseCodeList(readFileSync(join(sourceDir, file), "utf8"));
}

function pick(rows: [string, string][], pattern: RegExp): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, label] of rows) if (pattern.test(code)) out[code] = label;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function write(name: string, data: unknown): void {
  const file = join(outDir, name);
  writeFileSync(file, JSON.stringify(data) + "\n");
  console.log(`wrote ${file}`);
}

function main(): void {
  mkdirSync(outDir, { recursive: true });

  const sni = read("sni2007.csv");
  write("sni.json", { divisions: pick(sni, /^\d{2}$/), codes: pick(sni, /^\d{5}$/) });

  const ssyk = pick(read("ssyk2012.csv"), /^\d{4}$/);
  write("ssyk.json", ssyk);
  // Codes only (about 2 KB), so the participant form can validate without shipping the labels.
  write("ssyk-codes.json", Object.keys(ssyk));

  const lkf = read("lkf2026.csv");
  write("municipalities.json", pick(lkf, /^\d{4}$/));
  write("counties.json", pick(lkf, /^\d{2}$/));

  // SUN 2020 level, all three levels (1 digit main level, 2 digits with duration, 3 digits with
  // orientation and degree): 71 entries; instruments map their education-level options onto them.
  write("sun-levels.json", pick(read("sun2020-niva.csv"), /^\d{1,3}$/));
  // SUN 2020 field of education (inriktning), every level: 1 digit (broad), 2 (narrow), 3 (detailed)
  // and 3 digits with a letter (the finest); education offerings name one of them.
  write("sun-fields.json", pick(read("sun2020-inriktning.csv"), /^\d{1,3}[a-z]?$/));

  write("sni-versions.json", industryVersions());
}

/**
 * SNI 2025 and SCB's SNI 2007 -> SNI 2025 correspondence, when their files are beside the others:
 * `sni2025.csv` (vardekod,vardebenamning, as sni2007.csv) and `sni2007-sni2025.csv` (header
 * `sni2007,sni2025`, one row per pair of 5-digit codes; a code that splits has several rows).
 * Absent, the file says so and the product stays on SNI 2007 (industry-versions.ts).
 */
function industryVersions() {
  const out: { sni2025?: { divisions: Record<string, string>; codes: Record<string, string> }; correspondence?: Record<string, string[]> } = {};
  if (existsSync(join(sourceDir, "sni2025.csv"))) {
    const rows = read("sni2025.csv");
    out.sni2025 = { divisions: pick(rows, /^\d{2}$/), codes: pick(rows, /^\d{5}$/) };
  } else console.log("sni2025.csv is not there: SNI 2025 stays unavailable");
  const pairs = join(sourceDir, "sni2007-sni2025.csv");
  if (existsSync(pairs)) {
    const [header, ...body] = parseCsv(readFileSync(pairs, "utf8"), { delimiter: "," }).map((r) => r.fields);
    if (header?.[0] !== "sni2007" || header?.[1] !== "sni2025") throw new Error(`sni2007-sni2025.csv: unexpected header ${header?.join(",")}`);
    const map: Record<string, string[]> = {};
    for (const [from, to] of body) (map[from.trim()] ??= []).push(to.trim());
    out.correspondence = map;
  } else console.log("sni2007-sni2025.csv is not there: no bridge between the versions");
  return out;
}

main();
