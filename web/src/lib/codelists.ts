/**
 * The code lists behind the searchable pickers, as [code, Swedish label] pairs. Each is a chunk of
 * its own and loads on first use (DESIGN.md, "Budgets": the pickers' data load only when used);
 * SNI is in lib/sni-codes.ts, so that the participant form's chunks do not even reference it;
 * a failed load is retried on the next call.
 */
export type CodeEntry = readonly [code: string, label: string];

export function cached(load: () => Promise<CodeEntry[]>): () => Promise<CodeEntry[]> {
  let pending: Promise<CodeEntry[]> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}

/** SSYK 2012 unit groups (4 digits), sorted by code. */
export const loadSsyk = cached(() =>
  import("../../../shared/classifications/ssyk").then((m) => m.ssykList().map((e) => [e.code, e.label] as const)),
);
