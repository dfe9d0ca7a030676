import type { ReleaseCell, ReleaseCells } from "../indicators/release-tables";
import { releaseFamilies } from "../indicators/release-families";
import type { ExportedFamily, ReleaseExport } from "../schemas/release-export";
import type { Instrument, Question } from "../schemas/instrument";
import { INDUSTRY_DIMENSIONS } from "../classifications/versions";

/**
 * Several regions' release exports as one picture (issue "Five regions as one"). The exports hold
 * protected cells only, so a merged cell is the sum of the regions' parts and is published only
 * where every part is: a region's published cell, or no cell at all (nobody in the region answered
 * the family in that segment: 0 of 0). One suppressed part suppresses the sum. A merged number is
 * therefore a sum of numbers the regions have published already: differencing a region against
 * the consortium, or the consortium against the other regions, gives back published numbers and
 * nothing else (test/unit/consortium-merge.test.ts audits this on the regions' microdata).
 *
 * What this leaves on the table: a sum whose parts are suppressed in small regions may well be
 * safe, but deciding that needs the suppressed parts, which never leave a region. A consortium that
 * wants those cells needs the regions to hand confidential aggregates to a trusted processor that
 * protects the regions and the consortium in one model; this product does not do that.
 *
 * Segments of the merged picture: "all", "region:<id>" (a region's "all"), and, when every export
 * codes industries in the same SNI version, "section:X" and "industry:NN" summed over regions.
 * Families merge when every region's instrument produces them with the same quantities
 * (releaseFamilies of its instrument); the others are listed as left out.
 */
export type MergedRegion = {
  id: string;
  name: string;
  round: ReleaseExport["round"];
  release: { number: number; cutoff: string; responses: number; invited: number };
  instrument: { id: string; version: number };
  industryClassification: string;
};

export type LeftOutFamily = { family: string; question: string; regions: string[] };

export type ConsortiumMerge = {
  regions: MergedRegion[];
  /** Families every region has, merged; their cells are `cells`. */
  families: string[];
  leftOut: LeftOutFamily[];
  /** False when the exports code industries in different SNI versions: no section or division segments then. */
  industryMerged: boolean;
  /** The SNI version of the merged industry segments (SNI2025 when SNI 2007 exports were bridged), or undefined when not merged. */
  industryClassification?: string;
  /** Merged cells; `entries` lists every one with a value or suppressed (for audits and exports). */
  cells: ReleaseCells & { entries(): { family: string; quantity: string; segment: string; cell: ReleaseCell }[] };
  /** Segment ids with a respondent, by dimension. */
  segments: { region: string[]; section: string[]; industry: string[] };
  invited: (segment: string) => number;
  occupations: string[];
  /** The instrument the merged tables are laid out by: the oldest export's, reduced to the merged families. */
  instrument: Instrument;
};

type Part = { value: number; n: number } | "suppressed";

// Family ids and quantity keys hold "|" themselves.
const partKey = (family: string, quantity: string, segment: string) => `${family}\t${quantity}\t${segment}`;

/** A family's quantity keys in order, n first: what must agree between regions for a family to merge. */
const signature = (f: { quantities: readonly { key: string; kind: string }[] }) => ["n", ...f.quantities.map((q) => `${q.key}:${q.kind}`)].join(",");

/** What a left-out family belongs to: a question, a need matrix's area ("needs|lifeScience"), or a part of the occupation rows ("occupations|chg3y"). */
const questionOf = (family: string) => {
  const p = family.split("|");
  if (p[0] === "need" || p[0] === "needm") return `${p[1]}|${p[2]}`;
  if (p[0] === "occ") return p.length > 2 ? `occupations|${p[2]}` : "occupations";
  return p[1] ?? family;
};

export type MergeOptions = {
  /** SNI 2007 divisions that lie wholly in one SNI 2025 division (industry-versions.ts), when the correspondence is there. */
  divisionBridge?: ReadonlyMap<string, string>;
};

