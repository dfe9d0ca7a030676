import { createHash } from "node:crypto";
import { ValidationError, fieldIssues, type FieldIssue } from "../../shared/errors";
import { decodeCsvBytes, parseCsv } from "../../shared/csv";
import {
  EducationOfferingRequest,
  OFFERING_IMPORT_FORMATS,
  type EducationOffering,
  type OfferingImportFormat,
  type OfferingImportReport,
  type YrkesbarometerImportReport,
} from "../../shared/supply/schemas";
import { skolverketCandidates, susaCandidates, yrkesbarometerAssessments, type Candidate, type CandidateDefaults } from "../../shared/supply/provider-formats";
import { isKnownSunField } from "../../shared/classifications/sun";
import type { Deps } from "../adapters/ports";
import { OFFERING_CSV_COLUMNS } from "./education-supply";

export const MAX_OFFERING_ROWS = 5000;
const SAMPLE_ROWS = 10;

const HEADER_ALIASES: Record<string, string> = {
  anordnare: "provider",
  utbildningsanordnare: "provider",
  utbildning: "title",
  titel: "title",
  typ: "kind",
  inriktning: "sunField",
  suninriktning: "sunField",
  niva: "sunLevel",
  nivå: "sunLevel",
  sunniva: "sunLevel",
  sunnivå: "sunLevel",
  studieform: "form",
  kommun: "municipality",
  kommunkod: "municipality",
  start: "startDate",
  startdatum: "startDate",
  platser: "places",
  kontakt: "contact",
  ...Object.fromEntries(OFFERING_CSV_COLUMNS.map((c) => [c.toLowerCase(), c])),
};

export type OfferingImportOptions = { format?: string; dryRun?: boolean; sunField?: string; places?: string };

function parseOptions(opts: OfferingImportOptions): { format: OfferingImportFormat; defaults: CandidateDefaults } {
  const format = (opts.format ?? "csv") as OfferingImportFormat;
  const issues: FieldIssue[] = [];
  if (!OFFERING_IMPORT_FORMATS.includes(format)) issues.push({ path: "format", message: "error.option" });
  if (opts.sunField !== undefined && !isKnownSunField(opts.sunField)) issues.push({ path: "sunField", message: "error.sun.field" });
  const places = opts.places === undefined ? undefined : Number(opts.places);
  if (places !== undefined && !(Number.isInteger(places) && places >= 1 && places <= 100_000)) issues.push({ path: "places", message: "error.integer" });
  if (issues.length) throw new ValidationError("The import's settings are not valid.", issues);
  return { format, defaults: { sunField: opts.sunField, places } };
}

function csvCandidates(body: Uint8Array | string): Candidate[] {
  const text = typeof body === "string" ? body : decodeCsvBytes(body).text;
  const rows = parseCsv(text);
  if (rows.length === 0) throw new ValidationError("The file is empty.", [{ path: "file", message: "error.csv.empty" }]);
  const header = rows[0].fields.map((h) => HEADER_ALIASES[h.trim().toLowerCase().replace(/[\s_-]/g, "")] ?? h.trim());
  const missing = OFFERING_CSV_COLUMNS.filter((c) => c !== "contact" && !header.includes(c));
  if (missing.length) throw new ValidationError(`The header row lacks the columns: ${missing.join(", ")}.`, missing.map((c) => ({ path: c, message: "error.csv.missingColumn", line: 1 })));
  return rows.slice(1).map((row) => {
    const record: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const v = row.fields[i]?.trim();
      if (v) record[h] = h === "places" && /^\d+$/.test(v) ? Number(v) : v;
    });
    const sourceId = [record.provider, record.title, record.municipality, record.startDate].map(String).join("\n").toLowerCase();
    return { line: row.line, sourceId, record };
  });
}

function readJson(body: Uint8Array | string): unknown {
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new ValidationError("The file is not valid JSON.", [{ path: "file", message: "error.json" }]);
  }
}

/** An imported offering's id: the same source and source id give the same offering, so a second import overwrites nothing new. */
const importedId = (format: OfferingImportFormat, sourceId: string) => `i${createHash("sha256").update(`${format}\n${sourceId}`).digest("base64url").slice(0, 24)}`;

const sameFields = (a: EducationOffering, b: EducationOffering) =>
  (["provider", "title", "kind", "sunField", "sunLevel", "form", "municipality", "startDate", "places", "contact"] as const).every((k) => a[k] === b[k]);

