import type { CycleRates, ProgrammeReleaseSummary, ProgrammeReport, RecordedStage, RoundStage, TargetRow } from "../../shared/schemas";
import { NotFoundError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { get, getList } from "../stores/cycles";
import { toCsv } from "../../shared/csv";
import { getProgramme, listCycles } from "./programme-lookups";
import { roundOrUndefined } from "./programme-views";

async function invitationCounts(deps: Deps, roundId: string | undefined) {
  if (!roundId) return { invited: 0, submitted: 0 };
  const items = await deps.stores.invitations.list(roundId, { consistent: true });
  return { invited: items.length, submitted: items.filter((i) => i.status === "submitted").length };
}

/** The asked-for published release, else the newest; none before the first. */
function chosenRelease(releases: ProgrammeReleaseSummary[], asked: string | undefined): ProgrammeReleaseSummary | null {
  const published = releases.filter((r) => r.status === "published");
  if (asked === undefined) return published.at(-1) ?? null;
  const found = /^\d{1,4}$/.test(asked) ? published.find((r) => r.number === Number(asked)) : undefined;
  if (!found) throw new NotFoundError("No published report release with that number.");
  return found;
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : 0);

/**
 * The programme report: its targets as the chosen release published them (the newest published
 * one by default; programme-releases.ts), beside attendance and submission per cycle, which are
 * progress and stay live. A release number that does not exist is a 404.
 */
export async function programmeReport(deps: Deps, programmeId: string, releaseNumber?: string): Promise<ProgrammeReport> {
  const programme = await getProgramme(deps, programmeId);
  const [cycles, baselineRound, followUpRound, releases] = await Promise.all([
    listCycles(deps, programmeId),
    roundOrUndefined(deps, programme.baselineRoundId),
    roundOrUndefined(deps, programme.followUpRoundId),
    deps.stores.programmeReleases.list(programmeId),
  ]);
  const release = chosenRelease(releases, releaseNumber);
  const targets = release && release.status === "published" ? await deps.stores.programmeReleases.targets(programmeId, release.number) : [];
  const cohort = programme.personIds.length;
  const cycleRates: CycleRates[] = await Promise.all(
    cycles.map(async (c) => {
      const attendance = (stage: RecordedStage) => {
        if (!get(c, stage, "RecordedAt")) return null;
        const attended = (getList(c, stage, "Attendance") ?? []).length;
        return { attended, rate: rate(attended, cohort) };
      };
      const submission = async (stage: RoundStage) => {
        const roundId = get(c, stage, "RoundId");
        if (!roundId) return null;
        const counts = await invitationCounts(deps, roundId);
        return { ...counts, rate: rate(counts.submitted, counts.invited) };
      };
      return {
        cycle: c.cycle,
        status: c.status,
        cohort,
        workshopAttendance: attendance("workshop"),
        lectureAttendance: attendance("lecture"),
        assignmentSubmission: await submission("assignment"),
        reflectionSubmission: await submission("reflection"),
      };
    }),
  );
  return {
    programmeId,
    name: programme.name,
    k: deps.k,
    release,
    releases,
    cohort: { organisations: programme.organisationIds.length, persons: cohort },
    baseline: { roundId: baselineRound?.id, status: baselineRound?.status, ...(await invitationCounts(deps, baselineRound?.id)) },
    followUp: { roundId: followUpRound?.id, status: followUpRound?.status, ...(await invitationCounts(deps, followUpRound?.id)) },
    targets,
    cycles: cycleRates,
  };
}

/**
 * The report as one long CSV table a project can paste into its reporting: one row per value,
 * `table,item,segment,measure,value,n,note`. A suppressed value has an empty value and the note
 * `suppressed`; an empty one (nothing to compute) the note `empty`. Never a zero for either.
 */
export async function exportReportCsv(deps: Deps, programmeId: string, releaseNumber?: string): Promise<string> {
  const report = await programmeReport(deps, programmeId, releaseNumber);
  const rows: (string | number | null)[][] = [["table", "item", "segment", "measure", "value", "n", "note"]];
  const cell = (table: string, item: string, segment: string, measure: string, c: TargetRow["share"]) => {
    if ("suppressed" in c) rows.push([table, item, segment, measure, null, null, "suppressed"]);
    else if (c.value === null) rows.push([table, item, segment, measure, null, c.n, "empty"]);
    else rows.push([table, item, segment, measure, c.value, c.n, null]);
  };
  for (const t of report.targets) {
    rows.push(["target", t.id, "all", "targetShare", t.targetShare, null, t.population]);
    const emit = (segment: string, r: TargetRow) => {
      cell("target", t.id, segment, "share", r.share);
      rows.push(["target", t.id, segment, "met", r.met === null ? null : r.met ? "yes" : "no", r.n, r.met === null ? ("suppressed" in r.share ? "suppressed" : "empty") : null]);
      if (t.comparable) {
        cell("target", t.id, segment, "baselineShare", r.baselineShare);
        cell("target", t.id, segment, "followUpShare", r.followUpShare);
        cell("target", t.id, segment, "change", r.change);
      }
    };
    emit("all", t.total);
    for (const b of t.breakdowns) for (const r of b.rows) emit(`${b.dimension}:${r.segment}`, r);
  }
  for (const c of report.cycles) {
    const item = String(c.cycle);
    rows.push(["cycle", item, "all", "status", c.status, null, null]);
    if (c.workshopAttendance) rows.push(["cycle", item, "all", "workshopAttendance", c.workshopAttendance.rate, c.cohort, null]);
    if (c.assignmentSubmission) rows.push(["cycle", item, "all", "assignmentSubmission", c.assignmentSubmission.rate, c.assignmentSubmission.invited, null]);
    if (c.lectureAttendance) rows.push(["cycle", item, "all", "lectureAttendance", c.lectureAttendance.rate, c.cohort, null]);
    if (c.reflectionSubmission) rows.push(["cycle", item, "all", "reflectionSubmission", c.reflectionSubmission.rate, c.reflectionSubmission.invited, null]);
  }
  for (const [kind, m] of [["baseline", report.baseline], ["follow-up", report.followUp]] as const)
    if (m.roundId) rows.push(["measurement", kind, "all", "responseRate", rate(m.submitted, m.invited), m.invited, null]);
  return toCsv(rows);
}
