import { mergeExports, type ConsortiumMerge } from "../../shared/consortium/merge";
import { buildReleaseTables } from "../../shared/indicators/release-tables";
import { CONSORTIUM_DIMENSIONS, type ConsortiumDimension, type ConsortiumView } from "../../shared/schemas/consortium";
import type { ReleaseExport } from "../../shared/schemas/release-export";
import type { ResultTable } from "../../shared/schemas/api";
import { ValidationError } from "../../shared/errors";
import { verifyExport } from "./export-signature";
import { segmentLabel } from "./segments";
import { divisionBridge2007To2025 } from "../../shared/classifications/industry-versions";
import { supplyGap } from "../../shared/supply/gap";
import { shortageComparison } from "../../shared/supply/shortage";

/**
 * The consortium's side: the regions' signed exports, verified, the newest of each member region
 * merged (shared/consortium/merge.ts) and laid out as the regions' own result tables are.
 */
export type ConsortiumMember = { id: string; name: string; publicKeyPem: string };

/** Where the regions' exports are read: their buckets on AWS, their shelf folders locally. */
export interface ExportSource {
  list(): Promise<{ name: string; read(): Promise<string> }[]>;
}

export type ConsortiumDeps = {
  name: string;
  members: readonly ConsortiumMember[];
  source: ExportSource;
  clock?: () => Date;
  /** The disclosure rules the member regions apply, as reports state them. */
  rules?: { k: number; p: number };
};

export type Verified = { payload: ReleaseExport; keyId: string };

/** The newest verified export of each member region, and what was refused. */
export async function readExports(deps: ConsortiumDeps): Promise<{ chosen: Verified[]; rejected: ConsortiumView["rejected"] }> {
  const { verified, rejected } = await readVerified(deps);
  return { chosen: newestPerMember(deps, verified), rejected };
}

/** Of these exports, each member's newest (by its release's cutoff), in the members' order. */
export function newestPerMember(deps: Pick<ConsortiumDeps, "members">, verified: readonly Verified[]): Verified[] {
  const newest = new Map<string, Verified>();
  for (const v of verified) {
    const had = newest.get(v.payload.region.id);
    if (!had || v.payload.release.cutoff > had.payload.release.cutoff) newest.set(v.payload.region.id, v);
  }
  return deps.members.map((m) => newest.get(m.id)).filter((v): v is Verified => !!v);
}

/** Every export on the shelves whose signature holds under its member's key, and what was refused. */
export async function readVerified(deps: ConsortiumDeps): Promise<{ verified: Verified[]; rejected: ConsortiumView["rejected"] }> {
  const members = new Map(deps.members.map((m) => [m.id, m]));
  const rejected: ConsortiumView["rejected"] = [];
  const verified: Verified[] = [];
  for (const entry of await deps.source.list()) {
    let document: unknown;
    try {
      document = JSON.parse(await entry.read());
    } catch {
      rejected.push({ name: entry.name, reason: "not JSON" });
      continue;
    }
    const claimed = (document as { payload?: { region?: { id?: unknown } } })?.payload?.region?.id;
    const member = typeof claimed === "string" ? members.get(claimed) : undefined;
    if (!member) {
      rejected.push({ name: entry.name, reason: "not from a member region" });
      continue;
    }
    try {
      const payload = verifyExport(document, member.publicKeyPem);
      verified.push({ payload, keyId: (document as { signature: { keyId: string } }).signature.keyId });
    } catch (error) {
      rejected.push({ name: entry.name, reason: error instanceof ValidationError ? error.message : "could not be verified" });
    }
  }
  return { verified, rejected };
}

export function parseConsortiumDimension(by: string | undefined): ConsortiumDimension {
  if (by === undefined || by === "") return "region";
  if ((CONSORTIUM_DIMENSIONS as readonly string[]).includes(by)) return by as ConsortiumDimension;
  throw new ValidationError(`by must be one of ${CONSORTIUM_DIMENSIONS.join(", ")}.`, [{ path: "by", message: "error.invalid" }]);
}

