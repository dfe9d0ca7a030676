import { useRef, type ReactNode } from "react";
import { get, useController, useFieldArray, useFormContext, useFormState } from "react-hook-form";
import { CodePicker } from "../../components/CodePicker";
import { loadSsyk } from "../../lib/codelists";
import type { Question } from "../../../../shared/schemas";
import { useI18n } from "../../i18n";
import { fieldId } from "./answers";
import { ChoiceGroup, NumberField, useFieldErrorText, useLocal, type ChoiceOption } from "./controls";
import { ErrorText } from "../../components/ErrorText";
import { Field } from "../../components/Field";

type OccupationsQuestion = Extract<Question, { type: "occupations" }>;
/** The SSYK code picker of one row; the list with labels (about 5 KB gzipped) loads on first focus. */
function SsykField({ name }: { name: string }) {
  const { t } = useI18n();
  const { field, fieldState } = useController({ name });
  const errorText = useFieldErrorText();
  const message = errorText(fieldState.error?.message, { ssyk: true });
  return (
    <CodePicker
      id={fieldId(name)}
      name={name}
      className="field-ssyk"
      label={t("occ.ssyk")}
      hint={t("occ.ssykHint")}
      error={message || undefined}
      value={typeof field.value === "string" ? field.value : ""}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      load={loadSsyk}
    />
  );
}

function SelectField(props: { name: string; label: ReactNode; options: ChoiceOption[] & { label: string }[]; required?: boolean }) {
  const { name, label, options, required } = props;
  const { register } = useFormContext();
  const { errors } = useFormState({ name });
  const errorText = useFieldErrorText();
  const { t } = useI18n();
  const id = fieldId(name);
  const message = errorText(get<unknown, { message?: string } | undefined>(errors, name)?.message);
  return (
    <Field id={id} label={label} error={message} optional={!required}>
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
    </Field>
  );
}

const EMPTY_ROW = { ssyk: "", staffChange12m: "", educationLevel: "", difficulty: "" };
/** Version 2's selects start empty too, where the question asks them. */
const emptyRow = (q: OccupationsQuestion) => ({
  ...EMPTY_ROW,
  ...(q.staffChange3y && { staffChange3y: "" }),
  ...(q.educationField && { educationField: "" }),
  ...(q.experience && { experience: "" }),
});

export function Occupations({ q }: { q: OccupationsQuestion }) {
  const { t } = useI18n();
  const local = useLocal();
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: q.id });
  const { errors } = useFormState({ name: q.id });
  const errorText = useFieldErrorText();
  const addRef = useRef<HTMLButtonElement>(null);
  const id = fieldId(q.id);
  const own = get(errors, q.id) as { message?: string; root?: { message?: string } } | undefined;
  const message = errorText(own?.message ?? own?.root?.message);
  const full = fields.length >= q.maxRows;
  const opts = (o: { value: string; label: { sv: string; en: string } }[]) => o.map((x) => ({ value: x.value, label: local(x.label) }));

  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={["question", "occupations", message && "has-error"].filter(Boolean).join(" ")}
      aria-describedby={[q.help ? `${id}-hint` : "", message ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
    >
      <legend className="question-label">{local(q.text)}</legend>
      {q.help ? (
        <p className="hint" id={`${id}-hint`}>
          {local(q.help)}
        </p>
      ) : null}
      {message ? <ErrorText id={`${id}-error`}>{message}</ErrorText> : null}
      {fields.length === 0 ? <p className="empty">{t("occ.empty")}</p> : null}
      <ol className="occ-rows">
        {fields.map((f, i) => {
          const base = `${q.id}.${i}`;
          return (
            <li key={f.id}>
              <fieldset className="occ-row">
                <legend>{t("occ.row", { n: i + 1 })}</legend>
                <SsykField name={`${base}.ssyk`} />
                <div className="field-grid">
                  <NumberField name={`${base}.hires12m`} label={t("occ.hires12m")} min={0} required />
                  <NumberField name={`${base}.hires1to3y`} label={t("occ.hires1to3y")} min={0} required />
                </div>
                <SelectField name={`${base}.staffChange12m`} label={t("occ.staffChange12m")} options={opts(q.staffChanges)} required />
                {q.staffChange3y ? <SelectField name={`${base}.staffChange3y`} label={local(q.staffChange3y.label)} options={opts(q.staffChanges)} required /> : null}
                <SelectField name={`${base}.educationLevel`} label={t("occ.educationLevel")} options={opts(q.educationLevels)} required />
                {q.educationField ? <SelectField name={`${base}.educationField`} label={local(q.educationField.label)} options={opts(q.educationField.options)} required /> : null}
                {q.experience ? <SelectField name={`${base}.experience`} label={local(q.experience.label)} options={opts(q.experience.options)} required /> : null}
                {q.certificates ? <ChoiceGroup multi name={`${base}.certificates`} legend={local(q.certificates.label)} options={opts(q.certificates.options)} /> : null}
                <SelectField name={`${base}.difficulty`} label={t("occ.difficulty")} options={opts(q.difficulties)} required />
                <div className="field-grid">
                  <NumberField name={`${base}.sought12m`} label={t("occ.sought12m")} min={0} required />
                  <NumberField name={`${base}.hired12m`} label={t("occ.hired12m")} min={0} required />
                </div>
                {q.retirements1to3y ? <NumberField name={`${base}.retirements1to3y`} label={local(q.retirements1to3y.label)} min={0} required /> : null}
                {q.workforce ? (
                  <fieldset className="group">
                    <legend>{local(q.workforce.label)}</legend>
                    <div className="field-grid">
                      <NumberField name={`${base}.women`} label={local(q.workforce.women)} min={0} required />
                      <NumberField name={`${base}.men`} label={local(q.workforce.men)} min={0} required />
                    </div>
                  </fieldset>
                ) : null}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => {
                    remove(i);
                    addRef.current?.focus();
                  }}
                >
                  {t("occ.remove", { n: i + 1 })}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        ref={addRef}
        type="button"
        className="button button-secondary"
        aria-disabled={full ? true : undefined}
        aria-describedby={full ? `${id}-max` : undefined}
        onClick={() => {
          if (full) return;
          append(emptyRow(q), { focusName: `${q.id}.${fields.length}.ssyk` });
        }}
      >
        {t("occ.add")}
      </button>
      {full ? (
        <p className="hint" id={`${id}-max`}>
          {t("occ.maxRows", { max: q.maxRows })}
        </p>
      ) : null}
    </fieldset>
  );
}
