import { get, useFormState, useWatch } from "react-hook-form";
import type { Question } from "../../../../shared/schemas";
import { useI18n } from "../../i18n";
import { fieldId, noneLevel } from "./answers";
import { ChoiceGroup, NumberField, OptionalMark, useFieldErrorText, useLocal, type ChoiceOption } from "./controls";
import { ErrorText } from "../../components/ErrorText";

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

/** The need matrix: a chunk of its own, loaded by questions.tsx (lazyQuestion). */
export function NeedMatrix({ q }: { q: MatrixQuestion }) {
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

