import data from "./data/sni-versions.json";
import { isKnownSni } from "./sni";
import type { IndustryClassification } from "./versions";

/**
 * The industry classification's versions as data. SNI 2007's list ships (data/sni.json); SNI
 * 2025's list and SCB's SNI 2007 -> SNI 2025 correspondence are generated into
 * data/sni-versions.json by `npm run classifications` when their CSVs are beside the others
 * (generate.ts names the files and their columns). Until then SNI 2025 is unavailable: an
 * organisation coded in it is refused with that reason, and nothing is bridged.
 */
type VersionsFile = { sni2025?: { divisions: Record<string, string>; codes: Record<string, string> }; correspondence?: Record<string, string[]> };
const file = data as VersionsFile;

export function isIndustryVersionAvailable(version: IndustryClassification, source: VersionsFile = file): boolean {
  return version === "SNI2007" || !!source.sni2025;
}

/** Is this 5-digit code in the version's list? Undefined: the version's list is not available. */
export function isKnownIndustryCode(code5: string, version: IndustryClassification, source: VersionsFile = file): boolean | undefined {
  if (version === "SNI2007") return isKnownSni(code5);
  return source.sni2025 ? Object.hasOwn(source.sni2025.codes, code5) : undefined;
}

/**
 * SNI 2007 divisions that lie wholly inside one SNI 2025 division: every detailed code of the 2007
 * division corresponds only to codes of that 2025 division. Only these carry a division's sums
 * across the versions unchanged (several may fold into one); a division that splits cannot be
 * bridged from aggregates and is left out. Undefined without the correspondence.
 */
export function divisionBridge2007To2025(source: VersionsFile = file): Map<string, string> | undefined {
  const pairs = source.correspondence;
  if (!pairs) return undefined;
  const targets = new Map<string, Set<string>>();
  for (const [from, to] of Object.entries(pairs)) {
    const set = targets.get(from.slice(0, 2)) ?? new Set<string>();
    for (const code of to) set.add(code.slice(0, 2));
    targets.set(from.slice(0, 2), set);
  }
  // A 2025 division that also takes part of a splitting 2007 division cannot be summed from whole ones.
  const partial = new Set([...targets.values()].filter((to) => to.size > 1).flatMap((to) => [...to]));
  const out = new Map<string, string>();
  for (const [division, to] of targets) if (to.size === 1 && !partial.has([...to][0]!)) out.set(division, [...to][0]!);
  return out;
}

export type { VersionsFile as IndustryVersionsFile };
