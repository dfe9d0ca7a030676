import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import type { Instrument } from "../../../../shared/schemas";
import { answersSchema } from "../../../../shared/instruments/answers-schema";

/**
 * The form's validation: the shared answersSchema (zod/mini, the one the API uses) and the zod
 * resolver. A chunk of its own (about 9 KB gzipped with zod and the SSYK code list) that the form
 * starts loading as soon as its first step is on screen (FormPage.tsx, loadValidation): nothing
 * validates before the first "Nästa" or draft save, and those wait for it if it is still on its way.
 */
type FormValues = Record<string, unknown>;

const resolvers = new WeakMap<Instrument, Resolver<FormValues>>();

/** The zod resolver of the instrument's submit schema; it expects answers already cleaned. */
export function submitResolver(instrument: Instrument): Resolver<FormValues> {
  let resolver = resolvers.get(instrument);
  if (!resolver) {
    resolver = zodResolver(answersSchema(instrument, "submit") as never) as unknown as Resolver<FormValues>;
    resolvers.set(instrument, resolver);
  }
  return resolver;
}

/** Checks draft answers; `issues` lists what the draft schema rejects (empty when they pass). */
export function draftIssues(instrument: Instrument, answers: unknown): readonly { path: PropertyKey[] }[] {
  const result = answersSchema(instrument, "draft").safeParse(answers);
  return result.success ? [] : result.error.issues;
}
