import { cached, type CodeEntry } from "./codelists";

/** SNI 2007 detailed codes (5 digits) with Swedish labels, sorted by code: the industry picker's list. */
export const loadSni: () => Promise<CodeEntry[]> = cached(() =>
  import("../../../shared/classifications/sni").then((m) => m.sniCodes().map((c) => [c, m.sniLabel(c) ?? ""] as const)),
);
