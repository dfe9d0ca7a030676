import { useId, useState } from "react";
import type { ErasureReport, Person, PersonalDataExport } from "../../../../../shared/schemas";
import { registerTexts, useI18n } from "../../../i18n";
import { ErrorMessage } from "../../../lib/ui";
import { saveBlob } from "../../../lib/download";
import { ownerApi } from "../session";
import { PERSONAL_DATA_TEXTS } from "./personal-data-texts";

registerTexts(PERSONAL_DATA_TEXTS);
type Key = keyof typeof PERSONAL_DATA_TEXTS.sv;

/**
 * Beside a contact: download everything kept about the person (GET /api/persons/{id}/personal-data)
 * and erase them (POST /api/persons/{id}/erase), one action behind a confirmation that says what
 * goes and what stays.
 */
export function PersonalData({ person, onErased }: { person: Person; onErased: (p: Person) => void }) {
  const { tMessage } = useI18n();
  const t = (key: Key, vars?: Record<string, string | number>) => tMessage(key, vars);
  const [busy, setBusy] = useState<"export" | "erase" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const titleId = useId();
  const url = `/api/persons/${encodeURIComponent(person.id)}`;

  async function exportData() {
    setBusy("export");
    setFailed(null);
    try {
      const data = await ownerApi<PersonalDataExport>(`${url}/personal-data`);
      saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), `personuppgifter-${person.id}.json`);
    } catch (e) {
      setFailed(e);
    } finally {
      setBusy(null);
    }
  }

  async function erase() {
    setBusy("erase");
    setFailed(null);
    try {
      await ownerApi<ErasureReport>(`${url}/erase`, { method: "POST", body: { confirm: person.id } });
      onErased(person);
    } catch (e) {
      setFailed(e);
      setBusy(null);
    }
  }

  return (
    <div className="personal-data">
      <div className="button-row">
        <button type="button" className="button button-small button-secondary" onClick={() => void exportData()} disabled={busy !== null}>
          {busy === "export" ? t("pd.exporting") : t("pd.export")}
        </button>
        {!confirming ? (
          <button type="button" className="button button-small button-warning" onClick={() => setConfirming(true)} disabled={busy !== null}>
            {t("pd.erase")}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="notice notice-warning" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-text`}>
          <h3 id={titleId}>{t("pd.confirmTitle", { name: person.name })}</h3>
          <p id={`${titleId}-text`}>{t("pd.confirmText")}</p>
          <div className="button-row">
            <button type="button" className="button button-warning" onClick={() => void erase()} disabled={busy !== null} autoFocus>
              {busy === "erase" ? t("pd.erasing") : t("pd.confirm")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy !== null}>
              {t("pd.cancel")}
            </button>
          </div>
        </div>
      ) : null}
      {failed ? <ErrorMessage error={failed} /> : null}
    </div>
  );
}
