import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, OWNER_EMAIL, outbox, recordingWorkflows, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { offering } from "../support/supply-fixtures";
import { storedReleases } from "../support/stored-release";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { FeedbackView } from "../../shared/schemas/feedback";
import { RESULT_DIMENSIONS, type Cell, type ResultTable } from "../../shared/schemas";
import { expiryAfter, type Retention } from "../../shared/retention";
import { contributions } from "../../shared/indicators/contributions";
import { auditAsInsider } from "../../shared/disclosure/insider-audit";
import { DEFAULT_RULES } from "../../shared/disclosure/rules";

/**
 * A company's feedback from its personal link (GET /api/form/feedback) on a small round: twelve
 * organisations, ten in SNI division 25, on DynamoDB Local.
 */
const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const RETENTION: Retention = { rawAnswersDays: 30, draftsDays: 7, contactDataDays: 60, outboxDays: 10 };
const clock = virtualClock("2026-04-01T08:00:00Z");
let deps: TestDeps;
let suite: ApiSuite;
let roundId: string;
let tokens: string[];

const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const feedback = (token: string) => suite.participant(apiEvent("GET /api/form/feedback", { formToken: token }));
const submit = (i: number) => suite.participant(apiEvent("POST /api/form/submit", { formToken: tokens[i], body: { answers: validAnswers(instrument, i) } }));
const interim = () => suite.owner(apiEvent("POST /api/rounds/{id}/releases", { params: { id: roundId }, body: { kind: "interim" } }));

