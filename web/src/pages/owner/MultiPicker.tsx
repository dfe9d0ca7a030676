import { useMemo, useRef } from "react";
import { Combobox, type CodeEntry } from "../../components/Combobox";
import { useI18n } from "../../i18n";

export type Option = { code: string; label: string };

export const NO_OPTIONS: readonly Option[] = [];

/** A lookup list as the Combobox takes it. */
export const useEntries = (options: readonly Option[]): CodeEntry[] => useMemo(() => options.map((o) => [o.code, o.label] as const), [options]);

/** Several codes chosen with the Combobox (its multi mode), listed below it with a remove button each. */
export function MultiPicker({
  id,
  options,
  values,
  onChange,
  describedBy,
  invalid,
  removeLabel,
}: {
  id: string;
  options: Option[];
  values: string[];
  onChange: (values: string[]) => void;
  describedBy?: string;
  invalid?: boolean;
  removeLabel: (text: string) => string;
}) {
  const { t } = useI18n();
  const wrapper = useRef<HTMLDivElement>(null);
  const available = useMemo(() => options.filter((o) => !values.includes(o.code)).map((o) => [o.code, o.label] as const), [options, values]);
  const label = (code: string) => {
    const o = options.find((x) => x.code === code);
    return o ? `${o.code} ${o.label}` : code;
  };
  return (
    <div ref={wrapper}>
      <Combobox
        id={id}
        options={available}
        value=""
        clearOnSelect
        strict
        onChange={(code) => onChange([...values, code])}
        describedBy={describedBy}
        invalid={invalid}
        listLabel={t("picker.suggestions")}
      />
      {values.length ? (
        <ul className="chips">
          {values.map((code, i) => (
            <li key={code}>
              <span>{label(code)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={removeLabel(label(code))}
                onClick={() => {
                  onChange(values.filter((v) => v !== code));
                  // Keep the keyboard near: the next chip's button, else the picker.
                  requestAnimationFrame(() => {
                    const buttons = wrapper.current?.querySelectorAll<HTMLButtonElement>(".chip-remove");
                    (buttons?.[Math.min(i, (buttons?.length ?? 1) - 1)] ?? document.getElementById(id))?.focus();
                  });
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
