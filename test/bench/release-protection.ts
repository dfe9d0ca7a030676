/**
 * `npm run bench` (part): releases against the budgets of DESIGN.md.
 *   1. the audit on 1,000 random rounds (hierarchies, empty categories, skewed magnitudes, up to
 *      three releases) after protection: how many pass;
 *   2. generated skills-needs rounds of 300 and 5,000 organisations: time and peak memory to
 *      compute, protect and audit a release (budget 15 s and 10 minutes), the LP models' size, and
 *      the share of cells suppressed beside today's per-table method on the same data.
 * Flags: --random N (default 1000), --sizes 300,5000, --cap-seconds S (stop a size after S, default 600).
 */
import fc from "fast-check";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { releaseFamilies, reportedOccupations } from "../../shared/indicators/release-families";
import { buildFamilyModel } from "../../shared/disclosure/linked-model";
import { protectFamily } from "../../shared/disclosure/protect";
import { auditRelease } from "../../shared/disclosure/release-protection";
import { auditFamily } from "../../shared/disclosure/audit";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";
import { HIRES_FAMILY, LEVELS_FAMILY, RESPONSES, perTablePublished, protectInOrder, roundArbitrary } from "../support/disclosure";
import { generatedUnits } from "./generated-round";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rules = DEFAULT_RULES;
const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;

async function randomRounds(count: number) {
  const families = [RESPONSES, LEVELS_FAMILY, HIRES_FAMILY];
  let passed = 0;
  let cells = 0;
  let suppressed = 0;
  const started = performance.now();
  for (const { units, releases } of fc.sample(roundArbitrary(30, 3), { numRuns: count, seed: 42 })) {
    const protectedRound = await protectInOrder(families, units, releases, rules);
    const published = protectedRound.published;
    cells += protectedRound.cells;
    suppressed += protectedRound.suppressed.size;
    const findings = (await auditRelease(families, units, releases, published, rules)).flatMap((a) => a.findings);
    if (findings.length === 0) passed++;
  }
  const s = (performance.now() - started) / 1000;
  console.log(`random rounds: the audit passes on ${passed} of ${count} (${s.toFixed(1)} s; ${((100 * suppressed) / Math.max(1, cells)).toFixed(1)} % of cells suppressed)`);
  return { passed, count };
}

async function generated(organisations: number, capSeconds: number) {
  const units = generatedUnits(instrument, organisations, 1, organisations);
  const families = releaseFamilies(instrument, reportedOccupations(units.map((u) => u.values)));
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let oldCpu = 0;
  let done = 0;
  let cells = 0;
  let suppressed = 0;
  let perTableSuppressed = 0;
  let perTableCells = 0;
  let findings = 0;
  let perTableFindings = 0;
  let oldMillis = 0;
  const measureOld = organisations <= 300;
  let solves = 0;
  let largest = { columns: 0, rows: 0 };
  for (const family of families) {
    if ((performance.now() - started) / 1000 > capSeconds) break;
    const model = buildFamilyModel(family, units, 1);
    const result = await protectFamily({ model, rules, earlierPublished: new Set() });
    const table = model.cells.filter((c) => c.kind === "table");
    cells += table.length;
    suppressed += result.suppressed.size;
    findings += result.audit.findings.length;
    solves += result.solves + result.audit.solves;
    if (result.columns > largest.columns) largest = { columns: result.columns, rows: result.rows };
    // Today's method: each breakdown a table of its own, protected alone (no p% rule).
    const old = perTablePublished(family, units, 0, rules.k);
    perTableCells += table.length;
    perTableSuppressed += table.filter((c) => !old.has(c.key)).length;
    if (measureOld) {
      const t = performance.now();
      const c = process.cpuUsage();
      perTableFindings += (await auditFamily(model, old, rules)).findings.length;
      oldMillis += performance.now() - t;
      const dc = process.cpuUsage(c);
      oldCpu += (dc.user + dc.system) / 1e6;
    }
    done++;
  }
  const seconds = (performance.now() - started - oldMillis) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time beside wall time: on a shared machine the wall time includes waiting for a core.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 - oldCpu;
  const peak = process.resourceUsage().maxRSS / 1024;
  const budget = organisations <= 300 ? 15 : 600;
  console.log(
    [
      `generated round of ${organisations} organisations: ${done} of ${families.length} families in ${seconds.toFixed(1)} s` +
        (done < families.length ? ` (stopped at the ${capSeconds} s cap)` : "") +
        ` (budget ${budget} s: ${(seconds / budget).toFixed(2)}x; CPU time ${cpuSeconds.toFixed(1)} s)`,
      `  peak RSS of the process ${peak.toFixed(0)} MB (${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(0)} MB above the start of this size)`,
      `  largest LP model ${largest.columns} columns x ${largest.rows} rows; ${solves} LP solves; audit findings left: ${findings}`,
      `  cells suppressed: ${suppressed} of ${cells} (${((100 * suppressed) / Math.max(1, cells)).toFixed(1)} %); per-table method on the same families: ${perTableSuppressed} of ${perTableCells} (${((100 * perTableSuppressed) / Math.max(1, perTableCells)).toFixed(1)} %)` +
        (measureOld ? `, on which the audit finds ${perTableFindings} disclosures (not counted in the time)` : ""),
    ].join("\n"),
  );
  return { organisations, seconds, budget, complete: done === families.length, findings };
}

async function main() {
  const random = await randomRounds(Number(arg("random", "1000")));
  const sizes = [];
  for (const n of arg("sizes", "300,5000").split(",").map(Number)) sizes.push(await generated(n, Number(arg("cap-seconds", "600"))));
  const met = random.passed === random.count && sizes.every((g) => g.complete && g.findings === 0 && g.seconds <= g.budget);
  console.log(
    `SUMMARY release-protection: audit passes ${random.passed}/${random.count} random rounds; ` +
      sizes.map((g) => `${g.organisations} orgs ${g.seconds.toFixed(1)} s of ${g.budget} s (${(g.seconds / g.budget).toFixed(2)}x${g.complete ? "" : ", stopped at the cap"})`).join(", ") +
      `; ${met ? "met" : "missed"}`,
  );
}

await main();
