import { useRef, useState, type FormEvent } from "react";
import type { Round, SizeClass } from "../../../../shared/schemas";
import { useI18n } from "../../i18n";
import { ApiError } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { Link, navigate } from "../../lib/router";
import { ErrorMessage, PageTitle } from "../../lib/ui";
import { ownerApi } from "./session";

/** "2026-03-01T08:00" (the browser's local time) -> "2026-03-01T08:00:00+01:00". */
export function localToIso(local: string): string {
  const d = new Date(local);
  if (!local || Number.isNaN(d.getTime())) return local;
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function defaults() {
  const opens = new Date();
  opens.setMinutes(0, 0, 0);
  opens.setHours(opens.getHours() + 1);
  const closes = new Date(opens);
  closes.setDate(closes.getDate() + 14);
  closes.setHours(17, 0, 0, 0);
  return { opensAt: toLocalInput(opens), closesAt: toLocalInput(closes) };
}

/** The size classes of shared/schemas/common.ts (listed here so that this chunk imports no zod at run time). */
const SIZE_CLASSES: readonly SizeClass[] = ["0-9", "10-49", "50-249", "250+"];

const splitList = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

type Errors = Record<string, string>;

/** The checks a person most often needs at once (the API repeats them with the shared schema). */
function quickCheck(body: { name: string; opensAt: string; closesAt: string; reminders: string[] }) {
  const issues: { path: string; message: string }[] = [];
  if (!body.name.trim()) issues.push({ path: "name", message: "error.required" });
  const opens = Date.parse(body.opensAt);
  const closes = Date.parse(body.closesAt);
  if (Number.isNaN(opens)) issues.push({ path: "opensAt", message: "error.datetime" });
  if (Number.isNaN(closes)) issues.push({ path: "closesAt", message: "error.datetime" });
  else if (!Number.isNaN(opens) && closes <= opens) issues.push({ path: "closesAt", message: "error.closesBeforeOpens" });
  body.reminders.forEach((r, i) => {
    const at = Date.parse(r);
    if (Number.isNaN(at)) issues.push({ path: `reminders.${i}`, message: "error.datetime" });
    else if (!(at > opens && at < closes)) issues.push({ path: `reminders.${i}`, message: "error.reminderOutsideWindow" });
  });
  return issues;
}

export function NewRoundPage() {
  const { t, tMessage, locale } = useI18n();
  const [name, setName] = useState("");
  const [times, setTimes] = useState(defaults);
  const [reminders, setReminders] = useState<string[]>([]);
  const [sni, setSni] = useState("");
  const [municipalities, setMunicipalities] = useState("");
  const [sizes, setSizes] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Round | null>(null);
  const [launching, setLaunching] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const addReminderRef = useRef<HTMLButtonElement>(null);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function request() {
    const recipients: Record<string, string[]> = {};
    if (splitList(sni).length) recipients.sniDivisions = splitList(sni);
    if (splitList(municipalities).length) recipients.municipalities = splitList(municipalities);
    if (sizes.length) recipients.sizeClasses = sizes;
    return {
      name,
      opensAt: localToIso(times.opensAt),
      closesAt: localToIso(times.closesAt),
      reminders: reminders.filter(Boolean).map(localToIso),
      recipients,
    };
  }

  /** Field errors from the shared schema (or the API's issues), keyed by the input they belong to. */
  function toErrors(issues: { path: string; message: string }[]): Errors {
    const out: Errors = {};
    for (const issue of issues) {
      const [head, second, third] = issue.path.split(".");
      let key = head;
      if (head === "reminders") key = second !== undefined && /^\d+$/.test(second) ? `reminders.${second}` : "reminders";
      if (head === "recipients") key = second === "sniDivisions" ? "sni" : second === "municipalities" ? "municipalities" : "sizes";
      void third;
      out[key] ??= tMessage(issue.message);
    }
    return out;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const body = request();
    // The API validates with CreateRoundRequest (shared/schemas/round.ts) and answers 400 with
    // issues in the same shape; checking here too would put zod's date and pipe code into the
    // participant route's entry chunk, which shares zod with this chunk.
    const local = quickCheck(body);
    if (local.length) {
      setErrors(toErrors(local));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const round = await ownerApi<Round>("/api/rounds", { method: "POST", body });
      setCreated(round);
      requestAnimationFrame(() => createdRef.current?.focus());
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length) {
        setErrors(toErrors(e.issues));
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function launch() {
    if (!created) return;
    setError(null);
    setLaunching(true);
    try {
      await ownerApi<Round>(`/api/rounds/${encodeURIComponent(created.id)}/launch`, { method: "POST" });
      navigate(`/owner/rounds/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(e);
      setLaunching(false);
    }
  }

  if (created)
    return (
      <div className="page narrow">
        <PageTitle>{t("newRound.title")}</PageTitle>
        <div className="panel panel-success" ref={createdRef} tabIndex={-1}>
          <h2>{t("newRound.created", { name: created.name })}</h2>
          <dl className="details">
            <div>
              <dt>{t("round.opensAt")}</dt>
              <dd>{formatDateTime(created.opensAt, locale)}</dd>
            </div>
            <div>
              <dt>{t("round.closesAt")}</dt>
              <dd>{formatDateTime(created.closesAt, locale)}</dd>
            </div>
            <div>
              <dt>{t("round.reminders")}</dt>
              <dd>{created.reminders.length ? created.reminders.map((r) => formatDateTime(r, locale)).join(", ") : "–"}</dd>
            </div>
          </dl>
          <p>{t("newRound.launchIntro")}</p>
          {error ? <ErrorMessage error={error} /> : null}
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={launch} disabled={launching}>
              {t("newRound.launch")}
            </button>
            <Link href={`/owner/rounds/${encodeURIComponent(created.id)}`} className="button button-secondary">
              {t("newRound.toRound")}
            </Link>
          </div>
        </div>
      </div>
    );

  const errorEntries = Object.entries(errors);
  const inputId = (key: string) => `round-${key.replace(".", "-")}`;
  const err = (key: string) =>
    errors[key] ? (
      <p className="field-error" id={`${inputId(key)}-error`}>
        <span className="visually-hidden">{t("common.errorPrefix")}</span>
        {errors[key]}
      </p>
    ) : null;
  const desc = (key: string, hint?: boolean) =>
    [hint ? `${inputId(key)}-hint` : "", errors[key] ? `${inputId(key)}-error` : ""].filter(Boolean).join(" ") || undefined;
  const labelFor = (key: string) =>
    key.startsWith("reminders.")
      ? t("newRound.reminder", { n: Number(key.split(".")[1]) + 1 })
      : (
          {
            name: t("newRound.name"),
            opensAt: t("newRound.opensAt"),
            closesAt: t("newRound.closesAt"),
            reminders: t("newRound.reminders"),
            sni: t("newRound.sniDivisions"),
            municipalities: t("newRound.municipalities"),
            sizes: t("newRound.sizeClasses"),
          } as Record<string, string>
        )[key] ?? key;

  return (
    <div className="page narrow">
      <PageTitle>{t("newRound.title")}</PageTitle>
      <p>{t("newRound.intro")}</p>
      {errorEntries.length ? (
        <div className="error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby="round-errors-title">
          <h2 id="round-errors-title">{t("form.errorSummaryTitle")}</h2>
          <ul>
            {errorEntries.map(([key, message]) => (
              <li key={key}>
                <a
                  href={`#${inputId(key)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(inputId(key))?.focus();
                  }}
                >
                  {labelFor(key)} – {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form noValidate onSubmit={submit}>
        <div className={errors.name ? "field has-error" : "field"}>
          <label htmlFor="round-name">{t("newRound.name")}</label>
          <p className="hint" id="round-name-hint">
            {t("newRound.nameHint")}
          </p>
          {err("name")}
          <input
            id="round-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={desc("name", true)}
          />
        </div>
        <div className="field-grid">
          {(["opensAt", "closesAt"] as const).map((key) => (
            <div className={errors[key] ? "field has-error" : "field"} key={key}>
              <label htmlFor={inputId(key)}>{t(key === "opensAt" ? "newRound.opensAt" : "newRound.closesAt")}</label>
              <p className="hint" id={`${inputId(key)}-hint`}>
                {t("newRound.timeHint", { zone })}
              </p>
              {err(key)}
              <input
                id={inputId(key)}
                type="datetime-local"
                className="input"
                value={times[key]}
                onChange={(e) => setTimes((v) => ({ ...v, [key]: e.target.value }))}
                aria-invalid={errors[key] ? true : undefined}
                aria-describedby={desc(key, true)}
              />
            </div>
          ))}
        </div>
        <fieldset className="group" id={inputId("reminders")} tabIndex={-1} aria-describedby={desc("reminders", true)}>
          <legend>{t("newRound.reminders")}</legend>
          <p className="hint" id={`${inputId("reminders")}-hint`}>
            {t("newRound.remindersHint")}
          </p>
          {err("reminders")}
          {reminders.map((value, i) => {
            const key = `reminders.${i}`;
            return (
              <div className={errors[key] ? "field reminder-row has-error" : "field reminder-row"} key={i}>
                <label htmlFor={inputId(key)}>{t("newRound.reminder", { n: i + 1 })}</label>
                {err(key)}
                <div className="inline-row">
                  <input
                    id={inputId(key)}
                    type="datetime-local"
                    className="input"
                    value={value}
                    onChange={(e) => setReminders((r) => r.map((x, j) => (j === i ? e.target.value : x)))}
                    aria-invalid={errors[key] ? true : undefined}
                    aria-describedby={desc(key)}
                  />
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      setReminders((r) => r.filter((_, j) => j !== i));
                      addReminderRef.current?.focus();
                    }}
                  >
                    {t("newRound.removeReminder", { n: i + 1 })}
                  </button>
                </div>
              </div>
            );
          })}
          {reminders.length < 5 ? (
            <button
              ref={addReminderRef}
              type="button"
              className="button button-secondary"
              onClick={() => {
                const d = new Date(times.opensAt);
                d.setDate(d.getDate() + 7 * (reminders.length + 1));
                setReminders((r) => [...r, Number.isNaN(d.getTime()) ? "" : toLocalInput(d)]);
                requestAnimationFrame(() => document.getElementById(inputId(`reminders.${reminders.length}`))?.focus());
              }}
            >
              {t("newRound.addReminder")}
            </button>
          ) : null}
        </fieldset>
        <fieldset className="group">
          <legend>{t("newRound.recipients")}</legend>
          <p className="hint">{t("newRound.recipientsHint")}</p>
          <div className={errors.sni ? "field has-error" : "field"}>
            <label htmlFor={inputId("sni")}>{t("newRound.sniDivisions")}</label>
            <p className="hint" id={`${inputId("sni")}-hint`}>
              {t("newRound.sniDivisionsHint")}
            </p>
            {err("sni")}
            <input
              id={inputId("sni")}
              className="input"
              inputMode="numeric"
              value={sni}
              onChange={(e) => setSni(e.target.value)}
              aria-invalid={errors.sni ? true : undefined}
              aria-describedby={desc("sni", true)}
            />
          </div>
          <div className={errors.municipalities ? "field has-error" : "field"}>
            <label htmlFor={inputId("municipalities")}>{t("newRound.municipalities")}</label>
            <p className="hint" id={`${inputId("municipalities")}-hint`}>
              {t("newRound.municipalitiesHint")}
            </p>
            {err("municipalities")}
            <input
              id={inputId("municipalities")}
              className="input"
              inputMode="numeric"
              value={municipalities}
              onChange={(e) => setMunicipalities(e.target.value)}
              aria-invalid={errors.municipalities ? true : undefined}
              aria-describedby={desc("municipalities", true)}
            />
          </div>
          <fieldset className="group group-nested" aria-describedby={errors.sizes ? `${inputId("sizes")}-error` : undefined}>
            <legend>{t("newRound.sizeClasses")}</legend>
            {err("sizes")}
            <div className="choices choices-inline">
              {SIZE_CLASSES.map((s, i) => (
                <div className="choice choice-checkbox" key={s}>
                  <input
                    id={i === 0 ? inputId("sizes") : `${inputId("sizes")}-${i}`}
                    type="checkbox"
                    checked={sizes.includes(s)}
                    onChange={(e) => setSizes((v) => (e.target.checked ? [...v, s] : v.filter((x) => x !== s)))}
                  />
                  <label htmlFor={i === 0 ? inputId("sizes") : `${inputId("sizes")}-${i}`}>{s}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </fieldset>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("newRound.submit")}
        </button>
      </form>
    </div>
  );
}
