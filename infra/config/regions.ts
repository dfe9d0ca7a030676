/**
 * One config entry per regional deployment (one CDK stack each).
 * Select with `cdk synth -c region=<id>`.
 */

import { z } from "zod/mini";
import { DEFAULT_RETENTION, type Retention } from "../../shared/retention";

export type LanguageCode = "sv" | "en";

export interface RegionConfig {
  /** Stack and data id, lower-case ASCII, e.g. `ostergotland`. Also REGION_ID of the handlers. */
  readonly id: string;
  /** Display name, Swedish. */
  readonly displayName: string;
  /** AWS region to deploy to; personal data stays in it. */
  readonly awsRegion: string;
  /** Swedish county codes (län, 2 digits) the region covers. */
  readonly countyCodes: readonly string[];
  readonly defaultLanguage: LanguageCode;
  /** Disclosure threshold k: cells from fewer organisations are suppressed. */
  readonly disclosureK: number;
  /** The p% dominance rule's p for magnitudes (planned hires): no contributor may estimate another's to within p %. */
  readonly disclosureP: number;
  /** Sender address; SES identity is the domain of this address. */
  readonly mailFrom: string;
  /** E-mail addresses of the first region admins, created at deploy in the `region-admins` group. */
  readonly regionAdminEmails: readonly string[];
  /** Optional custom domain of the site (certificate in us-east-1, managed outside this stack). */
  readonly customDomain?: {
    readonly domainName: string;
    /** ACM certificate ARN in us-east-1 for CloudFront. */
    readonly certificateArn: string;
  };
  /** Where CloudWatch alarms are sent. */
  readonly alarmEmail: string;
  /**
   * Host name of the API's own domain (API Gateway custom domain, regional ACM certificate
   * validated by DNS). CloudFront reaches the API only by this name: the execute-api endpoint is
   * disabled. @default `api.<customDomain.domainName>`, or `api.<domain of mailFrom>` without a
   * custom domain (the region manages that domain's DNS already, for the mail's DKIM records)
   */
  readonly apiDomainName?: string;
  /**
   * Prefix of the owners' Cognito hosted UI domain (`<prefix>.auth.<awsRegion>.amazoncognito.com`);
   * globally unique per AWS region. @default `kompetensbehov-<id>`
   */
  readonly cognitoDomainPrefix?: string;
  /**
   * How long raw answers, drafts, contact data and the outbox are kept, in days (shared/retention.ts
   * says from when); what is left out takes DEFAULT_RETENTION. /om-tjansten states these numbers.
   */
  readonly retention?: Partial<Retention>;
  /** The consortium the region exports its final releases to: its account may read the exports bucket. */
  readonly consortium?: { readonly accountId: string };
  /**
   * The region's SES sending rate, mails a second (its account's quota, raised on request from
   * AWS): invitations and reminders keep to it. @default 14, a new production account's rate
   */
  readonly mailSendRatePerSecond?: number;
}

/** A whole number of days in [min, max]: raw answers kept under a month would be gone before anyone read the release. */
const days = (min: number, max: number) => z.int().check(z.minimum(min, `must be a whole number of days from ${min} to ${max}`), z.maximum(max, `must be a whole number of days from ${min} to ${max}`));
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const COGNITO_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const email = () => z.string().check(z.regex(EMAIL, "must be an e-mail address"));

/** The schema every entry must satisfy; strict, so a misspelt optional field is an error, not ignored. */
export const regionConfigSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/, "must be 2 to 31 lower-case ascii letters, digits or hyphens, starting with a letter")),
  displayName: z.string().check(z.minLength(1, "must not be empty")),
  awsRegion: z.string().check(z.regex(/^[a-z]{2}-[a-z]+-\d$/, "must be an AWS region such as eu-north-1")),
  countyCodes: z.array(z.string().check(z.regex(/^\d{2}$/, "must be a 2-digit county code"))).check(z.minLength(1, "must list at least one county code")),
  defaultLanguage: z.enum(["sv", "en"]),
  disclosureK: z.int().check(z.minimum(1, "must be a positive integer")),
  disclosureP: z.int().check(z.minimum(1, "must be a whole percentage from 1 to 50"), z.maximum(50, "must be a whole percentage from 1 to 50")),
  mailFrom: email(),
  regionAdminEmails: z.array(email()).check(z.minLength(1, "must list the first region admin (created at deploy)")),
  customDomain: z.optional(
    z.strictObject({
      domainName: z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lower-case DNS name")),
      certificateArn: z.string().check(z.regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, "must be an ACM certificate ARN in us-east-1 (CloudFront's region)")),
    }),
  ),
  alarmEmail: email(),
  apiDomainName: z.optional(z.string().check(z.regex(DNS_NAME, "must be a lower-case DNS name"))),
  cognitoDomainPrefix: z.optional(z.string()),
  retention: z.optional(
    z.strictObject({
      rawAnswersDays: z.optional(days(30, 3650)),
      draftsDays: z.optional(days(1, 3650)),
      contactDataDays: z.optional(days(30, 3650)),
      outboxDays: z.optional(days(1, 3650)),
    }),
  ),
  consortium: z.optional(z.strictObject({ accountId: z.string().check(z.regex(/^\d{12}$/, "must be a 12-digit AWS account id")) })),
  mailSendRatePerSecond: z.optional(z.int({ error: "must be a whole number of mails a second from 1 to 1000" }).check(z.minimum(1, "must be a whole number of mails a second from 1 to 1000"), z.maximum(1000, "must be a whole number of mails a second from 1 to 1000"))),
});

/** The region's retention, its config's numbers over the defaults. */
export const retentionOfRegion = (c: Pick<RegionConfig, "retention">): Retention => ({ ...DEFAULT_RETENTION, ...c.retention });

