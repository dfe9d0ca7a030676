import { buildFamilyModel, type FamilyModel, type FamilySpec, type Unit } from "./linked-model";
import { protectFamily, publishedKeys, type FamilyProtection } from "./protect";
import { auditFamily, type AuditFinding, type FamilyAudit } from "./audit";
import type { DisclosureRules } from "./rules";

/**
 * Protects the newest release of a round together with every earlier one: each family of
 * quantities is modelled over all releases (linked-model.ts), suppressed (protect.ts) and audited
 * (audit.ts). Cell keys outside a family are `${family}/${cell key}`.
 */
export type ReleaseProtectionInput = {
  families: FamilySpec[];
  units: readonly Unit[];
  /** Number of releases including the new one (the new one is releases - 1). */
  releases: number;
  /** Family-prefixed keys of the earlier releases' suppressed table cells; all their other cells were published. */
  earlierSuppressed: ReadonlySet<string>;
  rules: DisclosureRules;
};

export type ReleaseProtection = {
  models: Map<string, FamilyModel>;
  /** Family-prefixed keys of the new release's suppressed cells. */
  suppressed: Set<string>;
  /** Family-prefixed keys of every published table cell of every release, the new one included. */
  published: Set<string>;
  findings: AuditFinding[];
  stats: ProtectionStats;
};

export type ProtectionStats = {
  families: number;
  cells: number;
  sensitiveCells: number;
  suppressedCells: number;
  solves: number;
  largestModel: { columns: number; rows: number };
  /** Milliseconds building the models, suppressing (short of the audit) and auditing. */
  millis: { model: number; protect: number; audit: number };
};

export const familyKey = (family: string, key: string) => `${family}/${key}`;

const withinFamily = (family: string, keys: ReadonlySet<string>): Set<string> => {
  const prefix = `${family}/`;
  const out = new Set<string>();
  for (const k of keys) if (k.startsWith(prefix)) out.add(k.slice(prefix.length));
  return out;
};

export async function protectRelease(input: ReleaseProtectionInput): Promise<ReleaseProtection> {
  const models = new Map<string, FamilyModel>();
  const suppressed = new Set<string>();
  const published = new Set<string>();
  const findings: AuditFinding[] = [];
  const stats: ProtectionStats = { families: 0, cells: 0, sensitiveCells: 0, suppressedCells: 0, solves: 0, largestModel: { columns: 0, rows: 0 }, millis: { model: 0, protect: 0, audit: 0 } };
  const current = input.releases - 1;
  for (const family of input.families) {
    const t0 = performance.now();
    const model = buildFamilyModel(family, input.units, input.releases);
    const t1 = performance.now();
    stats.millis.model += t1 - t0;
    models.set(family.id, model);
    const hidden = withinFamily(family.id, input.earlierSuppressed);
    const earlier = new Set(model.cells.filter((c) => c.kind === "table" && c.release < current && !hidden.has(c.key)).map((c) => c.key));
    const result: FamilyProtection = await protectFamily({ model, rules: input.rules, earlierPublished: earlier });
    stats.millis.protect += performance.now() - t1 - result.auditMillis;
    stats.millis.audit += result.auditMillis;
    for (const k of result.suppressed) suppressed.add(familyKey(family.id, k));
    for (const k of publishedKeys(model, result.suppressed, earlier)) published.add(familyKey(family.id, k));
    findings.push(...result.audit.findings);
    stats.families++;
    stats.cells += model.cells.filter((c) => c.kind === "table" && c.release === current).length;
    stats.sensitiveCells += result.audit.sensitiveCells;
    stats.suppressedCells += result.suppressed.size;
    stats.solves += result.solves + result.audit.solves;
    if (result.columns > stats.largestModel.columns) stats.largestModel = { columns: result.columns, rows: result.rows };
  }
  return { models, suppressed, published, findings, stats };
}

/** Audits published cells of a round's releases from scratch, family by family: the run-time check and the test oracle. */
export async function auditRelease(
  families: FamilySpec[],
  units: readonly Unit[],
  releases: number,
  published: ReadonlySet<string>,
  rules: DisclosureRules,
): Promise<FamilyAudit[]> {
  const out: FamilyAudit[] = [];
  for (const family of families) {
    const model = buildFamilyModel(family, units, releases);
    out.push(await auditFamily(model, withinFamily(family.id, published), rules));
  }
  return out;
}
