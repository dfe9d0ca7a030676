import * as z from "zod/mini";
import { Instrument } from "./instrument";
import { DisclosureRulesSchema, RELEASE_KINDS } from "./release";
import { EducationOffering, YrkesbarometerAssessment } from "../supply/schemas";

/**
 * A region's release as it leaves the region: its protected cells and nothing else (never an
 * answer, a name or an organisation), with what a reader needs to merge it with other regions'
 * releases: the instrument its families come from, the classification versions its segments are
 * coded in, and the frame counts behind its response rates. The region stack signs the document
 * (functions/domain/release-export.ts); a consortium verifies the signature with the region's
 * public key before it reads a number.
 *
 * Cells are the linked model's table cells of the exported release (shared/disclosure/linked-model.ts):
 * per family, segment and quantity the published sum with its n, or `suppressed` (no value, no n).
 * A segment with nobody answering the family has no cell: it is 0 of 0.
 */
export const RELEASE_EXPORT_SCHEMA = "kompetensbehov/release-export" as const;
export const RELEASE_EXPORT_VERSION = 1 as const;

/** Segment ids as in a release's model: "all", "industry:25", "section:C", "municipality:0580", "county:05", "size:10-49". */
const SegmentId = z.string().check(z.regex(/^(all|(industry|section|municipality|county|size|region):[A-Za-z0-9+-]{1,20})$/));

export const ExportedCell = z.union([
  z.strictObject({ segment: SegmentId, quantity: z.string(), value: z.number(), n: z.int().check(z.minimum(0)) }),
  z.strictObject({ segment: SegmentId, quantity: z.string(), suppressed: z.literal(true) }),
]);
export type ExportedCell = z.infer<typeof ExportedCell>;

export const ExportedFamily = z.strictObject({
  id: z.string(),
  /** The family's quantity keys after n, in order, with their kind. */
  quantities: z.array(z.strictObject({ key: z.string(), kind: z.enum(["count", "magnitude", "score"]) })),
  cells: z.array(ExportedCell),
});
export type ExportedFamily = z.infer<typeof ExportedFamily>;

/**
 * Which version of each classification the segments and occupation codes are in
 * (shared/classifications/versions.ts). A reader that merges two documents coded in different
 * versions must bridge them with the official correspondence or leave the dimension out.
 */
export const ExportClassifications = z.strictObject({
  industry: z.enum(["SNI2007", "SNI2025"]),
  occupation: z.literal("SSYK2012"),
  education: z.literal("SUN2020"),
});
export type ExportClassifications = z.infer<typeof ExportClassifications>;

export const ReleaseExport = z.strictObject({
  schema: z.literal(RELEASE_EXPORT_SCHEMA),
  schemaVersion: z.literal(RELEASE_EXPORT_VERSION),
  region: z.strictObject({ id: z.string(), name: z.string(), countyCodes: z.array(z.string()) }),
  /** referenceYear: the year the figures describe, which the consortium's trends line regions up by (exports made before it was kept have none). */
  round: z.strictObject({ id: z.string(), title: z.string(), closedAt: z.optional(z.string()), referenceYear: z.optional(z.int()) }),
  release: z.strictObject({
    number: z.int(),
    kind: z.enum(RELEASE_KINDS),
    cutoff: z.string(),
    createdAt: z.string(),
    responses: z.int(),
    invited: z.int(),
    unit: z.enum(["organisation", "person"]),
    rules: DisclosureRulesSchema,
  }),
  instrument: Instrument,
  classifications: ExportClassifications,
  /** Invited organisations per segment: the frame, which the region's response-rate table publishes. */
  invited: z.record(z.string(), z.int()),
  families: z.array(ExportedFamily),
  /**
   * What the region knows of supply, public facts rather than survey data: its education offerings
   * (without their contact field, which may name a person) and the Yrkesbarometer assessments it
   * imported, so that the consortium can hold the merged needs against them.
   */
  supply: z.optional(z.strictObject({ offerings: z.array(z.omit(EducationOffering, { contact: true })), assessments: z.array(YrkesbarometerAssessment) })),
  exportedAt: z.string(),
});
export type ReleaseExport = z.infer<typeof ReleaseExport>;

/** ECDSA P-256 with SHA-256 over the RFC 8785 canonical JSON of the payload; the signature DER-encoded, base64. */
export const ExportSignature = z.strictObject({
  alg: z.literal("ES256"),
  /** Which of the region's keys signed (a KMS key ARN on AWS, the local key's fingerprint locally). */
  keyId: z.string(),
  value: z.string().check(z.regex(/^[A-Za-z0-9+/]+=*$/)),
});

export const SignedReleaseExport = z.strictObject({ payload: ReleaseExport, signature: ExportSignature });
export type SignedReleaseExport = z.infer<typeof SignedReleaseExport>;
