/**
 * One config entry per regional deployment (one CDK stack each).
 * Select with `cdk synth -c region=<id>`.
 */

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
  /** E-mail addresses of the first project owners (created by ops with admin-create-user). */
  readonly ownerEmails: readonly string[];
  /** Optional custom domain of the site (certificate in us-east-1, managed outside this stack). */
  readonly customDomain?: {
    readonly domainName: string;
    /** ACM certificate ARN in us-east-1 for CloudFront. */
    readonly certificateArn: string;
  };
  /** Where CloudWatch alarms are sent. */
  readonly alarmEmail: string;
  /**
   * Prefix of the owners' Cognito hosted UI domain (`<prefix>.auth.<awsRegion>.amazoncognito.com`);
   * globally unique per AWS region. @default `kompetensbehov-<id>`
   */
  readonly cognitoDomainPrefix?: string;
}

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
    ownerEmails: ["kompetensforsorjning@ostergotland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  sormland: region({
    id: "sormland",
    displayName: "Region Sörmland",
    countyCodes: ["04"],
    mailFrom: "kompetensbehov@sormland.kompetensbehov.se",
    ownerEmails: ["kompetensforsorjning@sormland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  orebro: region({
    id: "orebro",
    displayName: "Region Örebro län",
    countyCodes: ["18"],
    mailFrom: "kompetensbehov@orebro.kompetensbehov.se",
    ownerEmails: ["kompetensforsorjning@orebro.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  vastmanland: region({
    id: "vastmanland",
    displayName: "Region Västmanland",
    countyCodes: ["19"],
    mailFrom: "kompetensbehov@vastmanland.kompetensbehov.se",
    ownerEmails: ["kompetensforsorjning@vastmanland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  uppsala: region({
    id: "uppsala",
    displayName: "Region Uppsala",
    countyCodes: ["03"],
    mailFrom: "kompetensbehov@uppsala.kompetensbehov.se",
    ownerEmails: ["kompetensforsorjning@uppsala.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
  halland: region({
    id: "halland",
    displayName: "Region Halland",
    countyCodes: ["13"],
    mailFrom: "kompetensbehov@halland.kompetensbehov.se",
    ownerEmails: ["kompetensforsorjning@halland.kompetensbehov.se"],
    alarmEmail: "drift@kompetensbehov.se",
  }),
} as const satisfies Record<string, RegionConfig>;

export type RegionId = keyof typeof regions;

export const regionIds = Object.keys(regions) as RegionId[];

export function isRegionId(id: unknown): id is RegionId {
  return typeof id === "string" && Object.prototype.hasOwnProperty.call(regions, id);
}

/** The config of a region; throws an error listing the known ids for an unknown one. */
export function regionConfig(id: unknown): RegionConfig {
  if (!isRegionId(id)) {
    const got = id === undefined || id === "" ? "no region given" : `unknown region "${String(id)}"`;
    throw new Error(
      `${got}: pass -c region=<id>, one of ${regionIds.join(", ")} (infra/config/regions.ts)`,
    );
  }
  const c: RegionConfig = regions[id];
  validate(c);
  return c;
}

function validate(c: RegionConfig): void {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(c.id)) problems.push("id must be lower-case ascii");
  if (c.countyCodes.length === 0 || !c.countyCodes.every((x) => /^\d{2}$/.test(x)))
    problems.push("countyCodes must be 2-digit county codes");
  if (!Number.isInteger(c.disclosureK) || c.disclosureK < 1) problems.push("disclosureK must be a positive integer");
  if (!Number.isInteger(c.disclosureP) || c.disclosureP < 1 || c.disclosureP > 50) problems.push("disclosureP must be a whole percentage from 1 to 50");
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.mailFrom)) problems.push("mailFrom must be an e-mail address");
  if (!/^[a-z]{2}-[a-z]+-\d$/.test(c.awsRegion)) problems.push("awsRegion must be an AWS region such as eu-north-1");
  const prefix = cognitoDomainPrefix(c);
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix))
    problems.push("cognitoDomainPrefix must be lower-case letters, digits and hyphens (at most 63) without aws, amazon or cognito");
  if (problems.length) throw new Error(`region config "${c.id}": ${problems.join("; ")}`);
}

/** Prefix of the owners' Cognito hosted UI domain. */
export function cognitoDomainPrefix(c: RegionConfig): string {
  return c.cognitoDomainPrefix ?? `kompetensbehov-${c.id}`;
}

/** Domain part of MAIL_FROM: the SES identity. */
export function mailDomain(c: RegionConfig): string {
  return c.mailFrom.slice(c.mailFrom.indexOf("@") + 1);
}
