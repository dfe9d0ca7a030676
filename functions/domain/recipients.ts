import type { Organisation, Person, RecipientFilter } from "../../shared/schemas";

/** Every filter given must match; a filter left empty matches all. */
export function matchesRecipients(filter: RecipientFilter, org: Organisation): boolean {
  if (filter.organisationIds?.length && !filter.organisationIds.includes(org.id)) return false;
  if (filter.sniDivisions?.length && !filter.sniDivisions.includes(org.sni.slice(0, 2))) return false;
  if (filter.municipalities?.length && !filter.municipalities.includes(org.municipality)) return false;
  if (filter.sizeClasses?.length && !filter.sizeClasses.includes(org.sizeClass)) return false;
  return true;
}

/** A round to a programme's cohort names its persons; other rounds go to every person of a matching organisation. */
export function matchesPerson(filter: RecipientFilter, person: { id: string }): boolean {
  return !filter.personIds?.length || filter.personIds.includes(person.id);
}

/** Contacts in the order they are chosen as an organisation's respondent: marked first, then oldest. */
export function byRespondentOrder(a: Person, b: Person): number {
  return Number(!!b.respondent) - Number(!!a.respondent) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/**
 * Whom a round whose unit is the organisation invites: the contact marked as respondent (the
 * oldest if several are), else the first (oldest) contact. Contacts without an address are passed over.
 */
export function designatedRespondent<P extends Person>(persons: readonly P[]): P | undefined {
  return persons.filter((p) => p.email && !p.mailStop).sort(byRespondentOrder)[0];
}
