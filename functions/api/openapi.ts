import * as z from "zod/mini";
import {
  CreateMeasurementRequest, CreateOrganisationRequest, Organisation, CreatePersonRequest, CreateProgrammeRequest, CreateRoundRequest,
  ChangeRespondentRequest, DesignateRespondentRequest, RecordLectureRequest, RecordWorkshopRequest, RoundPreviewRequest, ScheduleCycleRequest, UpdateOrganisationRequest,
  CreateReleaseRequest, EraseRequest, ProgrammeReleaseSummary, ReleaseSummary,
  CreateProjectRequest, Me, Project, ProjectMember, ProjectWithMembers, SetMemberRequest,
} from "../../shared/schemas/index";
import * as R from "../../shared/schemas/responses";
import { AuditEntry } from "../../shared/schemas/audit";
import { Instrument } from "../../shared/schemas/instrument";
import { InstrumentVersionSummary, RegionAreasRequest } from "../../shared/schemas/instrument-version";
import { SignedReleaseExport } from "../../shared/schemas/release-export";
import { CreateExportRequest, ExportJobView } from "../../shared/schemas/export-job";
import * as S from "../../shared/supply/schemas";
import { FeedbackView } from "../../shared/schemas/feedback";
import { TrendsView } from "../../shared/schemas/trends";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";
import { API_ROUTES, splitRouteKey, type RouteKey } from "./routes";
import { XLSX_CONTENT_TYPE } from "./http";
import type { RouteAccess } from "../domain/access";

/**
 * The OpenAPI 3.1 document of the API (served at GET /api/openapi.json), generated from the zod
 * request and response schemas with z.toJSONSchema (draft 2020-12, the dialect of OpenAPI 3.1).
 * ROUTE_DOCS is keyed by RouteKey, so a route of functions/api/routes.ts without a description
 * here is a type error; auth comes from routes.ts.
 */
const SCHEMAS = {
  CreateOrganisationRequest, UpdateOrganisationRequest, CreatePersonRequest, CreateRoundRequest, RoundPreviewRequest,
  CreateProgrammeRequest, CreateMeasurementRequest, ScheduleCycleRequest, RecordWorkshopRequest, RecordLectureRequest, ChangeRespondentRequest, DesignateRespondentRequest,
  AnswersBody: z.object({ answers: R.Answers }),
  ErrorBody: R.ErrorBody, Health: R.Health, FormView: R.FormView, DraftSaved: R.DraftSaved, Submitted: R.Submitted,
  Organisation, OrganisationList: R.OrganisationList, ImportReport: R.ImportReport,
  Person: R.Person, PersonList: R.PersonList, Round: R.Round, RoundList: R.RoundList, RoundStatusView: R.RoundStatusView,
  RoundPreview: R.RoundPreview, InvitationList: R.InvitationList, ResultsView: R.ResultsView, ResponsesView: R.ResponsesView,
  Programme: R.Programme, ProgrammeList: R.ProgrammeList, ProgrammeView: R.ProgrammeView, CycleView: R.CycleView,
  ProgrammeReport: R.ProgrammeReport, InvitationView: R.InvitationView,
  ReleaseSummary, ReleaseList: z.object({ items: z.array(ReleaseSummary) }), CreateReleaseRequest,
  ProgrammeReleaseSummary, ProgrammeReleaseList: z.object({ items: z.array(ProgrammeReleaseSummary) }),
  EraseRequest, PersonalDataExport: R.PersonalDataExport, ErasureReport: R.ErasureReport,
  Me, Project, ProjectList: z.object({ items: z.array(Project) }), ProjectWithMembers, ProjectMember, CreateProjectRequest, SetMemberRequest,
  MemberRemoved: z.object({ removed: z.literal(true) }),
  SignedReleaseExport, ExportPublished: z.object({ name: z.string(), keyId: z.string() }),
  RetentionView: z.object({ rawAnswersDays: z.number(), draftsDays: z.number(), contactDataDays: z.number(), outboxDays: z.number(), auditLogDays: z.number() }),
  AuditLogView: z.object({ month: z.string(), items: z.array(AuditEntry) }),
  Instrument, RegionAreasRequest, InstrumentVersionList: z.object({ items: z.array(InstrumentVersionSummary) }),
  EducationOfferingRequest: S.EducationOfferingRequest, EducationOffering: S.EducationOffering, OfferingList: S.OfferingList, OfferingImportReport: S.OfferingImportReport,
  YrkesbarometerList: S.YrkesbarometerList, YrkesbarometerImportReport: S.YrkesbarometerImportReport, RoundGapView: S.RoundGapView, RoundShortageView: S.RoundShortageView,
  YrkesbarometerFile: z.array(z.record(z.string(), z.unknown())),
  FeedbackView, TrendsView, CreateExportRequest, ExportJobView,
} as const;
export type SchemaName = keyof typeof SCHEMAS;
/** Bodies that are read: validated as the client sends them (before defaults and transforms). */
const REQUEST_SCHEMAS = new Set<SchemaName>([
  "CreateOrganisationRequest", "UpdateOrganisationRequest", "CreatePersonRequest", "CreateRoundRequest", "RoundPreviewRequest",
  "CreateProgrammeRequest", "CreateMeasurementRequest", "ScheduleCycleRequest", "RecordWorkshopRequest", "RecordLectureRequest", "ChangeRespondentRequest", "DesignateRespondentRequest", "AnswersBody",
  "CreateReleaseRequest", "EraseRequest", "CreateProjectRequest", "SetMemberRequest", "RegionAreasRequest", "EducationOfferingRequest", "YrkesbarometerFile", "CreateExportRequest",
]);

