import { useId, useState } from "react";
import type { InvitationView, Person, RoundStatus } from "../../../../../shared/schemas";
import { registerTexts, useI18n } from "../../../i18n";
import { formatOrgNumber } from "../../../lib/format";
import { ErrorMessage, Loading } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { RESPONDENT_TEXTS } from "./respondent-texts";

registerTexts(RESPONDENT_TEXTS);
type Key = keyof typeof RESPONDENT_TEXTS.sv;

const TAKES_ANSWERS: readonly RoundStatus[] = ["scheduled", "open", "error"];

/**
 * The organisations of a round whose unit is the organisation that have not answered, each with
 * its respondent and a way to send the survey to another of its contacts
 * (POST /api/rounds/{id}/organisations/{orgId}/respondent).
 */
export function Respondents({ roundId, status, refresh, onChanged }: { roundId: string; status: RoundStatus; refresh: number; onChanged: () => void }) {
  const { tMessage } = useI18n();
  const t = (key: Key, vars?: Record<string, string | number>) => tMessage(key, vars);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { data: items, error, reload } = useLoad(
    async (signal) => (await ownerApi<{ items: InvitationView[] }>(`/api/rounds/${encodeURIComponent(roundId)}/invitations?status=pending`, { signal })).items,
    [roundId, refresh],
  );
  if (!TAKES_ANSWERS.includes(status)) return null;

  return (
    <section aria-labelledby="resp-title" className="respondents">
      <h2 id="resp-title">{t("resp.title")}</h2>
      <p className="hint">{t("resp.intro")}</p>
      <div role="status">{notice ? <p className="notice notice-success">{notice}</p> : null}</div>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && !items.length ? <p>{t("resp.none")}</p> : null}
      {items?.length ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="resp-caption">
          <table>
            <caption id="resp-caption" className="visually-hidden">
              {t("resp.title")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("resp.colOrg")}</th>
                <th scope="col">{t("resp.colRespondent")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("resp.change")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.orgNumber}>
                  <th scope="row">
                    {i.orgName}
                    <span className="cell-sub">{formatOrgNumber(i.orgNumber)}</span>
                  </th>
                  <td>
                    {i.name}
                    <span className="cell-sub break">{i.email}</span>
                  </td>
                  <td>
                    {open === i.orgNumber ? (
                      <ChangeForm
                        roundId={roundId}
                        invitation={i}
                        onCancel={() => setOpen(null)}
                        onDone={(name) => {
                          setOpen(null);
                          setNotice(t("resp.sent", { org: i.orgName, name }));
                          void reload();
                          onChanged();
                        }}
                      />
                    ) : (
                      <button type="button" className="button button-secondary button-small" onClick={() => { setNotice(null); setOpen(i.orgNumber); }}>
                        {t("resp.change")}
                        <span className="visually-hidden">: {i.orgName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ChangeForm({ roundId, invitation, onCancel, onDone }: { roundId: string; invitation: InvitationView; onCancel: () => void; onDone: (name: string) => void }) {
  const { tMessage } = useI18n();
  const t = (key: Key, vars?: Record<string, string | number>) => tMessage(key, vars);
  const selectId = useId();
  const [personId, setPersonId] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const { data: persons, error } = useLoad(
    async (signal) => (await ownerApi<{ items: Person[] }>(`/api/organisations/${encodeURIComponent(invitation.orgNumber)}/persons`, { signal })).items,
    [invitation.orgNumber],
  );
  const others = (persons ?? []).filter((p) => p.id !== invitation.personId && p.email);
  const chosen = personId || others[0]?.id || "";

  const send = async () => {
    const person = others.find((p) => p.id === chosen);
    if (!person) return;
    setBusy(true);
    setFailed(null);
    try {
      await ownerApi(`/api/rounds/${encodeURIComponent(roundId)}/organisations/${encodeURIComponent(invitation.orgNumber)}/respondent`, {
        method: "POST",
        body: { personId: person.id },
      });
      onDone(person.name);
    } catch (e) {
      setFailed(e);
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorMessage error={error} />;
  if (!persons) return <Loading />;
  return (
    <div className="respondent-form">
      {others.length ? (
        <>
          <label htmlFor={selectId}>{t("resp.choose", { org: invitation.orgName })}</label>
          <select id={selectId} className="input input-select" value={chosen} onChange={(e) => setPersonId(e.target.value)}>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
        </>
      ) : (
        <p>{t("resp.noOthers")}</p>
      )}
      {failed ? <ErrorMessage error={failed} /> : null}
      <div className="button-row">
        {others.length ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void send()}>
            {busy ? t("resp.sending") : t("resp.send")}
          </button>
        ) : null}
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          {t("resp.cancel")}
        </button>
      </div>
    </div>
  );
}
