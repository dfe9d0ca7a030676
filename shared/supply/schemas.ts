import * as z from "zod/mini";
import { LIMITS, MunicipalityCode, requiredLine, singleLine, SsykCode } from "../schemas/common";
import { isKnownSunField, isKnownSunLevel } from "../classifications/sun";
import { isKnownMunicipality } from "../classifications/places";

/**
 * Education supply (issue 10, item 3) and Arbetsförmedlingen's Yrkesbarometer (item 4): one
 * schema per request, stored entity and view; the types come from them.
 */
export const OFFERING_KINDS = ["upperSecondary", "komvux", "yh", "university", "commissioned"] as const;
export const OFFERING_FORMS = ["campus", "distance", "partTime"] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];
export type OfferingForm = (typeof OFFERING_FORMS)[number];
/** Where an offering came from: typed in or a CSV (owner), or a provider's open format. */
export const OFFERING_SOURCES = ["owner", "skolverket", "susa"] as const;

const IsoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "error.date"),
  z.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "error.date"),
);
const Places = z.number("error.type").check(z.refine((v) => Number.isInteger(v), "error.integer"), z.gte(1, "error.min"), z.lte(100_000, "error.max"));

/** What an owner sends to add or change an offering; also one CSV row and what an importer makes of a provider's record. */
export const EducationOfferingRequest = z.object({
  provider: requiredLine(LIMITS.name),
  title: requiredLine(LIMITS.name),
  kind: z.enum(OFFERING_KINDS, "error.offering.kind"),
  /** SUN 2020 field of education (inriktning) at any level: "521", "522c". */
  sunField: z.string().check(z.trim(), z.refine(isKnownSunField, "error.sun.field")),
  /** SUN 2020 level: "3", "33", "337", "5", "535"; upper secondary (3) or above, as education for work is. */
  sunLevel: z.string().check(z.trim(), z.refine((v) => isKnownSunLevel(v) && /^[3-6]/.test(v), "error.sun.level")),
  form: z.enum(OFFERING_FORMS, "error.offering.form"),
  municipality: MunicipalityCode.check(z.refine(isKnownMunicipality, "error.municipality.unknown")),
  startDate: IsoDate,
  places: Places,
  contact: z.optional(singleLine(LIMITS.name)),
});
export type EducationOfferingRequest = z.infer<typeof EducationOfferingRequest>;

export const EducationOffering = z.object({
  ...EducationOfferingRequest.shape,
  id: z.string(),
  source: z.enum(OFFERING_SOURCES),
  /** The record's id in its source, so importing the same file again changes nothing. */
  sourceId: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.optional(z.string()),
});
export type EducationOffering = z.infer<typeof EducationOffering>;
export const OfferingList = z.object({ items: z.array(EducationOffering) });

export const OFFERING_IMPORT_FORMATS = ["csv", "skolverket", "susa"] as const;
export type OfferingImportFormat = (typeof OFFERING_IMPORT_FORMATS)[number];

const ImportIssue = z.object({ line: z.number(), field: z.string(), message: z.string() });
/** An import's outcome; with `dryRun` the preview of the same file (nothing written). */
export const OfferingImportReport = z.object({
  format: z.enum(OFFERING_IMPORT_FORMATS),
  dryRun: z.boolean(),
  /** Records in the file. `line` is the CSV line, or the record's 1-based position in a JSON file. */
  records: z.number(),
  imported: z.number(),
  unchanged: z.number(),
  errors: z.array(ImportIssue),
  sample: z.array(z.object({ line: z.number(), title: z.string(), provider: z.string(), outcome: z.enum(["new", "unchanged", "changed"]) })),
});
export type OfferingImportReport = z.infer<typeof OfferingImportReport>;

// ---- Yrkesbarometer ----------------------------------------------------------------------------

export const JOB_OPPORTUNITIES = ["small", "medium", "large"] as const;
export const RECRUITMENT_SITUATIONS = ["shortage", "balance", "surplus"] as const;
export const FORECASTS = ["decrease", "unchanged", "increase"] as const;
export type RecruitmentSituation = (typeof RECRUITMENT_SITUATIONS)[number];

