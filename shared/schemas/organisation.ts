import * as z from "zod/mini";
import { Email, LIMITS, MunicipalityCode, OrganisationNumber, requiredLine, singleLine, SizeClass, SniCode } from "./common";
import { INDUSTRY_CLASSIFICATIONS } from "../classifications/versions";
import { isIndustryVersionAvailable } from "../classifications/industry-versions";

/**
 * Which SNI version an organisation's code is in. Only SNI 2007 can be given until SNI 2025's list
 * is among the code lists (shared/classifications/industry-versions.ts); the code is then checked
 * against SNI 2007's list.
 */
const SniVersion = z._default(
  z.enum(INDUSTRY_CLASSIFICATIONS, "error.sniVersion").check(z.refine((v) => isIndustryVersionAvailable(v), "error.sniVersionUnavailable")),
  "SNI2007",
);

export const ORGANISATION_KINDS = ["company", "education", "municipality", "employment-service", "other"] as const;

/** What an owner sends to register an organisation; also one row of a CSV import. */
export const CreateOrganisationRequest = z.object({
  orgNumber: OrganisationNumber,
  name: requiredLine(LIMITS.name),
  kind: z._default(z.enum(ORGANISATION_KINDS, "error.kind"), "company"),
  sni: SniCode,
  sniVersion: SniVersion,
  municipality: MunicipalityCode,
  sizeClass: SizeClass,
  /** The contact who receives invitations, optional on import; created as a person. */
  contactName: z.optional(singleLine(LIMITS.name)),
  contactEmail: z.optional(Email),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequest>;

export const Organisation = z.object({
  id: z.string(), // the organisation number, 10 digits
  orgNumber: z.string(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  sni: z.string(),
  /** Organisations registered before versions were kept are in SNI 2007. */
  sniVersion: z._default(z.enum(INDUSTRY_CLASSIFICATIONS), "SNI2007"),
  municipality: z.string(),
  sizeClass: SizeClass,
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

/** An owner's correction of a registered organisation; the organisation number never changes. */
export const UpdateOrganisationRequest = z
  .object({
    name: z.optional(requiredLine(LIMITS.name)),
    kind: z.optional(z.enum(ORGANISATION_KINDS, "error.kind")),
    sni: z.optional(SniCode),
    municipality: z.optional(MunicipalityCode),
    sizeClass: z.optional(SizeClass),
  })
  // A correction that names no field would change nothing: refused rather than answered as done.
  .check(z.refine((r) => Object.values(r).some((v) => v !== undefined), { message: "error.emptyUpdate", path: [] }));
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequest>;
