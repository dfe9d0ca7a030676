import {
  CreateMeasurementRequest,
  CreateProgrammeRequest,
  CreateRoundRequest,
  MEASUREMENT_KINDS,
  type MeasurementKind,
  type Programme,
  type ProgrammeTarget,
  type Round,
} from "../../shared/schemas";
import { baselineV1, DEFAULT_PROGRAMME_TARGETS, followUpV1, questionsOf } from "../../shared/instruments";
import { ConflictError, NotFoundError, type FieldIssue } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { isTransactionCancelled } from "../stores/table";
import { requireProject, type Owner } from "./owner";
import { can } from "./access";
import { getOrganisation, listPersons } from "./organisations";
import { newId } from "./tokens";
import { getProgramme, measurementRoundId } from "./programme-lookups";
import { invalid, parseRequest as parse } from "./requests";

/**
 * Programmes with their cohort and targets, and their baseline and follow-up rounds. The cycles'
 * use cases are in programme-cycles.ts, the pages' views in programme-views.ts, the report in
 * programme-report.ts.
 */
/** A target's question must be in the follow-up instrument and its values answers of it. */
function targetIssues(targets: ProgrammeTarget[]): FieldIssue[] {
  const questions = new Map(questionsOf(followUpV1).map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  targets.forEach((t, i) => {
    const q = questions.get(t.questionId);
    if (!q) return void issues.push({ path: `targets.${i}.questionId`, message: "error.target.question" });
    const allowed =
      q.type === "single" || q.type === "multi"
        ? q.options.map((o) => o.value)
        : q.type === "likert"
          ? Array.from({ length: q.scale }, (_, v) => String(v + 1))
          : q.type === "number"
            ? null
            : [];
    t.values.forEach((v, j) => {
      const ok = allowed === null ? /^-?\d+$/.test(v) && Number(v) >= (q as { min: number }).min && Number(v) <= (q as { max: number }).max : allowed.includes(v);
      if (!ok) issues.push({ path: `targets.${i}.values.${j}`, message: "error.target.value" });
    });
  });
  return issues;
}

export async function createProgramme(deps: Deps, input: unknown, owner: Owner): Promise<Programme> {
  const req = parse(CreateProgrammeRequest, input);
  const organisationIds = [...new Set(req.organisationIds)];
  const issues: FieldIssue[] = [];
  const found = await Promise.all(organisationIds.map((id) => getOrganisation(deps, id).then(() => true, (e) => (e instanceof NotFoundError ? false : Promise.reject(e)))));
  found.forEach((ok, i) => ok || issues.push({ path: `organisationIds.${i}`, message: "error.orgNumber.unknown" }));
  const persons = (await Promise.all(organisationIds.map((id) => listPersons(deps, id)))).flat();
  const known = new Set(persons.map((p) => p.id));
  const personIds = req.personIds ? [...new Set(req.personIds)] : persons.map((p) => p.id);
  (req.personIds ?? []).forEach((id, i) => known.has(id) || issues.push({ path: `personIds.${i}`, message: "error.person.notInOrganisations" }));
  if (!issues.length && personIds.length === 0) issues.push({ path: "personIds", message: "error.cohort.empty" });
  const targets = req.targets ?? DEFAULT_PROGRAMME_TARGETS;
  issues.push(...targetIssues(targets));
  const projectId = requireProject(owner);
  // The facilitator is mailed links to the programme's pages: they must be able to open them.
  if (req.facilitator && !(await mayRunProgrammes(deps, req.facilitator.email, projectId)))
    issues.push({ path: "facilitator.email", message: "error.facilitator.notMember" });
  if (issues.length) throw invalid(issues);

  const now = deps.clock().toISOString();
  const programme: Programme = {
    id: newId(),
    projectId,
    name: req.name,
    description: req.description,
    facilitator: req.facilitator ?? { name: owner.email, email: owner.email },
    cycles: req.cycles,
    organisationIds,
    personIds,
    targets,
    createdAt: now,
    createdBy: owner.email,
  };
  await deps.stores.transact([
    deps.stores.programmes.putIfAbsent(programme),
    ...Array.from({ length: programme.cycles }, (_, i) => deps.stores.cycles.putPlanned(programme.id, i + 1)),
  ]);
  return programme;
}

async function mayRunProgrammes(deps: Deps, email: string, projectId: string): Promise<boolean> {
  const role = (await deps.stores.projects.membershipsOf(email)).find((m) => m.projectId === projectId)?.role;
  return can(role, "programme-work");
}

/** The programmes of these projects. */
export async function listProgrammes(deps: Deps, projectIds: readonly string[]): Promise<Programme[]> {
  const wanted = new Set(projectIds);
  return (await deps.stores.programmes.list()).filter((p) => wanted.has(p.projectId));
}

export function parseMeasurementKind(kind: string | undefined): MeasurementKind {
  if (kind && (MEASUREMENT_KINDS as readonly string[]).includes(kind)) return kind as MeasurementKind;
  throw new NotFoundError("No such measurement: use baseline or follow-up.");
}

const iso = (v: string | number) => new Date(v).toISOString();

/**
 * The baseline or the follow-up: a survey round of the programme's instrument to the cohort,
 * created as a draft that the owner launches with POST /api/rounds/{id}/launch (the survey-round
 * state machine runs it like any round). One of each per programme.
 */
export async function createMeasurement(deps: Deps, programmeId: string, kindParam: string | undefined, input: unknown, owner: Owner): Promise<Round> {
  const kind = parseMeasurementKind(kindParam);
  const programme = await getProgramme(deps, programmeId);
  const req = parse(CreateMeasurementRequest, input);
  const instrument = kind === "baseline" ? baselineV1 : followUpV1;
  const roundReq = parse(CreateRoundRequest, {
    name: req.name ?? `${programme.name}: ${kind === "baseline" ? "nulägesmätning" : "uppföljning"}`,
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    opensAt: req.opensAt,
    closesAt: req.closesAt,
    reminders: req.reminders,
    recipients: { organisationIds: programme.organisationIds, personIds: programme.personIds },
    invitationText: req.invitationText,
  });
  const now = deps.clock().toISOString();
  const round: Round = {
    id: measurementRoundId(programmeId, kind),
    projectId: programme.projectId,
    name: roundReq.name,
    instrumentId: roundReq.instrumentId,
    instrumentVersion: roundReq.instrumentVersion ?? instrument.version,
    opensAt: iso(roundReq.opensAt),
    closesAt: iso(roundReq.closesAt),
    reminders: roundReq.reminders.map(iso).sort(),
    recipients: roundReq.recipients,
    invitationText: roundReq.invitationText,
    status: "draft",
    createdAt: now,
    createdBy: owner.email,
    invitedCount: 0,
    submittedCount: 0,
    programmeId,
    purpose: kind,
  };
  try {
    await deps.stores.transact([deps.stores.rounds.putIfAbsent(round, { listed: true }), deps.stores.programmes.setMeasurementRound(programmeId, kind, round.id)]);
  } catch (error) {
    if (isTransactionCancelled(error))
      throw new ConflictError("measurement-exists", `The programme already has a ${kind} round.`);
    throw error;
  }
  return round;
}
