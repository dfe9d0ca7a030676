import { z } from "zod/mini";
import { isRegionId, regionConfig } from "./regions";

/**
 * Consortia: regions that merge their final releases into one picture (the consortium stack,
 * infra/stacks/consortium-stack.ts; locally `CONSORTIUM=<id> npm start`). Per member, where its
 * exports are on AWS (the region stack's exports bucket, in the region's account) and the public key
 * of its export signing key, both known only after the region is deployed (docs/runbook.md,
 * "Consortium"): until then a member has neither and the consortium stack refuses to synthesize.
 */
export interface ConsortiumConfig {
  readonly id: string;
  readonly displayName: string;
  readonly awsRegion: string;
  /** The account the consortium stack is deployed to: each member's bucket policy lets it read. */
  readonly accountId?: string;
  readonly members: readonly { readonly regionId: string; readonly accountId?: string; readonly exportBucket?: string; readonly publicKeyPem?: string }[];
}

export const consortiumConfigSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/, "must be lower-case ascii letters, digits or hyphens")),
  displayName: z.string().check(z.minLength(1, "must not be empty")),
  awsRegion: z.string().check(z.regex(/^[a-z]{2}-[a-z]+-\d$/, "must be an AWS region such as eu-north-1")),
  accountId: z.optional(z.string().check(z.regex(/^\d{12}$/, "must be a 12-digit AWS account id"))),
  members: z
    .array(
      z.strictObject({
        regionId: z.string().check(z.refine(isRegionId, "must be a region of infra/config/regions.ts")),
        accountId: z.optional(z.string().check(z.regex(/^\d{12}$/, "must be a 12-digit AWS account id"))),
        exportBucket: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"))),
        publicKeyPem: z.optional(z.string().check(z.regex(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/, "must be a PEM public key"))),
      }),
    )
    .check(z.minLength(2, "a consortium has at least two member regions")),
});

export const consortia = {
  /** Östra Mellansverige (NUTS SE12): Uppsala, Södermanland, Östergötland, Örebro and Västmanland. */
  "ostra-mellansverige": {
    id: "ostra-mellansverige",
    displayName: "Östra Mellansverige",
    awsRegion: "eu-north-1",
    members: ["uppsala", "sormland", "ostergotland", "orebro", "vastmanland"].map((regionId) => ({ regionId })),
  },
} as const satisfies Record<string, ConsortiumConfig>;

export type ConsortiumId = keyof typeof consortia;

/** The consortium's config, validated; an unknown id lists the known ones. */
export function consortiumConfig(id: unknown): ConsortiumConfig {
  if (typeof id !== "string" || !Object.prototype.hasOwnProperty.call(consortia, id))
    throw new Error(`unknown consortium "${String(id)}": one of ${Object.keys(consortia).join(", ")} (infra/config/consortia.ts)`);
  const parsed = consortiumConfigSchema.safeParse(consortia[id as ConsortiumId]);
  if (!parsed.success) throw new Error(`consortium config "${id}": ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  for (const m of parsed.data.members) regionConfig(m.regionId);
  return parsed.data;
}
