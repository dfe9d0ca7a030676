/** Shared by the latency benches: percentiles and a fixed number of concurrent clients. */

export function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

export const p50 = (xs: number[]) => percentile(xs, 0.5);
export const p99 = (xs: number[]) => percentile(xs, 0.99);
export const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * Runs `perClient` calls on each of `clients` concurrent clients (client i, call j) and returns
 * every call's duration in ms. A call that throws fails the run: a latency of an error is no figure.
 */
export async function concurrently(clients: number, perClient: number, call: (client: number, n: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let n = 0; n < perClient; n++) {
        const t = performance.now();
        await call(c, n);
        out.push(performance.now() - t);
      }
    }),
  );
  return out;
}

/**
 * Measures two kinds of call in alternating phases (A, B, A, B, ...), each phase `clients`
 * concurrent clients doing `perPhase` calls each, so both see the same machine and table size.
 */
export async function alternating(
  clients: number,
  phases: number,
  perPhase: number,
  a: (client: number, n: number) => Promise<unknown>,
  b: (client: number, n: number) => Promise<unknown>,
): Promise<{ a: number[]; b: number[] }> {
  const result = { a: [] as number[], b: [] as number[] };
  for (let p = 0; p < phases; p++) {
    result.a.push(...(await concurrently(clients, perPhase, (c, n) => a(c, p * perPhase + n))));
    result.b.push(...(await concurrently(clients, perPhase, (c, n) => b(c, p * perPhase + n))));
  }
  return result;
}
