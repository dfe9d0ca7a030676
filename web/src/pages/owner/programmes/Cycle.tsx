import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { CycleView, Instrument, ProgrammeView, RecordedStage, ResponsesView, RoundStage, SessionView, StageRoundView } from "../../../../../shared/schemas";
import { homeAssignmentV1 } from "../../../../../shared/instruments/home-assignment-v1";
import { reflectionV1 } from "../../../../../shared/instruments/reflection-v1";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatDateTime, formatTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { ownerApi } from "../session";
import { CycleStatusBadge, ErrorSummary, FieldError, programmeHref, useCohortPersons, useProgramme, type CohortPerson, type FieldErrors } from "./common";
import { localToIso, toLocalInput } from "../../../lib/format";

const REFRESH_MS = 5_000;

/** One learning cycle: its schedule, start, the workshop and lecture records, and what participants submitted. */
export function CyclePage({ id, n }: { id: string; n: number }) {
  const { t, locale } = useI18n();
  const { view, error, load } = useProgramme(id);
  const { persons, error: personsError } = useCohortPersons(view);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const cycle = view?.cycleViews.find((c) => c.cycle === n);

  const refresh = useCallback(async () => {
    await load();
    setUpdatedAt(new Date());
  }, [load]);

  // A running cycle moves on by itself (notices, stages opening and closing): follow it.
  const running = cycle?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [running, refresh]);

  if (!view) return <div className="page">{error ? <ErrorMessage error={error} onRetry={() => void load()} /> : <Loading />}</div>;
  if (!cycle)
    return (
      <div className="page">
        <PageTitle>{t("prog.cycleNotFound")}</PageTitle>
        <Link href={programmeHref(id)}>{t("prog.backToProgramme", { name: view.name })}</Link>
      </div>
    );

  const editable = cycle.status === "planned" || cycle.status === "scheduled" || cycle.status === "error";
  const started = cycle.status === "running" || cycle.status === "done" || cycle.status === "error";

  return (
    <div className="page cycle">
      <p className="back-link">
        <Link href={programmeHref(id)}>{t("prog.backToProgramme", { name: view.name })}</Link>
      </p>
      <PageTitle title={`${t("prog.cycleN", { n })} – ${view.name}`}>
        {t("prog.cycleOf", { n, total: view.cycles })} <CycleStatusBadge status={cycle.status} />
      </PageTitle>
      <div className="refresh-row">
        <p className="hint" role="status">
          {t("prog.currentStage", { stage: cycle.stage ? t(`prog.stage.${cycle.stage}` as MessageKey) : "–" })}
          {updatedAt ? ` ${t("prog.updated", { time: formatTime(updatedAt, locale) })}` : ""}
        </p>
        <button type="button" className="button button-secondary button-small" onClick={() => void refresh()}>
          {t("prog.refresh")}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {cycle.status === "error" ? (
        <div className="notice notice-error">
          <p>{t("prog.cycleError", { error: cycle.error ?? "" })}</p>
        </div>
      ) : null}

      <StageSteps cycle={cycle} />

      {editable ? <ScheduleForm programme={view} cycle={cycle} onSaved={refresh} /> : <ScheduleDetails cycle={cycle} />}
      {cycle.status === "scheduled" || cycle.status === "error" ? <StartCycle programme={view} cycle={cycle} onStarted={refresh} /> : null}
      {cycle.status === "planned" && n > 1 ? <p className="hint">{t("prog.startAfterPrevious")}</p> : null}

      {started ? (
        <>
          {personsError ? <ErrorMessage error={personsError} /> : null}
          <SessionForm programme={view} cycle={cycle} stage="workshop" session={cycle.workshop} persons={persons} onSaved={refresh} />
          <StageRound stage="assignment" round={cycle.assignment} deadline={cycle.schedule?.assignmentDeadline} />
          <SessionForm programme={view} cycle={cycle} stage="lecture" session={cycle.lecture} persons={persons} onSaved={refresh} />
          <StageRound stage="reflection" round={cycle.reflection} deadline={cycle.schedule?.reflectionDeadline} />
        </>
      ) : null}
    </div>
  );
}

