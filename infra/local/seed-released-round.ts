import type { Round } from "../../shared/schemas/round";
import type { ReleaseSummary } from "../../shared/schemas/release";
import { call, expectOk } from "./seed-http";

export const DEMO_RELEASED_ROUND_NAME = "Kompetensbehov 2025 – Östergötland";

/**
 * A demo round that has run its course: launched, answered and closed early, so the state
 * machine's Aggregate step makes its final, protected release. The demo then shows released
 * rounds beside the open one, and the region's trends have points to join.
 */
export async function seedReleasedRound(opts: {
  baseUrl: string;
  token: string;
  projectId: string;
  log: (line: string) => void;
  answer: (roundId: string) => Promise<{ invited: number; submitted: number }>;
  /** @default DEMO_RELEASED_ROUND_NAME */
  name?: string;
  /** @default the newest shipped version */
  instrumentVersion?: number;
  /** The year its figures describe. @default the year it closes */
  referenceYear?: number;
  timeoutMs?: number;
}): Promise<{ roundId: string; release?: ReleaseSummary }> {
  const { baseUrl, token, log } = opts;
  const now = Date.now();
  const round = await expectOk<Round>(
    "create the released round",
    call(baseUrl, "POST", "/api/rounds", {
      token,
      json: { projectId: opts.projectId, name: opts.name ?? DEMO_RELEASED_ROUND_NAME, instrumentVersion: opts.instrumentVersion, referenceYear: opts.referenceYear, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString(), reminders: [] },
    }),
  );
  const url = `/api/rounds/${encodeURIComponent(round.id)}`;
  await expectOk("launch the released round", call(baseUrl, "POST", `${url}/launch`, { token }));
  const answered = await opts.answer(round.id);
  await expectOk("close the released round", call(baseUrl, "POST", `${url}/close`, { token }));
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  for (;;) {
    const { items } = await expectOk<{ items: ReleaseSummary[] }>("releases", call(baseUrl, "GET", `${url}/releases`, { token }));
    const final = items.find((r) => r.kind === "final");
    if (final) {
      log(`released round: ${answered.submitted} of ${answered.invited} answered, final release ${final.number} ${final.status} (${final.stats.suppressedCells} of ${final.stats.cells} cells suppressed, ${final.stats.millis} ms)`);
      return { roundId: round.id, release: final };
    }
    if (Date.now() > deadline) {
      log("the released round's final release did not appear in time");
      return { roundId: round.id };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
