import type { Instrument } from "../schemas/instrument";
import type { RegionArea } from "../schemas/instrument-version";

/**
 * The id of a region's competence area, made from its English name: ASCII letters and digits in
 * camelCase ("Battery production" -> "batteryProduction"). It names the area's families in
 * releases (`need|needs|<area>|<horizon>`), so the same name gives the same id in every region.
 */
export function areaValue(en: string): string {
  const words = en
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const id = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join("");
  return /^[a-z][a-zA-Z0-9]*$/.test(id) ? id.slice(0, 40) : "";
}

export type AreaIssue = { path: string; message: string };

/**
 * The base instrument with the region's areas added after its own in every need matrix; the
 * rest, ids and options included, is the base's. Issues (at `areas.<i>.en`) for a name that
 * makes no id and for an area the matrix already has.
 */
export function withRegionAreas(base: Instrument, areas: readonly RegionArea[], version: number): { instrument: Instrument } | { issues: AreaIssue[] } {
  const matrices = base.blocks.flatMap((b) => b.questions).filter((q) => q.type === "needMatrix");
  const taken = new Set(matrices.flatMap((q) => q.areas.map((a) => a.value)));
  const issues: AreaIssue[] = [];
  const added = areas.map((a, i) => {
    const value = areaValue(a.en);
    if (!value) issues.push({ path: `areas.${i}.en`, message: "error.area.name" });
    else if (taken.has(value)) issues.push({ path: `areas.${i}.en`, message: "error.duplicate" });
    taken.add(value);
    return { value, label: { sv: a.sv, en: a.en } };
  });
  if (matrices.length === 0) issues.push({ path: "baseVersion", message: "error.instrument.unknown" });
  if (issues.length) return { issues };
  return {
    instrument: {
      ...base,
      version,
      blocks: base.blocks.map((b) => ({
        ...b,
        questions: b.questions.map((q) => (q.type === "needMatrix" ? { ...q, areas: [...q.areas, ...added] } : q)),
      })),
    },
  };
}