/** The four stages in order, with where the cycle is. */
function StageSteps({ cycle }: { cycle: CycleView }) {
  const { t } = useI18n();
  const stages = ["workshop", "assignment", "lecture", "reflection"] as const;
  const currentIndex = cycle.stage === "done" ? 4 : cycle.stage ? stages.indexOf(cycle.stage) : -1;
  const started = cycle.status === "running" || cycle.status === "done" || cycle.status === "error";
  return (
    <ol className="stage-steps">
      {stages.map((s, i) => {
        const state = !started ? "todo" : i < currentIndex ? "done" : i === currentIndex ? "current" : "todo";
        return (
          <li key={s} className={`stage-step is-${state}`} aria-current={state === "current" ? "step" : undefined}>
            <span className="stage-name">{t(`prog.stage.${s}` as MessageKey)}</span>
            <span className="stage-state">{t(`prog.stepState.${state}` as MessageKey)}</span>
          </li>
        );
      })}
    </ol>
  );
}

type ScheduleValues = {
  workshopAt: string;
  assignmentDeadline: string;
  lectureAt: string;
  reflectionDeadline: string;
  assignmentReminder: string;
  reflectionReminder: string;
  textSv: string;
  textEn: string;
  noticeDaysBefore: string;
  recordWithinHours: string;
};

function initialSchedule(programme: ProgrammeView, cycle: CycleView): ScheduleValues {
  const s = cycle.schedule;
  if (s)
    return {
      workshopAt: toLocalInput(s.workshopAt),
      assignmentDeadline: toLocalInput(s.assignmentDeadline),
      lectureAt: toLocalInput(s.lectureAt),
      reflectionDeadline: toLocalInput(s.reflectionDeadline),
      assignmentReminder: toLocalInput(s.assignmentReminders[0]),
      reflectionReminder: toLocalInput(s.reflectionReminders[0]),
      textSv: s.assignmentText?.sv ?? "",
      textEn: s.assignmentText?.en ?? "",
      noticeDaysBefore: String(s.noticeDaysBefore),
      recordWithinHours: String(s.recordWithinHours),
    };
  // After the previous cycle's reflection, or two weeks from now; a week between stages.
  const previous = programme.cycleViews.find((c) => c.cycle === cycle.cycle - 1)?.schedule?.reflectionDeadline;
  const start = new Date(previous && Date.parse(previous) > Date.now() ? Date.parse(previous) : Date.now());
  start.setDate(start.getDate() + 14);
  start.setHours(9, 0, 0, 0);
  const at = (days: number, hour: number) => {
    const d = new Date(start);
    d.setDate(d.getDate() + days);
    d.setHours(hour, 0, 0, 0);
    return toLocalInput(d);
  };
  return {
    workshopAt: at(0, 9),
    assignmentDeadline: at(6, 17),
    lectureAt: at(7, 9),
    reflectionDeadline: at(13, 17),
    assignmentReminder: "",
    reflectionReminder: "",
    textSv: "",
    textEn: "",
    noticeDaysBefore: "7",
    recordWithinHours: "48",
  };
}

const SCHEDULE_FIELDS: { key: keyof ScheduleValues; label: MessageKey; hint?: MessageKey; kind: "datetime" | "text" | "number"; optional?: boolean }[] = [
  { key: "workshopAt", label: "prog.workshopAt", kind: "datetime" },
  { key: "textSv", label: "prog.assignmentTextSv", hint: "prog.assignmentTextHint", kind: "text", optional: true },
  { key: "textEn", label: "prog.assignmentTextEn", kind: "text", optional: true },
  { key: "assignmentReminder", label: "prog.assignmentReminder", hint: "prog.reminderHint", kind: "datetime", optional: true },
  { key: "assignmentDeadline", label: "prog.assignmentDeadline", kind: "datetime" },
  { key: "lectureAt", label: "prog.lectureAt", kind: "datetime" },
  { key: "reflectionReminder", label: "prog.reflectionReminder", hint: "prog.reminderHint", kind: "datetime", optional: true },
  { key: "reflectionDeadline", label: "prog.reflectionDeadline", kind: "datetime" },
  { key: "noticeDaysBefore", label: "prog.noticeDaysBefore", hint: "prog.noticeDaysBeforeHint", kind: "number" },
  { key: "recordWithinHours", label: "prog.recordWithinHours", hint: "prog.recordWithinHoursHint", kind: "number" },
];