const DEFAULT_AWS_REGION = "eu-north-1";
const DEFAULT_K = 5;
const DEFAULT_P = 10;

function region(
  c: Omit<RegionConfig, "awsRegion" | "disclosureK" | "disclosureP" | "defaultLanguage"> &
    Partial<Pick<RegionConfig, "awsRegion" | "disclosureK" | "disclosureP" | "defaultLanguage">>,
): RegionConfig {
  return {
    awsRegion: DEFAULT_AWS_REGION,
    disclosureK: DEFAULT_K,
    disclosureP: DEFAULT_P,
    defaultLanguage: "sv",
    ...c,
  };
}

export const regions = {
  ostergotland: region({
    id: "ostergotland",
    displayName: "Region Östergötland",
    countyCodes: ["05"],
    mailFrom: "kompetensbehov@ostergotland.kompetensbehov.se",
    regionAdminEmails: ["kompetensforsorjning@ostergotland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  sormland: region({
    id: "sormland",
    displayName: "Region Sörmland",
    countyCodes: ["04"],
    mailFrom: "kompetensbehov@sormland.kompetensbehov.se",
    regionAdminEmails: ["kompetensforsorjning@sormland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  orebro: region({
    id: "orebro",
    displayName: "Region Örebro län",
    countyCodes: ["18"],
    mailFrom: "kompetensbehov@orebro.kompetensbehov.se",
    regionAdminEmails: ["kompetensforsorjning@orebro.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  vastmanland: region({
    id: "vastmanland",
    displayName: "Region Västmanland",
    countyCodes: ["19"],
    mailFrom: "kompetensbehov@vastmanland.kompetensbehov.se",
    regionAdminEmails: ["kompetensforsorjning@vastmanland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  uppsala: region({
    id: "uppsala",
    displayName: "Region Uppsala",
    countyCodes: ["03"],
    mailFrom: "kompetensbehov@uppsala.kompetensbehov.se",
    regionAdminEmails: ["kompetensforsorjning@uppsala.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  halland: region({
    id: "halland",
    displayName: "Region Halland",
    countyCodes: ["13"],
    mailFrom: "kompetensbehov@halland.kompetensbehov.se",
    regionAdminEmails: ["kompetensforsorjning@halland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
} as const satisfies Record<string, RegionConfig>;

export type RegionId = keyof typeof regions;

export const regionIds = Object.keys(regions) as RegionId[];

export function isRegionId(id: unknown): id is RegionId {
  return typeof id === "string" && Object.prototype.hasOwnProperty.call(regions, id);
}

/** The config of a region, validated; throws an error listing the known ids for an unknown one. */
export function regionConfig(id: unknown): RegionConfig {
  if (!isRegionId(id)) {
    const got = id === undefined || id === "" ? "no region given" : `unknown region "${String(id)}"`;
    throw new Error(
      `${got}: pass -c region=<id>, one of ${regionIds.join(", ")} (infra/config/regions.ts)`,
    );
  }
  return validateRegionConfig(regions[id], id);
}

/** A region config whose fields do not hold; the message names the region and every bad field. */
export class RegionConfigError extends Error {
  constructor(
    readonly regionId: string,
    readonly problems: readonly string[],
  ) {
    super(`region config "${regionId}" (infra/config/regions.ts): ${problems.join("; ")}`);
    this.name = "RegionConfigError";
  }
}

/**
 * Checks a config entry against `regionConfigSchema` (and that its id is the key it is listed
 * under), so that a typo fails synth with the field's name instead of deploying a broken stack.
 */
export function validateRegionConfig(c: unknown, key?: string): RegionConfig {
  const id = key ?? (typeof c === "object" && c !== null && typeof (c as { id?: unknown }).id === "string" ? (c as { id: string }).id : "?");
  const parsed = regionConfigSchema.safeParse(c);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const where = i.path.length ? i.path.join(".") : "(entry)";
        return i.code === "unrecognized_keys" ? `${where}: unknown field ${i.keys.join(", ")}` : `${where}: ${i.message}`;
      });
  if (parsed.success && key !== undefined && parsed.data.id !== key) problems.push(`id: must equal its key "${key}"`);
  if (parsed.success) {
    const prefix = cognitoDomainPrefix(parsed.data);
    if (!COGNITO_PREFIX.test(prefix) || /aws|amazon|cognito/.test(prefix))
      problems.push(`cognitoDomainPrefix: "${prefix}" must be lower-case letters, digits and hyphens (at most 63) without aws, amazon or cognito`);
    const api = apiDomainName(parsed.data);
    if (!DNS_NAME.test(api)) problems.push(`apiDomainName: "${api}" (derived from mailFrom) is no lower-case DNS name; set apiDomainName`);
    if (api === parsed.data.customDomain?.domainName) problems.push(`apiDomainName: must differ from customDomain.domainName (the site's name)`);
  }
  if (problems.length || !parsed.success) throw new RegionConfigError(id, problems);
  return parsed.data;
}

/** Prefix of the owners' Cognito hosted UI domain. */
export function cognitoDomainPrefix(c: RegionConfig): string {
  return c.cognitoDomainPrefix ?? `kompetensbehov-${c.id}`;
}

/** Host name of the API's custom domain (see RegionConfig.apiDomainName). */
export function apiDomainName(c: RegionConfig): string {
  return c.apiDomainName ?? `api.${c.customDomain?.domainName ?? mailDomain(c)}`;
}

/** Domain part of MAIL_FROM: the SES identity. */
export function mailDomain(c: RegionConfig): string {
  return c.mailFrom.slice(c.mailFrom.indexOf("@") + 1);
}
