import * as z from "zod/mini";
import { Email, Id, Language, LIMITS, requiredLine, singleLine } from "./common";

export const GENDERS = ["woman", "man", "non-binary", "prefer-not-to-say"] as const;
export const AGE_BANDS = ["-29", "30-44", "45-59", "60-"] as const;

export const CreatePersonRequest = z.object({
  organisationId: z.string().check(z.regex(/^\d{10}$/, "error.orgNumber.format")),
  name: requiredLine(LIMITS.name),
  email: Email,
  role: z.optional(singleLine(100)),
  language: z._default(Language, "sv"),
  gender: z.optional(z.enum(GENDERS, "error.gender")),
  ageBand: z.optional(z.enum(AGE_BANDS, "error.ageBand")),
  /**
   * The organisation's designated respondent: a round whose unit is the organisation invites this
   * contact (the oldest so marked), else the organisation's first (oldest) contact.
   */
  respondent: z.optional(z.boolean("error.boolean")),
});
export type CreatePersonRequest = z.infer<typeof CreatePersonRequest>;

export type Person = CreatePersonRequest & { id: string; createdAt: string };

/** The owner marks which contact of an organisation is its designated respondent. */
export const DesignateRespondentRequest = z.object({
  personId: Id,
});
export type DesignateRespondentRequest = z.infer<typeof DesignateRespondentRequest>;
