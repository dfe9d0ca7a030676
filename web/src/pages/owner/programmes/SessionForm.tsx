import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { CycleView, ProgrammeView, RecordedStage, SessionView } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { ErrorMessage, Loading } from "../../../lib/ui";
import { ownerApi } from "../session";
import { FieldError, type CohortPerson, type FieldErrors } from "./common";
import { Field } from "../../../components/Field";

/** Records a workshop or a lecture: who attended (checkboxes, with "select all"), notes and, for a lecture, the material. */
export function SessionForm({
  programme,
  cycle,
  stage,
  session,
  persons,
  onSaved,
}: {
  programme: ProgrammeView;
  cycle: CycleView;
  stage: RecordedStage;
  session: SessionView;
  persons: CohortPerson[] | null;
  onSaved: () => Promise<void>;
}) {
  const { t, tMessage, locale } = useI18n();
  const [attendance, setAttendance] = useState<Set<string>>(() => new Set(session.attendance));
  const [notes, setNotes] = useState(session.notes ?? "");
  const [materialUrl, setMaterialUrl] = useState(session.materialUrl ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const allRef = useRef<HTMLInputElement>(null);
  const uid = useId();
  const idOf = (k: string) => `${stage}-${k}`;
  const at = stage === "workshop" ? cycle.schedule?.workshopAt : cycle.schedule?.lectureAt;
  const title = t(stage === "workshop" ? "prog.recordWorkshop" : "prog.recordLecture");
  const all = persons ?? [];
  const allChecked = all.length > 0 && all.every((p) => attendance.has(p.id));
  const someChecked = all.some((p) => attendance.has(p.id));

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = someChecked && !allChecked;
  }, [someChecked, allChecked]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice("");
    const local: FieldErrors = {};
    if (stage === "lecture" && !/^https?:\/\/\S+\.\S+/.test(materialUrl.trim())) local.materialUrl = tMessage("error.url");
    setErrors(local);
    if (local.materialUrl) {
      document.getElementById(idOf("materialUrl"))?.focus();
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = { attendance: all.filter((p) => attendance.has(p.id)).map((p) => p.id), notes: notes.trim() || undefined };
      if (stage === "lecture") body.materialUrl = materialUrl.trim();
      await ownerApi<CycleView>(`/api/programmes/${encodeURIComponent(programme.id)}/cycles/${cycle.cycle}/${stage}`, { method: "POST", body });
      setNotice(t("prog.recorded", { name: title, n: body.attendance ? (body.attendance as string[]).length : 0 }));
      await onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length) {
        const out: FieldErrors = {};
        for (const i of e.issues) out[i.path.startsWith("materialUrl") ? "materialUrl" : i.path.startsWith("notes") ? "notes" : "attendance"] ??= tMessage(i.message);
        setErrors(out);
      } else if (e instanceof ApiError && e.status === 409 && e.code) setError(new ApiError(409, { error: { code: e.code, message: t(`prog.conflict.${e.code}` as MessageKey) } }));
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card session" aria-labelledby={idOf("title")}>
      <h2 id={idOf("title")}>{t(stage === "workshop" ? "prog.stage.workshop" : "prog.stage.lecture")}</h2>
      <p>{t("prog.sessionAt", { time: formatDateTime(at, locale) })}</p>
      {session.awaitingRecord ? (
        <p className="notice notice-warning">{t("prog.awaitingRecord")}</p>
      ) : session.recordedAt ? (
        <p className="notice notice-success">{t("prog.recordedAt", { time: formatDateTime(session.recordedAt, locale), n: session.attendance.length })}</p>
      ) : (
        <p className="hint">{t("prog.notYetRecorded")}</p>
      )}
      <form noValidate onSubmit={submit}>
        <fieldset className={errors.attendance ? "group has-error" : "group"} aria-describedby={`${uid}-count`}>
          <legend>{t("prog.attendance")}</legend>
          <FieldError id={`${idOf("attendance")}-error`} message={errors.attendance} />
          {!persons ? <Loading /> : null}
          {persons && persons.length === 0 ? <p className="hint">{t("prog.noCohortPersons")}</p> : null}
          {all.length > 0 ? (
            <div className="choice choice-all">
              <input
                ref={allRef}
                id={idOf("all")}
                type="checkbox"
                checked={allChecked}
                onChange={(e) => setAttendance(e.target.checked ? new Set(all.map((p) => p.id)) : new Set())}
              />
              <label htmlFor={idOf("all")}>{t("prog.selectAll")}</label>
            </div>
          ) : null}
          <div className="checklist">
            {all.map((p) => (
              <div className="choice" key={p.id}>
                <input
                  id={idOf(`p-${p.id}`)}
                  type="checkbox"
                  checked={attendance.has(p.id)}
                  onChange={(e) =>
                    setAttendance((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(p.id);
                      else next.delete(p.id);
                      return next;
                    })
                  }
                />
                <label htmlFor={idOf(`p-${p.id}`)}>
                  {p.name} <span className="hint-inline">{p.orgName}</span>
                </label>
              </div>
            ))}
          </div>
          <p className="hint" id={`${uid}-count`} aria-live="polite">
            {t("prog.attendanceCount", { n: all.filter((p) => attendance.has(p.id)).length, total: all.length })}
          </p>
        </fieldset>
        <div className="field">
          <label htmlFor={idOf("notes")}>
            {t("prog.notes")} <span className="optional">{t("prog.optional")}</span>
          </label>
          <FieldError id={`${idOf("notes")}-error`} message={errors.notes} />
          <textarea id={idOf("notes")} className="input input-textarea" rows={3} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        {stage === "lecture" ? (
          <Field id={idOf("materialUrl")} label={t("prog.materialUrl")} hint={t("prog.materialUrlHint")} error={errors.materialUrl}>
            <input
              id={idOf("materialUrl")}
              type="url"
              className="input"
              inputMode="url"
              value={materialUrl}
              onChange={(e) => setMaterialUrl(e.target.value)}
              aria-invalid={errors.materialUrl ? true : undefined}
              aria-describedby={[`${idOf("materialUrl")}-hint`, errors.materialUrl ? `${idOf("materialUrl")}-error` : ""].filter(Boolean).join(" ")}
            />
          </Field>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {session.recordedAt ? t("prog.recordUpdate", { name: title }) : title}
        </button>
      </form>
      <div role="status">{notice ? <p className="notice notice-success">{notice}</p> : null}</div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
