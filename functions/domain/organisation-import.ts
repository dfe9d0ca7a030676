import { CreateOrganisationRequest, type Organisation } from "../../shared/schemas";
import { ConflictError, ValidationError, fieldIssues } from "../../shared/errors";
import { decodeCsvBytes, detectDelimiter, parseCsv } from "../../shared/csv";
import type { ImportReport } from "../../shared/schemas/api";
import type { Deps } from "../adapters/ports";
import { cancellationCodes, isTransactionCancelled } from "../stores/table";
import { listOrganisations, organisationWrites, registryIssues } from "./organisations";

export const MAX_IMPORT_ROWS = 5000;
/** Rows per transaction: an organisation and its contact are two items, and a transaction holds 100. */
const ROWS_PER_TRANSACTION = 50;
/** Transactions in flight at once. */
const CONCURRENCY = 4;
/** Attempts of one chunk whose transaction met another writer's (TransactionConflict) before the import gives up. */
const CONFLICT_ATTEMPTS = 8;
const SAMPLE_ROWS = 10;

const HEADER_ALIASES: Record<string, string> = {
  orgnumber: "orgNumber",
  organisationsnummer: "orgNumber",
  orgnr: "orgNumber",
  name: "name",
  namn: "name",
  sni: "sni",
  municipality: "municipality",
  kommun: "municipality",
  kommunkod: "municipality",
  sizeclass: "sizeClass",
  storleksklass: "sizeClass",
  kind: "kind",
  typ: "kind",
  contactname: "contactName",
  kontaktperson: "contactName",
  contactemail: "contactEmail",
  epost: "contactEmail",
  "e-post": "contactEmail",
};
const REQUIRED_COLUMNS = ["orgNumber", "name", "sni", "municipality", "sizeClass"];

type Outcome = "new" | "unchanged" | "skipped";
type GoodRow = { line: number; req: CreateOrganisationRequest };

/** The registered organisation says what the row says (its contact aside, which may have been edited since). */
function sameAs(org: Organisation, req: CreateOrganisationRequest): boolean {
  return org.name === req.name && org.kind === req.kind && org.sni === req.sni && org.municipality === req.municipality && org.sizeClass === req.sizeClass;
}

/**
 * Imports organisations from a CSV file's bytes (or text already decoded). The encoding is
 * detected (UTF-8 with or without BOM, Windows-1252, ISO-8859-1) and the separator too; the report
 * says which. Every bad row is reported with its line and field and not written. A row whose
 * organisation number is registered is not written: `unchanged` when the registry says the same,
 * `skipped` when it says otherwise. So running the same import again writes nothing and reports
 * every row unchanged. Writes go in transactions of 50 rows, each organisation on the condition
 * that it does not exist yet; a transaction cancelled by another writer is run again.
 */
