import { buildFamilyModel, type FamilySpec, type Unit } from "./linked-model";
import { auditFamily, sensitiveCells, type AuditFinding } from "./audit";
import type { DisclosureRules } from "./rules";

/**
 * The audit of a round's published cells against one organisation that knows its own answers,
 * on every sensitive cell (the run-time audit tries each insider on the cells it could reach
 * through a parent only: audit.ts, insidersOf). This is what a company reading its feedback
 * knows: the release's published cells and its own contribution, so subtracting itself from
 * its industry's or region's figures must reveal no one else. In a family the company does not
 * answer, it knows no more than an outsider, and is audited as one there.
 */
export async function auditAsInsider(
  families: readonly FamilySpec[],
  units: readonly Unit[],
  releases: number,
  published: ReadonlySet<string>,
  rules: DisclosureRules,
  insider: string,
): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  for (const family of families) {
    const model = buildFamilyModel(family, units, releases);
    const prefix = `${family.id}/`;
    const inFamily = new Set([...published].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
    const index = model.unitIds.indexOf(insider);
    const attacker = index >= 0 && model.unitAtom[index] >= 0 ? ({ kind: "insider", unit: insider } as const) : ({ kind: "outsider" } as const);
    const focus = sensitiveCells(model, rules).map((s) => ({ cell: s.cell.key, attacker }));
    if (focus.length > 0) findings.push(...(await auditFamily(model, inFamily, rules, focus)).findings);
  }
  return findings;
}