/** API issue paths -> the form's fields. */
function scheduleKey(path: string): keyof ScheduleValues {
  const [head, second] = path.split(".");
  if (head === "assignmentReminders") return "assignmentReminder";
  if (head === "reflectionReminders") return "reflectionReminder";
  if (head === "assignmentText") return second === "en" ? "textEn" : "textSv";
  return (SCHEDULE_FIELDS.find((f) => f.key === head)?.key ?? "workshopAt") as keyof ScheduleValues;
}

function ScheduleForm({ programme, cycle, onSaved }: { programme: ProgrammeView; cycle: CycleView; onSaved: () => Promise<void> }) {
  const { t, tMessage } = useI18n();
  const [values, setValues] = useState(() => initialSchedule(programme, cycle));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const idOf = (k: string) => `schedule-${k}`;
  const labelOf = (k: string) => t(SCHEDULE_FIELDS.find((f) => f.key === k)?.label ?? "prog.workshopAt");

  function body() {
    const v = values;
    const text = v.textSv.trim() || v.textEn.trim() ? { sv: v.textSv.trim() || v.textEn.trim(), en: v.textEn.trim() || v.textSv.trim() } : undefined;
    return {
      workshopAt: localToIso(v.workshopAt),
      assignmentDeadline: localToIso(v.assignmentDeadline),
      lectureAt: localToIso(v.lectureAt),
      reflectionDeadline: localToIso(v.reflectionDeadline),
      assignmentReminders: v.assignmentReminder ? [localToIso(v.assignmentReminder)] : undefined,
      reflectionReminders: v.reflectionReminder ? [localToIso(v.reflectionReminder)] : undefined,
      assignmentText: text,
      noticeDaysBefore: Number(v.noticeDaysBefore),
      recordWithinHours: Number(v.recordWithinHours),
    };
  }

  /** The checks a person most often needs at once (the API repeats them with ScheduleCycleRequest). */
  function check(b: ReturnType<typeof body>): FieldErrors {
    const out: FieldErrors = {};
    const at = (k: keyof ScheduleValues) => (values[k] ? Date.parse(localToIso(values[k])) : NaN);
    for (const f of SCHEDULE_FIELDS) {
      if (f.kind === "datetime" && !f.optional && Number.isNaN(at(f.key))) out[f.key] = t("prog.error.datetime");
      if (f.kind === "number" && !/^\d+$/.test(values[f.key].trim())) out[f.key] = tMessage("error.integer");
    }
    if (!out.assignmentDeadline && at("assignmentDeadline") <= at("workshopAt")) out.assignmentDeadline = tMessage("error.deadlineBeforeWorkshop");
    if (!out.lectureAt && at("lectureAt") < at("assignmentDeadline")) out.lectureAt = tMessage("error.lectureBeforeDeadline");
    if (!out.reflectionDeadline && at("reflectionDeadline") <= at("lectureAt")) out.reflectionDeadline = tMessage("error.deadlineBeforeLecture");
    if (b.assignmentReminders && !(at("assignmentReminder") > at("workshopAt") && at("assignmentReminder") < at("assignmentDeadline")))
      out.assignmentReminder = tMessage("error.reminderOutsideWindow");
    if (b.reflectionReminders && !(at("reflectionReminder") > at("lectureAt") && at("reflectionReminder") < at("reflectionDeadline")))
      out.reflectionReminder = tMessage("error.reminderOutsideWindow");
    return out;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice("");
    const b = body();
    const local = check(b);
    setErrors(local);
    if (Object.keys(local).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await ownerApi<CycleView>(`/api/programmes/${encodeURIComponent(programme.id)}/cycles/${cycle.cycle}/schedule`, { method: "POST", body: b });
      setNotice(t("prog.scheduleSaved"));
      await onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length) {
        const out: FieldErrors = {};
        for (const i of e.issues) out[scheduleKey(i.path)] ??= tMessage(i.message);
        setErrors(out);
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t("prog.scheduleTitle")}</h2>
      <p className="hint">{t("prog.scheduleHint")}</p>
      <ErrorSummary errors={errors} labels={labelOf} idOf={idOf} summaryRef={summaryRef} />
      <form noValidate onSubmit={submit} className="field-grid schedule-grid">
        {SCHEDULE_FIELDS.map((f) => {
          const id = idOf(f.key);
          const describedBy = [f.hint ? `${id}-hint` : "", errors[f.key] ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
          const common = {
            id,
            value: values[f.key],
            onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f.key]: e.target.value })),
            "aria-invalid": errors[f.key] ? true : undefined,
            "aria-describedby": describedBy,
          };
          return (
            <div className={`${errors[f.key] ? "field has-error" : "field"}${f.kind === "text" ? " field-wide" : ""}`} key={f.key}>
              <label htmlFor={id}>
                {t(f.label)} {f.optional ? <span className="optional">{t("prog.optional")}</span> : null}
              </label>
              {f.hint ? (
                <p className="hint" id={`${id}-hint`}>
                  {t(f.hint)}
                </p>
              ) : null}
              <FieldError id={`${id}-error`} message={errors[f.key]} />
              {f.kind === "text" ? (
                <textarea {...common} className="input input-textarea" rows={3} maxLength={2000} lang={f.key === "textEn" ? "en" : "sv"} />
              ) : f.kind === "number" ? (
                <input {...common} className="input input-number" inputMode="numeric" />
              ) : (
                <input {...common} type="datetime-local" className="input" />
              )}
            </div>
          );
        })}
        <div className="field-wide">
          <button type="submit" className="button button-primary" disabled={busy}>
            {cycle.schedule ? t("prog.scheduleUpdate") : t("prog.scheduleSave")}
          </button>
        </div>
      </form>
      <div role="status">{notice ? <p className="notice notice-success">{notice}</p> : null}</div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

