import type { Stores } from "../../functions/stores";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { generatedAnswers, rng } from "../bench/generated-round";

const MUNICIPALITIES = ["0580", "0581", "0583", "0582", "0584", "0586", "0560"];
const SIZES = ["0-9", "10-49", "50-249", "250+"];

/**
 * `count` submitted skills-needs responses of the round, each from its own generated
 * organisation, with answers drawn from a seeded generator and written in batches (not through
 * the submit path: these tests and the bench are about reading them back). An organisation name
 * now and then starts with "=", as a hostile one would.
 */
export async function storeGeneratedResponses(stores: Stores, roundId: string, count: number, seed = 1): Promise<void> {
  const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
  const r = rng(seed);
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const items = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      items.push(
        stores.responses.putIfAbsent({
          roundId,
          personId: `p${String(i).padStart(7, "0")}`,
          organisationId: `o${i}`,
          orgNumber: `55${String(i).padStart(8, "0")}`,
          orgName: i % 97 === 0 ? `=HYPERLINK("http://evil.example/${i}")` : `Bolag ${i} AB`,
          sni: "25110",
          municipality: MUNICIPALITIES[i % MUNICIPALITIES.length]!,
          sizeClass: SIZES[i % SIZES.length]!,
          instrumentId: instrument.id,
          instrumentVersion: instrument.version,
          answers: generatedAnswers(instrument, r),
          submittedAt: new Date(Date.UTC(2026, 3, 1) + i * 1000).toISOString(),
        }),
      );
    }
    await stores.batchPut(items);
  }
}
