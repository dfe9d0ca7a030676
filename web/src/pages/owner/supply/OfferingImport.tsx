import { useRef, useState, type FormEvent } from "react";
import { OFFERING_IMPORT_FORMATS, type OfferingImportFormat, type OfferingImportReport, type YrkesbarometerImportReport } from "../../../../../shared/supply/schemas";
import { useI18n } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { ErrorMessage } from "../../../lib/ui";
import { ErrorText } from "../../../components/ErrorText";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { useSupplyTexts } from "./texts";

type Issue = { line?: number; field: string; message: string };

/** A row's problem in words; the API sends message keys (an empty cell reaches the schema as missing). */
function useReason() {
  const { t, tMessage } = useI18n();
  return (message: string) => (message === "error.required" || /received undefined/.test(message) ? t("import.reason.missing") : message.startsWith("error.") ? tMessage(message) : t("import.reason.invalid"));
}

function IssueTable({ issues, id }: { issues: Issue[]; id: string }) {
  const st = useSupplyTexts();
  const reason = useReason();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table>
        <caption id={`${id}-caption`}>{st("sup.errorsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">{st("sup.colLine")}</th>
            <th scope="col">{st("sup.colField2")}</th>
            <th scope="col">{st("sup.colMessage")}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((e, i) => (
            <tr key={`${e.line}-${e.field}-${i}`}>
              <th scope="row" className="num">{e.line ?? "–"}</th>
              <td><code>{e.field}</code></td>
              <td>{reason(e.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A refused file: its issues as a table (a 400 carries them), anything else as the error. */
function Refused({ error, id }: { error: unknown; id: string }) {
  if (error instanceof ApiError && error.status === 400 && error.issues.length) return <IssueTable id={id} issues={error.issues.map((i) => ({ line: i.line, field: i.path, message: i.message }))} />;
  return <ErrorMessage error={error} />;
}

/**
 * The offerings import: choose the format and the file, preview (the API's dry run, bad rows
 * listed), then import. The API refuses a file with bad rows whole, so nothing is half imported.
 */
export function OfferingImport({ onImported, onTemplate }: { onImported: () => void; onTemplate: () => void }) {
  const st = useSupplyTexts();
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [format, setFormat] = useState<OfferingImportFormat>("csv");
  const [sunField, setSunField] = useState("");
  const [places, setPlaces] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<OfferingImportReport | null>(null);
  const [done, setDone] = useState<OfferingImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [noFile, setNoFile] = useState(false);

  const url = (dryRun: boolean) => {
    const q = new URLSearchParams({ format, ...(dryRun ? { dryRun: "true" } : {}), ...(sunField.trim() ? { sunField: sunField.trim() } : {}), ...(places.trim() ? { places: places.trim() } : {}) });
    return `/api/education-offerings/import?${q}`;
  };

  async function run(dryRun: boolean) {
    if (!file) {
      setNoFile(true);
      fileRef.current?.focus();
      return;
    }
    setNoFile(false);
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const report = await ownerApi<OfferingImportReport>(url(dryRun), { method: "POST", body: file, contentType: "application/octet-stream" });
      if (dryRun) setPreview(report);
      else {
        setDone(report);
        setPreview(null);
        onImported();
      }
    } catch (e) {
      setError(e);
      setPreview(null);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(!preview);
  };
  const reset = () => {
    setPreview(null);
    setDone(null);
    setError(null);
  };
  const bad = preview ? new Set(preview.errors.map((e) => e.line)).size : 0;

  return (
    <section className="card" aria-labelledby="offering-import-title">
      <h2 id="offering-import-title">{st("sup.importTitle")}</h2>
      <p className="hint" id="offering-import-help">{st("sup.importHelp")}</p>
      <p>
        <button type="button" className="button button-secondary button-small" onClick={onTemplate}>
          {st("sup.template")}
        </button>
      </p>
      <form noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor="offering-import-format">{st("sup.format")}</label>
          <select id="offering-import-format" className="input input-select" value={format} onChange={(e) => { setFormat(e.target.value as OfferingImportFormat); reset(); }}>
            {OFFERING_IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>{st(`sup.format.${f}`)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="offering-import-file">{st("sup.file")}</label>
          {noFile ? <ErrorText id="offering-import-file-error">{st("sup.noFile")}</ErrorText> : null}
          <input
            id="offering-import-file"
            ref={fileRef}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            className="input-file"
            aria-describedby={noFile ? "offering-import-help offering-import-file-error" : "offering-import-help"}
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); reset(); }}
          />
        </div>
        {format !== "csv" ? (
          <>
            <div className="field">
              <label htmlFor="offering-import-field">{st("sup.defaultField")}</label>
              <p className="hint" id="offering-import-field-hint">{st("sup.defaultFieldHint")}</p>
              <input id="offering-import-field" className="input input-short" value={sunField} aria-describedby="offering-import-field-hint" onChange={(e) => { setSunField(e.target.value); reset(); }} />
            </div>
            <div className="field">
              <label htmlFor="offering-import-places">{st("sup.defaultPlaces")}</label>
              <input id="offering-import-places" className="input input-short" inputMode="numeric" value={places} onChange={(e) => { setPlaces(e.target.value); reset(); }} />
            </div>
          </>
        ) : null}
        <div ref={resultRef} tabIndex={-1} className="import-result">
          {error ? <Refused error={error} id="offering-import-refused" /> : null}
          {preview ? (
            <div className="import-preview">
              <h3>{st("sup.previewTitle")}</h3>
              <p role="status">{st("sup.previewCounts", { records: preview.records, imported: preview.imported, unchanged: preview.unchanged, bad })}</p>
              {preview.errors.length ? <IssueTable id="offering-import-errors" issues={preview.errors} /> : null}
            </div>
          ) : null}
          {done ? <p className="notice notice-success" role="status">{st("sup.imported", { imported: done.imported })}</p> : null}
        </div>
        <button type="submit" className="button button-primary" disabled={busy || (preview !== null && (bad > 0 || preview.imported === 0))}>
          {busy ? st("sup.importing") : preview ? st("sup.import") : st("sup.preview")}
        </button>
      </form>
    </section>
  );
}

/** Yrkesbarometern's JSON: imported as it is published; a file with a record it cannot read is refused whole. */
export function YrkesbarometerImport() {
  const st = useSupplyTexts();
  const { data: count, reload } = useLoad(async (signal) => (await ownerApi<{ items: unknown[] }>("/api/yrkesbarometer", { signal })).items.length, []);
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<YrkesbarometerImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await ownerApi<YrkesbarometerImportReport>("/api/yrkesbarometer/import", { method: "POST", body: file, contentType: "application/octet-stream" }));
      void reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="yb-import-title">
      <h2 id="yb-import-title">{st("sup.ybTitle")}</h2>
      <p className="hint" id="yb-import-help">{st("sup.ybHelp")}</p>
      {count !== undefined && count !== null ? <p>{st("sup.ybCount", { n: count })}</p> : null}
      <form noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor="yb-import-file">{st("sup.file")}</label>
          <input id="yb-import-file" type="file" accept=".json,application/json" className="input-file" aria-describedby="yb-import-help" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div role="status">
          {done ? <p className="notice notice-success">{st("sup.ybImported", { n: done.imported })}</p> : null}
        </div>
        {error ? <Refused error={error} id="yb-import-refused" /> : null}
        <button type="submit" className="button button-primary" disabled={busy || !file}>
          {busy ? st("sup.importing") : st("sup.import")}
        </button>
      </form>
    </section>
  );
}
