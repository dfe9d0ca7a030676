/**
 * The demo programme of `npm start` (infra/local/seed-programme.ts), seeded through the HTTP API of
 * a local stack started without the demo seed, on a real clock: cycle 1 runs through its
 * compressed schedule on the learning-cycle state machine and cycle 2 is left running.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../infra/local/local-stack";
import { DEMO_ORGANISATIONS, DEMO_OWNER, demoCsv } from "../../infra/local/seed-demo";
import { seedDemoProjects } from "../../infra/local/seed-projects";
import { REGION_GROUPS } from "../../shared/schemas/project";
import { DEMO_COHORT_ORGANISATIONS, DEMO_PROGRAMME_NAME, seedProgramme, type ProgrammeSeedResult } from "../../infra/local/seed-programme";
import type { OutboxMessage } from "../../shared/schemas/api";
import type { Person } from "../../shared/schemas/person";
import type { ProgrammeReport, ProgrammeView } from "../../shared/schemas/programme";
import { cachedTemplate } from "../support/dynamodb";

describe("the demo programme seed", () => {
  let dataDir: string;
  let stack: LocalStack;
  let base: string;
  let token: string;
  let result: ProgrammeSeedResult;
  const lines: string[] = [];

  const get = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, p).toBe(200);
    return (await res.json()) as T;
  };

  let projectId: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kb-seed-programme-"));
    stack = await startLocalStack({ port: 0, dataDir, seed: false, template: cachedTemplate(), log: (l) => lines.push(l) });
    base = `http://127.0.0.1:${stack.port}`;
    token = await stack.signIn(DEMO_OWNER, [REGION_GROUPS.regionAdmin]);
    projectId = (await seedDemoProjects(base, token)).programme;
    const csv = demoCsv(DEMO_ORGANISATIONS.filter((o) => DEMO_COHORT_ORGANISATIONS.includes(o.name)));
    const imported = await fetch(`${base}/api/organisations/import`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" }, body: csv });
    expect(imported.status).toBe(200);
    result = await seedProgramme({ baseUrl: base, token, projectId, log: (l) => lines.push(l) });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("leaves a programme part-way through: baseline answered, cycle 1 done, cycle 2 running", async () => {
    expect(result, lines.join("\n")).toMatchObject({ seeded: true, persons: 8, organisations: 5, incomplete: [] });
    const view = await get<ProgrammeView>(`/api/programmes/${result.programmeId}`);
    expect(view.name).toBe(DEMO_PROGRAMME_NAME);
    expect(view.baseline).toMatchObject({ invited: 8, submitted: 7 });
    const [c1, c2, c3, c4] = view.cycleViews;
    expect(c1).toMatchObject({
      status: "done",
      workshop: { attendance: expect.any(Array) },
      assignment: { invited: 8, submitted: 6 },
      lecture: { materialUrl: expect.stringMatching(/^https:/) },
      reflection: { invited: 8, submitted: 6, summarySentAt: expect.any(String) },
    });
    expect([c1!.workshop.attendance.length, c1!.lecture.attendance.length]).toEqual([7, 6]);
    expect(c1!.assignment.skipped ?? c1!.reflection.skipped).toBeUndefined();
    expect(c2).toMatchObject({ status: "running", stage: "assignment", assignment: { invited: 8, submitted: 3 } });
    expect(c2!.workshop.recordedAt).toBeTruthy();
    expect([c3!.status, c4!.status]).toEqual(["scheduled", "scheduled"]);
    expect(lines.find((l) => l.startsWith("demo programme:"))).toMatch(/cycle 1 done .*cycle 2 running at assignment/);
  });

  it("registers the added persons with gender and age band, and reports the cycles, with no targets before a release", async () => {
    const view = await get<ProgrammeView>(`/api/programmes/${result.programmeId}`);
    const persons = (await Promise.all(view.organisationIds.map((id) => get<{ items: Person[] }>(`/api/organisations/${id}/persons`)))).flatMap((r) => r.items);
    expect(persons.filter((p) => p.gender).map((p) => p.gender).sort()).toEqual(["non-binary", "woman", "woman"]);
    const report = await get<ProgrammeReport>(`/api/programmes/${result.programmeId}/report`);
    // The follow-up is still to come: no release, so no targets yet, while the cycles' rates are live.
    expect(report).toMatchObject({ release: null, releases: [], targets: [] });
    expect(report.cycles.slice(0, 2)).toMatchObject([
      { cycle: 1, status: "done", workshopAttendance: { attended: 7 }, assignmentSubmission: { submitted: 6 }, reflectionSubmission: { submitted: 6 } },
      { cycle: 2, status: "running", assignmentSubmission: { invited: 8, submitted: 3 }, reflectionSubmission: null },
    ]);
  });

  it("sent each notice once and does not seed a second programme", async () => {
    const outbox = (await get<{ items: OutboxMessage[] }>("/api/dev/outbox?limit=1000")).items.filter((m) => m.programmeId === result.programmeId);
    expect(outbox.filter((m) => m.kind === "cohort-notice")).toHaveLength(3 * 8);
    expect(await seedProgramme({ baseUrl: base, token, projectId, log: (l) => lines.push(l) })).toMatchObject({ seeded: false });
    expect((await get<{ items: unknown[] }>("/api/programmes")).items).toHaveLength(1);
  });
});
