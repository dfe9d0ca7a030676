import * as z from "zod/mini";
import type { Answers, Instrument, Question } from "../schemas/instrument";
import { isKnownSsyk } from "../classifications/ssyk-codes";

/**
 * answersSchema(instrument, mode): the zod/mini schema of an answers object for one instrument.
 * The form resolves with it (zodResolver) and the API validates drafts and submissions with it.
 *
 * - "draft": every answer is optional, but what is present must have the right type and range.
 * - "submit": as draft, plus every `required` question must be answered; a need-matrix cell whose
 *   level is not "none" needs a method and a number of people; every field of an occupation row
 *   is needed (certificates excepted: none is an empty list or no answer); the same occupation may appear only once.
 * An answer that is absent is a missing key or `undefined` (not "", null or NaN).
 * Unknown question ids and unknown fields are rejected.
 *
 * Messages are keys the site translates:
 *   error.required, error.type, error.min, error.max, error.integer, error.option, error.tooLong,
 *   error.duplicate, error.tooManyRows, error.ssyk, error.hiredMoreThanSought, error.unknownField
 * Paths point at the field: `needs.digitalisation.now.people`, `occupations.0.ssyk`.
 */
export type AnswersMode = "draft" | "submit";

/** The largest number of people a need cell or an occupation count may hold. */
export const MAX_PEOPLE = 100_000;

type Raw = { input?: unknown; code?: string };
const typeError = (iss: Raw) => (iss.input === undefined ? "error.required" : "error.type");
const optionError = (iss: Raw) =>
  iss.input === undefined || iss.input === "" ? "error.required" : typeof iss.input === "string" ? "error.option" : "error.type";

/** A field is kept (required) or wrapped in optional. */
function maybe<T extends z.ZodMiniType>(schema: T, required: boolean) {
  return required ? schema : z.optional(schema);
}

function integer(min: number, max: number) {
  return z.number({ error: typeError }).check(
    z.refine((v) => Number.isInteger(v), "error.integer"),
    z.gte(min, "error.min"),
    z.lte(max, "error.max"),
  );
}

function option(values: readonly string[]) {
  return z.enum(values as [string, ...string[]], { error: optionError });
}

/** A list of distinct options (a multi question, an occupation's certificates). */
function choices(options: readonly { value: string }[], must: boolean) {
  return z.array(option(options.map((o) => o.value)), { error: typeError }).check(
    z.refine((v) => new Set(v).size === v.length, "error.duplicate"),
    ...(must ? [z.minLength(1, "error.required")] : []),
  );
}

const unknownField = z.custom<never>(() => false, { error: "error.unknownField" });

/** An object that rejects unknown keys with one issue per key, at the key's path. */
function closed<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.catchall(z.object(shape, { error: typeError }), unknownField);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const always = { when: () => true };

