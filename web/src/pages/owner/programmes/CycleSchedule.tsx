import { useRef, useState, type FormEvent } from "react";
import type { CycleView, ProgrammeView } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { ErrorMessage } from "../../../lib/ui";
import { ownerApi } from "../session";
import { FieldErrorSummary, type FieldErrors } from "./common";
import { localToIso, toLocalInput } from "../../../lib/format";
import { Field } from "../../../components/Field";

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

export function ScheduleForm({ programme, cycle, onSaved }: { programme: ProgrammeView; cycle: CycleView; onSaved: () => Promise<void> }) {
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
      <FieldErrorSummary errors={errors} labels={labelOf} idOf={idOf} summaryRef={summaryRef} />
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
            <Field
              key={f.key}
              id={id}
              className={f.kind === "text" ? "field-wide" : undefined}
              label={
                <>
                  {t(f.label)} {f.optional ? <span className="optional">{t("prog.optional")}</span> : null}
                </>
              }
              hint={f.hint ? t(f.hint) : undefined}
              error={errors[f.key]}
            >
              {f.kind === "text" ? (
                <textarea {...common} className="input input-textarea" rows={3} maxLength={2000} lang={f.key === "textEn" ? "en" : "sv"} />
              ) : f.kind === "number" ? (
                <input {...common} className="input input-number" inputMode="numeric" />
              ) : (
                <input {...common} type="datetime-local" className="input" />
              )}
            </Field>
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

export function ScheduleDetails({ cycle }: { cycle: CycleView }) {
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
