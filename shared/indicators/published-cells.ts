import type { FamilySpec } from "../disclosure/linked-model";
import { familyKey, type ReleaseProtection } from "../disclosure/release-protection";
import type { ExportedFamily } from "../schemas/release-export";

/**
 * The table cells of one release as protection left them: per family, segment and quantity the
 * sum and its n where published, `suppressed` otherwise. This is what a release keeps for readers
 * that need sums rather than the tables' shares (a consortium's merge, trends), and all that ever
 * leaves the region.
 */
export function publishedCells(families: readonly FamilySpec[], protection: Pick<ReleaseProtection, "models" | "published">, release: number): ExportedFamily[] {
  return families.map((family) => {
    const model = protection.models.get(family.id);
    const cells: ExportedFamily["cells"] = [];
    for (const cell of model?.cells ?? []) {
      if (cell.kind !== "table" || cell.release !== release) continue;
      const quantity = model!.quantities[cell.quantity].key;
      cells.push(
        protection.published.has(familyKey(family.id, cell.key))
          ? { segment: cell.segment, quantity, value: cell.value, n: cell.n }
          : { segment: cell.segment, quantity, suppressed: true },
      );
    }
    return { id: family.id, quantities: family.quantities.map((q) => ({ key: q.key, kind: q.kind })), cells };
  });
}
