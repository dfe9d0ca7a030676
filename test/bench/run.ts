/**
 * `npm run bench`: measures the budgets of DESIGN.md on the real local engine (DynamoDB Local) and
 * prints figures and ratios. Not a pass/fail test: the numbers go into the closing notes.
 *   1. submit path vs a bare DynamoDB write of the same size (budget: at most 3x);
 *   2. reading a round's results (its release) with few vs many responses (budget: the same cost);
 *   3. a CSV import of 5,000 rows with contacts, and the same file again (budget: well within the
 *      owner API's 29 s Lambda timeout).
 */
import { CreateTableCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { startDynamoDbLocal, localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { synthRegionTemplate, tableDefinition } from "../../infra/template";
import { apiEvent, outbox, testDeps, tokenFrom, virtualClock, seedTestProject } from "../support/deps";
import { organisationRequest, orgNumber, validAnswers } from "../support/fixtures";
import { ownerApi } from "../../functions/api/owner-api";
import { participantApi } from "../../functions/api/participant-api";
import { roundTasks } from "../../functions/workflow/tasks";
import { getInstrument, latestVersion } from "../../shared/instruments";
import { tableStreamReader } from "../../infra/local/table-stream";
import { countResponses } from "../../functions/streams/count-responses";

const instrument = getInstrument("skills-needs", latestVersion("skills-needs"))!;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: pick(0.5), p90: pick(0.9), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  const ddb = await startDynamoDbLocal();
  try {
    const client = localDynamoDbClient(ddb.endpoint);
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const { TimeToLiveAttribute, ...def } = tableDefinition(synthRegionTemplate("ostergotland"));
    const name = "bench";
    await client.send(new CreateTableCommand({ ...def, TableName: name } as never));
    if (TimeToLiveAttribute) await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: TimeToLiveAttribute, Enabled: true } }));
    const clock = virtualClock("2026-06-01T08:00:00Z");
    const deps = testDeps({ doc, name }, { clock: clock.now, k: 5 });
    await seedTestProject(deps);
    const owner = ownerApi(() => deps);
    const stream = tableStreamReader({ endpoint: ddb.endpoint, client, tableName: name, handler: countResponses(() => deps) });
    const participant = participantApi(() => deps);

    async function roundWith(orgs: number, offset: number) {
      for (let i = 0; i < orgs; i++) {
        const res = await owner(apiEvent("POST /api/organisations", { body: organisationRequest(i, { orgNumber: orgNumber(offset + i), contactEmail: `b${offset + i}@example.se` }) }));
        if (res.statusCode !== 201) throw new Error(res.body);
      }
      const ids = Array.from({ length: orgs }, (_, i) => orgNumber(offset + i));
      const created = await owner(
        apiEvent("POST /api/rounds", { body: { name: `Bench ${offset}`, opensAt: "2026-06-01T08:00:00Z", closesAt: "2026-06-30T08:00:00Z", recipients: { organisationIds: ids } } }),
      );
      const roundId = JSON.parse(created.body!).id;
      await owner(apiEvent("POST /api/rounds/{id}/launch", { params: { id: roundId } }));
      while (!(await roundTasks.invite(deps, { roundId })).complete);
      const tokens = (await outbox(deps.table)).filter((m) => m.roundId === roundId).map((m) => tokenFrom(m.text));
      return { roundId, tokens };
    }

    // 1. Submit path vs a bare write of the same response item.
    const N = 150;
    const { roundId, tokens } = await roundWith(N, 100000);
    const answers = validAnswers(instrument, 2);
    // Warm the engine, then alternate the two so both see the same machine and the same table size.
    for (let i = 0; i < 50; i++) await doc.send(new PutCommand({ TableName: name, Item: { pk: `WARM#${i}`, sk: "#", answers } }));
    const bare: number[] = [];
    const submits: number[] = [];
    for (const [i, token] of tokens.entries()) {
      bare.push(await time(() => doc.send(new PutCommand({ TableName: name, Item: { pk: `BARE#${i}`, sk: "#", answers, submittedAt: new Date().toISOString() } }))));
      submits.push(
        await time(async () => {
          const res = await participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers } }));
          if (res.statusCode !== 201) throw new Error(res.body);
        }),
      );
    }
    const b = stats(bare);
    const s = stats(submits);
    console.log(`submit path (${N} submissions alternating with ${N} bare writes: token read, validation, one conditional transaction)`);
    console.log(`  bare PutItem       median ${ms(b.median)}  p90 ${ms(b.p90)}`);
    console.log(`  POST submit        median ${ms(s.median)}  p90 ${ms(s.p90)}`);
    console.log(`  ratio (median)     ${(s.median / b.median).toFixed(2)}x   budget <= 3x`);
    // Everything written so far is on the stream; read the set-up records first, then time the responses alone.
    const t0 = performance.now();
    const records = await stream.drain();
    const drained = performance.now() - t0;
    console.log(`  stream consumer    ${records} stream records (${N} of them responses) drained in ${drained.toFixed(0)} ms, off the submit path`);

    // 2. Results read cost with few vs many responses.
    const small = await roundWith(10, 200000);
    for (const token of small.tokens) await participant(apiEvent("POST /api/form/submit", { formToken: token, body: { answers } }));
    await stream.drain();
    // Results are releases: make one of each round (interim, the rounds are open), then read it.
    for (const id of [small.roundId, roundId]) {
      const made = await owner(apiEvent("POST /api/rounds/{id}/releases", { params: { id }, body: { kind: "interim" } }));
      if (made.statusCode !== 201) throw new Error(made.body);
    }
    const read = async (id: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 30; i++)
        samples.push(await time(() => owner(apiEvent("GET /api/rounds/{id}/results", { params: { id }, query: { by: "industry" } }))));
      return stats(samples);
    };
    const few = await read(small.roundId);
    const many = await read(roundId);
    console.log(`results read (by industry, 30 reads each)`);
    console.log(`  ${small.tokens.length} responses      median ${ms(few.median)}`);
    console.log(`  ${tokens.length} responses     median ${ms(many.median)}`);
    console.log(`  ratio (many/few)   ${(many.median / few.median).toFixed(2)}x   budget ~1x (kept releases)`);

    // 3. A CSV import of 5,000 rows (each with a contact), then the same file again (all unchanged).
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const r = organisationRequest(i, { orgNumber: orgNumber(300000 + i) });
      return `${r.orgNumber};Företag ${i} Åbo AB;${r.sni};${r.municipality};${r.sizeClass};${r.contactName};imp${i}@example.se`;
    });
    const file = Buffer.from(["orgNumber;name;sni;municipality;sizeClass;contactName;contactEmail", ...rows].join("\r\n"), "latin1");
    const importFile = () => owner({ ...apiEvent("POST /api/organisations/import", { body: file.toString("base64"), contentType: "application/octet-stream" }), isBase64Encoded: true });
    let first = "";
    const firstMs = await time(async () => (first = (await importFile()).body ?? ""));
    let again = "";
    const againMs = await time(async () => (again = (await importFile()).body ?? ""));
    const summary = (body: string) => {
      const r = JSON.parse(body);
      return `imported ${r.imported}, unchanged ${r.unchanged}, skipped ${r.skipped}, errors ${r.errors.length}, read as ${r.file.encoding}`;
    };
    console.log(`CSV import (5,000 rows with contacts, ISO-8859-1, ";")`);
    console.log(`  first run          ${(firstMs / 1000).toFixed(1)} s   ${summary(first)}   budget well under 29 s`);
    console.log(`  same file again    ${(againMs / 1000).toFixed(1)} s   ${summary(again)}`);
    const submitRatio = s.median / b.median;
    const readRatio = many.median / few.median;
    console.log(
      `SUMMARY run: submit ${ms(s.median)} vs bare PutItem ${ms(b.median)} at 1 client: ${submitRatio.toFixed(2)}x (budget 3x, ${submitRatio <= 3 ? "met" : "missed"}); ` +
        `results read ${tokens.length} vs ${small.tokens.length} responses ${readRatio.toFixed(2)}x (budget ~1x); CSV import of 5,000 rows ${(firstMs / 1000).toFixed(1)} s (budget well under 29 s, ${firstMs < 29_000 ? "met" : "missed"})`,
    );
    await stream.stop();
  } finally {
    await ddb.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
