import { useEffect, useState } from "react";

/**
 * The SNI 2007 and municipality code lists, loaded on demand (their JSON is about 50 KB raw): the
 * owner pages fetch them when a page needs names or a picker, never the participant route.
 */
export type Lookups = {
  sniLabel: (code5: string) => string | undefined;
  divisionLabel: (division: string) => string | undefined;
  municipalityName: (code: string) => string | undefined;
  countyName: (code: string) => string | undefined;
  /** Every 5-digit SNI code with its Swedish label, sorted by code. */
  sniCodes: { code: string; label: string }[];
  /** Every 2-digit SNI division with its Swedish label, sorted by code. */
  divisions: { code: string; label: string }[];
  /** Every municipality, sorted by name (Swedish collation). */
  municipalities: { code: string; label: string }[];
};

let cache: Lookups | null = null;
let pending: Promise<Lookups> | null = null;

export function loadLookups(): Promise<Lookups> {
  pending ??= Promise.all([import("../../../../shared/classifications/sni"), import("../../../../shared/classifications/places")]).then(
    ([sni, places]) => {
      const codes = sni.sniCodes();
      const divisions = [...new Set(codes.map((c) => c.slice(0, 2)))].sort().map((code) => ({ code, label: sni.divisionLabel(code) ?? code }));
      cache = {
        sniLabel: sni.sniLabel,
        divisionLabel: sni.divisionLabel,
        municipalityName: places.municipalityName,
        countyName: places.countyName,
        sniCodes: codes.map((code) => ({ code, label: sni.sniLabel(code) ?? code })),
        divisions,
        municipalities: places
          .municipalitiesOf("")
          .map((m) => ({ code: m.code, label: m.name }))
          .sort((a, b) => a.label.localeCompare(b.label, "sv")),
      };
      return cache;
    },
    (error) => {
      pending = null; // a failed chunk load may succeed next time
      throw error;
    },
  );
  return pending;
}

/** The lookups, or null while they load (or when they could not be loaded: pages then show codes). */
export function useLookups(): Lookups | null {
  const [lookups, setLookups] = useState<Lookups | null>(cache);
  useEffect(() => {
    if (lookups) return;
    let live = true;
    loadLookups().then(
      (l) => live && setLookups(l),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [lookups]);
  return lookups;
}

/** "0580 Linköping" when the name is known, else the code. */
export function codeAndName(code: string, name: string | undefined): string {
  return name ? `${code} ${name}` : code;
}
