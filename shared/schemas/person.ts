import * as z from "zod/mini";
import { Email, Id, Language, LIMITS, requiredLine, singleLine } from "./common";
import type { Answers } from "./instrument";
import type { InvitationStatus } from "./invitation";

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

/** Why no more mail goes to a person: the address bounced for good, or they marked a mail as spam. */
export const MAIL_STOPS = ["bounced", "complaint"] as const;
export type MailStop = { reason: (typeof MAIL_STOPS)[number]; at: string };
export type Person = CreatePersonRequest & { id: string; createdAt: string; mailStop?: MailStop };

/** The owner marks which contact of an organisation is its designated respondent. */
export const DesignateRespondentRequest = z.object({
  personId: Id,
});
export type DesignateRespondentRequest = z.infer<typeof DesignateRespondentRequest>;

/** POST /api/persons/{id}/erase: the person's id again, so that an erasure is never one stray request. */
export const EraseRequest = z.object({ confirm: z.string().check(z.maxLength(64, "error.tooLong")) });
export type EraseRequest = z.infer<typeof EraseRequest>;

/** GET /api/persons/{id}/personal-data: everything kept about a person (functions/domain/personal-data.ts). */
export type PersonalDataExport = {
  exportedAt: string;
  person: Person;
  rounds: {
    roundId: string;
    roundName: string;
    invitation: { status: InvitationStatus; name: string; email: string; sentAt?: string; openedAt?: string; submittedAt?: string; remindersSent: string[] };
    draft?: { savedAt: string; answers: Answers };
    response?: { submittedAt: string; answers: Answers };
  }[];
  programmes: { id: string; name: string }[];
  mails: { createdAt: string; subject: string; text: string }[];
};

export type ErasureReport = { personId: string; erasedAt: string; rounds: number; drafts: number; responses: number; mails: number };
