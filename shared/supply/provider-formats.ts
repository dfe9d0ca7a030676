import * as z from "zod/mini";
import { countyName } from "../classifications/places";
import type { OfferingKind } from "./schemas";
import type { YrkesbarometerAssessment } from "./schemas";

/**
 * The providers' open formats as far as an import reads them, and how one of their records
 * becomes an offering candidate (validated afterwards with EducationOfferingRequest, like a
 * CSV row). Loose objects: a source's other fields are ignored. infra/local/data/supply/README.md
 * names each format's definition.
 */
export type Candidate = { line: number; sourceId: string; record: Record<string, unknown> };
/** What the file does not say, from the import's query: the SUN field and the planned places. */
export type CandidateDefaults = { sunField?: string; places?: number };

// ---- Skolverket, Planned educations API v3: adult education events ------------------------------

const SkolverketEvent = z.looseObject({
  educationEventId: z.string(),
  providerName: z.string(),
  titleSv: z.string(),
  typeOfSchool: z.string(),
  geographicalAreaCode: z.optional(z.nullable(z.string())),
  semesterStartFrom: z.optional(z.nullable(z.string())),
  paceOfStudy: z.optional(z.nullable(z.string())),
  distance: z.optional(z.nullable(z.boolean())),
  credits: z.optional(z.nullable(z.string())),
  creditsSystem: z.optional(z.nullable(z.string())),
  contactInfoAddressCity: z.optional(z.nullable(z.string())),
});
export const SkolverketAdultEducationResponse = z.looseObject({
  body: z.looseObject({ _embedded: z.looseObject({ listedAdultEducationEvents: z.array(z.unknown()) }) }),
});

/** Skolverket's school types (typeOfSchool) that are offerings of this product, and their kind. */
const SKOLVERKET_KINDS: Record<string, OfferingKind> = { yh: "yh", komvuxgycourses: "komvux", komvuxgysubjects: "komvux", komvuxbasiccourses: "komvux", gy: "upperSecondary" };

/**
 * SUN level from the kind: komvux and upper secondary courses are level 3; a YH programme of at
 * least 400 YH credits (two years full time) level 5, a shorter one level 4.
 */
function skolverketLevel(kind: OfferingKind, credits: number | undefined): string {
  if (kind !== "yh") return "3";
  return credits !== undefined && credits >= 400 ? "5" : "4";
}

export function skolverketCandidates(document: unknown, defaults: CandidateDefaults): { candidates: Candidate[]; errors: { line: number; field: string; message: string }[] } {
  const parsed = SkolverketAdultEducationResponse.safeParse(document);
  if (!parsed.success) return { candidates: [], errors: [{ line: 0, field: "body._embedded.listedAdultEducationEvents", message: "error.import.format" }] };
  const candidates: Candidate[] = [];
  const errors: { line: number; field: string; message: string }[] = [];
  parsed.data.body._embedded.listedAdultEducationEvents.forEach((raw, i) => {
    const line = i + 1;
    const event = SkolverketEvent.safeParse(raw);
    if (!event.success) {
      errors.push({ line, field: "record", message: "error.import.record" });
      return;
    }
    const e = event.data;
    const kind = SKOLVERKET_KINDS[e.typeOfSchool.toLowerCase()];
    if (!kind) {
      errors.push({ line, field: "typeOfSchool", message: "error.offering.kind" });
      return;
    }
    const credits = e.credits ? Number(e.credits.replace(",", ".")) : undefined;
    const pace = e.paceOfStudy ? Number(e.paceOfStudy.replace("%", "")) : 100;
    candidates.push({
      line,
      sourceId: e.educationEventId,
      record: {
        provider: e.providerName,
        title: e.titleSv,
        kind,
        sunField: defaults.sunField,
        sunLevel: skolverketLevel(kind, Number.isFinite(credits) ? credits : undefined),
        form: e.distance ? "distance" : pace < 100 ? "partTime" : "campus",
        municipality: e.geographicalAreaCode ?? undefined,
        startDate: e.semesterStartFrom?.slice(0, 10),
        places: defaults.places,
        contact: e.contactInfoAddressCity ?? undefined,
      },
    });
  });
  return { candidates, errors };
}

