import { municipalitiesOf, municipalityName } from "../../shared/classifications";
import { regionConfig } from "../config/regions";

/**
 * The demo data of a region other than Östergötland: the same fictitious organisations, moved to
 * the region's own municipalities (each Östergötland municipality of the list to one of the
 * region's, in code order) and renamed after their new place, with organisation numbers of their
 * own. So five regions side by side have comparable industries, each in its own places.
 */
export type DemoPlace = { name: string; municipality: string; nine: string };

const HOME = "ostergotland";

/** "Region Östergötland" -> "Östergötland", "Region Örebro län" -> "Örebro län". */
export const shortRegionName = (regionId: string) => regionConfig(regionId).displayName.replace(/^Region\s+/, "");

export function relocate<T extends DemoPlace>(orgs: readonly T[], regionId: string): T[] {
  if (regionId === HOME) return [...orgs];
  const config = regionConfig(regionId);
  const targets = config.countyCodes.flatMap((c) => municipalitiesOf(c).map((m) => m.code));
  if (targets.length === 0) throw new Error(`region ${regionId} has no municipalities`);
  const sources = [...new Set(orgs.map((o) => o.municipality))].sort();
  const county = config.countyCodes[0]!;
  return orgs.map((o, i) => {
    const municipality = targets[sources.indexOf(o.municipality) % targets.length]!;
    const place = municipalityName(municipality) ?? municipality;
    const rest = o.name.split(" ").slice(1).join(" ");
    // 556 + the county code + 1 + the organisation's own three digits: unique within and across the demo regions.
    return { ...o, municipality, name: `${place} ${rest}`, nine: `556${county}1${String(i + 1).padStart(3, "0")}` };
  });
}
