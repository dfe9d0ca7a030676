import { get, useController, useFormContext, useFormState, useWatch } from "react-hook-form";
import { type ReactNode } from "react";
import type { LocalText } from "../../../../shared/schemas";
import { isMessageKey, useI18n } from "../../i18n";
import { Field, FieldMessages } from "../../components/Field";
import { fieldId, toNumber } from "./answers";

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

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(" ");
  return s || undefined;
}

export function OptionalMark({ required }: { required?: boolean }) {
  const { t } = useI18n();
  return required ? null : <span className="optional"> {t("common.optional")}</span>;
}

export type ChoiceOption = { value: string; label: ReactNode };

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
      <FieldMessages id={id} hint={hint} error={message} />
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
  const message = errorText(get<unknown, { message?: string } | undefined>(errors, name)?.message, { min, max, numeric: true });
  return (
    <Field id={id} label={label} hint={hint} error={message} optional={!required} className={className}>
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
    </Field>
  );
}

export function TextField({ name, label, hint, maxLength, required }: { name: string; label: ReactNode; hint?: ReactNode; maxLength: number; required?: boolean }) {
  const { register } = useFormContext();
  const { errors } = useFormState({ name });
  const value = useWatch({ name }) as string | undefined;
  const errorText = useFieldErrorText();
  const { t } = useI18n();
  const id = fieldId(name);
  const message = errorText(get<unknown, { message?: string } | undefined>(errors, name)?.message, { maxLength });
  const count = value?.length ?? 0;
  return (
    <Field
      id={id}
      label={label}
      labelClass="question-label"
      hint={
        <>
          {hint ? <>{hint} </> : null}
          {t("form.textMax", { max: maxLength })}
        </>
      }
      error={message}
      optional={!required}
      className="question"
    >
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
    </Field>
  );
}
