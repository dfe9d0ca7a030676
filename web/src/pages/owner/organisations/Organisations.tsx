import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { ImportReport, Organisation } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ErrorText } from "../../../components/ErrorText";
import { ApiError } from "../../../lib/api";
import { formatOrgNumber } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { codeAndName, useLookups } from "../lookups";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { DataTable } from "../components/DataTable";

export function OrganisationsPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState(() => new URLSearchParams(window.location.search).get("q") ?? "");
  // What to list: the search as sent (with a count, so that sending the same words again reloads).
  const [request, setRequest] = useState(() => ({ q: query.trim(), n: 0 }));
  const load = (q: string) => setRequest((r) => ({ q, n: r.n + 1 }));
  const { data, error } = useLoad(async () => {
    const { q } = request;
    const result = await ownerApi<{ items: Organisation[] }>(`/api/organisations${q ? `?q=${encodeURIComponent(q)}` : ""}`);
    window.history.replaceState(null, "", `${window.location.pathname}${q ? `?q=${encodeURIComponent(q)}` : ""}`);
    return { items: result.items, searched: q };
  }, [request]);
  const items = data?.items ?? null;
  const searched = data?.searched ?? "";

  function search(event: FormEvent) {
    event.preventDefault();
    load(query.trim());
  }

  return (
    <div className="page">
      <PageTitle>{t("orgs.title")}</PageTitle>
      <p className="lead">{t("orgs.intro")}</p>
      <form role="search" onSubmit={search} className="search-row" aria-label={t("orgs.searchLandmark")}>
        <div className="field">
          <label htmlFor="org-search">{t("orgs.search")}</label>
          <input id="org-search" type="search" className="input" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <button type="submit" className="button button-secondary">
          {t("orgs.searchButton")}
        </button>
      </form>
      {error ? <ErrorMessage error={error} onRetry={() => load(query.trim())} /> : null}
      {!items && !error ? <Loading /> : null}
      {items ? <OrganisationTable items={items} query={searched} /> : null}
      <ImportSection onImported={() => load(query.trim())} />
    </div>
  );
}

