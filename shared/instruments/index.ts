import type { Instrument } from "../schemas/instrument";
import { skillsNeedsV1 } from "./skills-needs-v1";
import { skillsNeedsV2 } from "./skills-needs-v2";
import { baselineV1 } from "./baseline-v1";
import { followUpV1 } from "./follow-up-v1";
import { homeAssignmentV1 } from "./home-assignment-v1";
import { reflectionV1 } from "./reflection-v1";

export { skillsNeedsV1, EDUCATION_LEVEL_SUN } from "./skills-needs-v1";
export { skillsNeedsV2 } from "./skills-needs-v2";
export { baselineV1 } from "./baseline-v1";
export { followUpV1, DEFAULT_PROGRAMME_TARGETS } from "./follow-up-v1";
export { homeAssignmentV1 } from "./home-assignment-v1";
export { reflectionV1 } from "./reflection-v1";
export { answersSchema, pruneEmpty, MAX_PEOPLE, type AnswersMode } from "./answers-schema";

/** Every shipped instrument version. Versions are frozen once a round used them. */
export const INSTRUMENTS: readonly Instrument[] = [skillsNeedsV1, skillsNeedsV2, baselineV1, followUpV1, homeAssignmentV1, reflectionV1];

/** The instrument with this id and version, or undefined. */
export function getInstrument(id: string, version: number): Instrument | undefined {
  return INSTRUMENTS.find((i) => i.id === id && i.version === version);
}

/** The newest shipped version of an instrument (what a new round gets when it names none), or 1. */
export function latestVersion(id: string): number {
  return Math.max(1, ...INSTRUMENTS.filter((i) => i.id === id).map((i) => i.version));
}

/** Every question of an instrument, in order, with the block it belongs to. */
export function questionsOf(instrument: Instrument): Instrument["blocks"][number]["questions"] {
  return instrument.blocks.flatMap((b) => b.questions);
}

/**
 * The unit of a round's instrument. A region's stored version (not shipped) has the unit of the
 * shipped versions of its id, which it is built on. An unknown instrument counts persons, as
 * every round did before instruments declared their unit.
 */
export function unitOf(round: { instrumentId: string; instrumentVersion: number }): Instrument["unit"] {
  return (getInstrument(round.instrumentId, round.instrumentVersion) ?? INSTRUMENTS.find((i) => i.id === round.instrumentId))?.unit ?? "person";
}
