/**
 * `npm run bench -- --only national-round`: a national round on the local stack: `--invitations`
 * generated organisations (default 100,000) imported, one round to all of them launched, invited
 * and reminded through the synthesized survey-round state machine and its Lambda handlers, then
 * closed.
 *
 *   npx tsx test/bench/national-round.ts [--invitations 100000] [--rate 2000] [--task-seconds 60]
 *
 * Locally the mail goes to the outbox, so its delay is compressed: the tasks keep to `--rate`
 * mails a second and hand on after `--task-seconds` (on AWS: the region's SES rate, default 14,
 * and 300 s; functions/domain/mail-pace.ts). The baseline, measured in the same run, is writing
 * the same number of outbox mails with nothing else (one conditional transaction each, as the
 * local mailer writes them, at the same concurrency): what the mail itself costs here.
 * Printed: the time of each phase, the invite and remind task invocations and their longest
 * duration, this process's peak RSS (the handlers run in it; DynamoDB Local's JVM is apart),
 * that every organisation got exactly one invitation and one reminder, and what the same round
 * takes on AWS at the configured SES rate.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { startLocalStack } from "../../infra/local/local-stack";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { synthTemplate } from "../../infra/local/template-binding";
import { createStores } from "../../functions/stores";
import { DEFAULT_MAIL_PACE, mailsPerTask } from "../../functions/domain/mail-pace";
import { MAX_IMPORT_ROWS } from "../../functions/domain/organisation-import";
import { ORGANISATIONS, orgNumber } from "../support/fixtures";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("invitations", 100_000);
const RATE = arg("rate", 2000);
const TASK_SECONDS = arg("task-seconds", 60);
const REGION = "ostergotland";
/** The longest a phase may take here before the bench gives up on it. */
const PHASE_LIMIT_MS = 4 * 3600_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const hms = (seconds: number) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : seconds >= 60 ? `${(seconds / 60).toFixed(1)} min` : `${seconds.toFixed(0)} s`);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