/** A named schema, a CSV or XLSX file, or (for the document itself) any JSON object. */
type Body = SchemaName | "csv" | "xlsx" | "object";
export type RouteDoc = {
  summary: string;
  body?: Body;
  query?: Record<string, { description: string; enum?: readonly string[] }>;
  /** Request headers the route reads (besides Authorization and Content-Type). */
  headers?: Record<string, { description: string; pattern: string }>;
  /** Status -> body of the success answer. */
  ok: [number, Body];
  /** Answers beside success and the generic 4XX/5XX that a client should tell apart: status, body, when. */
  also?: readonly [number, Body, string][];
};

/** The form routes' key: the token of the participant's link, in a header so that no access log holds it. */
const FORM_TOKEN: RouteDoc["headers"] = {
  [FORM_TOKEN_HEADER]: { description: "The token of the participant's link (the part after # in /f#<token>); missing or unknown: 404", pattern: "^[A-Za-z0-9_-]{43}$" },
};

export const ROUTE_DOCS: Record<RouteKey, RouteDoc> = {
  "GET /api/health": {
    summary: "Health check: the region this stack serves and whether its table answers",
    ok: [200, "Health"],
    also: [[503, "ErrorBody", "The region's table cannot be reached (code table_unreachable)"]],
  },
  "GET /api/openapi.json": { summary: "This OpenAPI document", ok: [200, "object"] },
  "GET /api/retention": { summary: "How long this region keeps raw answers, drafts, contact data, the outbox and the audit log, in days", ok: [200, "RetentionView"] },
  "GET /api/form": { summary: "The participant's form: round, organisation, instrument and saved draft", headers: FORM_TOKEN, ok: [200, "FormView"] },
  "PUT /api/form/draft": { summary: "Save the participant's draft answers", headers: FORM_TOKEN, body: "AnswersBody", ok: [200, "DraftSaved"] },
  "POST /api/form/submit": { summary: "Submit the participant's answers, once", headers: FORM_TOKEN, body: "AnswersBody", ok: [201, "Submitted"] },
  "GET /api/form/feedback": {
    summary: "The company's feedback: its answers beside its industry and region in the round's latest published release, and its competence plan",
    headers: FORM_TOKEN,
    ok: [200, "FeedbackView"],
    also: [
      [409, "ErrorBody", "The answers are not submitted yet (code not-submitted)"],
      [410, "ErrorBody", "The round no longer keeps its answers (code answers-not-kept), or the link was passed on (code link-replaced)"],
    ],
  },

  "GET /api/me": { summary: "The signed-in user: region-wide roles and the projects they are a member of, with their role", ok: [200, "Me"] },
  "GET /api/projects": { summary: "The region's projects (region admins), or the caller's own", ok: [200, "ProjectList"] },
  "POST /api/projects": { summary: "Create a project in the region", body: "CreateProjectRequest", ok: [201, "Project"] },
  "GET /api/projects/{id}": { summary: "A project with its members and their roles", ok: [200, "ProjectWithMembers"] },
  "GET /api/projects/{id}/trends": {
    summary: "The project's closed skills-needs rounds over time: the region's totals that their releases share (needs by area, planned hires, balance), as published",
    ok: [200, "TrendsView"],
  },
  "PUT /api/projects/{id}/members": {
    summary: "Add a member to the project or change their role (on AWS, creates their sign-in account if they have none)",
    body: "SetMemberRequest",
    ok: [200, "ProjectMember"],
  },
  "DELETE /api/projects/{id}/members/{memberId}": { summary: "Remove a member from the project", ok: [200, "MemberRemoved"] },
  "POST /api/organisations": { summary: "Register an organisation (and its contact)", body: "CreateOrganisationRequest", ok: [201, "Organisation"] },
  "GET /api/organisations": { summary: "List organisations, optionally by name", query: { q: { description: "Part of the name or number" } }, ok: [200, "OrganisationList"] },
  "POST /api/organisations/import": {
    summary: "Import organisations from CSV (orgNumber,name,sni,municipality,sizeClass[,kind,contactName,contactEmail])",
    body: "csv",
    query: { dryRun: { description: "true: report only, write nothing", enum: ["true", "false"] } },
    ok: [200, "ImportReport"],
  },
  "PUT /api/organisations/{id}": { summary: "Correct a registered organisation", body: "UpdateOrganisationRequest", ok: [200, "Organisation"] },
  "GET /api/organisations/{id}/persons": { summary: "The persons of an organisation", ok: [200, "PersonList"] },
  "PUT /api/organisations/{id}/respondent": {
    summary: "Mark one contact as the organisation's designated respondent (invited by rounds that count organisations)",
    body: "DesignateRespondentRequest",
    ok: [200, "PersonList"],
  },
  "POST /api/persons": { summary: "Register a person of an organisation", body: "CreatePersonRequest", ok: [201, "Person"] },
  "GET /api/audit-log": {
    summary: "The audit log of owner actions for one month, newest first (at most 1,000)",
    query: { month: { description: "YYYY-MM; default the current month" } },
    ok: [200, "AuditLogView"],
  },
  "GET /api/persons/{id}/personal-data": { summary: "Everything kept about a person (GDPR access)", ok: [200, "PersonalDataExport"] },
  "POST /api/persons/{id}/erase": {
    summary: "Erase a person: personal data gone from persons, invitations, links, drafts, free text and the outbox (GDPR erasure)",
    body: "EraseRequest",
    ok: [200, "ErasureReport"],
  },
  "GET /api/instruments": { summary: "The skills-needs versions a new round can use: the shipped ones and the region's own", ok: [200, "InstrumentVersionList"] },
  "POST /api/instruments/{id}/versions": {
    summary: "A new version of the instrument as data: a shipped version with the region's own competence areas",
    body: "RegionAreasRequest",
    ok: [201, "Instrument"],
  },
  "PUT /api/instruments/{id}/versions/{version}": {
    summary: "Change the areas of a region's version that no round has used yet",
    body: "RegionAreasRequest",
    ok: [200, "Instrument"],
    also: [[409, "ErrorBody", "A round has used the version, or it is a shipped one: it never changes"]],
  },
  "GET /api/rounds": { summary: "List survey rounds", ok: [200, "RoundList"] },
  "POST /api/rounds": { summary: "Create a survey round (draft)", body: "CreateRoundRequest", ok: [201, "Round"] },
  "POST /api/rounds/preview": { summary: "Recipient counts and invitation mail of a round not yet created", body: "RoundPreviewRequest", ok: [200, "RoundPreview"] },
  "POST /api/rounds/{id}/launch": { summary: "Launch a draft round", ok: [202, "Round"] },
  "POST /api/rounds/{id}/close": { summary: "Close a round early", ok: [202, "Round"] },
  "GET /api/rounds/{id}": { summary: "A round with its response rates", ok: [200, "RoundStatusView"] },
  "GET /api/rounds/{id}/invitations": {
    summary: "The round's invitations: who has answered and who has not",
    query: { status: { description: "Which invitations", enum: ["all", "pending", "submitted"] } },
    ok: [200, "InvitationList"],
  },
  "POST /api/rounds/{id}/organisations/{orgId}/respondent": {
    summary: "Give the organisation another respondent (round whose unit is the organisation, before it has answered): the old link is revoked, the new contact is mailed a new one",
    body: "ChangeRespondentRequest",
    ok: [200, "InvitationView"],
  },
  "GET /api/rounds/{id}/results": {
    summary: "The results of one breakdown as a protected release published them (the newest, or the one asked for)",
    query: {
      by: { description: "Breakdown", enum: R.ResultsView.shape.by.options },
      release: { description: "Release number; default the newest published" },
    },
    ok: [200, "ResultsView"],
  },
  "GET /api/rounds/{id}/results.csv": {
    summary: "A release's tables of one breakdown in long format (table,title,segment,label,column,value,n,suppressed)",
    query: {
      by: { description: "Breakdown", enum: R.ResultsView.shape.by.options },
      release: { description: "Release number; default the newest published" },
    },
    ok: [200, "csv"],
  },
  "GET /api/rounds/{id}/results.xlsx": {
    summary: "A release's tables of one breakdown as XLSX: a sheet per table (values with their n, suppressed cells marked), a sheet explaining indicators and suppression",
    query: {
      by: { description: "Breakdown", enum: R.ResultsView.shape.by.options },
      release: { description: "Release number; default the newest published" },
      lang: { description: "Language of the sheets; default sv", enum: ["sv", "en"] },
    },
    ok: [200, "xlsx"],
  },
  "GET /api/rounds/{id}/releases": { summary: "The round's releases, oldest first, withheld ones with their reason", ok: [200, "ReleaseList"] },
  "POST /api/rounds/{id}/releases": { summary: "Make an interim release of an open round", body: "CreateReleaseRequest", ok: [201, "ReleaseSummary"] },
  "GET /api/rounds/{id}/releases/{n}/export.json": {
    summary: "The final release as a signed document of protected cells for a consortium (ES256 over the RFC 8785 canonical JSON of its payload)",
    ok: [200, "SignedReleaseExport"],
    also: [[409, "ErrorBody", "the release is not final, or the region has no signing key"]],
  },
  "POST /api/rounds/{id}/releases/{n}/export": {
    summary: "Sign the final release's export and put it where the region's consortium reads it",
    ok: [201, "ExportPublished"],
    also: [[409, "ErrorBody", "the release is not final, or the region publishes no exports"]],
  },
  "GET /api/rounds/{id}/responses": { summary: "The submitted answers (a reflection round without names)", ok: [200, "ResponsesView"] },
  "GET /api/rounds/{id}/export.csv": {
    summary: "One row per submitted response, formulas neutralised, answered at once; limited by API Gateway's 6 MB response (a few thousand responses): larger rounds use POST exports",
    ok: [200, "csv"],
  },
  "POST /api/rounds/{id}/exports": {
    summary: "Prepare the raw export (the columns of export.csv) as CSV or XLSX in the background, at any size; poll the job it answers",
    body: "CreateExportRequest",
    ok: [202, "ExportJobView"],
    also: [[409, "ErrorBody", "the region prepares no exports"]],
  },
  "GET /api/rounds/{id}/exports/{exportId}": {
    summary: "An export's status and progress (rows written of total); once done, a link to the file that works for 5 minutes (a new one on every read)",
    ok: [200, "ExportJobView"],
  },

  "GET /api/rounds/{id}/supply-gap": {
    summary: "The gap list: a release's needs by occupation and competence area (by municipality and in total) beside the education offerings within reach, and the largest unmet needs; suppressed needs stay suppressed",
    query: { release: { description: "Release number; default the newest published" } },
    ok: [200, "RoundGapView"],
  },
  "GET /api/rounds/{id}/shortage": {
    summary: "Shortage occupations: a release's failed-recruitment rate and difficulty per occupation beside Yrkesbarometern's assessment for the region's counties, and where they disagree",
    query: { release: { description: "Release number; default the newest published" } },
    ok: [200, "RoundShortageView"],
  },
  "GET /api/education-offerings": { summary: "The region's education offerings, by start date", ok: [200, "OfferingList"] },
  "POST /api/education-offerings": { summary: "Add an education offering", body: "EducationOfferingRequest", ok: [201, "EducationOffering"] },
  "GET /api/education-offerings/template.csv": { summary: "The CSV template of the offerings import, with one example row", ok: [200, "csv"] },
  "POST /api/education-offerings/import": {
    summary: "Import offerings: CSV (the template's columns), Skolverket's planned educations (v3 adult education events JSON) or a Susa-navet export (JSON); a file with a bad record is refused whole",
    body: "csv",
    query: {
      format: { description: "The file's format (default csv)", enum: S.OFFERING_IMPORT_FORMATS },
      dryRun: { description: "true: preview, bad rows included; nothing is written", enum: ["true", "false"] },
      sunField: { description: "SUN 2020 field for records that do not name one (Skolverket's records never do)" },
      places: { description: "Planned places for records that do not say" },
    },
    ok: [200, "OfferingImportReport"],
  },
  "GET /api/education-offerings/{id}": { summary: "One education offering", ok: [200, "EducationOffering"] },
  "PUT /api/education-offerings/{id}": { summary: "Change an education offering (every field, as when adding it)", body: "EducationOfferingRequest", ok: [200, "EducationOffering"] },
  "GET /api/yrkesbarometer": { summary: "Yrkesbarometern's imported assessments", ok: [200, "YrkesbarometerList"] },
  "POST /api/yrkesbarometer/import": {
    summary: "Import Arbetsförmedlingen's Yrkesbarometer (its JSON: an array of records per occupation and county); a file with a bad record is refused whole",
    body: "YrkesbarometerFile",
    query: { dryRun: { description: "true: preview; nothing is written", enum: ["true", "false"] } },
    ok: [200, "YrkesbarometerImportReport"],
  },

  "POST /api/programmes": { summary: "Create a learning programme", body: "CreateProgrammeRequest", ok: [201, "Programme"] },
  "GET /api/programmes": { summary: "List programmes, newest first", ok: [200, "ProgrammeList"] },
  "GET /api/programmes/{id}": { summary: "A programme with its cohort, measurements and cycles", ok: [200, "ProgrammeView"] },
  "POST /api/programmes/{id}/measurements/{kind}": { summary: "Create the baseline or follow-up round (draft)", body: "CreateMeasurementRequest", ok: [201, "Round"] },
  "POST /api/programmes/{id}/cycles/{n}/schedule": { summary: "Schedule a learning cycle", body: "ScheduleCycleRequest", ok: [200, "CycleView"] },
  "POST /api/programmes/{id}/cycles/{n}/start": { summary: "Start (or restart) a learning cycle", ok: [202, "CycleView"] },
  "POST /api/programmes/{id}/cycles/{n}/workshop": { summary: "Record the cycle's workshop", body: "RecordWorkshopRequest", ok: [200, "CycleView"] },
  "POST /api/programmes/{id}/cycles/{n}/lecture": { summary: "Record the cycle's lecture", body: "RecordLectureRequest", ok: [200, "CycleView"] },
  "GET /api/programmes/{id}/releases": { summary: "The programme report's releases, oldest first, withheld ones with their reason", ok: [200, "ProgrammeReleaseList"] },
  "POST /api/programmes/{id}/releases": {
    summary: "Make an interim release of the report while the follow-up is open (the baseline closed)",
    body: "CreateReleaseRequest",
    ok: [201, "ProgrammeReleaseSummary"],
  },
  "GET /api/programmes/{id}/report": {
    summary: "The programme's targets as a protected release published them, and the cycles' live rates",
    query: { release: { description: "Release number; default the newest published" } },
    ok: [200, "ProgrammeReport"],
  },
  "GET /api/programmes/{id}/export.csv": {
    summary: "The report in long format (table,item,segment,measure,value,n,note)",
    query: { release: { description: "Release number; default the newest published" } },
    ok: [200, "csv"],
  },
  "GET /api/programmes/{id}/report.xlsx": {
    summary: "The report's targets as XLSX: a sheet per target and breakdown (values with their n, suppressed cells marked), a sheet explaining them and suppression",
    query: {
      release: { description: "Release number; default the newest published" },
      lang: { description: "Language of the sheets; default sv", enum: ["sv", "en"] },
    },
    ok: [200, "xlsx"],
  },
};

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const content = (body: Body) =>
  body === "csv"
    ? { "text/csv": { schema: { type: "string" } } }
    : body === "xlsx"
      ? { [XLSX_CONTENT_TYPE]: { schema: { type: "string", contentMediaType: XLSX_CONTENT_TYPE } } }
      : { "application/json": { schema: body === "object" ? { type: "object" } : ref(body) } };

