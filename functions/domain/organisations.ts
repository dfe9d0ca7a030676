import { CreateOrganisationRequest, CreatePersonRequest, DesignateRespondentRequest, UpdateOrganisationRequest, type Organisation, type Person } from "../../shared/schemas";
import { isKnownMunicipality, isKnownSni } from "../../shared/classifications";
import { ConflictError, NotFoundError, ValidationError, fieldIssues, type FieldIssue } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { isTransactionCancelled, type TransactItem } from "../stores/table";
import { parseCsv } from "../../shared/csv";
import { newId } from "./tokens";
import type { ImportReport } from "../../shared/schemas/api";

const MAX_IMPORT_ROWS = 5000;

/** Format is checked by the schema; existence in the code lists only here, where the lists are loaded. */
function registryIssues(org: { sni: string; municipality: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isKnownSni(org.sni)) issues.push({ path: "sni", message: "error.sni.unknown" });
  if (!isKnownMunicipality(org.municipality)) issues.push({ path: "municipality", message: "error.municipality.unknown" });
  return issues;
}

function parseOrganisation(input: unknown): CreateOrganisationRequest {
  const parsed = CreateOrganisationRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  const issues = registryIssues(parsed.data);
  if (issues.length) throw new ValidationError("Check the marked fields.", issues);
  return parsed.data;
}

function organisationWrites(deps: Deps, req: CreateOrganisationRequest) {
  const now = deps.clock().toISOString();
  const org: Organisation = {
    id: req.orgNumber,
    orgNumber: req.orgNumber,
    name: req.name,
    kind: req.kind,
    sni: req.sni,
    municipality: req.municipality,
    sizeClass: req.sizeClass,
    createdAt: now,
  };
  const items: TransactItem[] = [deps.stores.organisations.putIfAbsent(org)];
  if (req.contactEmail) {
    const person: Person = {
      id: newId(),
      organisationId: org.id,
      name: req.contactName || req.contactEmail,
      email: req.contactEmail,
      role: "contact",
      language: "sv",
      createdAt: now,
    };
    items.push(deps.stores.persons.put(person));
  }
  return { org, items };
}

export async function createOrganisation(deps: Deps, input: unknown): Promise<Organisation> {
  const req = parseOrganisation(input);
  const { org, items } = organisationWrites(deps, req);
  try {
    await deps.stores.transact(items);
  } catch (error) {
    if (isTransactionCancelled(error))
      throw new ConflictError("organisation-exists", `An organisation with number ${req.orgNumber} is already registered.`);
    throw error;
  }
  return org;
}

export async function listOrganisations(deps: Deps, query?: string): Promise<Organisation[]> {
  const items = await deps.stores.organisations.list();
  const q = query?.trim().toLocaleLowerCase("sv");
  return items.filter((o) => !q || o.name.toLocaleLowerCase("sv").includes(q) || o.orgNumber.includes(q.replace("-", "")) || o.municipality === q);
}

export async function getOrganisation(deps: Deps, id: string): Promise<Organisation> {
  const org = await deps.stores.organisations.get(id);
  if (!org) throw new NotFoundError("No organisation with that number.");
  return org;
}