/** The merged picture of one breakdown. */
export async function consortiumPicture(deps: ConsortiumDeps, by: string | undefined): Promise<ConsortiumView> {
  const dimension = parseConsortiumDimension(by);
  const { chosen, rejected } = await readExports(deps);
  const missing = deps.members.filter((m) => !chosen.some((c) => c.payload.region.id === m.id)).map((m) => ({ id: m.id, name: m.name }));
  const base = { name: deps.name, by: dimension, missing, rejected };
  if (chosen.length === 0) return { ...base, regions: [], leftOut: [], industryMerged: false, responses: 0, invited: 0, tables: [], gap: null, shortage: null };
  const merge = mergeVerified(deps, chosen);
  const shown = consortiumTables(merge, dimension);
  return {
    ...base,
    regions: merge.regions.map((r, i) => ({ ...r, keyId: chosen[i].keyId })),
    leftOut: leftOutQuestions(merge, chosen.map((c) => c.payload)),
    industryMerged: merge.industryMerged,
    ...(merge.industryClassification ? { industryClassification: merge.industryClassification } : {}),
    responses: chosen.reduce((s, c) => s + c.payload.release.responses, 0),
    invited: chosen.reduce((s, c) => s + c.payload.release.invited, 0),
    tables: shown,
    ...supplyViews(deps.name, merge, dimension === "region" ? shown : consortiumTables(merge, "region"), chosen.map((c) => c.payload)),
  };
}

/**
 * The gap list and the shortage comparison over the merged tables by region (shared/supply): each
 * region's row reaches the offerings of its own counties, the consortium's total those of all.
 */
function supplyViews(name: string, merge: ConsortiumMerge, tables: ResultTable[], exports: readonly ReleaseExport[]): Pick<ConsortiumView, "gap" | "shortage"> {
  const counties = [...new Set(exports.flatMap((e) => e.region.countyCodes))].sort();
  const byName = new Map(merge.regions.map((r, i) => [r.name, exports[i].region.countyCodes]));
  const offerings = exports.flatMap((e) => e.supply?.offerings ?? []);
  const assessments = exports.flatMap((e) => e.supply?.assessments ?? []);
  const unique = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()];
  return {
    gap: supplyGap({ tables, offerings: unique(offerings, (o) => o.id), counties, totalLabel: name, segmentCounties: (segment) => byName.get(segment) }),
    shortage: shortageComparison({ tables, assessments: unique(assessments, (a) => `${a.ssyk}|${a.county}|${a.round}`), counties }),
  };
}

/** The exports merged under the consortium's own names for its members, not what a document says of itself. */
export function mergeVerified(deps: Pick<ConsortiumDeps, "members">, chosen: readonly Verified[]): ConsortiumMerge {
  const named = new Map(deps.members.map((m) => [m.id, m.name]));
  return mergeExports(
    chosen.map((c) => ({ ...c.payload, region: { ...c.payload.region, name: named.get(c.payload.region.id) ?? c.payload.region.name } })),
    { divisionBridge: divisionBridge2007To2025() },
  );
}

export function consortiumTables(merge: ConsortiumMerge, dimension: ConsortiumDimension) {
  const names = new Map(merge.regions.map((r) => [`region:${r.id}`, r.name]));
  const segments = merge.segments[dimension].map((id) => {
    const value = id.slice(id.indexOf(":") + 1);
    // A region is shown by its name alone: its id is no code a reader knows.
    if (dimension === "region") return { id, value: names.get(id) ?? value, label: names.get(id) ?? value };
    return { id, value, label: segmentLabel(dimension, value) };
  });
  if (dimension !== "region") segments.sort((a, b) => a.label.localeCompare(b.label, "sv"));
  return buildReleaseTables({ instrument: merge.instrument, cells: merge.cells, segments, occupations: merge.occupations, invited: merge.invited });
}

/** Left-out families grouped by question, with the question's text from an instrument that has it. */
function leftOutQuestions(merge: ConsortiumMerge, exports: readonly ReleaseExport[]): ConsortiumView["leftOut"] {
  const byQuestion = new Map<string, { regions: Set<string>; families: number }>();
  for (const f of merge.leftOut) {
    const q = byQuestion.get(f.question) ?? { regions: new Set(), families: 0 };
    f.regions.forEach((r) => q.regions.add(r));
    q.families++;
    byQuestion.set(f.question, q);
  }
  return [...byQuestion].map(([question, q]) => {
    const [id, part] = question.split("|");
    const asked = exports.flatMap((e) => e.instrument.blocks.flatMap((b) => b.questions)).find((x) => x.id === id);
    const text = part === undefined ? asked?.text : asked?.type === "needMatrix" ? asked.areas.find((a) => a.value === part)?.label : undefined;
    return { question, ...(text ? { text } : {}), regions: [...q.regions].sort(), families: q.families };
  });
}
