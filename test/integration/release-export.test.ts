import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiSuite, type ApiSuite } from "../support/api-suite";
import { apiEvent, outbox, recordingWorkflows, tokenFrom, virtualClock, type TestDeps } from "../support/deps";
import { organisationRequest, validAnswers } from "../support/fixtures";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { fileReleaseSigner } from "../../functions/adapters/release-signer";
import { folderExportShelf } from "../../functions/adapters/export-shelf";
import { verifyExport } from "../../functions/domain/export-signature";
import type { SignedReleaseExport } from "../../shared/schemas/release-export";

const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;
const clock = virtualClock("2026-04-01T08:00:00Z");
const keys = mkdtempSync(path.join(tmpdir(), "kb-export-"));
const signer = fileReleaseSigner(path.join(keys, "region.pem"));
const shelf = path.join(keys, "shelf");
let deps: TestDeps;
let suite: ApiSuite;
let roundId: string;
const body = (res: { body?: string }) => JSON.parse(res.body ?? "null");
const exportOf = (n: number | string) => suite.owner(apiEvent("GET /api/rounds/{id}/releases/{n}/export.json", { params: { id: roundId, n: String(n) } }));

beforeAll(async () => {
  suite = await startApiSuite({ clock: clock.now, workflows: recordingWorkflows(), signer, exportShelf: folderExportShelf(shelf), region: { name: "Region Östergötland", countyCodes: ["05"] } });
  deps = suite.deps;
  for (let i = 0; i < 9; i++)
    expect((await suite.owner(apiEvent("POST /api/organisations", { body: organisationRequest(i % 2, { orgNumber: organisationRequest(i).orgNumber, name: `=Bolag ${i}`, contactEmail: `c${i}@example.se` }) }))).statusCode).toBe(201);
  roundId = body(await suite.owner(apiEvent("POST /api/rounds", { body: { name: "Vår", opensAt: "2026-04-01T09:00:00+02:00", closesAt: "2026-04-30T16:00:00+02:00", reminders: [] } }))).id;
  await suite.owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
  clock.set("2026-04-01T09:00:00+02:00");
  await roundTasks.invite(deps, { roundId });
  const tokens = (await outbox(deps.table)).filter((m) => m.roundId === roundId).map((m) => tokenFrom(m.text));
  for (const [i, token] of tokens.entries()) await suite.participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers: validAnswers(instrument, i) } }));
  await suite.counter.drain();
  expect((await suite.owner(apiEvent("POST /api/rounds/{id}/releases", { params: { id: roundId }, body: { kind: "interim" } }))).statusCode).toBe(201);
  clock.set("2026-05-01T09:00:00+02:00");
  await roundTasks.close(deps, { roundId });
  await roundTasks.aggregate(deps, { roundId });
});
afterAll(async () => {
  await suite.counter.stop();
  await suite.drop();
});

describe("a region's release export", () => {
  it("is the final release's protected cells, signed so that the region's public key verifies it", async () => {
    const res = await exportOf(2);
    expect(res.statusCode).toBe(200);
    const doc = body(res) as SignedReleaseExport;
    const payload = verifyExport(doc, signer.publicKeyPem);
    expect(payload).toMatchObject({ region: { id: "ostergotland", name: "Region Östergötland", countyCodes: ["05"] }, release: { number: 2, kind: "final", responses: 9 } });
    expect(payload.families.length).toBeGreaterThan(0);
  });

  it("holds no answer, organisation, name or address: only the protected cells and the frame counts", async () => {
    const text = (await exportOf(2)).body ?? "";
    const responses = await deps.stores.responses.list(roundId);
    for (const r of responses) {
      expect(text).not.toContain(r.organisationId);
      expect(text).not.toContain(r.orgNumber);
      expect(text).not.toContain(r.orgName);
    }
    expect(text).not.toMatch(/@example\.se/);
    expect(text).not.toContain("svetsare"); // the free-text answers of validAnswers
  });

  it("carries no number of a cell the release suppressed", async () => {
    const payload = verifyExport(body(await exportOf(2)), signer.publicKeyPem);
    for (const f of payload.families) for (const c of f.cells) if ("suppressed" in c) expect(Object.keys(c).sort()).toEqual(["quantity", "segment", "suppressed"]);
  });

  it("fails verification once any number in it is changed, or under another region's key", async () => {
    const doc = body(await exportOf(2)) as SignedReleaseExport;
    const published = doc.payload.families.flatMap((f) => f.cells).find((c) => "value" in c)!;
    if ("value" in published) published.value += 1;
    expect(() => verifyExport(doc, signer.publicKeyPem)).toThrow(/does not hold/);
    const other = fileReleaseSigner(path.join(keys, "other.pem"));
    const fresh = body(await exportOf(2));
    expect(() => verifyExport(fresh, other.publicKeyPem)).toThrow(/does not hold/);
    expect(() => verifyExport({ payload: { schema: "x" } }, signer.publicKeyPem)).toThrow(/known schema/);
  });

  it("is refused for an interim release and for a release that does not exist", async () => {
    expect((await exportOf(1)).statusCode).toBe(409);
    expect((await exportOf(7)).statusCode).toBe(404);
    expect((await exportOf("x")).statusCode).toBe(404);
  });

  it("is published to the consortium's shelf, where it verifies as downloaded", async () => {
    const res = await suite.owner(apiEvent("POST /api/rounds/{id}/releases/{n}/export", { params: { id: roundId, n: "2" } }));
    expect(res.statusCode).toBe(201);
    const { name } = body(res);
    expect(name).toBe(`ostergotland/${roundId}/release-0002.json`);
    expect(verifyExport(JSON.parse(readFileSync(path.join(shelf, name), "utf8")), signer.publicKeyPem).release.number).toBe(2);
  });
});