/** Every number anywhere in a JSON value. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === "number") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => numbersIn(v, out));
  return out;
}

/** The release's tables of every breakdown, as the store keeps them. */
async function releaseTables(number: number): Promise<ResultTable[]> {
  return (await Promise.all(RESULT_DIMENSIONS.map((d) => deps.stores.releases.tables(roundId, number, d)))).flat();
}
const publishedNumbers = (tables: ResultTable[]) =>
  new Set(tables.flatMap((t) => [...[...t.rows, t.total].flatMap((r) => [r.n, ...r.cells.flatMap((c: Cell) => ("suppressed" in c ? [] : [c.value, c.n]))])]).filter((v): v is number => typeof v === "number"));

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows(), retention: RETENTION });
  deps = suite.deps;
  const specs = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 2, 4];
  for (const [i, spec] of specs.entries())
    expect((await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(spec, { orgNumber: organisationRequest(i).orgNumber, name: `Bolag ${i}`, contactEmail: `c${i}@example.se` }) }))).statusCode).toBe(201);
  const round = body(await suite.owner(apiEvent("POST /api/rounds", { body: { name: "Vår", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00", reminders: [] } })));
  roundId = round.id;
  await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
  clock.set("2026-04-01T09:00:00+02:00");
  await roundTasks.invite(deps, { roundId });
  // By recipient, so that each company gives the same answers in every run.
  tokens = (await outbox(deps.table)).filter((m) => m.roundId === roundId).sort((a, b) => a.to.localeCompare(b.to)).map((m) => tokenFrom(m.text));
});
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

describe("feedback to each company", () => {
  it("is not shown before the company has submitted its answers", async () => {
    const res = await feedback(tokens[0]);
    expect(res.statusCode).toBe(409);
    expect(body(res).error.code).toBe("not-submitted");
  });

  it("answers an unknown link with the form's 404", async () => {
    expect((await feedback("A".repeat(43))).statusCode).toBe(404);
  });

  it("before the round's first release, says there is none yet and still gives the company its own plan", async () => {
    expect((await submit(0)).statusCode).toBe(201);
    const res = await feedback(tokens[0]);
    expect(res.statusCode).toBe(200);
    const view = FeedbackView.parse(body(res));
    expect(view.release).toBeNull();
    expect(view.comparisons).toEqual([]);
    expect(view.plan.needs.length).toBeGreaterThan(0);
    expect(view.plan.recruitments.map((r) => r.ssyk)).toEqual(["7212"]);
  });

  it("names whom to contact: the round's project and the person who created the round", async () => {
    const view = FeedbackView.parse(body(await feedback(tokens[0])));
    expect(view.plan.contact).toEqual({ project: expect.any(String), email: OWNER_EMAIL });
    expect(view.plan.contact.project.length).toBeGreaterThan(0);
  });

  it("lists the region's offerings that lead to the company's occupations, within its reach, nearest first", async () => {
    const org = organisationRequest(0);
    const far = "1280"; // Malmö: another county than any test organisation's
    for (const o of [
      offering({ id: "here", municipality: org.municipality, sunField: "521" }),
      offering({ id: "remote", municipality: far, form: "distance", sunField: "521" }),
      offering({ id: "far", municipality: far, sunField: "521" }),
      offering({ id: "other-field", municipality: org.municipality, sunField: "213" }),
    ])
      await deps.stores.educationOfferings.createIfAbsent(o);
    const listed = FeedbackView.parse(body(await feedback(tokens[0]))).plan.offerings;
    expect(listed.map((o) => [o.id, o.reach])).toEqual([
      ["here", "municipality"],
      ["remote", "distance"],
    ]);
  });

  it("shows no number that is not the company's own answer or a published cell of the release it reads", async () => {
    for (let i = 1; i < 10; i++) expect((await submit(i)).statusCode).toBe(201);
    await suite.counter.drain();
    expect((await interim()).statusCode).toBe(201);
    const published = publishedNumbers(await releaseTables(1));
    for (let i = 0; i < 10; i++) {
      const view = FeedbackView.parse(body(await feedback(tokens[i])));
      expect(view.release?.number).toBe(1);
      const own = new Set(numbersIn(validAnswers(instrument, i)));
      const { release: _release, ...shown } = view;
      const foreign = numbersIn(shown).filter((v) => !own.has(v) && !published.has(v));
      expect(foreign, `company ${i}`).toEqual([]);
    }
  });

  it("the releases it reads pass the audit with each company that reads them as insider, on every sensitive cell", async () => {
    const { units, families, published, releases } = await storedReleases(deps.stores, roundId, instrument);
    for (const company of units.map((u) => u.id))
      expect(await auditAsInsider(families, units, releases, published, { ...DEFAULT_RULES, k: deps.k }, company), company).toEqual([]);
  }, 120_000);

  it("copies each cell as the release published it: its industry's, section's and region's rows, suppressed ones suppressed", async () => {
    const industry = await deps.stores.releases.tables(roundId, 1, "industry");
    const section = await deps.stores.releases.tables(roundId, 1, "section");
    let compared = 0;
    let suppressed = 0;
    for (let i = 0; i < 10; i++) {
      const view = FeedbackView.parse(body(await feedback(tokens[i])));
      for (const t of view.comparisons) {
        const source = (scope: string) => (scope === "section" ? section : industry).find((x) => x.id === t.id)!;
        for (const s of t.scopes) {
          const table = source(s.scope);
          const row = s.scope === "region" ? table.total : table.rows.find((r) => r.segment === s.code)!;
          t.columns.forEach((c, j) => {
            expect(s.cells[j]).toEqual(row.cells[table.columns.findIndex((x) => x.key === c.key)]);
            compared++;
            if ("suppressed" in s.cells[j]) suppressed++;
          });
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
    // A small round has cells to protect; they reach the feedback as suppressed, never as a value.
    expect(suppressed).toBeGreaterThan(0);
  });

  it("sets the company's own answer beside each column: the level it chose, its hires, its staff change", async () => {
    const view = FeedbackView.parse(body(await feedback(tokens[1])));
    const answers = validAnswers(instrument, 1) as unknown as { needs: Record<string, Record<string, { level: string }>>; occupations: { hires12m: number }[] };
    const need = view.comparisons.find((t) => t.id === "needShare.digitalisation.now")!;
    expect(need.columns.filter((c) => c.own?.kind === "chosen").map((c) => c.key)).toEqual([answers.needs.digitalisation.now.level]);
    const hires = view.comparisons.find((t) => t.id === "hires12m")!;
    expect(hires.columns).toEqual([expect.objectContaining({ key: "7212", own: { kind: "value", value: answers.occupations[0].hires12m } })]);
    expect(view.comparisons.find((t) => t.id === "balance")!.columns[0].own).toMatchObject({ kind: "option" });
    expect(hires.scopes.map((s) => s.scope)).toEqual(["division", "section", "region"]);
  });

  it("reads the latest published release", async () => {
    clock.set("2026-04-10T09:00:00+02:00");
    expect((await submit(10)).statusCode).toBe(201);
    await suite.counter.drain();
    expect((await interim()).statusCode).toBe(201);
    expect(FeedbackView.parse(body(await feedback(tokens[0]))).release?.number).toBe(2);
  });

  it("says whether the company's answers are in the release it reads", async () => {
    expect(FeedbackView.parse(body(await feedback(tokens[10]))).release?.counted).toBe(true);
    clock.set("2026-04-10T09:05:00+02:00");
    expect((await submit(11)).statusCode).toBe(201);
    expect(FeedbackView.parse(body(await feedback(tokens[11]))).release).toMatchObject({ number: 2, counted: false });
  });

  it("is available while the link works and the round keeps its answers, and then gone", async () => {
    const open = FeedbackView.parse(body(await feedback(tokens[0])));
    // While the round is open, the link's expiry is the limit (its answers' retention starts at the close).
    expect(Date.parse(open.availableUntil)).toBeGreaterThan(Date.parse("2026-04-30T16:00:00+02:00"));
    clock.set("2026-05-01T09:00:00+02:00");
    await roundTasks.close(deps, { roundId });
    await roundTasks.aggregate(deps, { roundId });
    const closedAt = (await deps.stores.rounds.get(roundId))!.closedAt!;
    const view = FeedbackView.parse(body(await feedback(tokens[0])));
    // Retention here (30 days) ends before the link (90 days after the close).
    expect(view.availableUntil).toBe(new Date(expiryAfter(closedAt, RETENTION.rawAnswersDays) * 1000).toISOString());
    expect(view.release?.kind).toBe("final");
    clock.set(new Date(Date.parse(view.availableUntil) + 1000).toISOString());
    const gone = await feedback(tokens[0]);
    expect(gone.statusCode).toBe(410);
    expect(body(gone).error.code).toBe("answers-not-kept");
  });
});
