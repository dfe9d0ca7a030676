import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { ImportReport, Organisation } from "../../../../shared/schemas";
import { useI18n } from "../../i18n";
import { ErrorMessage, Loading, PageTitle } from "../../lib/ui";
import { ownerApi } from "./session";

export function OrganisationsPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<Organisation[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (q: string) => {
    setError(null);
    try {
      const result = await ownerApi<{ items: Organisation[] }>(`/api/organisations${q ? `?q=${encodeURIComponent(q)}` : ""}`);
      setItems(result.items);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void load("");
  }, [load]);

  function search(event: FormEvent) {
    event.preventDefault();
    void load(query.trim());
  }

  return (
    <div className="page">
      <PageTitle>{t("orgs.title")}</PageTitle>
      <form role="search" onSubmit={search} className="search-row">
        <div className="field">
          <label htmlFor="org-search">{t("orgs.search")}</label>
          <input id="org-search" type="search" className="input" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <button type="submit" className="button button-secondary">
          {t("orgs.searchButton")}
        </button>
      </form>
      {error ? <ErrorMessage error={error} onRetry={() => void load(query.trim())} /> : null}
      {!items && !error ? <Loading /> : null}
      {items ? <OrganisationTable items={items} /> : null}
      <ImportSection onImported={() => void load(query.trim())} />
    </div>
  );
}

function OrganisationTable({ items }: { items: Organisation[] }) {
  const { t } = useI18n();
  return (
    <>
      <p role="status">{items.length ? t("orgs.count", { n: items.length }) : t("orgs.none")}</p>
      {items.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("orgs.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("orgs.colName")}</th>
                <th scope="col">{t("orgs.colOrgNumber")}</th>
                <th scope="col">{t("orgs.colKind")}</th>
                <th scope="col">{t("orgs.colSni")}</th>
                <th scope="col">{t("orgs.colMunicipality")}</th>
                <th scope="col">{t("orgs.colSize")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td className="nowrap">{o.orgNumber}</td>
                  <td>{o.kind}</td>
                  <td>{o.sni}</td>
                  <td>{o.municipality}</td>
                  <td className="nowrap">{o.sizeClass}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function ImportSection({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [inputError, setInputError] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setReport(null);
    const file = fileRef.current?.files?.[0];
    const csv = file ? await file.text() : text;
    if (!csv.trim()) {
      setInputError(true);
      fileRef.current?.focus();
      return;
    }
    setInputError(false);
    setBusy(true);
    try {
      const result = await ownerApi<ImportReport>("/api/organisations/import", { method: "POST", body: csv, contentType: "text/csv" });
      setReport(result);
      onImported();
      if (fileRef.current) fileRef.current.value = "";
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t("import.title")}</h2>
      <p className="hint" id="import-help">
        {t("import.help")}
      </p>
      <form noValidate onSubmit={submit}>
        {inputError ? (
          <p className="field-error" id="import-input-error">
            <span className="visually-hidden">{t("common.errorPrefix")}</span>
            {t("import.noInput")}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input
            id="import-file"
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            className="input-file"
            aria-describedby={inputError ? "import-help import-input-error" : "import-help"}
          />
        </div>
        <div className="field">
          <label htmlFor="import-text">{t("import.text")}</label>
          <textarea
            id="import-text"
            className="input input-textarea input-mono"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            placeholder="orgNumber,name,sni,municipality,sizeClass"
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("import.importing") : t("import.submit")}
        </button>
      </form>
      <div ref={resultRef} tabIndex={-1} className="import-result">
        {error ? <ErrorMessage error={error} /> : null}
        {report ? <ImportResult report={report} /> : null}
      </div>
    </section>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const { t, tMessage } = useI18n();
  return (
    <div>
      <p className={report.errors.length ? "notice notice-warning" : "notice notice-success"} role="status">
        {t("import.result", { imported: report.imported, skipped: report.skipped, errors: report.errors.length })}
      </p>
      {report.errors.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t("import.errorsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.colLine")}</th>
                <th scope="col">{t("import.colField")}</th>
                <th scope="col">{t("import.colMessage")}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={`${e.line}-${e.field}-${i}`}>
                  <th scope="row">{e.line}</th>
                  <td>
                    <code>{e.field}</code>
                  </td>
                  <td>{e.message.startsWith("error.") ? tMessage(e.message) : e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