async function main() {
  process.env.MAIL_SEND_RATE = String(RATE);
  process.env.MAIL_TASK_SECONDS = String(TASK_SECONDS);
  const template = await synthTemplate(REGION);
  const dataDir = mkdtempSync(path.join(tmpdir(), "kb-national-"));
  const tasks = new Map<string, { n: number; maxMs: number }>();
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    seed: false,
    buildWeb: false,
    template,
    regionId: REGION,
    log: () => {},
    instrument: {
      onInvocation(handler, ms) {
        const t = tasks.get(handler) ?? { n: 0, maxMs: 0 };
        t.n++;
        t.maxMs = Math.max(t.maxMs, ms);
        tasks.set(handler, t);
      },
      onExecutionEvent() {},
    },
  });
  // The handlers' log lines are written as on Lambda, but not shown.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")).startsWith('{"level"') ? true : write(chunk, ...rest)) as typeof process.stdout.write;
  const doc = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamodb.endpoint), { marshallOptions: { removeUndefinedValues: true } });
  const stores = createStores({ doc, name: stack.tableName });
  const rows: string[][] = [];
  try {
    const base = stack.url.replace("localhost", "127.0.0.1");
    const token = await stack.signIn("national@example.se", ["region-admins"]);
    const call = async (method: string, route: string, body?: string, type = "application/json") => {
      const res = await fetch(base + route, { method, headers: { authorization: `Bearer ${token}`, "content-type": type }, body });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : undefined;
    };
    const project = await call("POST", "/api/projects", JSON.stringify({ name: "Nationell", kind: "region" }));
    await call("PUT", `/api/projects/${project.id}/members`, JSON.stringify({ email: "national@example.se", role: "project-owner" }));

    // 1. Import: the owner API's CSV import, a fifth of MAX_IMPORT_ROWS a request (each well within the gateway's 29 s on a busy machine).
    const CHUNK = MAX_IMPORT_ROWS / 5;
    let t = performance.now();
    for (let from = 0; from < N; from += CHUNK) {
      const lines = ["orgNumber,name,sni,municipality,sizeClass,contactName,contactEmail"];
      for (let i = from; i < Math.min(N, from + CHUNK); i++) {
        const o = ORGANISATIONS[i % ORGANISATIONS.length]!;
        lines.push(`${orgNumber(100_000 + i)},Företag ${i} AB,${o.sni},${o.municipality},${o.sizeClass},Kontakt ${i},national${i}@example.se`);
      }
      const report = await call("POST", "/api/organisations/import", lines.join("\n"), "text/csv");
      if (report.errors.length) throw new Error(`import: ${JSON.stringify(report.errors.slice(0, 3))}`);
    }
    const importMs = performance.now() - t;
    rows.push(["import", `${N} organisations with a contact each`, s(importMs), "", ""]);

    // 2. Invite: launch, then until the round records every invitation out.
    const now = Date.now();
    // The reminder is due as soon as the invitations are out: Plan takes it next.
    const round = await call("POST", "/api/rounds", JSON.stringify({ name: "Nationell", opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString(), reminders: [new Date(now + 1000).toISOString()], recipients: {} }));
    t = performance.now();
    await call("POST", `/api/rounds/${round.id}/launch`, "");
    const until = async (what: string, done: () => Promise<boolean>) => {
      const started = performance.now();
      while (!(await done())) {
        if (performance.now() - started > PHASE_LIMIT_MS) throw new Error(`${what} did not finish`);
        await sleep(1000);
      }
    };
    await until("inviting", async () => !!(await stores.rounds.get(round.id))?.invitationsComplete);
    const inviteMs = performance.now() - t;
    const invite = tasks.get("workflow/invite") ?? { n: 0, maxMs: 0 };
    rows.push(["invite", `${invite.n} task invocations, longest ${s(invite.maxMs)}`, s(inviteMs), `${((N / inviteMs) * 1000).toFixed(0)}/s`, ""]);

    // 3. Remind: the reminder already due.
    t = performance.now();
    await until("reminding", async () => ((await stores.rounds.get(round.id))?.remindersDone.length ?? 0) > 0);
    const remindMs = performance.now() - t;
    const remind = tasks.get("workflow/remind") ?? { n: 0, maxMs: 0 };
    rows.push(["remind", `${remind.n} task invocations, longest ${s(remind.maxMs)}`, s(remindMs), `${((N / remindMs) * 1000).toFixed(0)}/s`, ""]);

    // 4. Close: the early close, the recount and the final release of a round with no answers.
    t = performance.now();
    await call("POST", `/api/rounds/${round.id}/close`, "");
    await until("closing", async () => (await stores.rounds.get(round.id))?.status === "closed" && !!(await stores.rounds.get(round.id))?.aggregatedAt);
    rows.push(["close", "close, recount, release", s(performance.now() - t), "", ""]);

    // Exactly once: every organisation's contact, one invitation and one reminder.
    const mails = (await stores.outbox.all()).filter((m) => m.roundId === round.id);
    const once = (kind: string) => {
      const per = new Map<string, number>();
      for (const m of mails) if (m.kind === kind) per.set(m.to, (per.get(m.to) ?? 0) + 1);
      return { people: per.size, twice: [...per.values()].filter((n) => n > 1).length };
    };
    const invited = once("invitation");
    const reminded = once("reminder");

    // The baseline: the same number of outbox mails, nothing else, at the tasks' concurrency.
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < N) {
          const i = next++;
          await stores.outbox.writeOnce({ id: `baseline-${i}`, createdAt: new Date().toISOString(), to: `baseline${i}@example.se`, kind: "invitation", subject: "Baslinje", text: "Baslinje" });
        }
      }),
    );
    const baselineMs = performance.now() - t;
    rows.push(["baseline", `${N} outbox mails written, nothing else`, s(baselineMs), `${((N / baselineMs) * 1000).toFixed(0)}/s`, ""]);
    for (const r of rows) if (r[0] === "invite" || r[0] === "remind") r[4] = `${((r[0] === "invite" ? inviteMs : remindMs) / baselineMs).toFixed(2)}x`;

    console.log(`\n## National round: ${N.toLocaleString("en")} invitations on the local stack (rate ${RATE}/s, ${TASK_SECONDS} s a task)\n`);
    console.log("| phase | what | time | mails/s | ratio to baseline |\n|---|---|---:|---:|---:|");
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
    console.log(`\nPeak RSS of this process (API, tasks and stream consumers): ${mb(peakRss)}.`);
    console.log(`Invitations: ${invited.people} people, ${invited.twice} twice. Reminders: ${reminded.people} people, ${reminded.twice} twice.`);
    const aws = (rate: number) => {
      const pace = { ...DEFAULT_MAIL_PACE, sendRatePerSecond: rate };
      return `${hms(N / rate)} to invite and as long to remind, in about ${Math.ceil(N / mailsPerTask(pace))} task invocations each of ${pace.taskSeconds} s`;
    };
    console.log(`\nOn AWS at SES's default rate of ${DEFAULT_MAIL_PACE.sendRatePerSecond}/s: ${aws(DEFAULT_MAIL_PACE.sendRatePerSecond)}; at a raised 100/s: ${aws(100)}.`);
    const longest = Math.max(invite.maxMs, remind.maxMs) / 1000;
    const ok = invited.people === N && reminded.people === N && invited.twice === 0 && reminded.twice === 0 && longest < 900;
    console.log(
      `SUMMARY national-round: ${N} invitations ${s(inviteMs)} + reminders ${s(remindMs)}, ${mb(peakRss)} peak, longest task ${longest.toFixed(0)} s (limit 900 s), ` +
        `${invited.twice + reminded.twice} sent twice, ${2 * N - invited.people - reminded.people} missing, ${ok ? "met" : "missed"}`,
    );
  } finally {
    process.stdout.write = write;
    clearInterval(sampler);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
