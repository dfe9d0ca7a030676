import { getInstrument } from "../shared/instruments";
import { releaseFamilies, reportedOccupations } from "../shared/indicators/release-families";
import { protectRelease } from "../shared/disclosure/release-protection";
import { DEFAULT_RULES } from "../shared/disclosure/rules";
import { generatedUnits } from "../test/bench/generated-round";
const n = Number(process.argv[2] ?? 300);
const instrument = getInstrument("skills-needs", 2)!;
const units = generatedUnits(instrument, n, 1, n);
const families = releaseFamilies(instrument, reportedOccupations(units.map((u) => u.values)));
const byKind = new Map<string, { ms: number; audit: number; count: number; cells: number }>();
for (const f of families) {
  const t = performance.now();
  const r = await protectRelease({ families: [f], units, releases: 1, earlierSuppressed: new Set(), rules: DEFAULT_RULES });
  const ms = performance.now() - t;
  const kind = f.id.replace(/\|\d{4}(\||$)/, "|<ssyk>$1").replace(/^(need|needm)\|.*$/, "$1").replace(/^(lk|opt)\|.*$/, "$1");
  const k = byKind.get(kind) ?? { ms: 0, audit: 0, count: 0, cells: 0 };
  k.ms += ms; k.audit += r.stats.millis.audit; k.count++; k.cells += r.stats.cells;
  byKind.set(kind, k);
}
for (const [k, v] of [...byKind].sort((a, b) => b[1].ms - a[1].ms)) console.log(k.padEnd(24), v.count, "families", (v.ms / 1000).toFixed(1), "s", "audit", (v.audit / 1000).toFixed(1), "s", v.cells, "cells");
