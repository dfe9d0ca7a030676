import { getInstrument } from "../../shared/instruments";
import type { Instrument } from "../../shared/schemas/instrument";
import type { Deps, InstrumentRegistry } from "../adapters/ports";

/**
 * The registry a use case reads instruments from: the one in deps, else the shipped versions
 * (no I/O) and then the region's stored ones. A version a round uses never changes, so what a
 * round's instrument was when it opened is what every later read gets.
 */
export function instrumentRegistry(deps: Pick<Deps, "stores" | "instruments">): InstrumentRegistry {
  return (
    deps.instruments ?? {
      async get(id, version) {
        return getInstrument(id, version) ?? (await deps.stores.instrumentVersions.get(id, version))?.instrument;
      },
    }
  );
}

/** A round's instrument; one that is missing is a fault (rounds are made only with existing versions). */
export async function instrumentOfRound(deps: Pick<Deps, "stores" | "instruments">, round: { instrumentId: string; instrumentVersion: number }): Promise<Instrument> {
  const instrument = await instrumentRegistry(deps).get(round.instrumentId, round.instrumentVersion);
  if (!instrument) throw new Error(`Instrument ${round.instrumentId} v${round.instrumentVersion} is missing`);
  return instrument;
}