export function mergeExports(exports: readonly ReleaseExport[], options: MergeOptions = {}): ConsortiumMerge {
  if (exports.length === 0) throw new Error("nothing to merge");
  const ids = exports.map((e) => e.region.id);
  if (new Set(ids).size !== ids.length) throw new Error("one export per region");
  const versions = new Set(exports.map((e) => e.classifications.industry));
  // Mixed versions: divisions only, and only through the bridge; sections are left out.
  const bridged = versions.size > 1 && !!options.divisionBridge;
  const industryMerged = versions.size === 1 || bridged;
  const industryClassification = versions.size === 1 ? [...versions][0]! : bridged ? "SNI2025" : undefined;

  const occupations = [...new Set(exports.flatMap((e) => e.families.map((f) => /^occ\|(\d{4})$/.exec(f.id)?.[1]).filter((c): c is string => !!c)))].sort();
  // What each region's instrument would publish for these occupations, with its quantities.
  const expected = exports.map((e) => new Map(releaseFamilies(e.instrument, occupations).map((f) => [f.id, signature(f)])));
  const allFamilies = [...new Set(expected.flatMap((m) => [...m.keys()]))];
  const merged: string[] = [];
  const leftOut: LeftOutFamily[] = [];
  for (const family of allFamilies) {
    const sigs = expected.map((m) => m.get(family));
    if (sigs.every((s) => s !== undefined && s === sigs[0])) merged.push(family);
    else leftOut.push({ family, question: questionOf(family), regions: ids.filter((_, i) => sigs[i] !== undefined) });
  }
  const mergedSet = new Set(merged);

  const byRegion = exports.map((e) => {
    const parts = new Map<string, Part>();
    for (const f of e.families as ExportedFamily[]) {
      if (!mergedSet.has(f.id)) continue;
      for (const c of f.cells) parts.set(partKey(f.id, c.quantity, c.segment), "suppressed" in c ? "suppressed" : { value: c.value, n: c.n });
    }
    return parts;
  });

  const keepSegment = (segment: string) =>
    segment === "all" || (versions.size === 1 && INDUSTRY_DIMENSIONS.some((d) => segment.startsWith(`${d}:`))) || (bridged && segment.startsWith("industry:"));
  /** A region's segment in the merged picture's version: an SNI 2007 division through the bridge, or undefined when it cannot be carried. */
  const inVersion = (segment: string, version: string): string | undefined => {
    if (!bridged || version === "SNI2025" || !segment.startsWith("industry:")) return segment;
    const to = options.divisionBridge!.get(segment.slice("industry:".length));
    return to ? `industry:${to}` : undefined;
  };
  const sums = new Map<string, ReleaseCell>();
  const add = (key: string, part: Part) => {
    const had = sums.get(key);
    if (had === "suppressed") return;
    if (part === "suppressed") sums.set(key, "suppressed");
    else sums.set(key, { value: (had?.value ?? 0) + part.value, n: (had?.n ?? 0) + part.n });
  };
  exports.forEach((e, i) => {
    for (const [key, part] of byRegion[i]) {
      const [family, quantity, own] = key.split("\t");
      if (own === "all") add(partKey(family, quantity, `region:${e.region.id}`), part);
      const segment = inVersion(own, e.classifications.industry);
      if (segment && keepSegment(segment)) add(partKey(family, quantity, segment), part);
    }
  });

  const segmentsOf = (dimension: string) =>
    [
      ...new Set(
        exports.flatMap(
          (e) =>
            e.families
              .find((f) => f.id === "responses")
              ?.cells.map((c) => inVersion(c.segment, e.classifications.industry))
              .filter((s): s is string => !!s && keepSegment(s)) ?? [],
        ),
      ),
    ]
      .filter((s) => s.startsWith(`${dimension}:`))
      .sort();
  const invited = new Map<string, number>();
  for (const e of exports) {
    for (const [own, count] of Object.entries(e.invited)) {
      const segment = inVersion(own, e.classifications.industry);
      if (segment && keepSegment(segment)) invited.set(segment, (invited.get(segment) ?? 0) + count);
    }
    invited.set(`region:${e.region.id}`, e.invited.all ?? 0);
  }

  const oldest = [...exports].sort((a, b) => a.instrument.version - b.instrument.version)[0];
  return {
    regions: exports.map((e) => ({
      id: e.region.id,
      name: e.region.name,
      round: e.round,
      release: { number: e.release.number, cutoff: e.release.cutoff, responses: e.release.responses, invited: e.release.invited },
      instrument: { id: e.instrument.id, version: e.instrument.version },
      industryClassification: e.classifications.industry,
    })),
    families: merged,
    leftOut,
    industryMerged,
    industryClassification,
    cells: {
      get(family, quantity, segment) {
        if (!mergedSet.has(family)) return "suppressed";
        return sums.get(partKey(family, quantity, segment)) ?? { value: 0, n: 0 };
      },
      entries: () =>
        [...sums].map(([key, cell]) => {
          const [family, quantity, segment] = key.split("\t");
          return { family, quantity, segment, cell };
        }),
    },
    segments: { region: ids.map((id) => `region:${id}`), section: segmentsOf("section"), industry: segmentsOf("industry") },
    invited: (segment) => invited.get(segment) ?? 0,
    occupations,
    instrument: reduceInstrument(oldest.instrument, mergedSet, occupations),
  };
}

/** The instrument with only the questions, need cells and options whose families merged. */
function reduceInstrument(instrument: Instrument, merged: ReadonlySet<string>, occupations: readonly string[]): Instrument {
  const blocks = instrument.blocks.map((b) => ({
    ...b,
    questions: b.questions.flatMap((q): Question[] => {
      switch (q.type) {
        case "likert":
          return merged.has(`lk|${q.id}`) ? [q] : [];
        case "needMatrix": {
          const areas = q.areas.filter((a) => q.horizons.every((h) => merged.has(`need|${q.id}|${a.value}|${h.value}`)));
          return areas.length ? [{ ...q, areas }] : [];
        }
        case "multi": {
          const options = q.options.filter((o) => merged.has(`opt|${q.id}|${o.value}`));
          return options.length ? [{ ...q, options }] : [];
        }
        case "occupations":
          return occupations.every((c) => merged.has(`occ|${c}`)) ? [q] : [];
        default:
          return [q];
      }
    }),
  }));
  return { ...instrument, blocks: blocks.filter((b) => b.questions.length > 0) };
}
