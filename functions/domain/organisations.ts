import { expiryAfter } from "../../shared/retention";
import { retentionOf } from "./retention";
import { CreateOrganisationRequest, CreatePersonRequest, DesignateRespondentRequest, UpdateOrganisationRequest, type Organisation, type Person } from "../../shared/schemas";
import { isKnownMunicipality, isKnownSni } from "../../shared/classifications";
import { ConflictError, NotFoundError, ValidationError, fieldIssues, type FieldIssue } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { isTransactionCancelled, type TransactItem } from "../stores/table";
import { newId } from "./tokens";

/** Format is checked by the schema; existence in the code lists only here, where the lists are loaded. */
export function registryIssues(org: { sni: string; municipality: string }): FieldIssue[] {
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

export function organisationWrites(deps: Deps, req: CreateOrganisationRequest, contactId: string = newId()) {
  const now = deps.clock().toISOString();
  const org: Organisation = {
    id: req.orgNumber,
    orgNumber: req.orgNumber,
    name: req.name,
    kind: req.kind,
    sni: req.sni,
    sniVersion: req.sniVersion,
    municipality: req.municipality,
    sizeClass: req.sizeClass,
    createdAt: now,
  };
  const items: TransactItem[] = [deps.stores.organisations.putIfAbsent(org)];
  if (req.contactEmail) {
    const person: Person = {
      id: contactId,
      organisationId: org.id,
      name: req.contactName || req.contactEmail,
      email: req.contactEmail,
      role: "contact",
      language: "sv",
      createdAt: now,
    };
    items.push(deps.stores.persons.put(person, expiryAfter(now, retentionOf(deps).contactDataDays)));
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

export async function createPerson(deps: Deps, input: unknown): Promise<Person> {
  const parsed = CreatePersonRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the marked fields.", fieldIssues(parsed.error.issues));
  await getOrganisation(deps, parsed.data.organisationId);
  const person: Person = { ...parsed.data, id: newId(), createdAt: deps.clock().toISOString() };
  await deps.stores.transact([
    deps.stores.persons.put(person, expiryAfter(person.createdAt, retentionOf(deps).contactDataDays)),
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