export async function importOrganisationsCsv(deps: Deps, body: Uint8Array | string, opts: { dryRun?: boolean } = {}): Promise<ImportReport> {
  const decoded = typeof body === "string" ? { text: body.replace(/^\uFEFF/, ""), encoding: "utf-8" as const, bom: body.startsWith("\uFEFF") } : decodeCsvBytes(body);
  const rows = parseCsv(decoded.text);
  if (rows.length === 0) throw new ValidationError("The file is empty.", [{ path: "file", message: "error.csv.empty" }]);
  const header = rows[0].fields.map((h) => HEADER_ALIASES[h.trim().toLowerCase().replace(/[\s_]/g, "")] ?? h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ValidationError(
      `The header row lacks the columns: ${missing.join(", ")}.`,
      missing.map((c) => ({ path: c, message: "error.csv.missingColumn", line: 1 })),
    );
  if (rows.length - 1 > MAX_IMPORT_ROWS)
    throw new ValidationError(`At most ${MAX_IMPORT_ROWS} rows can be imported at once.`, [{ path: "file", message: "error.csv.tooManyRows" }]);

  const report: ImportReport = {
    imported: 0,
    unchanged: 0,
    skipped: 0,
    errors: [],
    file: { encoding: decoded.encoding, bom: decoded.bom, delimiter: detectDelimiter(decoded.text), rows: rows.length - 1 },
    sample: [],
  };
  const seen = new Set<string>();
  const good: GoodRow[] = [];
  for (const row of rows.slice(1)) {
    const record: Record<string, string> = {};
    header.forEach((h, i) => {
      const v = row.fields[i]?.trim();
      if (v) record[h] = v;
    });
    const parsed = CreateOrganisationRequest.safeParse(record);
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.error.issues)) report.errors.push({ line: row.line, field: issue.path, message: issue.message });
      continue;
    }
    const issues = registryIssues(parsed.data);
    if (seen.has(parsed.data.orgNumber)) issues.push({ path: "orgNumber", message: "error.csv.duplicateInFile" });
    if (issues.length) {
      for (const issue of issues) report.errors.push({ line: row.line, field: issue.path, message: issue.message });
      continue;
    }
    seen.add(parsed.data.orgNumber);
    good.push({ line: row.line, req: parsed.data });
  }

  const existing = new Map((await listOrganisations(deps)).map((o) => [o.orgNumber, o]));
  const outcomes = new Map<GoodRow, Outcome>();
  const fresh: GoodRow[] = [];
  for (const row of good) {
    const org = existing.get(row.req.orgNumber);
    if (org) outcomes.set(row, sameAs(org, row.req) ? "unchanged" : "skipped");
    else fresh.push(row);
  }
  if (opts.dryRun) for (const row of fresh) outcomes.set(row, "new");
  else {
    const chunks: GoodRow[][] = [];
    for (let i = 0; i < fresh.length; i += ROWS_PER_TRANSACTION) chunks.push(fresh.slice(i, i + ROWS_PER_TRANSACTION));
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, async () => {
        while (next < chunks.length) for (const [row, outcome] of await writeChunk(deps, chunks[next++])) outcomes.set(row, outcome);
      }),
    );
  }
  for (const row of good) {
    const outcome = outcomes.get(row)!;
    report[outcome === "new" ? "imported" : outcome]++;
    if (report.sample.length < SAMPLE_ROWS) report.sample.push({ line: row.line, orgNumber: row.req.orgNumber, name: row.req.name, outcome });
  }
  return report;
}

/**
 * Writes one chunk in one transaction. When it is cancelled, DynamoDB says per item why: a row
 * whose organisation now exists (registered by someone else since the registry was read) is
 * compared as above and left out; rows cancelled only because another transaction held an item
 * at that moment (nothing was written) are run again after a short wait.
 */
async function writeChunk(deps: Deps, chunk: GoodRow[]): Promise<Map<GoodRow, Outcome>> {
  const outcomes = new Map<GoodRow, Outcome>();
  let pending = chunk;
  for (let attempt = 1; pending.length; attempt++) {
    const writes = pending.map((row) => organisationWrites(deps, row.req).items);
    try {
      await deps.stores.transact(writes.flat());
      for (const row of pending) outcomes.set(row, "new");
      return outcomes;
    } catch (error) {
      if (!isTransactionCancelled(error)) throw error;
      const codes = cancellationCodes(error);
      const retry: GoodRow[] = [];
      let at = 0;
      for (const [i, row] of pending.entries()) {
        const rowCodes = codes.slice(at, at + writes[i].length);
        at += writes[i].length;
        if (rowCodes.includes("ConditionalCheckFailed")) {
          const org = await deps.stores.organisations.get(row.req.orgNumber);
          outcomes.set(row, org && sameAs(org, row.req) ? "unchanged" : "skipped");
        } else retry.push(row);
      }
      if (retry.length === pending.length && attempt >= CONFLICT_ATTEMPTS)
        throw new ConflictError("import-conflict", "The registry is being changed by someone else right now. Run the import again in a moment: rows already imported are reported as unchanged.");
      if (retry.length === pending.length) await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
      pending = retry;
    }
  }
  return outcomes;
}
