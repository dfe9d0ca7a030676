import { CreateOrganisationRequest, type Organisation } from "../../shared/schemas";
import { createHash } from "node:crypto";
import { ValidationError, fieldIssues } from "../../shared/errors";
import { decodeCsvBytes, detectDelimiter, parseCsv } from "../../shared/csv";
import type { ImportReport } from "../../shared/schemas/api";
import type { Deps } from "../adapters/ports";
import { listOrganisations, organisationWrites, registryIssues } from "./organisations";

export const MAX_IMPORT_ROWS = 5000;
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
 * every row unchanged. The new rows are written in BatchWrite batches of 25 items (DynamoDB's
 * unprocessed items sent again), not one request per row: 5,000 rows in a few seconds. Batch puts
 * take no condition: an organisation registered by hand between the registry's read and the
 * write is overwritten with the file's row (the same number, the details the owner just imported).
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
    // Rows absent from the registry just read, in batches of 25 puts. A contact's id is derived
    // from its organisation and e-mail, so two runs of the same file at once write the same items.
    await deps.stores.batchPut(fresh.flatMap((row) => organisationWrites(deps, row.req, importedContactId(row.req)).items));
    for (const row of fresh) outcomes.set(row, "new");
  }
  for (const row of good) {
    const outcome = outcomes.get(row)!;
    report[outcome === "new" ? "imported" : outcome]++;
    if (report.sample.length < SAMPLE_ROWS) report.sample.push({ line: row.line, orgNumber: row.req.orgNumber, name: row.req.name, outcome });
  }
  return report;
}

/** The id of an imported contact: the same organisation and e-mail give the same person. */
function importedContactId(req: CreateOrganisationRequest): string | undefined {
  return req.contactEmail ? `c${createHash("sha256").update(`${req.orgNumber}\n${req.contactEmail.toLowerCase()}`).digest("base64url").slice(0, 32)}` : undefined;
}