/** One assessment of Yrkesbarometern: one of its occupations (one or more SSYK codes) in one county. */
export const YrkesbarometerAssessment = z.object({
  conceptId: z.string(),
  occupation: z.string(),
  ssyk: SsykCode,
  /** County code (2 digits), or "00" for the whole country. */
  county: z.string().check(z.regex(/^\d{2}$/, "error.county")),
  jobOpportunities: z.enum(JOB_OPPORTUNITIES),
  recruitment: z.enum(RECRUITMENT_SITUATIONS),
  forecast: z.optional(z.enum(FORECASTS)),
  /** The assessment round ("2025-2"): which half-year's interviews it rests on. */
  round: z.string(),
});
export type YrkesbarometerAssessment = z.infer<typeof YrkesbarometerAssessment>;
export const YrkesbarometerList = z.object({ items: z.array(YrkesbarometerAssessment) });
export const YrkesbarometerImportReport = z.object({ records: z.number(), imported: z.number(), errors: z.array(ImportIssue) });
export type YrkesbarometerImportReport = z.infer<typeof YrkesbarometerImportReport>;

// ---- views --------------------------------------------------------------------------------------

/** A published cell as the results tables carry it (shared/schemas/api.ts Cell). */
export const CellSchema = z.union([
  z.object({ suppressed: z.literal(true) }),
  z.object({ value: z.nullable(z.number()), n: z.number() }),
]);
/** A number derived from published cells only; `suppressed` when any of them is. */
export const DerivedSchema = z.union([z.number(), z.null(), z.literal("suppressed")]);
export type Derived = z.infer<typeof DerivedSchema>;

const Reach = z.object({ municipality: z.number(), county: z.number(), distance: z.number() });
/** Where a need stands: the total, a municipality or county row, or a row that stands for several counties (a region of a consortium). */
const Scope = z.object({ segment: z.string(), label: z.string(), kind: z.enum(["total", "municipality", "county", "region"]) });

export const OccupationGap = z.object({
  scope: Scope,
  ssyk: z.string(),
  label: z.string(),
  fields: z.array(z.string()),
  level: z.enum(["secondary", "postSecondary", "any"]),
  hires12m: CellSchema,
  hires1to3y: CellSchema,
  postSecondaryShare: CellSchema,
  /** Places within reach by tier (each offering counted once, in its nearest tier). */
  places: Reach,
  offeringIds: z.array(z.string()),
  unmet12m: DerivedSchema,
  unmet1to3y: DerivedSchema,
});
export const AreaGap = z.object({
  scope: Scope,
  area: z.string(),
  horizon: z.string(),
  label: z.object({ sv: z.string(), en: z.string() }),
  fields: z.array(z.string()),
  largeNeedShare: CellSchema,
  people: CellSchema,
  places: Reach,
  unmet: DerivedSchema,
});
export const UnmetNeed = z.object({ scope: Scope, what: z.enum(["occupation", "area"]), code: z.string(), label: z.string(), horizon: z.string(), need: z.number(), places: z.number(), unmet: z.number() });
export const GapView = z.object({
  mappingVersion: z.string(),
  occupations: z.array(OccupationGap),
  areas: z.array(AreaGap),
  largestUnmet: z.array(UnmetNeed),
  offerings: z.array(EducationOffering),
});
export type OccupationGap = z.infer<typeof OccupationGap>;
export type AreaGap = z.infer<typeof AreaGap>;
export type UnmetNeed = z.infer<typeof UnmetNeed>;
export type GapView = z.infer<typeof GapView>;

export const ShortageRow = z.object({
  ssyk: z.string(),
  label: z.string(),
  failedRecruitment: CellSchema,
  hardShare: CellSchema,
  /** What the published cells say: shortage, none, or unknown where neither is published. */
  companies: z.enum(["shortage", "none", "unknown"]),
  national: z.array(YrkesbarometerAssessment),
  /** What Yrkesbarometern says for the region's counties: shortage, none, or not assessed. */
  assessment: z.enum(["shortage", "none", "notAssessed"]),
});
export const ShortageView = z.object({
  counties: z.array(z.string()),
  thresholds: z.object({ failedRecruitment: z.number(), hardShare: z.number() }),
  rows: z.array(ShortageRow),
  companiesOnly: z.array(z.string()),
  nationalOnly: z.array(z.string()),
});
export type ShortageRow = z.infer<typeof ShortageRow>;
export type ShortageView = z.infer<typeof ShortageView>;

/** The views' route wrapper: which round and release they read. */
export const SupplyReleaseRef = z.object({ roundId: z.string(), release: z.nullable(z.number()), dimension: z.string() });
export const RoundGapView = z.object({ ...SupplyReleaseRef.shape, gap: z.nullable(GapView) });
export const RoundShortageView = z.object({ ...SupplyReleaseRef.shape, shortage: z.nullable(ShortageView) });
export type RoundGapView = z.infer<typeof RoundGapView>;
export type RoundShortageView = z.infer<typeof RoundShortageView>;
