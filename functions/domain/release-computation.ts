import { RESULT_DIMENSIONS, type Instrument, type ResultDimension, type ResultTable } from "../../shared/schemas";
import { releaseFamilies, reportedOccupations } from "../../shared/indicators/release-families";
import { buildReleaseTables, type ReleaseCells } from "../../shared/indicators/release-tables";
import { familyKey, protectRelease, type ReleaseProtection } from "../../shared/disclosure/release-protection";
import { cellKey, type FamilySpec, type Unit } from "../../shared/disclosure/linked-model";
import { publishedCells } from "../../shared/indicators/published-cells";
import type { DisclosureRules } from "../../shared/disclosure/rules";
import type { ExportedFamily } from "../../shared/schemas/release-export";
import { compareSegments, segmentLabel } from "./segments";

/**
 * A round's release computed from its units, with no store: the families, their protection over
 * every release (ending with the audit, whose findings decide) and the result tables of each
 * breakdown. What `makeRelease` stores, and what the release benchmark times.
 */
export type ReleaseComputation = {
  families: FamilySpec[];
  protection: ReleaseProtection;
  tables: Map<ResultDimension, ResultTable[]>;
  /** The new release's protected cells (sums and n, or suppressed), as a release keeps them. */
  cells: ExportedFamily[];
};

export async function computeRelease(input: {
  instrument: Instrument;
  units: readonly Unit[];
  /** Number of releases including the new one. */
  releases: number;
  earlierSuppressed: ReadonlySet<string>;
  rules: DisclosureRules;
  /** Invited units per segment id ("all", "industry:25", ...). */
  invited: ReadonlyMap<string, number>;
}): Promise<ReleaseComputation> {
  const { instrument, units, releases, earlierSuppressed, rules, invited } = input;
  const current = releases - 1;
  const occupations = reportedOccupations(units.map((u) => u.values));
  const families = releaseFamilies(instrument, occupations);
  const protection = await protectRelease({ families, units, releases, earlierSuppressed, rules });
  const cells: ReleaseCells = {
    get(family, quantity, segment) {
      const model = protection.models.get(family);
      const key = cellKey(current, quantity, segment);
      const cell = model?.cellByKey.get(key);
      if (!cell) return { value: 0, n: 0 };
      if (!protection.published.has(familyKey(family, key))) return "suppressed";
      return { value: cell.value, n: cell.n };
    },
  };
  const tables = new Map<ResultDimension, ResultTable[]>();
  const segmentIds = [...new Set(units.flatMap((u) => u.segments))];
  for (const dimension of RESULT_DIMENSIONS) {
    const segments = segmentIds
      .filter((id) => id.startsWith(`${dimension}:`))
      .map((id) => ({ id, value: id.slice(dimension.length + 1), segment: id.slice(dimension.length + 1), label: segmentLabel(dimension, id.slice(dimension.length + 1)) }))
      .sort(compareSegments(dimension));
    tables.set(dimension, buildReleaseTables({ instrument, cells, segments, occupations, invited: (s) => invited.get(s) ?? 0 }));
  }
  return { families, protection, tables, cells: publishedCells(families, protection, current) };
}