function ScheduleDetails({ cycle }: { cycle: CycleView }) {
  const { t, locale, lang } = useI18n();
  const s = cycle.schedule;
  if (!s) return null;
  const rows: [MessageKey, string][] = [
    ["prog.workshopAt", formatDateTime(s.workshopAt, locale)],
    ["prog.assignmentDeadline", formatDateTime(s.assignmentDeadline, locale)],
    ["prog.assignmentReminders", s.assignmentReminders.map((r) => formatDateTime(r, locale)).join(", ") || "–"],
    ["prog.lectureAt", formatDateTime(s.lectureAt, locale)],
    ["prog.reflectionDeadline", formatDateTime(s.reflectionDeadline, locale)],
    ["prog.reflectionReminders", s.reflectionReminders.map((r) => formatDateTime(r, locale)).join(", ") || "–"],
  ];
  return (
    <section aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t("prog.scheduleTitle")}</h2>
      <dl className="details">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {s.assignmentText ? (
          <div>
            <dt>{t("prog.assignmentText")}</dt>
            <dd className="prewrap">{s.assignmentText[lang]}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function StartCycle({ programme, cycle, onStarted }: { programme: ProgrammeView; cycle: CycleView; onStarted: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const previous = programme.cycleViews.find((c) => c.cycle === cycle.cycle - 1);
  const blocked = previous && previous.status !== "done";

  async function start() {
    setBusy(true);
    setError(null);
    try {
      await ownerApi<CycleView>(`/api/programmes/${encodeURIComponent(programme.id)}/cycles/${cycle.cycle}/start`, { method: "POST" });
      setNotice(t("prog.started"));
      await onStarted();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code) setError(new ApiError(409, { error: { code: e.code, message: t(`prog.conflict.${e.code}` as MessageKey) } }));
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="start-title">
      <h2 id="start-title">{cycle.status === "error" ? t("prog.restartTitle") : t("prog.startTitle")}</h2>
      <p>{blocked ? t("prog.startBlocked", { n: cycle.cycle - 1 }) : t("prog.startIntro")}</p>
      <button type="button" className="button button-primary" onClick={() => void start()} disabled={busy || blocked}>
        {cycle.status === "error" ? t("prog.restart", { n: cycle.cycle }) : t("prog.start", { n: cycle.cycle })}
      </button>
      <div role="status">{notice ? <p className="notice notice-success">{notice}</p> : null}</div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

/** Records a workshop or a lecture: who attended (checkboxes, with "select all"), notes and, for a lecture, the material. */
function SessionForm({
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
          <div className={errors.materialUrl ? "field has-error" : "field"}>
            <label htmlFor={idOf("materialUrl")}>{t("prog.materialUrl")}</label>
            <p className="hint" id={`${idOf("materialUrl")}-hint`}>
              {t("prog.materialUrlHint")}
            </p>
            <FieldError id={`${idOf("materialUrl")}-error`} message={errors.materialUrl} />
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
          </div>
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

const INSTRUMENTS: Record<RoundStage, Instrument> = { assignment: homeAssignmentV1, reflection: reflectionV1 };

/** The home assignment or the reflection: how many have submitted, and their answers. */
function StageRound({ stage, round, deadline }: { stage: RoundStage; round: StageRoundView; deadline?: string }) {
  const { t, locale } = useI18n();
  const [responses, setResponses] = useState<ResponsesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const state = round.skipped ? "skipped" : round.closedAt ? "closed" : round.openedAt ? "open" : "notOpened";

  async function show() {
    if (!round.roundId) return;
    setLoading(true);
    setError(null);
    try {
      setResponses(await ownerApi<ResponsesView>(`/api/rounds/${encodeURIComponent(round.roundId)}/responses`));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${stage}-title`}>
      <h2 id={`${stage}-title`}>{t(`prog.stage.${stage}` as MessageKey)}</h2>
      <dl className="details">
        <div>
          <dt>{t("prog.colStatus")}</dt>
          <dd>{t(`prog.roundState.${state}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("prog.deadline")}</dt>
          <dd>{formatDateTime(deadline, locale)}</dd>
        </div>
        <div>
          <dt>{t("prog.submitted")}</dt>
          <dd>{t("prog.ofInvited", { submitted: round.submitted, invited: round.invited })}</dd>
        </div>
      </dl>
      {round.roundId ? (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => void show()} disabled={loading} aria-expanded={responses ? true : false} aria-controls={`${stage}-responses`}>
            {responses ? t("prog.reloadResponses") : t(stage === "assignment" ? "prog.showAssignments" : "prog.showReflections")}
          </button>
          <Link href={`/owner/rounds/${encodeURIComponent(round.roundId)}`}>{t(stage === "assignment" ? "prog.toAssignmentRound" : "prog.toReflectionRound")}</Link>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div id={`${stage}-responses`}>
        {responses ? <Responses stage={stage} view={responses} /> : null}
      </div>
    </section>
  );
}

function Responses({ stage, view }: { stage: RoundStage; view: ResponsesView }) {
  const { t, lang, locale } = useI18n();
  const questions = INSTRUMENTS[stage].blocks.flatMap((b) => b.questions);
  const answerText = (q: (typeof questions)[number], v: unknown): string => {
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) return t("prog.noAnswer");
    if ((q.type === "single" || q.type === "multi") && "options" in q) {
      const label = (x: unknown) => q.options.find((o) => o.value === x)?.label[lang] ?? String(x);
      return Array.isArray(v) ? v.map(label).join(", ") : label(v);
    }
    if (q.type === "likert") return t("prog.likertValue", { value: String(v), scale: String(q.scale ?? 5) });
    if (q.type === "number" && "unit" in q && q.unit) return `${v} ${q.unit[lang]}`;
    return String(v);
  };
  return (
    <div className="responses">
      <h3>{t("prog.responsesTitle", { n: view.items.length })}</h3>
      {view.anonymous ? <p className="hint">{t("prog.anonymousNote")}</p> : null}
      {view.items.length === 0 ? <p>{t("prog.noResponses")}</p> : null}
      <ol className="response-list">
        {view.items.map((r, i) => (
          <li key={i} className="response">
            <h4>{view.anonymous ? t("prog.responseN", { n: i + 1 }) : `${r.name ?? ""}${r.orgName ? `, ${r.orgName}` : ""}`}</h4>
            {r.submittedAt ? <p className="hint">{t("prog.submittedAt", { time: formatDateTime(r.submittedAt, locale) })}</p> : null}
            <dl className="summary-list">
              {questions.map((q) => (
                <div key={q.id}>
                  <dt>{q.text[lang]}</dt>
                  <dd className="prewrap">{answerText(q, r.answers[q.id])}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </div>
  );
}