/** Corrects an organisation's details. Rounds already launched keep the segments they were sent with. */
export async function updateOrganisation(deps: Deps, id: string, input: unknown): Promise<Organisation> {
  const parsed = UpdateOrganisationRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  const change = parsed.data;
  const current = await getOrganisation(deps, id);
  const next = { ...current, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as Organisation;
  const issues = registryIssues(next);
  if (issues.length) throw new ValidationError("Check the marked fields.", issues);
  if (!(await deps.stores.organisations.update(next, deps.clock().toISOString()))) throw new NotFoundError("No organisation with that number.");
  return next;
}

const HEADER_ALIASES: Record<string, string> = {
  orgnumber: "orgNumber",
  organisationsnummer: "orgNumber",
  orgnr: "orgNumber",
  name: "name",
  namn: "name",
  sni: "sni",
  municipality: "municipality",
  kommun: "municipality",
  kommunkod: "municipality",
  sizeclass: "sizeClass",
  storleksklass: "sizeClass",
  kind: "kind",
  typ: "kind",
  contactname: "contactName",
  kontaktperson: "contactName",
  contactemail: "contactEmail",
  epost: "contactEmail",
  "e-post": "contactEmail",
};
const REQUIRED_COLUMNS = ["orgNumber", "name", "sni", "municipality", "sizeClass"];

/**
 * Imports organisations from CSV. Every bad row is reported with its line and field and not
 * written; every good row is written (an organisation number already registered is skipped).
 */
export async function importOrganisationsCsv(deps: Deps, text: string, opts: { dryRun?: boolean } = {}): Promise<ImportReport> {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new ValidationError("The file is empty.", [{ path: "file", message: "error.csv.empty" }]);
  const header = rows[0].fields.map((h) => HEADER_ALIASES[h.trim().toLowerCase().replace(/[\s_]/g, "")] ?? h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ValidationError(
      `The header row lacks the columns: ${missing.join(", ")}.`,
      missing.map((c) => ({ path: c, message: "error.csv.missingColumn", line: 1 })),
    );
  if (rows.length - 1 > MAX_IMPORT_ROWS)
    throw new ValidationError(`At most ${MAX_IMPORT_ROWS} rows can be imported at once.`, [{ path: "file", message: "error.csv.tooManyRows" }]);

  const report: ImportReport = { imported: 0, skipped: 0, errors: [] };
  const seen = new Set<string>();
  const good: CreateOrganisationRequest[] = [];
  for (const row of rows.slice(1)) {
    const record: Record<string, string> = {};
    header.forEach((h, i) => {
      const v = row.fields[i]?.trim();
      if (v) record[h] = v;
    });
    const parsed = CreateOrganisationRequest.safeParse(record);
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.error.issues)) report.errors.push({ line: row.line, field: issue.path, message: issue.message });
      continue;
    }
    const issues = registryIssues(parsed.data);
    if (seen.has(parsed.data.orgNumber)) issues.push({ path: "orgNumber", message: "error.csv.duplicateInFile" });
    if (issues.length) {
      for (const issue of issues) report.errors.push({ line: row.line, field: issue.path, message: issue.message });
      continue;
    }
    seen.add(parsed.data.orgNumber);
    good.push(parsed.data);
  }

  if (opts.dryRun) {
    // The preview: what would be imported and what would be skipped, nothing written.
    const existing = new Set((await listOrganisations(deps)).map((o) => o.orgNumber));
    for (const req of good) report[existing.has(req.orgNumber) ? "skipped" : "imported"]++;
    return report;
  }
  // A handful at a time: fast enough for a region's registry, gentle on the table.
  const CONCURRENCY = 8;
  for (let i = 0; i < good.length; i += CONCURRENCY) {
    const outcomes = await Promise.all(
      good.slice(i, i + CONCURRENCY).map(async (req) => {
        try {
          await deps.stores.transact(organisationWrites(deps, req).items);
          return "imported" as const;
        } catch (error) {
          if (isTransactionCancelled(error)) return "skipped" as const;
          throw error;
        }
      }),
    );
    for (const o of outcomes) report[o]++;
  }
  return report;
}

export async function createPerson(deps: Deps, input: unknown): Promise<Person> {
  const parsed = CreatePersonRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  await getOrganisation(deps, parsed.data.organisationId);
  const person: Person = { ...parsed.data, id: newId(), createdAt: deps.clock().toISOString() };
  await deps.stores.transact([
    deps.stores.persons.put(person),
    // The organisation must still exist when the person is written.
    deps.stores.organisations.checkExists(person.organisationId),
  ]);
  return person;
}

export async function listPersons(deps: Deps, organisationId: string): Promise<Person[]> {
  return deps.stores.persons.listOf(organisationId);
}

/**
 * Marks one contact as the organisation's designated respondent (and no other): the rounds that
 * count organisations invite it from then on. Invitations already sent stay with their contact;
 * the owner changes those per round.
 */
export async function designateRespondent(deps: Deps, organisationId: string, input: unknown): Promise<Person[]> {
  const parsed = DesignateRespondentRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Choose the contact who is to answer.", fieldIssues(parsed.error.issues));
  await getOrganisation(deps, organisationId);
  const persons = await listPersons(deps, organisationId);
  if (!persons.some((p) => p.id === parsed.data.personId))
    throw new ValidationError("Choose one of the organisation's contacts.", [{ path: "personId", message: "error.person.notInOrganisation" }]);
  const changes = persons.filter((p) => !!p.respondent !== (p.id === parsed.data.personId));
  // At most 100 items per transaction; an organisation has a handful of contacts.
  if (changes.length) await deps.stores.transact(changes.map((p) => deps.stores.persons.setRespondent(organisationId, p.id, p.id === parsed.data.personId)));
  return listPersons(deps, organisationId);
}