// ---- Susa-navet, EMIL-style export: educationInfo, educationEvent, educationProvider --------------

const LangStrings = z.looseObject({ string: z.array(z.looseObject({ lang: z.optional(z.string()), content: z.string() })) });
const SusaInfo = z.looseObject({
  identifier: z.string(),
  title: LangStrings,
  form: z.looseObject({ code: z.string() }),
  subject: z.optional(z.array(z.looseObject({ code: z.string(), type: z.optional(z.string()) }))),
  educationLevel: z.optional(z.looseObject({ code: z.string() })),
});
const SusaEvent = z.looseObject({
  identifier: z.string(),
  education: z.string(),
  provider: z.array(z.string()),
  execution: z.looseObject({ start: z.string() }),
  locations: z.optional(z.array(z.looseObject({ municipalityCode: z.optional(z.string()), town: z.optional(z.string()) }))),
  paceOfStudy: z.optional(z.looseObject({ percentage: z.number() })),
  distance: z.optional(z.boolean()),
  places: z.optional(z.number()),
});
const SusaProvider = z.looseObject({
  identifier: z.string(),
  name: LangStrings,
  contactInfo: z.optional(z.looseObject({ email: z.optional(z.string()), phone: z.optional(z.string()) })),
});
export const SusaExport = z.looseObject({
  educationInfos: z.array(z.unknown()),
  educationEvents: z.array(z.unknown()),
  educationProviders: z.array(z.unknown()),
});

/** EMIL's education forms (educationInfo.form.code) and their kind. */
const SUSA_KINDS: Record<string, OfferingKind> = {
  "yrkeshögskoleutbildning": "yh",
  "högskoleutbildning": "university",
  "komvuxutbildning": "komvux",
  "uppdragsutbildning": "commissioned",
  "gymnasieutbildning": "upperSecondary",
};
const swedish = (s: z.infer<typeof LangStrings>) => (s.string.find((x) => x.lang === "swe") ?? s.string[0])?.content ?? "";

export function susaCandidates(document: unknown, defaults: CandidateDefaults): { candidates: Candidate[]; errors: { line: number; field: string; message: string }[] } {
  const parsed = SusaExport.safeParse(document);
  if (!parsed.success) return { candidates: [], errors: [{ line: 0, field: "educationEvents", message: "error.import.format" }] };
  const infos = new Map(parsed.data.educationInfos.map((i) => SusaInfo.safeParse(i)).filter((r) => r.success).map((r) => [r.data.identifier, r.data]));
  const providers = new Map(parsed.data.educationProviders.map((p) => SusaProvider.safeParse(p)).filter((r) => r.success).map((r) => [r.data.identifier, r.data]));
  const candidates: Candidate[] = [];
  const errors: { line: number; field: string; message: string }[] = [];
  parsed.data.educationEvents.forEach((raw, i) => {
    const line = i + 1;
    const event = SusaEvent.safeParse(raw);
    if (!event.success) return void errors.push({ line, field: "record", message: "error.import.record" });
    const e = event.data;
    const info = infos.get(e.education);
    if (!info) return void errors.push({ line, field: "education", message: "error.import.unknownEducation" });
    const kind = SUSA_KINDS[info.form.code.toLowerCase()];
    if (!kind) return void errors.push({ line, field: "form", message: "error.offering.kind" });
    const provider = providers.get(e.provider[0] ?? "");
    const sun = info.subject?.find((s) => (s.type ?? "").toLowerCase().startsWith("sun"))?.code;
    candidates.push({
      line,
      sourceId: e.identifier,
      record: {
        provider: provider ? swedish(provider.name) : e.provider[0],
        title: swedish(info.title),
        kind,
        sunField: sun ?? defaults.sunField,
        sunLevel: info.educationLevel?.code ?? (kind === "komvux" || kind === "upperSecondary" ? "3" : kind === "university" ? "5" : "4"),
        form: e.distance ? "distance" : (e.paceOfStudy?.percentage ?? 100) < 100 ? "partTime" : "campus",
        municipality: e.locations?.[0]?.municipalityCode,
        startDate: e.execution.start.slice(0, 10),
        places: e.places ?? defaults.places,
        contact: provider?.contactInfo?.email ?? provider?.contactInfo?.phone,
      },
    });
  });
  return { candidates, errors };
}

