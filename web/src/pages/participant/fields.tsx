import { get, useController, useFormContext, useFormState, useWatch } from "react-hook-form";
import type { ReactNode } from "react";
import type { LocalText, Question } from "../../../../shared/schemas";
import { isMessageKey, useI18n } from "../../i18n";
import { fieldId, noneLevel, toNumber } from "./answers";
import { Occupations } from "./Occupations";

export type ErrorContext = { min?: number; max?: number; maxLength?: number; numeric?: boolean; ssyk?: boolean };

/** Translates a schema message key for a field, with the field's limits where they help. */
export function useFieldErrorText() {
  const { t, tMessage } = useI18n();
  return (message: string | undefined, ctx: ErrorContext = {}): string => {
    if (!message) return "";
    if (message === "error.min" && ctx.min !== undefined) return t("error.minValue", { min: ctx.min });
    if ((message === "error.max" || message === "error.tooLong") && ctx.maxLength !== undefined) return t("form.textMax", { max: ctx.maxLength });
    if (message === "error.max" && ctx.max !== undefined) return t("error.maxValue", { max: ctx.max });
    if ((message === "error.type" || !isMessageKey(message)) && ctx.numeric) return t("error.number");
    if (message === "error.duplicate" && ctx.ssyk) return t("error.ssyk.duplicate");
    return tMessage(message);
  };
}

export function useLocal() {
  const { lang } = useI18n();
  return (text: LocalText | undefined) => (text ? text[lang] : "");
}

export function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">{t("common.errorPrefix")}</span>
      {children}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(" ");
  return s || undefined;
}

function OptionalMark({ required }: { required?: boolean }) {
  const { t } = useI18n();
  return required ? null : <span className="optional"> {t("common.optional")}</span>;
}

type ChoiceOption = { value: string; label: ReactNode };

/**
 * A group of radios (or, with `multi`, checkboxes holding a list) in a fieldset with a legend.
 * The first input carries the field's id, so an error summary link lands on it.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: ChoiceOption[];
  inline?: boolean;
  numeric?: boolean;
  multi?: boolean;
  required?: boolean;
  className?: string;
}) {
  const { name, legend, hint, options, inline, numeric, multi, required, className } = props;
  const { field, fieldState } = useController({ name });
  const errorText = useFieldErrorText();
  const id = fieldId(name);
  const message = errorText(fieldState.error?.message, { numeric });
  const selected: string[] = multi ? (Array.isArray(field.value) ? field.value : []) : field.value == null ? [] : [String(field.value)];
  return (
    <fieldset
      className={["group", className, message && "has-error"].filter(Boolean).join(" ")}
      aria-describedby={describedBy(hint ? `${id}-hint` : false, message ? `${id}-error` : false)}
    >
      <legend>
        {legend}
        <OptionalMark required={required} />
      </legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {message ? <ErrorText id={`${id}-error`}>{message}</ErrorText> : null}
      <div className={inline ? "choices choices-inline" : "choices"}>
        {options.map((o, i) => {
          const oid = i === 0 ? id : `${id}-${i}`;
          const checked = selected.includes(o.value);
          return (
            <div className="choice" key={o.value}>
              <input
                type={multi ? "checkbox" : "radio"}
                id={oid}
                name={name}
                value={o.value}
                checked={checked}
                onChange={() =>
                  field.onChange(
                    multi ? (checked ? selected.filter((v) => v !== o.value) : [...selected, o.value]) : numeric ? Number(o.value) : o.value,
                  )
                }
                onBlur={field.onBlur}
                ref={i === 0 ? field.ref : undefined}
                aria-invalid={message ? true : undefined}
              />
              <label htmlFor={oid}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A whole-number input (text with a numeric keypad, which reads better than type=number). */