/**
 * Imports offerings from a CSV file (the template's columns) or a provider's open format
 * (Skolverket's planned educations, Susa-navet's export). Every record is validated as an owner's
 * offering would be. With `dryRun` the report previews the file, bad rows included, and nothing
 * is written; without it a file with any bad row is refused as a whole (400 with every row's
 * issues) and nothing is written, so an import never leaves half a file behind. Importing the
 * same file again reports every record unchanged.
 */
export async function importOfferings(deps: Deps, body: Uint8Array | string, opts: OfferingImportOptions = {}): Promise<OfferingImportReport> {
  const { format, defaults } = parseOptions(opts);
  const read = format === "csv" ? { candidates: csvCandidates(body), errors: [] } : (format === "skolverket" ? skolverketCandidates : susaCandidates)(readJson(body), defaults);
  const records = read.candidates.length + new Set(read.errors.map((e) => e.line)).size;
  if (records > MAX_OFFERING_ROWS) throw new ValidationError(`At most ${MAX_OFFERING_ROWS} records can be imported at once.`, [{ path: "file", message: "error.csv.tooManyRows" }]);
  if (records === 0) throw new ValidationError("The file holds no offerings.", [{ path: "file", message: "error.import.empty" }]);
  const errors = [...read.errors];
  if (errors.some((e) => e.line === 0)) throw new ValidationError("The file is not in the format named.", errors.map((e) => ({ path: e.field, message: e.message })));

  const now = deps.clock().toISOString();
  const good: { line: number; offering: EducationOffering }[] = [];
  const seen = new Set<string>();
  for (const c of read.candidates) {
    const parsed = EducationOfferingRequest.safeParse(c.record);
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.error.issues)) errors.push({ line: c.line, field: issue.path, message: issue.message });
      continue;
    }
    const id = importedId(format, c.sourceId);
    if (seen.has(id)) {
      errors.push({ line: c.line, field: "record", message: "error.csv.duplicateInFile" });
      continue;
    }
    seen.add(id);
    good.push({ line: c.line, offering: { ...parsed.data, id, source: format === "csv" ? "owner" : format, sourceId: c.sourceId, createdAt: now } });
  }
  errors.sort((a, b) => a.line - b.line);

  const existing = new Map((await deps.stores.educationOfferings.list()).map((o) => [o.id, o]));
  const report: OfferingImportReport = { format, dryRun: !!opts.dryRun, records, imported: 0, unchanged: 0, errors, sample: [] };
  const writes: EducationOffering[] = [];
  for (const { line, offering } of good) {
    const before = existing.get(offering.id);
    const outcome = !before ? "new" : sameFields(before, offering) ? "unchanged" : "changed";
    if (outcome === "unchanged") report.unchanged++;
    else {
      report.imported++;
      writes.push(before ? { ...offering, createdAt: before.createdAt, updatedAt: now } : offering);
    }
    if (report.sample.length < SAMPLE_ROWS) report.sample.push({ line, title: offering.title, provider: offering.provider, outcome });
  }
  if (opts.dryRun) return report;
  if (errors.length)
    throw new ValidationError(
      `${new Set(errors.map((e) => e.line)).size} of ${records} records are not valid; nothing was imported.`,
      errors.map((e) => ({ path: e.field, message: e.message, line: e.line })),
    );
  await deps.stores.batchPut(writes.map((o) => deps.stores.educationOfferings.put(o)));
  return report;
}

/**
 * Imports Yrkesbarometern's assessments (its published JSON: an array of records). As with
 * offerings, a file with any record this cannot read is refused whole and nothing is written.
 */
export async function importYrkesbarometer(deps: Deps, body: Uint8Array | string, opts: { dryRun?: boolean } = {}): Promise<YrkesbarometerImportReport> {
  const { items, errors } = yrkesbarometerAssessments(readJson(body));
  if (errors.some((e) => e.line === 0)) throw new ValidationError("The file is not Yrkesbarometer's JSON (an array of records).", [{ path: "file", message: "error.import.format" }]);
  const records = items.length + new Set(errors.map((e) => e.line)).size;
  if (records === 0) throw new ValidationError("The file holds no assessments.", [{ path: "file", message: "error.import.empty" }]);
  if (records > 20_000) throw new ValidationError("At most 20,000 records can be imported at once.", [{ path: "file", message: "error.csv.tooManyRows" }]);
  const report = { records, imported: opts.dryRun ? 0 : items.length, errors };
  if (opts.dryRun) return report;
  if (errors.length) throw new ValidationError(`${new Set(errors.map((e) => e.line)).size} of ${records} records are not valid; nothing was imported.`, errors.map((e) => ({ path: e.field, message: e.message, line: e.line })));
  await deps.stores.batchPut(items.map((a) => deps.stores.yrkesbarometer.put(a)));
  return report;
}