function jsonSchema(name: SchemaName): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(SCHEMAS[name], {
    target: "draft-2020-12",
    io: REQUEST_SCHEMAS.has(name) ? "input" : "output",
    // Refinements (Luhn check, date order) have no JSON Schema form; the API still applies them.
    unrepresentable: "any",
  });
  return schema;
}

/** Who may call a route, in words (functions/domain/access.ts holds the rule). */
function accessText(access: RouteAccess): string {
  switch (access.kind) {
    case "public": return "anyone";
    case "signed-in": return "any signed-in user of the region";
    case "region-admin": return "region admins";
    case "registry": return "region admins and project owners";
    case "projects": return `the caller's projects where their role allows ${access.need}`;
    case "project": {
      const need = access.need === "work" ? "manage (a survey round) or programme-work (a programme's round)" : access.need;
      return `members of the ${access.of === "body" ? "body's" : `${access.of}'s`} project whose role allows ${need}${access.admin ? ", and region admins" : ""}; a resource of another project answers 404`;
    }
  }
}

function operation(key: RouteKey) {
  const doc = ROUTE_DOCS[key];
  const { path } = splitRouteKey(key);
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const queryParams = Object.entries(doc.query ?? {}).map(([name, q]) => ({
    name, in: "query", required: false, description: q.description, schema: q.enum ? { type: "string", enum: [...q.enum] } : { type: "string" },
  }));
  const headerParams = Object.entries(doc.headers ?? {}).map(([name, h]) => ({ name, in: "header", required: true, description: h.description, schema: { type: "string", pattern: h.pattern } }));
  const parameters = [...pathParams, ...headerParams, ...queryParams];
  const error = { description: "Error", content: content("ErrorBody") };
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, "_").replace(/_$/, ""),
    summary: doc.summary,
    security: API_ROUTES[key].auth === "jwt" ? [{ ownerJwt: [] }] : [],
    "x-access": accessText(API_ROUTES[key].access),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body ? { requestBody: { required: true, content: content(doc.body) } } : {}),
    responses: {
      [String(doc.ok[0])]: { description: "Success", content: content(doc.ok[1]) },
      ...Object.fromEntries((doc.also ?? []).map(([status, body, description]) => [String(status), { description, content: content(body) }])),
      "4XX": error,
      "5XX": error,
    },
  };
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const key of Object.keys(API_ROUTES) as RouteKey[]) {
    const { method, path } = splitRouteKey(key);
    (paths[path] ??= {})[method.toLowerCase()] = operation(key);
  }
  return {
    openapi: "3.1.0",
    info: { title: "Kompetensbehov API", version: "1", description: "Owner routes need a Cognito id token of the region's user pool; each operation's x-access says which roles may call it. Form routes are keyed by the link's token, sent in the x-form-token header." },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: {
      schemas: Object.fromEntries((Object.keys(SCHEMAS) as SchemaName[]).map((name) => [name, jsonSchema(name)])),
      securitySchemes: { ownerJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
let cached: OpenApiDocument | undefined;
/** Built on the first request and kept for the life of the module instance. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument());
}