export function NumberField(props: { name: string; label: ReactNode; hint?: ReactNode; min?: number; max?: number; required?: boolean; unit?: string; className?: string }) {
  const { name, label, hint, min, max, required, unit, className } = props;
  const { register } = useFormContext();
  const { errors } = useFormState({ name });
  const errorText = useFieldErrorText();
  const id = fieldId(name);
  const message = errorText(get(errors, name)?.message, { min, max, numeric: true });
  return (
    <div className={["field", className, message && "has-error"].filter(Boolean).join(" ")}>
      <label htmlFor={id}>
        {label}
        <OptionalMark required={required} />
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {message ? <ErrorText id={`${id}-error`}>{message}</ErrorText> : null}
      <div className="input-with-unit">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className="input input-number"
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(hint ? `${id}-hint` : false, message ? `${id}-error` : false)}
          {...register(name, { setValueAs: toNumber })}
        />
        {unit ? <span className="unit">{unit}</span> : null}
      </div>
    </div>
  );
}

export function SelectField(props: { name: string; label: ReactNode; options: ChoiceOption[] & { label: string }[]; required?: boolean }) {
  const { name, label, options, required } = props;
  const { register } = useFormContext();
  const { errors } = useFormState({ name });
  const errorText = useFieldErrorText();
  const { t } = useI18n();
  const id = fieldId(name);
  const message = errorText(get(errors, name)?.message);
  return (
    <div className={["field", message && "has-error"].filter(Boolean).join(" ")}>
      <label htmlFor={id}>
        {label}
        <OptionalMark required={required} />
      </label>
      {message ? <ErrorText id={`${id}-error`}>{message}</ErrorText> : null}
      <select
        id={id}
        className="input input-select"
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        {...register(name)}
      >
        <option value="">{t("common.select")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextField({ name, label, hint, maxLength, required }: { name: string; label: ReactNode; hint?: ReactNode; maxLength: number; required?: boolean }) {
  const { register } = useFormContext();
  const { errors } = useFormState({ name });
  const value = useWatch({ name }) as string | undefined;
  const errorText = useFieldErrorText();
  const { t } = useI18n();
  const id = fieldId(name);
  const message = errorText(get(errors, name)?.message, { maxLength });
  const count = value?.length ?? 0;
  return (
    <div className={["field", "question", message && "has-error"].filter(Boolean).join(" ")}>
      <label htmlFor={id} className="question-label">
        {label}
        <OptionalMark required={required} />
      </label>
      <p className="hint" id={`${id}-hint`}>
        {hint ? <>{hint} </> : null}
        {t("form.textMax", { max: maxLength })}
      </p>
      {message ? <ErrorText id={`${id}-error`}>{message}</ErrorText> : null}
      <textarea
        id={id}
        rows={5}
        className="input input-textarea"
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, message ? `${id}-error` : false)}
        {...register(name)}
      />
      <p className={count > maxLength ? "char-count char-count-over" : "char-count"} aria-hidden="true">
        {t("form.textCount", { count, max: maxLength })}
      </p>
    </div>
  );
}

type MatrixQuestion = Extract<Question, { type: "needMatrix" }>;

function MatrixCell({ q, area, horizon }: { q: MatrixQuestion; area: ChoiceOption & { text: string }; horizon: ChoiceOption & { text: string } }) {
  const { t } = useI18n();
  const local = useLocal();
  const base = `${q.id}.${area.value}.${horizon.value}`;
  const level = useWatch({ name: `${base}.level` }) as string | undefined;
  const none = noneLevel(q);
  const context = <span className="visually-hidden">{t("matrix.cell", { area: area.text, horizon: horizon.text })} – </span>;
  return (
    <div className="matrix-cell">
      <ChoiceGroup
        name={`${base}.level`}
        required
        className="matrix-level"
        legend={
          <>
            <span className="visually-hidden">{area.text}, </span>
            <span className="matrix-horizon">{horizon.text}</span>
            <span className="matrix-question">{t("matrix.level")}</span>
          </>
        }
        options={q.levels.map((o) => ({ value: o.value, label: local(o.label) }))}
        inline
      />
      {level && level !== none ? (
        <div className="matrix-followup">
          <ChoiceGroup
            name={`${base}.method`}
            required
            legend={
              <>
                {context}
                {t("matrix.method")}
              </>
            }
            options={q.methods.map((o) => ({ value: o.value, label: local(o.label) }))}
            inline
          />
          <NumberField
            name={`${base}.people`}
            required
            min={0}
            label={
              <>
                {context}
                {t("matrix.people")}
              </>
            }
            className="field-short"
          />
        </div>
      ) : null}
    </div>
  );
}

function NeedMatrix({ q }: { q: MatrixQuestion }) {
  const local = useLocal();
  const { errors } = useFormState({ name: q.id });
  const errorText = useFieldErrorText();
  const own = get(errors, q.id) as { message?: string; root?: { message?: string } } | undefined;
  const message = errorText(own?.message ?? own?.root?.message);
  const id = fieldId(q.id);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={["question", "matrix", message && "has-error"].filter(Boolean).join(" ")}
      aria-describedby={message ? `${id}-error` : undefined}
    >
      <legend className="question-label">
        {local(q.text)}
        <OptionalMark required={q.required} />
      </legend>
      {q.help ? <p className="hint">{local(q.help)}</p> : null}
      {message ? <ErrorText id={`${id}-error`}>{message}</ErrorText> : null}
      {q.areas.map((a) => {
        const area = { value: a.value, label: local(a.label), text: local(a.label) };
        return (
          <fieldset className="matrix-area" key={a.value}>
            <legend>{area.text}</legend>
            {q.horizons.map((h) => (
              <MatrixCell key={h.value} q={q} area={area} horizon={{ value: h.value, label: local(h.label), text: local(h.label) }} />
            ))}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

/** One question of an instrument, rendered by its type. */
export function QuestionField({ q }: { q: Question }) {
  const local = useLocal();
  const { t } = useI18n();
  const help = q.help ? local(q.help) : undefined;
  switch (q.type) {
    case "likert":
      return (
        <ChoiceGroup
          name={q.id}
          className="question likert"
          legend={<span className="question-label">{local(q.text)}</span>}
          hint={help}
          required={q.required}
          numeric
          inline
          options={Array.from({ length: q.scale }, (_, i) => {
            const n = i + 1;
            const anchor = n === 1 ? local(q.minLabel) : n === q.scale ? local(q.maxLabel) : "";
            return {
              value: String(n),
              label: (
                <>
                  <span className="likert-number">{n}</span>
                  {anchor ? <span className="likert-anchor">{anchor}</span> : null}
                </>
              ),
            };
          })}
        />
      );
    case "single":
      return (
        <ChoiceGroup
          name={q.id}
          className="question"
          legend={<span className="question-label">{local(q.text)}</span>}
          hint={help}
          required={q.required}
          options={q.options.map((o) => ({ value: o.value, label: local(o.label) }))}
        />
      );
    case "multi":
      return (
        <ChoiceGroup
          multi
          className="question"
          name={q.id}
          legend={<span className="question-label">{local(q.text)}</span>}
          hint={help}
          required={q.required}
          options={q.options.map((o) => ({ value: o.value, label: local(o.label) }))}
        />
      );
    case "number":
      return (
        <NumberField
          name={q.id}
          className="question"
          label={<span className="question-label">{local(q.text)}</span>}
          hint={
            <>
              {help ? <>{help} </> : null}
              {t("form.numberRange", { min: q.min, max: q.max })}
            </>
          }
          min={q.min}
          max={q.max}
          unit={q.unit ? local(q.unit) : undefined}
          required={q.required}
        />
      );
    case "text":
      return <TextField name={q.id} label={local(q.text)} hint={help} maxLength={q.maxLength} required={q.required} />;
    case "needMatrix":
      return <NeedMatrix q={q} />;
    case "occupations":
      return <Occupations q={q} />;
    default:
      return null;
  }
}
