import { EraseRequest, type Answers, type ErasureReport, type PersonalDataExport } from "../../shared/schemas";
import { questionsOf } from "../../shared/instruments";
import { instrumentRegistry } from "./instrument-registry";
import type { Instrument } from "../../shared/schemas/instrument";
import { NotFoundError, ValidationError, fieldIssues } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { get } from "../stores/cycles";
import type { StoredInvitation } from "../stores/invitations";
import type { StoredPerson } from "../stores/persons";
import type { StoredResponse } from "../stores/responses";
import type { StoredRound } from "../stores/rounds";

/**
 * What is kept about a person, and its erasure (GDPR articles 15 and 17). Personal data: the
 * person item (name, e-mail, role, gender, age band), the name and e-mail on each invitation, the
 * link's token, drafts, the free text of responses, and the mails in the outbox. Erasure removes
 * all of those; a submitted response keeps only the answers that feed releases, under the
 * person's random id, which nothing links to a name any more, so published and later releases
 * stay what they were. The rounds are found through the round list and every programme's
 * measurements and cycles (a programme's rounds are not in the round list).
 */
async function personOrNotFound(deps: Deps, personId: string): Promise<StoredPerson> {
  const person = /^[A-Za-z0-9_-]{1,64}$/.test(personId) ? await deps.stores.persons.get(personId) : undefined;
  if (!person) throw new NotFoundError("No person with that id.");
  return person;
}

/** Every round of the region, the programmes' own included. */
async function allRounds(deps: Deps): Promise<StoredRound[]> {
  const listed = await deps.stores.rounds.list();
  const ids = new Set(listed.map((r) => r.id));
  const extra: string[] = [];
  for (const p of await deps.stores.programmes.list()) {
    for (const id of [p.baselineRoundId, p.followUpRoundId]) if (id && !ids.has(id)) extra.push(id);
    for (const c of await deps.stores.cycles.list(p.id))
      for (const stage of ["assignment", "reflection"] as const) {
        const id = get(c, stage, "RoundId");
        if (id && !ids.has(id)) extra.push(id);
      }
  }
  const more = await Promise.all([...new Set(extra)].map((id) => deps.stores.rounds.get(id)));
  return [...listed, ...more.filter((r): r is StoredRound => r !== undefined)];
}

type Found = { round: StoredRound; invitation: StoredInvitation; draft?: { savedAt: string; answers: Answers }; response?: StoredResponse };

async function roundsOf(deps: Deps, personId: string): Promise<Found[]> {
  const found: Found[] = [];
  for (const round of await allRounds(deps)) {
    const invitation = await deps.stores.invitations.get(round.id, personId);
    if (!invitation) continue;
    const [draft, responses] = await Promise.all([deps.stores.drafts.get(round.id, personId), deps.stores.responses.list(round.id, { all: true })]);
    found.push({ round, invitation, draft, response: responses.find((r) => r.personId === personId) });
  }
  return found;
}

export async function exportPersonalData(deps: Deps, personId: string): Promise<PersonalDataExport> {
  const person = await personOrNotFound(deps, personId);
  const [found, programmes, mails] = await Promise.all([roundsOf(deps, personId), deps.stores.programmes.list(), deps.stores.outbox.to(person.email)]);
  return {
    exportedAt: deps.clock().toISOString(),
    person,
    rounds: found.map(({ round, invitation: i, draft, response }) => ({
      roundId: round.id,
      roundName: round.name,
      invitation: { status: i.status, name: i.name, email: i.email, sentAt: i.sentAt, openedAt: i.openedAt, submittedAt: i.submittedAt, remindersSent: i.remindersSent },
      ...(draft ? { draft: { savedAt: draft.savedAt, answers: draft.answers } } : {}),
      ...(response ? { response: { submittedAt: response.submittedAt, answers: response.answers } } : {}),
    })),
    programmes: programmes.filter((p) => p.personIds.includes(personId)).map((p) => ({ id: p.id, name: p.name })),
    mails: mails.map((m) => ({ createdAt: m.createdAt, subject: m.subject, text: m.text })),
  };
}

/** The answers without free text: what a release can use, and nothing a person wrote in words. */
function withoutText(instrument: Instrument | undefined, answers: Answers): Answers {
  const texts = new Set(instrument ? questionsOf(instrument).filter((q) => q.type === "text").map((q) => q.id) : Object.keys(answers));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !texts.has(id)));
}

/**
 * Erases the person. Each round's part is one transaction and the person item goes last, so an
 * erasure stopped half-way is finished by running it again.
 */
export async function erasePerson(deps: Deps, personId: string, input: unknown): Promise<ErasureReport> {
  const parsed = EraseRequest.safeParse(input);
  if (!parsed.success) throw new ValidationError("Confirm the erasure with the person's id.", fieldIssues(parsed.error.issues));
  if (parsed.data.confirm !== personId) throw new ValidationError("Confirm the erasure with the person's id.", [{ path: "confirm", message: "error.confirm" }]);
  const person = await personOrNotFound(deps, personId);
  const now = deps.clock().toISOString();
  const report: ErasureReport = { personId, erasedAt: now, rounds: 0, drafts: 0, responses: 0, mails: 0 };
  for (const { round, invitation, draft, response } of await roundsOf(deps, personId)) {
    const instrument = response && (await instrumentRegistry(deps).get(round.instrumentId, round.instrumentVersion));
    await deps.stores.transact([
      deps.stores.invitations.erase(round.id, personId, now),
      deps.stores.tokens.delete(invitation.tokenHash),
      ...(draft ? [deps.stores.drafts.delete(round.id, personId)] : []),
      ...(response ? [deps.stores.responses.erase(round.id, personId, withoutText(instrument, response.answers), now)] : []),
    ]);
    report.rounds++;
    if (draft) report.drafts++;
    if (response) report.responses++;
  }
  report.mails = await deps.stores.outbox.eraseRecipient(person.email);
  await deps.stores.transact([deps.stores.persons.delete(person.organisationId, person.id)]);
  return report;
}
