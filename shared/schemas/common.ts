import * as z from "zod/mini";

/**
 * Bounds on what a request may carry, well under DynamoDB's 400 KB item limit: the largest item a
 * request can make (a round with its invitation text and recipient list, a programme with its
 * targets and cohort) stays below about 150 KB even when every character takes 3 bytes in UTF-8.
 */
export const LIMITS = {
  /** A name or other one-line field. */
  name: 200,
  /** One language of a localised text (an invitation, a home assignment). */
  text: 2000,
  /** One language of a short label (a programme target). */
  label: 200,
  /** A facilitator's notes on a session. */
  notes: 5000,
  /** Ids in a path, query or body (a 43-character participant token is the longest). */
  id: 64,
} as const;

/**
 * C0 control characters, DEL and the C1 controls. A one-line field refuses all of them; a
 * multi-line text allows tab, line feed and carriage return. NUL and its like break CSV exports,
 * mail headers and whoever reads the text later, and no keyboard types them.
 */
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
export const hasControlCharacter = (v: string, multiLine = false) => (multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(v);

/** A trimmed one-line text of at most `max` characters, without control characters. */
export const singleLine = (max: number) =>
  z.string().check(z.trim(), z.maxLength(max, "error.tooLong"), z.refine((v) => !hasControlCharacter(v), "error.controlCharacter"));
/** As singleLine, and not empty: a name. */
export const requiredLine = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, "error.required"),
    z.maxLength(max, "error.tooLong"),
    z.refine((v) => !hasControlCharacter(v), "error.controlCharacter"),
  );
/** A text of at most `max` characters that may hold line breaks and tabs, but no other control characters. */
export const multiLine = (max: number) =>
  z.string().check(z.maxLength(max, "error.tooLong"), z.refine((v) => !hasControlCharacter(v, true), "error.controlCharacter"));

/** Localised text: every text a participant or owner reads exists in both languages. */
export const LocalText = z.object({ sv: multiLine(LIMITS.text), en: multiLine(LIMITS.text) });
/** A short localised label, one line in each language. */
export const LocalLabel = z.object({ sv: singleLine(LIMITS.label), en: singleLine(LIMITS.label) });
export type LocalText = z.infer<typeof LocalText>;

export const Language = z.enum(["sv", "en"]);
export type Language = z.infer<typeof Language>;

/**
 * Swedish organisation number: 10 digits (an optional hyphen after the sixth), the last a
 * Luhn check digit over the first nine. Normalised to the 10 digits without hyphen.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    if (i % 2 === digits.length % 2) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const OrganisationNumber = z.pipe(
  z.string().check(
    z.trim(),
    z.regex(/^\d{6}-?\d{4}$/, "error.orgNumber.format"),
    z.refine((v) => luhnValid(v.replace("-", "")), "error.orgNumber.checkDigit"),
  ),
  z.transform((v) => v.replace("-", "")),
);

/** SNI 2007 detailed code, 5 digits (division = first 2). */
export const SniCode = z.string().check(z.trim(), z.regex(/^\d{5}$/, "error.sni.format"));
/** Municipality code, 4 digits (county = first 2). */
export const MunicipalityCode = z.string().check(z.trim(), z.regex(/^\d{4}$/, "error.municipality.format"));
/** SSYK 2012 unit group, 4 digits. */
export const SsykCode = z.string().check(z.regex(/^\d{4}$/, "error.ssyk.format"));

export const SIZE_CLASSES = ["0-9", "10-49", "50-249", "250+"] as const;
export const SizeClass = z.enum(SIZE_CLASSES, "error.sizeClass");
export type SizeClass = z.infer<typeof SizeClass>;

export const Email = z.email("error.email").check(z.maxLength(254, "error.tooLong"));
export const IsoDateTime = z.iso.datetime({ offset: true, error: "error.datetime" });
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "error.id"));
/** An instrument's id as a round names it ("skills-needs"). */
export const InstrumentId = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/, "error.instrument.unknown"));
/** The year a round's figures describe (SCB's reference period): what a consortium lines regions up by. */
export const ReferenceYear = z.number("error.type").check(z.refine((v) => Number.isInteger(v), "error.integer"), z.gte(2000, "error.min"), z.lte(2100, "error.max"));
export const InstrumentVersion = z.number("error.type").check(z.refine((v) => Number.isInteger(v), "error.integer"), z.gte(1, "error.min"), z.lte(1000, "error.max"));