// ---- Arbetsförmedlingen, Yrkesbarometer ----------------------------------------------------------

const YrkesbarometerRecord = z.looseObject({
  yb_concept_id: z.string(),
  yb_yrke: z.string(),
  ssyk: z.string(),
  lan: z.string(),
  jobbmojligheter: z.string(),
  rekryteringssituation: z.string(),
  prognos: z.optional(z.nullable(z.string())),
  omgang: z.string(),
});
export const YrkesbarometerDocument = z.array(z.unknown());

const OPPORTUNITIES: Record<string, YrkesbarometerAssessment["jobOpportunities"]> = { "små": "small", "medelstora": "medium", "stora": "large" };
const RECRUITMENT: Record<string, YrkesbarometerAssessment["recruitment"]> = { "brist": "shortage", "stor brist": "shortage", "balans": "balance", "överskott": "surplus", "stort överskott": "surplus" };
const FORECAST: Record<string, NonNullable<YrkesbarometerAssessment["forecast"]>> = { "minska": "decrease", "oförändrad": "unchanged", "öka": "increase", "minskande": "decrease", "ökande": "increase" };

/** "05", "Östergötlands län" or "Riket" as a county code ("00" the whole country). */
function countyCode(lan: string): string | undefined {
  const v = lan.trim();
  if (/^\d{2}$/.test(v)) return countyName(v) ? v : undefined;
  if (/^riket$/i.test(v)) return "00";
  for (let c = 1; c <= 25; c++) {
    const code = String(c).padStart(2, "0");
    const name = countyName(code);
    if (name && (name === v || `${name} län` === v || name.replace(/s? län$/, "") === v.replace(/s? län$/, ""))) return code;
  }
  return undefined;
}

/** Yrkesbarometern's records as assessments; a record this does not read is an error with its position, not a guess. */
export function yrkesbarometerAssessments(document: unknown): { items: YrkesbarometerAssessment[]; errors: { line: number; field: string; message: string }[] } {
  const parsed = YrkesbarometerDocument.safeParse(document);
  if (!parsed.success) return { items: [], errors: [{ line: 0, field: "body", message: "error.import.format" }] };
  const items: YrkesbarometerAssessment[] = [];
  const errors: { line: number; field: string; message: string }[] = [];
  parsed.data.forEach((raw, i) => {
    const line = i + 1;
    const r = YrkesbarometerRecord.safeParse(raw);
    if (!r.success) return void errors.push({ line, field: "record", message: "error.import.record" });
    const d = r.data;
    const county = countyCode(d.lan);
    const jobOpportunities = OPPORTUNITIES[d.jobbmojligheter.trim().toLowerCase()];
    const recruitment = RECRUITMENT[d.rekryteringssituation.trim().toLowerCase()];
    const forecast = d.prognos ? FORECAST[d.prognos.trim().toLowerCase()] : undefined;
    const bad = [
      !/^\d{4}$/.test(d.ssyk) && "ssyk",
      !county && "lan",
      !jobOpportunities && "jobbmojligheter",
      !recruitment && "rekryteringssituation",
      d.prognos && !forecast && "prognos",
    ].filter((f): f is string => !!f);
    if (bad.length) return void bad.forEach((field) => errors.push({ line, field, message: "error.import.value" }));
    items.push({ conceptId: d.yb_concept_id, occupation: d.yb_yrke, ssyk: d.ssyk, county: county!, jobOpportunities: jobOpportunities!, recruitment: recruitment!, ...(forecast ? { forecast } : {}), round: d.omgang });
  });
  return { items, errors };
}
