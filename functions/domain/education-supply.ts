import { randomBytes } from "node:crypto";
import { EducationOfferingRequest, type EducationOffering, type YrkesbarometerAssessment } from "../../shared/supply/schemas";
import { NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import { toCsv } from "../../shared/csv";
import type { Deps } from "../adapters/ports";

/**
 * The region's education offerings (issue 10, item 3): what providers offer, kept beside the
 * organisation registry and, like it, kept by region admins and project owners. Offerings are
 * public facts about education, not survey data.
 */
export function parseOfferingRequest(input: unknown): EducationOfferingRequest {
  const parsed = EducationOfferingRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("The offering is not valid.", fieldIssues(parsed.error.issues));
  return parsed.data;
}

export async function listOfferings(deps: Deps): Promise<EducationOffering[]> {
  return deps.stores.educationOfferings.list();
}

/** Yrkesbarometern's imported assessments, every county's. */
export async function listAssessments(deps: Deps): Promise<YrkesbarometerAssessment[]> {
  return deps.stores.yrkesbarometer.list();
}

export async function getOffering(deps: Deps, id: string): Promise<EducationOffering> {
  const found = await deps.stores.educationOfferings.get(id);
  if (!found) throw new NotFoundError("No such offering.");
  return found;
}

export async function createOffering(deps: Deps, input: unknown): Promise<EducationOffering> {
  const req = parseOfferingRequest(input);
  const offering: EducationOffering = { ...req, id: `e${randomBytes(12).toString("base64url")}`, source: "owner", createdAt: deps.clock().toISOString() };
  await deps.stores.educationOfferings.createIfAbsent(offering);
  return offering;
}

/** Replaces what the owner may change; the id, source and creation time stay. */
export async function updateOffering(deps: Deps, id: string, input: unknown): Promise<EducationOffering> {
  const req = parseOfferingRequest(input);
  const existing = await getOffering(deps, id);
  const offering: EducationOffering = {
    ...req,
    id,
    source: existing.source,
    ...(existing.sourceId ? { sourceId: existing.sourceId } : {}),
    createdAt: existing.createdAt,
    updatedAt: deps.clock().toISOString(),
  };
  if (!(await deps.stores.educationOfferings.replace(offering))) throw new NotFoundError("No such offering.");
  return offering;
}

/** The CSV template's columns, in order; the import also reads the Swedish names (offering-import.ts). */
export const OFFERING_CSV_COLUMNS = ["provider", "title", "kind", "sunField", "sunLevel", "form", "municipality", "startDate", "places", "contact"] as const;

/** A template to fill in: the header, and one example row that the import accepts as it is. */
export function offeringsTemplateCsv(): string {
  return toCsv([
    [...OFFERING_CSV_COLUMNS],
    ["Linköpings kommun, Komvux", "Svetsare, grundläggande", "komvux", "521", "3", "campus", "0580", "2026-08-24", 16, "komvux@linkoping.example.se"],
  ]);
}