function questionSchema(q: Question, submit: boolean): z.ZodMiniType {
  const must = submit && q.required;
  switch (q.type) {
    case "likert":
      return integer(1, q.scale);
    case "number":
      return integer(q.min, q.max);
    case "single":
      return option(q.options.map((o) => o.value));
    case "multi":
      return choices(q.options, must);
    case "text":
      return z.string({ error: typeError }).check(
        z.maxLength(q.maxLength, "error.tooLong"),
        ...(must ? [z.refine<string>((v) => v.trim() !== "", "error.required")] : []),
      );
    case "needMatrix": {
      const levels = q.levels.map((o) => o.value);
      const cell = closed({
        level: maybe(option(levels), submit),
        method: z.optional(option(q.methods.map((o) => o.value))),
        people: z.optional(integer(0, MAX_PEOPLE)),
      });
      const checkedCell = submit
        ? cell.check(
            z.superRefine((c: unknown, ctx) => {
              if (!isObject(c) || typeof c.level !== "string" || c.level === "none" || !levels.includes(c.level)) return;
              if (c.method === undefined) ctx.issues.push({ code: "custom", message: "error.required", path: ["method"], input: c.method });
              if (c.people === undefined) ctx.issues.push({ code: "custom", message: "error.required", path: ["people"], input: c.people });
            }, always),
          )
        : cell;
      const area = closed(Object.fromEntries(q.horizons.map((h) => [h.value, maybe(checkedCell, must)])));
      return closed(Object.fromEntries(q.areas.map((a) => [a.value, maybe(area, must)])));
    }
    case "occupations": {
      const count = integer(0, MAX_PEOPLE);
      const row = closed({
        ssyk: maybe(z.string({ error: typeError }).check(z.refine((v) => /^\d{4}$/.test(v) && isKnownSsyk(v), "error.ssyk")), submit),
        hires12m: maybe(count, submit),
        hires1to3y: maybe(count, submit),
        staffChange12m: maybe(option(q.staffChanges.map((o) => o.value)), submit),
        educationLevel: maybe(option(q.educationLevels.map((o) => o.value)), submit),
        difficulty: maybe(option(q.difficulties.map((o) => o.value)), submit),
        sought12m: maybe(count, submit),
        hired12m: maybe(count, submit),
        // Version 2's fields, only where the question asks them.
        ...(q.staffChange3y && { staffChange3y: maybe(option(q.staffChanges.map((o) => o.value)), submit) }),
        ...(q.educationField && { educationField: maybe(option(q.educationField.options.map((o) => o.value)), submit) }),
        ...(q.experience && { experience: maybe(option(q.experience.options.map((o) => o.value)), submit) }),
        ...(q.certificates && { certificates: z.optional(choices(q.certificates.options, false)) }),
        ...(q.retirements1to3y && { retirements1to3y: maybe(count, submit) }),
        ...(q.workforce && { women: maybe(count, submit), men: maybe(count, submit) }),
      }).check(
        z.superRefine((r: unknown, ctx) => {
          if (!isObject(r) || typeof r.sought12m !== "number" || typeof r.hired12m !== "number") return;
          if (r.hired12m > r.sought12m) ctx.issues.push({ code: "custom", message: "error.hiredMoreThanSought", path: ["hired12m"], input: r.hired12m });
        }, always),
      );
      return z.array(row, { error: typeError }).check(
        z.maxLength(q.maxRows, "error.tooManyRows"),
        ...(must ? [z.minLength(1, "error.required")] : []),
        ...(submit
          ? [
              z.superRefine((rows: unknown, ctx) => {
                if (!Array.isArray(rows)) return;
                const seen = new Set<unknown>();
                rows.forEach((r, i) => {
                  const code = isObject(r) ? r.ssyk : undefined;
                  if (typeof code !== "string") return;
                  if (seen.has(code)) ctx.issues.push({ code: "custom", message: "error.duplicate", path: [i, "ssyk"], input: code });
                  seen.add(code);
                });
              }, always),
            ]
          : []),
      );
    }
  }
}

const cache = new WeakMap<Instrument, Partial<Record<AnswersMode, z.ZodMiniType<Answers, Answers>>>>();

export function answersSchema(instrument: Instrument, mode: AnswersMode): z.ZodMiniType<Answers, Answers> {
  const cached = cache.get(instrument)?.[mode];
  if (cached) return cached;
  const submit = mode === "submit";
  const shape: Record<string, z.ZodMiniType> = {};
  for (const block of instrument.blocks)
    for (const q of block.questions) shape[q.id] = maybe(questionSchema(q, submit), submit && q.required);
  const schema = closed(shape) as unknown as z.ZodMiniType<Answers, Answers>;
  cache.set(instrument, { ...cache.get(instrument), [mode]: schema });
  return schema;
}

/**
 * Drops what a form holds for "not answered" (`undefined`, `null`, `""`, `NaN`) from an answers
 * object, at any depth (array elements included), so the schema sees such answers as absent.
 * The site can wrap the resolver with it: `(values, ctx, o) => zodResolver(schema)(pruneEmpty(values), ctx, o)`.
 */
export function pruneEmpty<T>(value: T): T {
  const empty = (v: unknown) => v === undefined || v === null || v === "" || (typeof v === "number" && Number.isNaN(v));
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.filter((x) => !empty(x)).map(walk);
    if (typeof v === "object" && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!empty(x)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
