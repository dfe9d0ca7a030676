import { useRef, type Dispatch, type SetStateAction } from "react";
import { useI18n } from "../../../i18n";
import { toLocalInput } from "../../../lib/format";
import type { Errors } from "./new-round-form";
import { Field, FieldMessages } from "../../../components/Field";

/**
 * The new round's reminders: up to five times, each proposed a week after the previous one.
 * Removing one puts the focus on "add"; adding one puts it on the new time.
 */
export function RemindersField(props: {
  reminders: string[];
  setReminders: Dispatch<SetStateAction<string[]>>;
  opensAt: string;
  errors: Errors;
  inputId: (key: string) => string;
  desc: (key: string, hint?: boolean) => string | undefined;
}) {
  const { reminders, setReminders, opensAt, errors, inputId, desc } = props;
  const { t } = useI18n();
  const addReminderRef = useRef<HTMLButtonElement>(null);
  return (
    <fieldset className="group" id={inputId("reminders")} tabIndex={-1} aria-describedby={desc("reminders", true)}>
      <legend>{t("newRound.reminders")}</legend>
      <FieldMessages id={inputId("reminders")} hint={t("newRound.remindersHint")} error={errors.reminders} />
      {reminders.map((value, i) => {
        const key = `reminders.${i}`;
        return (
          <Field key={i} id={inputId(key)} label={t("newRound.reminder", { n: i + 1 })} error={errors[key]} className="reminder-row">
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
          </Field>
        );
      })}
      {reminders.length < 5 ? (
        <button
          ref={addReminderRef}
          type="button"
          className="button button-secondary"
          onClick={() => {
            const d = new Date(opensAt);
            d.setDate(d.getDate() + 7 * (reminders.length + 1));
            setReminders((r) => [...r, Number.isNaN(d.getTime()) ? "" : toLocalInput(d)]);
            requestAnimationFrame(() => document.getElementById(inputId(`reminders.${reminders.length}`))?.focus());
          }}
        >
          {t("newRound.addReminder")}
        </button>
      ) : null}
    </fieldset>
  );
}
