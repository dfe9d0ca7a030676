import { useState } from "react";
import type { Person } from "../../../../../shared/schemas";
import { registerTexts, useI18n } from "../../../i18n";
import { ErrorMessage } from "../../../lib/ui";
import { ownerApi } from "../session";
import { RESPONDENT_TEXTS } from "../rounds/respondent-texts";

registerTexts(RESPONDENT_TEXTS);
type Key = keyof typeof RESPONDENT_TEXTS.sv;

/** The contact a round that counts organisations invites: the one marked, else the oldest (as the API chooses). */
function designated(persons: readonly Person[]): string | undefined {
  return [...persons]
    .filter((p) => p.email)
    .sort((a, b) => Number(!!b.respondent) - Number(!!a.respondent) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0]?.id;
}

/**
 * Beside a contact on the organisation page: "answers for the organisation" for its designated
 * respondent, else a button that makes this contact the respondent (PUT /api/organisations/{id}/respondent).
 */
export function RespondentMark({ organisationId, person, persons, onChanged }: { organisationId: string; person: Person; persons: readonly Person[]; onChanged: (persons: Person[]) => void }) {
  const { tMessage } = useI18n();
  const t = (key: Key, vars?: Record<string, string | number>) => tMessage(key, vars);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  if (designated(persons) === person.id) return <span className="badge respondent-badge">{t("resp.isRespondent")}</span>;
  const make = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const res = await ownerApi<{ items: Person[] }>(`/api/organisations/${encodeURIComponent(organisationId)}/respondent`, { method: "PUT", body: { personId: person.id } });
      onChanged(res.items);
    } catch (e) {
      setFailed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void make()}>
        {t("resp.makeRespondent")}
        <span className="visually-hidden">: {person.name}</span>
      </button>
      {failed ? <ErrorMessage error={failed} /> : null}
    </>
  );
}
