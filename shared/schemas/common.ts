import * as z from "zod/mini";

/** Localised text: every text a participant or owner reads exists in both languages. */
export const LocalText = z.object({ sv: z.string(), en: z.string() });
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

export const Email = z.email("error.email");
export const IsoDateTime = z.iso.datetime({ offset: true, error: "error.datetime" });
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "error.id"));
