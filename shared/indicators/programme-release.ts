import type { ProgrammePopulation, ProgrammeTarget, TargetResult } from "../schemas/programme";
import { PROGRAMME_POPULATIONS } from "../schemas/programme";
import type { DisclosureRules } from "../disclosure/rules";
import { cellKey, type FamilyModel, type Unit } from "../disclosure/linked-model";
import { familyKey, protectRelease, type ProtectionStats } from "../disclosure/release-protection";
import type { AuditFinding } from "../disclosure/audit";
import { programmeFamilies, targetCounters } from "./programme-families";
import { targetResults, unitsOf, type MeasuredParticipant } from "./programme-targets";
import type { ReleaseCells } from "./release-tables";

/**
 * One release of a programme report (pure): the targets of every population protected as one set
 * per population, together with the programme's earlier releases (shared/disclosure), then read
 * into target results. What a release keeps for the next one: the units it counted, with the
 * segments they were counted in (a person's registered gender may change; what was published
 * may not), and its suppressed cells.
 */
export type ProgrammeReleaseState = {
  included: { population: ProgrammePopulation; id: string; segments: string[] }[];
  suppressed: string[];
};

export type ProgrammeReleaseInput = {
  targets: readonly ProgrammeTarget[];
  /** The cohort, with the measurements that count in this release (submitted by its cutoff). */
  participants: readonly MeasuredParticipant[];
  comparable: (questionId: string) => boolean;
  rules: DisclosureRules;
  /** The programme's earlier published releases, oldest first. */
  earlier: readonly ProgrammeReleaseState[];
};

export type ProgrammeReleaseResult = {
  targets: TargetResult[];
  state: ProgrammeReleaseState;
  findings: AuditFinding[];
  stats: ProtectionStats;
  respondents: Record<ProgrammePopulation, number>;
};

const emptyStats = (): ProtectionStats => ({ families: 0, cells: 0, sensitiveCells: 0, suppressedCells: 0, solves: 0, largestModel: { columns: 0, rows: 0 }, millis: { model: 0, protect: 0, audit: 0 } });

function addStats(into: ProtectionStats, s: ProtectionStats) {
  into.families += s.families;
  for (const k of ["model", "protect", "audit"] as const) into.millis[k] += s.millis[k];
  into.cells += s.cells;
  into.sensitiveCells += s.sensitiveCells;
  into.suppressedCells += s.suppressedCells;
  into.solves += s.solves;
  if (s.largestModel.columns > into.largestModel.columns) into.largestModel = s.largestModel;
}

/**
 * A population's units for the model: follow-up respondents only (who responded is what the
 * attacker is taken to know), each in the segments and release it was first counted in.
 */
export function programmeUnits(
  population: ProgrammePopulation,
  input: Pick<ProgrammeReleaseInput, "participants" | "targets" | "comparable">,
  before: ReadonlyMap<string, { arrival: number; segments: string[] }>,
  current: number,
): Unit[] {
  return unitsOf(input.participants, population)
    .filter((u) => u.followUp)
    .map((u) => {
      const earlier = before.get(`${population}/${u.id}`);
      return {
        id: u.id,
        segments: earlier?.segments ?? u.segments,
        arrival: earlier?.arrival ?? current,
        values: targetCounters(u, input.targets, input.comparable),
      };
    });
}

/** Where each unit of the earlier releases was first counted, by `${population}/${id}`. */
export function earlierArrivals(earlier: readonly ProgrammeReleaseState[]): Map<string, { arrival: number; segments: string[] }> {
  const before = new Map<string, { arrival: number; segments: string[] }>();
  earlier.forEach((state, i) => {
    for (const u of state.included) {
      const key = `${u.population}/${u.id}`;
      if (!before.has(key)) before.set(key, { arrival: i, segments: u.segments });
    }
  });
  return before;
}

export async function protectProgrammeRelease(input: ProgrammeReleaseInput): Promise<ProgrammeReleaseResult> {
  const current = input.earlier.length;
  const releases = current + 1;
  const earlierSuppressed = new Set(input.earlier.flatMap((s) => s.suppressed));
  const before = earlierArrivals(input.earlier);

  const models = new Map<string, FamilyModel>();
  const published = new Set<string>();
  const suppressed = new Set<string>();
  const findings: AuditFinding[] = [];
  const stats = emptyStats();
  const included: ProgrammeReleaseState["included"] = [];
  const respondents = { professionals: 0, organisations: 0 } as Record<ProgrammePopulation, number>;

  for (const population of PROGRAMME_POPULATIONS) {
    const families = programmeFamilies(population, input.targets, input.comparable);
    const units = programmeUnits(population, input, before, current);
    respondents[population] = units.length;
    for (const u of units) included.push({ population, id: u.id, segments: [...u.segments] });
    if (families.length === 0) continue;
    const protection = await protectRelease({ families, units, releases, earlierSuppressed, rules: input.rules });
    for (const [id, model] of protection.models) models.set(id, model);
    for (const k of protection.published) published.add(k);
    for (const k of protection.suppressed) suppressed.add(k);
    findings.push(...protection.findings);
    addStats(stats, protection.stats);
  }

  const cells: ReleaseCells = {
    get(family, quantity, segment) {
      const key = cellKey(current, quantity, segment);
      const cell = models.get(family)?.cellByKey.get(key);
      if (!cell) return { value: 0, n: 0 };
      return published.has(familyKey(family, key)) ? { value: cell.value, n: cell.n } : "suppressed";
    },
  };
  const segments = (family: string) => {
    const model = models.get(family);
    const out = new Set<string>();
    for (const c of model?.cells ?? []) if (c.kind === "table" && c.release === current && c.quantity === 0) out.add(c.segment);
    return out;
  };
  return {
    targets: targetResults({ targets: input.targets, comparable: input.comparable, cells, segments }),
    state: { included, suppressed: [...suppressed] },
    findings,
    stats,
    respondents,
  };
}