function OrganisationTable({ items, query }: { items: Organisation[]; query: string }) {
  const { t } = useI18n();
  const lookups = useLookups();
  return (
    <>
      <p role="status" className="result-count">
        {items.length
          ? query
            ? t("orgs.countFor", { n: items.length, q: query })
            : t("orgs.count", { n: items.length })
          : query
            ? t("orgs.noneFor", { q: query })
            : t("orgs.none")}
      </p>
      {items.length ? (
        <DataTable
          caption={t("orgs.caption")}
          captionHidden
          captionId="orgs-caption"
          tableClass="org-table"
          columns={[
            {
              key: "name",
              header: t("orgs.colName"),
              cell: (o) => (
                <>
                  <Link href={`/owner/organisations/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                  <span className="cell-sub">{t(`kind.${o.kind}` as MessageKey)}</span>
                </>
              ),
            },
            { key: "orgNumber", header: t("orgs.colOrgNumber"), cellClass: "nowrap", cell: (o) => formatOrgNumber(o.orgNumber) },
            { key: "sni", header: t("orgs.colSni"), cell: (o) => codeAndName(o.sni, lookups?.divisionLabel(o.sni.slice(0, 2))) },
            { key: "municipality", header: t("orgs.colMunicipality"), cell: (o) => codeAndName(o.municipality, lookups?.municipalityName(o.municipality)) },
            { key: "size", header: t("orgs.colSize"), cellClass: "nowrap", cell: (o) => o.sizeClass },
          ]}
          rows={items}
          rowKey={(o) => o.id}
        />
      ) : null}
    </>
  );
}

/**
 * CSV import: choosing a file or pasting text runs the API's dry run at once, which previews what
 * would be imported, what is already registered and each bad row with its line, field and reason;
 * "Importera" then imports the good rows. A file with bad rows is never imported unseen: pressing
 * "Importera" before the preview is on screen shows the preview first.
 */
function ImportSection({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  // The chosen file itself: its bytes go to the API, which detects the encoding (Excel's
  // Windows-1252 as well as UTF-8), where reading it here as text would garble å, ä and ö.
  const [fileCsv, setFileCsv] = useState<File | null>(null);
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);
  const [preview, setPreview] = useState<{ csv: string | File; report: ImportReport } | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [inputError, setInputError] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const csv = fileCsv ?? text;
  const latest = useRef(csv);
  latest.current = csv;

  const focusResult = () => requestAnimationFrame(() => resultRef.current?.focus());

  const runPreview = useCallback(async (input: string | File): Promise<ImportReport | null> => {
    try {
      const report = await ownerApi<ImportReport>("/api/organisations/import?dryRun=true", importRequest(input));
      if (latest.current === input) {
        setPreview({ csv: input, report });
        setError(null);
      }
      return report;
    } catch (e) {
      if (latest.current === input) {
        setPreview(null);
        setError(e);
      }
      return null;
    }
  }, []);

  // The preview follows the input (debounced while typing).
  useEffect(() => {
    if (isEmpty(csv)) {
      setPreview(null);
      return;
    }
    const timer = window.setTimeout(() => void runPreview(csv), fileCsv !== null ? 0 : 600);
    return () => window.clearTimeout(timer);
  }, [csv, fileCsv, runPreview]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (isEmpty(csv)) {
      setInputError(true);
      fileRef.current?.focus();
      return;
    }
    setInputError(false);
    let report = preview?.csv === csv ? preview.report : null;
    if (!report) {
      setBusy("preview");
      report = await runPreview(csv);
      setBusy(null);
      // Bad rows (or a rejected file) are shown before anything is written.
      if (!report || report.errors.length) return focusResult();
    }
    if (report.imported === 0) return focusResult();
    setError(null);
    setBusy("import");
    try {
      const result = await ownerApi<ImportReport>("/api/organisations/import", importRequest(csv));
      setDone(result);
      setPreview(null);
      setText("");
      setFileCsv(null);
      if (fileRef.current) fileRef.current.value = "";
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      focusResult();
    }
  }

  const report = preview?.csv === csv ? preview.report : null;

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t("import.title")}</h2>
      <p className="hint" id="import-help">
        {t("import.help")}
      </p>
      <form noValidate onSubmit={submit}>
        {inputError ? <ErrorText id="import-input-error">{t("import.noInput")}</ErrorText> : null}
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input
            id="import-file"
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            className="input-file"
            aria-describedby={inputError ? "import-help import-input-error" : "import-help"}
            onChange={async (e) => {
              setDone(null);
              const file = e.target.files?.[0];
              setFileCsv(file ?? null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="import-text">{t("import.text")}</label>
          <textarea
            id="import-text"
            className="input input-textarea input-mono"
            rows={6}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setDone(null);
            }}
            spellCheck={false}
            placeholder="orgNumber,name,sni,municipality,sizeClass"
            disabled={fileCsv !== null}
            aria-describedby={fileCsv !== null ? "import-text-file" : undefined}
          />
          {fileCsv !== null ? (
            <p className="hint" id="import-text-file">
              {t("import.fileChosen")}
            </p>
          ) : null}
        </div>
        <div ref={resultRef} tabIndex={-1} className="import-result" aria-labelledby={report ? "import-preview-title" : undefined}>
          {error ? <ImportError error={error} /> : null}
          {report ? <ImportPreview report={report} /> : null}
          {done ? (
            <p className={done.errors.length ? "notice notice-warning" : "notice notice-success"} role="status">
              {t("import.result", { imported: done.imported, skipped: done.skipped + done.unchanged, errors: done.errors.length })}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary" disabled={busy !== null || (report !== null && report.imported === 0)}>
          {busy === "import" ? t("import.importing") : busy === "preview" ? t("import.checking") : t("import.submit")}
        </button>
      </form>
    </section>
  );
}

const isEmpty = (input: string | File) => (typeof input === "string" ? !input.trim() : input.size === 0);
const importRequest = (input: string | File) =>
  typeof input === "string"
    ? { method: "POST" as const, body: input, contentType: "text/csv" }
    : { method: "POST" as const, body: input, contentType: "application/octet-stream" };

const ENCODING_NAMES: Record<ImportReport["file"]["encoding"], string> = { "utf-8": "UTF-8", "windows-1252": "Windows-1252", "iso-8859-1": "ISO-8859-1 (Latin-1)" };

/** A rejected file (no header row, missing columns, too many rows): the reasons, not a stack. */
function ImportError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const reason = useReason();
  if (error instanceof ApiError && error.status === 400 && error.issues.length)
    return (
      <div className="notice notice-error" role="alert">
        <p>{t("import.fileRejected")}</p>
        <ul>
          {error.issues.map((i, n) => (
            <li key={n}>{reason(i.message, i.path)}</li>
          ))}
        </ul>
      </div>
    );
  return <ErrorMessage error={error} />;
}

const FIELD_KEYS: Record<string, MessageKey> = {
  orgNumber: "import.field.orgNumber",
  name: "import.field.name",
  sni: "import.field.sni",
  municipality: "import.field.municipality",
  sizeClass: "import.field.sizeClass",
  kind: "import.field.kind",
  contactName: "import.field.contactName",
  contactEmail: "import.field.contactEmail",
};

/** A plain-language reason for a row's problem; the API sends message keys. */
function useReason() {
  const { t, tMessage } = useI18n();
  return (message: string, field: string) => {
    // An empty cell reaches the schema as a missing value: zod's own words, not a key.
    if (message === "error.required" || /received undefined/.test(message)) return t("import.reason.missing");
    if (message === "error.csv.missingColumn") return t("error.csv.missingColumn", { column: field });
    return message.startsWith("error.") ? tMessage(message) : t("import.reason.invalid");
  };
}

function ImportPreview({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const reason = useReason();
  const badLines = new Set(report.errors.map((e) => e.line)).size;
  return (
    <div className="import-preview">
      <h3 id="import-preview-title">{t("import.previewTitle")}</h3>
      <div role="status">
      <ul className="preview-counts">
        <li>
          <strong>{report.imported}</strong> {t("import.previewNew")}
        </li>
        <li>
          <strong>{report.skipped + report.unchanged}</strong> {t("import.previewSkipped")}
        </li>
        <li className={badLines ? "is-bad" : undefined}>
          <strong>{badLines}</strong> {t("import.previewBad")}
        </li>
      </ul>
      </div>
      <p className="hint">
        {t("import.fileRead", { encoding: ENCODING_NAMES[report.file.encoding] + (report.file.bom ? " (BOM)" : ""), delimiter: report.file.delimiter, rows: report.file.rows })}
      </p>
      {report.sample.length ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="import-sample-caption">
          <table>
            <caption id="import-sample-caption">{t("import.sampleCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">{t("import.colLine")}</th>
                <th scope="col">{t("import.field.orgNumber")}</th>
                <th scope="col">{t("import.field.name")}</th>
              </tr>
            </thead>
            <tbody>
              {report.sample.map((r) => (
                <tr key={r.line}>
                  <th scope="row" className="num">{r.line}</th>
                  <td>{formatOrgNumber(r.orgNumber)}</td>
                  <td>{r.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.errors.length ? (
        <>
          <p>{t("import.previewBadHelp")}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="import-errors-caption">
            <table>
              <caption id="import-errors-caption">{t("import.errorsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("import.colLine")}
                  </th>
                  <th scope="col">{t("import.colField")}</th>
                  <th scope="col">{t("import.colMessage")}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.line}-${e.field}-${i}`}>
                    <th scope="row" className="num">
                      {e.line}
                    </th>
                    <td>
                      {FIELD_KEYS[e.field] ? t(FIELD_KEYS[e.field]) : e.field} <code>{e.field}</code>
                    </td>
                    <td>{reason(e.message, e.field)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <p className="import-next">{report.imported > 0 ? t("import.nextStep", { n: report.imported }) : t("import.nothingToImport")}</p>
    </div>
  );
}
